"""cslib — customer-service competency and training analytics.

Layers (each may import only the layers below it; ``make test`` checks this with import-linter):

* :mod:`cslib.cli` — the command line (``python -m cslib``); :mod:`cslib.templates` below it.
* analyses, one package per notebook, never importing each other:
  :mod:`cslib.delphi` (01), :mod:`cslib.consistency` (02), :mod:`cslib.effectiveness` (03),
  :mod:`cslib.needs` (04), :mod:`cslib.monitoring` (05).
* :mod:`cslib.reporting` — tables, recorded values, fonts, papermill runner, HTML export.
* :mod:`cslib.stats` — pure numerics (agreement, AHP, proportions, paired change, items,
  power, multiple testing, panel estimators).
* :mod:`cslib.core` — errors, file reading and writing, framework, weights, courses,
  findings, paths, bilingual text.

``docs/ARCHITECTURE.md`` has one line per module.
"""

from cslib.core.errors import InputError

__all__ = ["InputError"]
__version__ = "0.2.0.dev0"
