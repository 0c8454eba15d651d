"""The scheduler's roster: notebook 04's training plan with real agent ids, kept private.

The report and ``training_plan.xlsx`` show agents under keyed pseudonyms; whoever books agents
into courses needs their real ids.  :func:`write_scheduler_roster` writes the same plan with
the real ids into ``<output>/private/04_training_roster.xlsx`` (folder 0700, file 0600; see
:mod:`cslib.reporting.private`), and the report names the file and who should get it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from cslib.core.errors import InputError
from cslib.needs.plan import TrainingPlan
from cslib.reporting.private import private_dir, restrict

ROSTER_FILE = "04_training_roster.xlsx"


def real_id_plan(plan: TrainingPlan, pseudonyms: Mapping[str, str] | None) -> TrainingPlan:
    """``plan`` with every pseudonym replaced by the agent's real id.

    ``pseudonyms`` is the agent id → pseudonym mapping the plan was made with (``None``: the
    plan already shows real ids and is returned as it is).

    Raises
    ------
    InputError
        Two agents share a pseudonym (the plan cannot be turned back), or the plan names a
        pseudonym the mapping does not know.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = TrainingPlan(
    ...     pd.DataFrame({"team": ["T1"], "attendees": ["P1;P2"]}),
    ...     pd.DataFrame({"team": ["T1", "T1"], "course_id": ["M1", "M1"],
    ...                   "agent_id": ["P1", "P2"]}), True)
    >>> real = real_id_plan(plan, {"A0001": "P1", "A0002": "P2"})
    >>> real.plan["attendees"].tolist(), real.attendance["agent_id"].tolist(), real.pseudonymised
    (['A0001;A0002'], ['A0001', 'A0002'], False)
    """
    if pseudonyms is None or not plan.pseudonymised:
        return plan
    back: dict[str, str] = {}
    for agent, alias in pseudonyms.items():
        if alias in back:
            raise InputError.single(
                None,
                f"one pseudonym per agent (agents {back[alias]!r} and {agent!r} share it)",
                column="agent_id",
                found=alias,
            )
        back[alias] = agent

    def real(alias: str) -> str:
        if alias not in back:
            raise InputError.single(
                None, "a pseudonym of the plan's agents", column="agent_id", found=alias
            )
        return back[alias]

    table = plan.plan.copy()
    table["attendees"] = [
        ";".join(real(a) for a in str(text).split(";") if a) for text in table["attendees"]
    ]
    attendance = plan.attendance.copy()
    attendance["agent_id"] = [real(a) for a in attendance["agent_id"]]
    return replace(plan, plan=table, attendance=attendance, pseudonymised=False)


def write_scheduler_roster(
    plan: TrainingPlan,
    pseudonyms: Mapping[str, str] | None,
    output_dir: str | Path,
    *,
    lang: str = "zh",
) -> Path:
    """Write the plan with real agent ids to ``<output_dir>/private/04_training_roster.xlsx``.

    The folder is created with mode 0700 and the workbook gets mode 0600; the layout is that
    of :meth:`TrainingPlan.to_xlsx` (overview, every team, one sheet per team, attendees).
    """
    target = private_dir(output_dir) / ROSTER_FILE
    real_id_plan(plan, pseudonyms).to_xlsx(target, lang=lang)
    restrict([target])
    return target
