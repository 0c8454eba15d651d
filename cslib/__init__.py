"""cslib — customer-service competency and training analytics.

Modules (each one job):

* :mod:`cslib.framework`  competency hierarchy (ids, parents, bilingual names)
* :mod:`cslib.io`         readers for CSV/XLSX with clear, located errors
* :mod:`cslib.delphi`     Delphi round statistics, screening, round comparison, feedback sheets
* :mod:`cslib.weights`    indicator weights, hierarchical combination, bootstrap CIs
* :mod:`cslib.ahp`        pairwise matrices, priorities, consistency
* :mod:`cslib.agreement`  Kendall's W and rater-agreement statistics
* :mod:`cslib.integrity`  checks of published weight tables and scoring schemes
* :mod:`cslib.plots`      matplotlib figures with CJK fonts
* :mod:`cslib.runner`     papermill execution, HTML export, CLI
"""

from cslib.errors import InputError

__all__ = ["InputError"]
__version__ = "0.1.0"
