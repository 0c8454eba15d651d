"""cslib — customer-service competency and training analytics.

Modules (each one job):

Foundation
* :mod:`cslib.errors`      the located :class:`InputError`
* :mod:`cslib.io`          CSV/XLSX readers as text, pandera validation, atomic writes
* :mod:`cslib.framework`   competency hierarchy (ids, parents, bilingual names, combination)
* :mod:`cslib.paths`       project root and parameter paths
* :mod:`cslib.i18n`        Chinese/English labels and phrase tables
* :mod:`cslib.fonts`       a CJK font for matplotlib on a fresh machine
* :mod:`cslib.report`      table styling and recorded values for notebook regression tests
* :mod:`cslib.runner`      papermill execution, HTML export, report index (CLI in ``__main__``)

Delphi weights (notebook 01)
* :mod:`cslib.delphi_io`, :mod:`cslib.delphi`, :mod:`cslib.weights`,
  :mod:`cslib.delphi_feedback`, :mod:`cslib.delphi_summary`, :mod:`cslib.plots`,
  :mod:`cslib.integrity` (published weight tables)

Consistency checks (notebook 02)
* :mod:`cslib.ahp`, :mod:`cslib.ahp_io`, :mod:`cslib.agreement` (Kendall's W, ICC, kappas,
  alphas), :mod:`cslib.qa_io`, :mod:`cslib.scheme_check`, :mod:`cslib.consistency`,
  :mod:`cslib.plots_consistency`

Micro-course effectiveness (notebook 03)
* :mod:`cslib.effectiveness_io`, :mod:`cslib.effectiveness`, :mod:`cslib.did`,
  :mod:`cslib.effectiveness_report`, :mod:`cslib.plots_effectiveness`

Training needs (notebook 04)
* :mod:`cslib.assessment`, :mod:`cslib.needs`, :mod:`cslib.plots_needs`
"""

from cslib.errors import InputError

__all__ = ["InputError"]
__version__ = "0.1.0"
