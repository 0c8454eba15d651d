"""Kirkpatrick levels 1 (reaction) and 2 (learning): one row per course for reports.

The statistics come from :mod:`cslib.stats.proportions`, :mod:`cslib.stats.paired` and
:mod:`cslib.stats.multitest`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cslib.stats.multitest import adjust_pvalues
from cslib.stats.paired import paired_change
from cslib.stats.proportions import proportion


def rate_table(
    responses: pd.DataFrame,
    by: str | list[str],
    column: str = "satisfied",
    *,
    confidence_level: float = 0.95,
) -> pd.DataFrame:
    """Wilson-interval rates of a yes/no column per group.

    Parameters
    ----------
    responses : DataFrame
        From :func:`cslib.effectiveness.io.read_reaction` (``column`` holds True/False/None;
        missing answers are counted in ``n_missing``, not in ``n``).
    by : str or list of str
        Grouping column(s), e.g. ``"course_id"``, ``"series"``, ``"format"``, ``"staff_group"``.
    confidence_level : float
        Of the Wilson intervals (default 0.95).

    Returns
    -------
    DataFrame
        ``<by>, k, n, rate, ci_low, ci_high, n_missing`` in first-appearance order of the groups.
    """
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for key, g in responses.groupby(keys, sort=False):
        answered = g[column].dropna().astype(bool)
        key = key if isinstance(key, tuple) else (key,)
        if len(answered) == 0:
            continue
        pr = proportion(int(answered.sum()), len(answered), confidence_level=confidence_level)
        rows.append(
            {
                **dict(zip(keys, key, strict=True)),
                "k": pr.k,
                "n": pr.n,
                "rate": pr.rate,
                "ci_low": pr.ci_low,
                "ci_high": pr.ci_high,
                "n_missing": int(g[column].isna().sum()),
            }
        )
    return pd.DataFrame(rows)


def learning_table(
    paired: pd.DataFrame,
    courses: tuple[str, ...] | list[str],
    *,
    before: str = "pre",
    after: str = "post",
    alpha: float = 0.05,
    correction: str = "holm",
) -> pd.DataFrame:
    """One :func:`paired_change` per course with p-values adjusted across the courses.

    Parameters
    ----------
    paired : DataFrame
        From :func:`cslib.effectiveness.io.pair_tests` (``agent_id, course_id, <before>,
        <after>, max_score``).
    courses : sequence of str
        Courses in display order; a course with fewer than 3 pairs gets NaN statistics.
    alpha : float
        Significance level of the tests; the intervals are at 1 − ``alpha``.

    Returns
    -------
    DataFrame
        One row per course: n, means, mean_change (+ CI), t, pvalue (paired t test), p_adj (``pvalue``
        adjusted across the courses), Wilcoxon, d_z (+ CI),
        g_av (+ CI), hake_gain.
    """
    rows = []
    for c in courses:
        g = paired[paired["course_id"] == c]
        row = {"course_id": c, "n": len(g)}
        if len(g) >= 3:
            r = paired_change(
                g[before],
                g[after],
                max_score=float(g["max_score"].max()),
                confidence_level=1 - alpha,
            )
            row.update(
                mean_before=r.mean_before,
                mean_after=r.mean_after,
                mean_change=r.mean_change,
                change_ci_low=r.ci_low,
                change_ci_high=r.ci_high,
                sd_change=r.sd_change,
                # no variance in the changes: t is infinite and p = 0 from nothing; undefined
                t=r.statistic if r.sd_change > 0 else np.nan,
                df=r.df,
                pvalue=r.pvalue if r.sd_change > 0 else np.nan,
                w=r.w,
                p_wilcoxon=r.p_wilcoxon,
                d_z=r.d_z,
                d_z_ci_low=r.d_z_ci[0],
                d_z_ci_high=r.d_z_ci[1],
                g_av=r.g_av,
                g_av_ci_low=r.g_av_ci[0],
                g_av_ci_high=r.g_av_ci[1],
                hake_gain=r.hake_gain,
            )
        rows.append(row)
    table = pd.DataFrame(rows)
    if "pvalue" not in table:
        table["pvalue"] = np.nan
    table["p_adj"] = adjust_pvalues(table["pvalue"], correction, alpha)
    return table
