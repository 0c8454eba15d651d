"""Notebook 05 — QA monitoring design: G and D studies of routine QA scores, next month's
differentiated monitoring plan, quarterly inspector rotation and inspector drift, in four rooms:

* readers — :mod:`~cslib.monitoring.io`;
* analysis — :mod:`~cslib.monitoring.analysis` (calls into :mod:`cslib.stats.gstudy` and
  :mod:`cslib.stats.rotation`, frozen results);
* phrases — :mod:`~cslib.monitoring.phrases`, the package's one zh/en table ``PHRASES``;
* report — :mod:`~cslib.monitoring.report` (summary box, figures, per-inspector workbooks) and
  :mod:`~cslib.monitoring.methods` (methods paragraph, formula appendix).
"""
