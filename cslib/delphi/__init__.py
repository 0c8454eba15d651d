"""Notebook 01 — Delphi weight derivation, and ``cslib collect`` for the returned rounds.

The package has the four rooms of every analysis package; each module belongs to one:

* **io** — :mod:`~cslib.delphi.io` (ratings and expert profiles), with
  :mod:`~cslib.delphi.relevance` (relevance ratings), :mod:`~cslib.delphi.responses`
  (collected reasons and returns), :mod:`~cslib.delphi.feedback` (the next round's
  questionnaire workbooks and their answers), :mod:`~cslib.delphi.stamp` (the
  questionnaires' hidden check sheet) and :mod:`~cslib.delphi.collect` (``cslib collect``);
* **analysis** — :mod:`~cslib.delphi.analysis` (index), with
  :mod:`~cslib.delphi.statistics` (panel, item and round statistics) and
  :mod:`~cslib.delphi.weights` (weights and bootstrap intervals);
* **phrases** — :mod:`~cslib.delphi.phrases`, the package's one ``PHRASES`` table;
* **report** — :mod:`~cslib.delphi.report` (the summary box), :mod:`~cslib.delphi.figures`,
  :mod:`~cslib.delphi.methods` (methods paragraph and coverage appendix),
  :mod:`~cslib.delphi.checklist` (CREDES/ACCORD checklist) and
  :mod:`~cslib.delphi.table_check` (published weight-table check).
"""
