"""Kirkpatrick–Phillips level 5, step 1: the fully loaded costs of a course (analysis room).

Every item of the costs file (:mod:`cslib.roi.io`) is charged for what the evaluation covers:
fixed totals (amortised over the course's deliveries where the file says so), per participant,
per participant-hour (time away from the phones at a loaded wage) and per delivery
(:func:`fully_loaded_costs`); :func:`attendance` counts the participants and hours from the
sessions file.

References
----------
Phillips, J. J. & Phillips, P. P. (2016). Handbook of Training Evaluation and Measurement
    Methods, 4th ed. Routledge.  (Cost categories, fully loaded costs.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cslib.core.errors import InputError
from cslib.roi.io import CostItems


@dataclass(frozen=True)
class CourseCosts:
    """Fully loaded costs of one course.

    ``table``: one row per item, ``category, item, basis, amount, amortise_over, quantity``
    (what ``amount`` is multiplied by), ``charged`` and ``share`` of the total; ``total``;
    the counts the charges used (``participants``, ``hours`` per participant,
    ``deliveries``).
    """

    course_id: str
    table: pd.DataFrame
    total: float
    participants: int
    hours: float
    deliveries: int


def fully_loaded_costs(
    items: CostItems,
    course_id: str,
    *,
    participants: int,
    hours: float,
    deliveries: int,
) -> CourseCosts:
    """Charge every cost item of a course for this evaluation (see the module docstring).

    quantity = 1 for a fixed total (deliveries ÷ amortise_over, at most 1, when amortised),
    participants for ``per_participant``, participants × hours for ``per_participant_hour``
    and deliveries for ``per_delivery``; charged = amount × quantity.

    Raises
    ------
    InputError
        The costs file has no item for the course, no participants' time (the item most often
        forgotten: write it with amount 0 if it truly costs nothing), or a total of zero.

    Examples
    --------
    >>> import pandas as pd
    >>> from cslib.roi.io import CostItems
    >>> t = pd.DataFrame({"course_id": ["MC01"] * 3,
    ...     "category": ["development", "participant_time", "delivery"],
    ...     "item": ["script", "wage", "trainer"],
    ...     "basis": ["fixed", "per_participant_hour", "per_delivery"],
    ...     "amount": [6000.0, 60.0, 300.0], "amortise_over": [12.0, float("nan"), float("nan")],
    ...     "row": [2, 3, 4]})
    >>> c = fully_loaded_costs(CostItems(t, "c.csv"), "MC01", participants=40, hours=1.0,
    ...                        deliveries=3)
    >>> c.table["charged"].tolist(), c.total  # 6000·3/12, 60·40·1, 300·3
    ([1500.0, 2400.0, 900.0], 4800.0)
    """
    rows = items.course(course_id)
    if rows.empty:
        raise InputError.single(
            items.source,
            f"expected the cost items of course {course_id}",
            column="course_id",
            found="none",
        )
    if not (rows["category"] == "participant_time").any():
        raise InputError.single(
            items.source,
            f"course {course_id} has no participants' time (category participant_time): fully "
            "loaded costs include the time away from the phones at a loaded wage (write it "
            "with amount 0 if it truly costs nothing)",
            column="category",
            found=", ".join(dict.fromkeys(rows["category"])),
        )
    for name, v in (("participants", participants), ("hours", hours), ("deliveries", deliveries)):
        if not (math.isfinite(float(v)) and v >= 0):
            raise InputError.single(None, "expected a number ≥ 0", column=name, found=v)
    over = rows["amortise_over"].to_numpy(dtype=float)
    quantity = np.select(
        [
            rows["basis"].eq("fixed").to_numpy() & np.isnan(over),
            rows["basis"].eq("fixed").to_numpy(),
            rows["basis"].eq("per_participant").to_numpy(),
            rows["basis"].eq("per_participant_hour").to_numpy(),
        ],
        [
            np.ones(len(rows)),
            np.minimum(1.0, deliveries / np.where(np.isnan(over), 1.0, over)),
            np.full(len(rows), float(participants)),
            np.full(len(rows), float(participants) * float(hours)),
        ],
        default=float(deliveries),
    )
    table = rows.drop(columns=["course_id"]).assign(quantity=quantity)
    table["charged"] = table["amount"] * table["quantity"]
    total = float(table["charged"].sum())
    if total <= 0:
        first = int(rows["row"].iloc[0])
        raise InputError.single(
            items.source,
            f"the fully loaded costs of course {course_id} add up to 0: a return on nothing "
            "spent is undefined",
            row=first,
            column="amount",
            found=0,
        )
    table["share"] = table["charged"] / total
    return CourseCosts(course_id, table, total, int(participants), float(hours), int(deliveries))


def attendance(sessions: pd.DataFrame, duration_min: Mapping[str, float]) -> pd.DataFrame:
    """Participants, deliveries and hours per course from the attendance file.

    participants = attendance rows of the course (every attendee's time is a cost, back office
    included); deliveries = distinct session dates; hours = catalogue duration ÷ 60.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"agent_id": ["a", "b", "c"], "course_id": ["MC01"] * 3,
    ...                   "date": pd.to_datetime(["2025-02-03", "2025-02-03", "2025-03-03"])})
    >>> attendance(s, {"MC01": 60}).values.tolist()
    [['MC01', 3, 2, 1.0]]
    """
    g = sessions.groupby("course_id", sort=True)
    out = pd.DataFrame(
        {
            "participants": g.size().astype(int),
            "deliveries": g["date"].nunique().astype(int),
        }
    ).reset_index()
    out["hours"] = out["course_id"].map(lambda c: float(duration_min[c]) / 60.0)
    return out[["course_id", "participants", "deliveries", "hours"]]


# ------------------------------------------------------------------------------ course ROI
