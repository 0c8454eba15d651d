"""Notebook 04 — training needs: 360° assessment, gaps, needs ranking, course
recommendations and the training plan.

The package has the four rooms of every analysis package; each module belongs to one:

* **io** — :mod:`~cslib.needs.io` (target profiles, course catalogue);
  :mod:`~cslib.needs.assessment` holds the 360° ratings reader next to the source
  combination it validates for;
* **analysis** — :mod:`~cslib.needs.analysis` (gaps, needs ranking, weight-source
  comparison, course recommendation, pseudonyms), :mod:`~cslib.needs.assessment` (source
  combination, composite scores and levels), :mod:`~cslib.needs.choice` (which courses each
  unit takes), :mod:`~cslib.needs.plan` (the training plan and its workbook) and
  :mod:`~cslib.needs.roster` (the scheduler's roster with real ids, kept private);
* **phrases** — :mod:`~cslib.needs.phrases`, the package's one ``PHRASES`` table;
* **report** — :mod:`~cslib.needs.report` (summary box, tables, radar rows),
  :mod:`~cslib.needs.figures` and :mod:`~cslib.needs.methods` (methods paragraph).
"""
