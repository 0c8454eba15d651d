"""Notebook 02 — consistency checks: AHP surveys, QA rater agreement, questionnaire
reliability and scoring-scheme integrity.

The package has the four rooms of every analysis package; each module belongs to one:

* **io** — :mod:`~cslib.consistency.io` (all readers), with :mod:`~cslib.consistency.ahp_io`
  (AHP surveys and matrices), :mod:`~cslib.consistency.qa_io` (QA form, calibration, item
  answers) and :mod:`~cslib.consistency.schemes` (scoring schemes and their integrity check);
* **analysis** — :mod:`~cslib.consistency.analysis` (QA agreement statistics, frozen
  :class:`~cslib.consistency.analysis.QASummary`) and :mod:`~cslib.consistency.ahp_survey`
  (AHP group analysis, synthesis, judgements to re-ask, sensitivity);
* **phrases** — :mod:`~cslib.consistency.phrases`, the package's one ``PHRASES`` table;
* **report** — :mod:`~cslib.consistency.report` (summary box and tables),
  :mod:`~cslib.consistency.conclusions` (plain-language sentences),
  :mod:`~cslib.consistency.figures` and :mod:`~cslib.consistency.methods` (methods paragraph).
"""
