"""Online-survey exports (问卷星 wjx.cn, 腾讯问卷) → the project's input files.

``export`` reads an export, ``mapping`` proposes/reads/checks the column mapping, ``convert``
turns answers into each notebook's long format under declared rules, ``importer`` writes the
files (``cslib import-survey``).  See ``docs/online_surveys.md``.
"""
