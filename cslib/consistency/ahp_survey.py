"""AHP over a whole indicator framework: one group analysis per sibling group, hierarchical
synthesis of global weights, the judgements to re-ask, and sensitivity of the top-k order.

The matrix numerics (priorities, CR, aggregation) live in :mod:`cslib.stats.ahp`; this module
adds what needs the framework.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cslib.stats.ahp import (
    TOP,
    Aggregation,
    GroupJudgments,
    GroupResult,
    PriorityMethod,
    analyse_group,
    inconsistent_judgments,
)
from cslib.stats.random_index import RandomIndexTable

if TYPE_CHECKING:  # pragma: no cover
    from cslib.core.framework import Framework


def hierarchical_synthesis(
    framework: Framework, local: Mapping[str | None, pd.Series]
) -> pd.Series:
    """Global weights: each indicator's local weight times its parent's global weight.

    :math:`g_i = l_i \\, g_{parent(i)}` with :math:`g = l` on the first level, so on a
    two-level framework *combined = level-1 weight × within-group weight*.

    Parameters
    ----------
    framework : Framework
    local : mapping parent id (``None`` = first level) → Series of local weights by child id
        One entry per sibling group of the framework.

    Returns
    -------
    Series
        Global weight of every indicator (framework order); the leaves sum to 1.
    """
    for parent, children in framework.groups.items():
        if parent not in local:
            raise ValueError(f"no weights for group {TOP if parent is None else parent}")
        missing = [c for c in children if c not in local[parent].index]
        if missing:
            raise ValueError(f"group {TOP if parent is None else parent}: no weight for {missing}")
    local_vector = [float(local[framework.parent(i)][i]) for i in framework.ids]
    return pd.Series(
        framework.combine(np.asarray(local_vector)), index=list(framework.ids), name="global"
    )


@dataclass(frozen=True)
class SurveyResult:
    """AHP analysis of a whole framework.

    Attributes
    ----------
    groups : dict
        Parent id (``None`` = first level) → :class:`GroupResult`.
    consistency : DataFrame
        One row per expert and group (``expert, group, n, lambda_max, ci, ri, cr, acceptable,
        included``), groups in framework order.
    aggregate_consistency : DataFrame
        One row per group: CR of the AIJ matrix of the included experts.
    excluded : DataFrame
        ``expert, group, cr`` of every left-out matrix.
    weights : DataFrame
        One row per indicator: ``id, parent, level, local, global``.
    combined : Series
        Global weights of the leaves (sum 1), indexed by indicator id.
    ri_table : str
        Random-index table used for CR (``"saaty"``, ``"alonso_lamata"``, ``"simulated"``).
    filled : DataFrame or None
        Skipped judgements completed before the analysis (``expert, group, pair,
        filled_value``), when the survey had any (see
        :func:`cslib.stats.ahp.complete_harker`).
    """

    groups: dict[str | None, GroupResult]
    consistency: pd.DataFrame
    aggregate_consistency: pd.DataFrame
    excluded: pd.DataFrame
    weights: pd.DataFrame
    combined: pd.Series
    method: PriorityMethod
    aggregation: str
    cr_threshold: float
    ri_table: str = "saaty"
    filled: pd.DataFrame | None = None

    def local(self) -> dict[str | None, pd.Series]:
        """Aggregated local weights per group."""
        return {g: r.weights for g, r in self.groups.items()}


def analyse_survey(
    judgments: Mapping[str | None, GroupJudgments],
    framework: Framework,
    *,
    method: PriorityMethod = "eigen",
    aggregation: Aggregation = "AIJ",
    cr_threshold: float = 0.10,
    exclude_inconsistent: bool = False,
    random_index_table: RandomIndexTable = "saaty",
) -> SurveyResult:
    """Run :func:`analyse_group` on every sibling group and synthesise global weights.

    Exclusion (``exclude_inconsistent``) is per group: an expert whose matrix for group B
    fails the CR rule still counts in the groups where his matrix passes.
    ``random_index_table`` declares the RI source for CR (:mod:`cslib.stats.random_index`):
    Saaty's table stops at n = 15, ``"alonso_lamata"`` and ``"simulated"`` cover any n.
    """
    groups: dict[str | None, GroupResult] = {}
    for parent in framework.groups:
        if parent not in judgments:
            raise ValueError(f"no judgements for group {TOP if parent is None else parent}")
        groups[parent] = analyse_group(
            judgments[parent],
            method=method,
            aggregation=aggregation,
            cr_threshold=cr_threshold,
            exclude_inconsistent=exclude_inconsistent,
            ri_table=random_index_table,
        )
    cons = pd.concat([g.expert_consistency for g in groups.values()], ignore_index=True)
    agg = pd.DataFrame(
        [
            {
                "group": g.expert_consistency["group"].iloc[0],
                "n": g.aggregate_consistency.n,
                "experts_used": int(g.expert_consistency["included"].sum()),
                "lambda_max": float(g.aggregate_consistency.lambda_max),
                "ci": float(g.aggregate_consistency.ci),
                "ri": g.aggregate_consistency.ri,
                "cr": float(g.aggregate_consistency.cr),
                "acceptable": bool(g.aggregate_consistency.acceptable),
            }
            for g in groups.values()
        ]
    )
    excluded = cons.loc[~cons["included"], ["expert", "group", "cr"]].reset_index(drop=True)
    local = {g: r.weights for g, r in groups.items()}
    glob = hierarchical_synthesis(framework, local)
    table = pd.DataFrame(
        {
            "id": list(framework.ids),
            "parent": [framework.parent(i) for i in framework.ids],
            "level": [framework.level(i) for i in framework.ids],
            "local": [float(local[framework.parent(i)][i]) for i in framework.ids],
            "global": glob.to_numpy(),
        }
    )
    return SurveyResult(
        groups,
        cons,
        agg,
        excluded,
        table,
        glob.loc[list(framework.leaves)].rename("combined"),
        method,
        aggregation,
        cr_threshold,
        random_index_table,
        _filled_table(judgments),
    )


def _filled_table(judgments: Mapping[str | None, GroupJudgments]) -> pd.DataFrame | None:
    rows = [
        {"expert": e, "group": g.name, "pair": pair, "filled_value": value}
        for g in judgments.values()
        for (e, pair, value) in (g.filled or ())
    ]
    return pd.DataFrame(rows, columns=["expert", "group", "pair", "filled_value"]) if rows else None


def judgments_to_reask(result: SurveyResult, *, top: int = 2) -> pd.DataFrame:
    """For every expert matrix with CR above the threshold, the ``top`` worst judgements.

    One row per (expert, group, pair) with the current answer and a consistent one, in
    survey codes (see module docstring), and the CR the matrix would have after that single
    revision — a list a facilitator can take back to the expert.
    """
    rows = []
    for g in result.groups.values():
        table = g.expert_consistency
        bad = table.loc[~table["acceptable"]]
        judg = g.matrices
        for k, r in bad.iterrows():
            worst = inconsistent_judgments(
                judg[k],
                g.labels,
                method=result.method,
                top=top,
                threshold=result.cr_threshold,
                ri_table=result.ri_table,  # type: ignore[arg-type]
            )
            for rank, w in enumerate(worst.itertuples(index=False), start=1):
                rows.append(
                    {
                        "expert": r["expert"],
                        "group": r["group"],
                        "cr": r["cr"],
                        "rank": rank,
                        "pair": f"{w.left}~{w.right}",
                        "answer": int(w.survey_code),
                        "epsilon": w.epsilon,
                        "consistent_value": w.consistent_value,
                        "suggested": int(w.suggested_code),
                        "cr_if_revised": w.cr_if_revised,
                    }
                )
    cols = [
        "expert",
        "group",
        "cr",
        "rank",
        "pair",
        "answer",
        "epsilon",
        "consistent_value",
        "suggested",
        "cr_if_revised",
    ]
    return pd.DataFrame(rows, columns=cols)


def sensitivity(
    framework: Framework,
    local: Mapping[str | None, pd.Series],
    *,
    k: int = 5,
    ordered: bool = True,
) -> pd.DataFrame:
    """How far each first-level weight can move before the top-``k`` combined ranking changes.

    The weight *t* of one first-level indicator is varied over [0, 1]; the other first-level
    weights are rescaled proportionally, :math:`w_j(t) = w_j (1 - t)/(1 - w_f)`, so every
    combined weight is linear in *t*.  The top-``k`` ranking (ordered list of the ``k``
    largest combined weights) can only change where two of these lines cross, so the
    crossings are found exactly and the nearest one on each side of the current weight that
    changes the ranking gives the stable interval.  With ``ordered=False`` only the *set* of
    the top ``k`` counts (membership), not their order.

    Returns
    -------
    DataFrame
        One row per first-level indicator: ``id, weight, lower, upper`` (stable interval),
        ``max_decrease, max_increase`` (absolute), ``below``/``above`` (the top-``k`` order
        just outside the interval, or empty if it never changes).
    """
    top_ids = list(framework.children(None))
    w_top = local[None].loc[top_ids].astype(float)
    w_top = w_top / w_top.sum()
    glob = hierarchical_synthesis(framework, local)
    leaves = list(framework.leaves)
    top_of = {
        leaf: ([*framework.ancestors(leaf)][-1] if framework.ancestors(leaf) else leaf)
        for leaf in leaves
    }
    rest = np.array([glob[leaf] / w_top[top_of[leaf]] for leaf in leaves])
    k = min(k, len(leaves))
    rows = []
    for f in top_ids:
        wf = float(w_top[f])
        under = np.array([top_of[leaf] == f for leaf in leaves])
        wt = np.array([w_top[top_of[leaf]] for leaf in leaves])
        slope = np.where(under, rest, -wt * rest / (1 - wf))
        icpt = np.where(under, 0.0, wt * rest / (1 - wf))

        def ranking(t: float, slope=slope, icpt=icpt) -> tuple[str, ...]:
            c = icpt + slope * t
            top = [leaves[i] for i in np.argsort(-c, kind="stable")[:k]]
            return tuple(top) if ordered else tuple(sorted(top))

        ds = slope[:, None] - slope[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            cross = (icpt[None, :] - icpt[:, None]) / ds
        cand = np.unique(cross[np.isfinite(cross) & (cross > 0) & (cross < 1)])
        base = ranking(wf)
        upper, above = 1.0, ""
        ups = cand[cand > wf + 1e-12]
        for idx, t in enumerate(ups):
            nxt = ups[idx + 1] if idx + 1 < len(ups) else 1.0
            r = ranking((t + nxt) / 2)
            if r != base:
                upper, above = float(t), " > ".join(r)
                break
        lower, below = 0.0, ""
        downs = cand[cand < wf - 1e-12][::-1]
        for idx, t in enumerate(downs):
            nxt = downs[idx + 1] if idx + 1 < len(downs) else 0.0
            r = ranking((t + nxt) / 2)
            if r != base:
                lower, below = float(t), " > ".join(r)
                break
        rows.append(
            {
                "id": f,
                "weight": wf,
                "lower": lower,
                "upper": upper,
                "max_decrease": wf - lower,
                "max_increase": upper - wf,
                "top": " > ".join(base),
                "below": below,
                "above": above,
            }
        )
    return pd.DataFrame(rows)
