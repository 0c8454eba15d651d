"""Notebook 03 — micro-course effectiveness on Kirkpatrick levels 1–4, in four rooms:

* readers — :mod:`~cslib.effectiveness.io` (sessions, survey, tests, weekly panels) and
  :mod:`~cslib.effectiveness.calls` (call records aggregated to agent-week panels);
* analysis — :mod:`~cslib.effectiveness.analysis` (``analyse`` and one function per level),
  :mod:`~cslib.effectiveness.results` (the outcome registry and the frozen results),
  :mod:`~cslib.effectiveness.levels` (level 1/2 tables) and :mod:`~cslib.effectiveness.behaviour`
  (level 3/4 panels and estimates);
* phrases — :mod:`~cslib.effectiveness.phrases`, the package's one zh/en table ``PHRASES``;
* report — :mod:`~cslib.effectiveness.report` (summary box, texts, recorded numbers),
  :mod:`~cslib.effectiveness.verdicts` (wording of one estimate), :mod:`~cslib.effectiveness.tables`,
  :mod:`~cslib.effectiveness.figures` and :mod:`~cslib.effectiveness.methods`.
"""
