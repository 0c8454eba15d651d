"""The report run this process executes: its notebook and parameters, its error language.

A report notebook's first cell calls :func:`cslib.core.params.check_parameters`, which
calls :func:`start_run` with the notebook's stem and parameter values.  From then on

* errors are shown in the run's language (:func:`set_message_language`);
* :func:`current_run` tells code further down the notebook which run it serves, e.g. the
  summary's list of analyses not run (:mod:`cslib.reporting.notices`).

One kernel runs one notebook, so one record per process is enough.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cslib.core.errors import use_chinese
from cslib.core.i18n import choose

__all__ = ["RunContext", "start_run", "current_run", "set_message_language"]


def set_message_language(lang: str) -> bool:
    """Show errors in ``lang`` (Chinese for ``zh`` and ``zh+en``); returns whether they were
    Chinese before.  A language that is not one is left to the parameter check: English.

    Examples
    --------
    >>> from cslib.core.errors import InputError
    >>> before = set_message_language("zh+en")
    >>> print(InputError.single("r.csv", "duplicate column header", column="id"))
    r.csv：列“id”：表头重复（每列应有不同的列名）
    >>> _ = use_chinese(before)
    """
    try:
        chinese = choose(True, False, str(lang))
    except Exception:  # a bad language is reported by the parameter check
        chinese = False
    return use_chinese(chinese)


@dataclass(frozen=True)
class RunContext:
    """The notebook (``stem``) and the parameter values it runs with."""

    stem: str
    parameters: dict[str, Any] = field(default_factory=dict)


_CURRENT: list[RunContext] = []


def start_run(stem: str, parameters: Mapping[str, Any]) -> RunContext:
    """Note the run of notebook ``stem`` with ``parameters``; set the errors' language.

    Examples
    --------
    >>> start_run("01_delphi_weights", {"lang": "en"}).stem
    '01_delphi_weights'
    >>> current_run().parameters["lang"]
    'en'
    """
    context = RunContext(stem, dict(parameters))
    _CURRENT[:] = [context]
    lang = parameters.get("lang")
    if isinstance(lang, str):
        set_message_language(lang)
    return context


def current_run() -> RunContext | None:
    """The run noted by :func:`start_run`, or ``None`` outside a report run."""
    return _CURRENT[0] if _CURRENT else None
