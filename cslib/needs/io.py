"""The readers of notebook 04 (the io room of :mod:`cslib.needs`).

Target profiles of each post and the course catalogue (restricted to lowest-level
indicators); the 360° ratings reader is :func:`cslib.needs.assessment.read_assessments`.
Every reader validates up front and raises a located :class:`cslib.core.errors.InputError`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cslib.core import courses as effectiveness_io
from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.io import read_table, source_of, validate


# ----------------------------------------------------------------------------- targets
def read_target_profiles(
    path: str | Path, framework: Framework, *, scale: tuple[int, int] = (1, 5)
) -> pd.DataFrame:
    """Read target profiles ``post, indicator_id, target``.

    Returns
    -------
    DataFrame
        Posts × lowest-level indicators (framework order) of target levels.

    Raises
    ------
    InputError
        Unknown indicators, targets off the scale, duplicate (post, indicator) rows,
        or a post without a target for every lowest-level indicator.
    """
    lo, hi = scale
    leaves = list(framework.leaves)
    frame = read_table(path)
    file = source_of(frame)
    schema = pa.DataFrameSchema(
        {
            "post": pa.Column(str, description="a post name"),
            "indicator_id": pa.Column(
                str,
                pa.Check.isin(leaves, error=f"a lowest-level indicator id ({', '.join(leaves)})"),
            ),
            "target": pa.Column(
                float,
                pa.Check.in_range(lo, hi, error=f"a target from {lo} to {hi}"),
                description=f"a number from {lo} to {hi}",
            ),
        },
        strict=False,
    )
    table = validate(frame, schema)
    problems = []
    dup = table.duplicated(["post", "indicator_id"])
    problems += [
        Problem("duplicate target for this post and indicator", r, "indicator_id", i)
        for r, i in table.loc[dup, "indicator_id"].items()
    ]
    for post, part in table.groupby("post", sort=False):
        missing = [i for i in leaves if i not in set(part["indicator_id"])]
        if missing:
            problems.append(
                Problem(
                    f"post {post!r} has no target for {', '.join(missing)}",
                    int(part.index[0]),
                    "post",
                    post,
                )
            )
    if problems:
        raise InputError(file, problems)
    wide = table.pivot(index="post", columns="indicator_id", values="target")
    posts = list(dict.fromkeys(table["post"]))
    return wide.reindex(index=posts, columns=leaves)


def target_for(profiles: pd.DataFrame, post: str) -> pd.Series:
    """Target profile of one post; :class:`InputError` listing the posts if unknown."""
    if post not in profiles.index:
        raise InputError.single(
            None,
            f"unknown post; the target profiles have {list(profiles.index)}",
            column="post",
            found=post,
        )
    return profiles.loc[post].astype(float)


# ----------------------------------------------------------------------------- courses
def read_courses(path: str | Path, framework: Framework) -> pd.DataFrame:
    """Read the course catalogue with :func:`cslib.core.courses.read_courses`.

    Targets must be lowest-level indicator ids (gaps exist only there).

    Returns
    -------
    DataFrame
        The catalogue (columns of :data:`cslib.core.courses.COURSE_COLUMNS`) with
        ``targets`` (tuple of ids) added, in file order.

    Raises
    ------
    InputError
        Unknown or non-lowest-level indicator ids, duplicate course ids, bad format or duration.
    """
    table = effectiveness_io.read_courses(path, framework, lowest_level=True).table
    return table.assign(targets=table["target_indicators"])
