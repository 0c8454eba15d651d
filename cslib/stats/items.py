"""Test-item analysis: KR-20 reliability, difficulty and discrimination of each question.

References
----------
Kuder, G. F. & Richardson, M. W. (1937). The theory of the estimation of test reliability.
    Psychometrika 2, 151–160.
Ebel, R. L. & Frisbie, D. A. (1991). Essentials of Educational Measurement, 5th ed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.errors import InputError


# ------------------------------------------------------------------------ item analysis
def kr20(answers) -> float:
    r"""Kuder–Richardson formula 20 for 0/1 items.

    .. math:: KR_{20} = \frac{k}{k-1}\Bigl(1 - \frac{\sum_j p_j q_j}{\sigma^2_X}\Bigr)

    with population variances (ddof = 0) throughout, so it equals Cronbach's alpha on 0/1 data.
    Written out because neither scipy nor statsmodels has it (it equals
    ``pingouin.cronbach_alpha`` on 0/1 items, which the example below reproduces).

    Examples
    --------
    >>> a = [[1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 1, 1], [0, 0, 0, 0], [1, 1, 0, 1]]
    >>> round(kr20(a), 4)
    0.7385
    """
    a = np.asarray(answers, dtype=float)
    if a.ndim != 2 or a.shape[1] < 2 or a.shape[0] < 2:
        raise InputError.single(None, "KR-20 needs at least 2 agents and 2 items")
    k = a.shape[1]
    p = a.mean(axis=0)
    var_total = a.sum(axis=1).var(ddof=0)
    if var_total == 0:
        return math.nan
    return float(k / (k - 1) * (1 - (p * (1 - p)).sum() / var_total))


@dataclass(frozen=True)
class ItemAnalysis:
    """Classical item analysis of one test.

    Attributes
    ----------
    items : DataFrame
        Per item: ``item, n, difficulty`` (p = share correct), ``r_pb`` (point-biserial with the
        total score, :func:`scipy.stats.pointbiserialr`), ``r_rest`` (corrected item–total: with
        the total of the *other* items), ``flag`` (text, empty when fine).
    kr20 : float
        Reliability of the whole test (:func:`kr20`).
    n_agents : int

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame([[1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 1, 1], [0, 0, 0, 0],
    ...                   [1, 1, 0, 1]], columns=["q1", "q2", "q3", "q4"])
    >>> res = item_analysis(a)
    >>> round(res.kr20, 4), res.n_agents, list(res.items["item"])
    (0.7385, 6, ['q1', 'q2', 'q3', 'q4'])
    """

    items: pd.DataFrame
    kr20: float
    n_agents: int

    @property
    def flagged(self) -> pd.DataFrame:
        return self.items[self.items["flag"] != ""]


def item_analysis(
    answers: pd.DataFrame, *, easy: float = 0.9, hard: float = 0.2, min_discrimination: float = 0.2
) -> ItemAnalysis:
    """Difficulty, discrimination and KR-20 of a test's 0/1 items.

    Parameters
    ----------
    answers : DataFrame
        One row per agent, one column per item (1 correct, 0 wrong); columns that are entirely
        empty are ignored (fewer items on this test), rows with any missing item are an error.
    easy, hard : float
        Flag items answered correctly by more than ``easy`` or fewer than ``hard`` of agents.
    min_discrimination : float
        Flag items whose corrected item–total correlation is below this (Ebel & Frisbie 1991:
        < 0.2 poor; < 0 suggests a wrong answer key).

    Notes
    -----
    ``r_rest`` removes the item from the total so an item is not correlated with itself; it is
    the statistic used for flags.  An item everyone gets right (or wrong) has no discrimination
    (NaN) and is flagged as too easy (hard).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame([[1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 1, 1], [0, 0, 0, 0],
    ...                   [1, 1, 0, 1]], columns=["q1", "q2", "q3", "q4"])
    >>> res = item_analysis(a, easy=0.8)
    >>> res.items["difficulty"].round(3).tolist(), round(res.kr20, 4)
    ([0.833, 0.667, 0.333, 0.333], 0.7385)
    >>> res.flagged[["item", "flag"]].values.tolist()
    [['q1', 'too easy']]
    """
    a = answers.dropna(axis=1, how="all")
    if a.isna().any().any():
        raise InputError.single(
            None, "item answers have gaps; every agent needs an answer to every item"
        )
    x = a.to_numpy(dtype=float)
    total = x.sum(axis=1)
    rows = []
    for j, name in enumerate(a.columns):
        item = x[:, j]
        rest = total - item
        p = item.mean()
        if item.std() == 0:
            r_pb = r_rest = math.nan
        else:
            r_pb = float(stats.pointbiserialr(item, total).statistic)
            r_rest = (
                float(stats.pointbiserialr(item, rest).statistic) if rest.std() > 0 else math.nan
            )
        flags = []
        if p > easy:
            flags.append("too easy")
        if p < hard:
            flags.append("too hard")
        if not math.isnan(r_rest):
            if r_rest < 0:
                flags.append("negative discrimination (check the answer key)")
            elif r_rest < min_discrimination:
                flags.append("weak discrimination")
        rows.append(
            {
                "item": name,
                "n": len(item),
                "difficulty": p,
                "r_pb": r_pb,
                "r_rest": r_rest,
                "flag": "; ".join(flags),
            }
        )
    return ItemAnalysis(pd.DataFrame(rows), kr20(x), len(x))
