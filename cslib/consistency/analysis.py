"""Agreement statistics of a QA calibration round (the analysis room of :mod:`cslib.consistency`).

:func:`summarise_qa` calls :mod:`cslib.stats.agreement`, :mod:`cslib.stats.gwet` and
:mod:`cslib.stats.benchmarking` on a calibration round and returns the frozen
:class:`QASummary`; the AHP survey analysis is :mod:`cslib.consistency.ahp_survey`.
Nothing here speaks a language: the words are in :mod:`cslib.consistency.phrases`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from cslib.consistency.qa_io import QACalibration
from cslib.core.boundary import located_by
from cslib.stats.agreement import (
    KendallW,
    RaterBias,
    cohen_kappa,
    icc_table,
    kendall_w,
    pairwise_icc,
    rater_bias,
)
from cslib.stats.benchmarking import ALTMAN, LANDIS_KOCH, Benchmark, BenchmarkScale, benchmark
from cslib.stats.gwet import (
    AgreementCoefficient,
    KrippendorffAlpha,
    fleiss_kappa,
    gwet_ac,
    krippendorff_alpha,
)
from cslib.stats.reasons import AgreementReason

#: Benchmark scales selectable by name (notebook parameter ``benchmark_scale``).
SCALES: dict[str, BenchmarkScale] = {"landis_koch": LANDIS_KOCH, "altman": ALTMAN}


# ---------------------------------------------------------------------------------------------
# QA calibration summary


@dataclass(frozen=True)
class QASummary:
    """Agreement statistics of one QA calibration round.

    Attributes
    ----------
    icc : DataFrame
        :func:`cslib.stats.agreement.icc_table` on the totals of the complete calls.
    calls_used : int
    excluded_calls : tuple of str
        Calls left out of ICC/kappa/Kendall because a rating was missing (Krippendorff's
        alpha uses them).
    pass_mark : float
    fleiss_pass : AgreementCoefficient
        Fleiss' kappa of pass/fail (total ≥ pass mark) of all inspectors on the complete
        calls, with Gwet's (2008) SE, CI and p-value (:func:`cslib.stats.gwet.fleiss_kappa`;
        ``fleiss_pass_ci`` is the same object).
    cohen_pairs : DataFrame
        Every inspector pair: Cohen's kappa on pass/fail and quadratic-weighted kappa on the
        grade band of the total (bands of width ``band_width`` below the maximum).
    krippendorff_total : KrippendorffAlpha
        Interval alpha on the totals (missing allowed), with Gwet's SE and CI
        (:func:`cslib.stats.gwet.krippendorff_alpha`).
    krippendorff_items : DataFrame
        Ordinal alpha per item (missing allowed).
    kendall : KendallW
        Concordance of the inspectors' rankings of the calls (:func:`cslib.stats.agreement.kendall_w`).
    bias : RaterBias
    pairwise : DataFrame
        Inspector × inspector ICC(2,1) on totals.
    gwet_pass : AgreementCoefficient
        Gwet's AC1 on pass/fail of the complete calls, with SE, CI and p-value.
    pass_rate : float
        Share of ratings (complete calls) at or above the pass mark.
    benchmarks : DataFrame
        One row per coefficient (``Fleiss kappa``, ``AC1`` on pass/fail; ``Krippendorff
        alpha`` on totals, interval level, all calls): ``coefficient, statistic, se, band,
        point_band, scale, threshold, reason`` — the band reached with cumulative
        membership probability ≥ ``threshold`` (:func:`cslib.stats.benchmarking.benchmark`).
    kendall_reason_code : AgreementReason or None
        Why Kendall's W is undefined (no inspector ranks the calls), else ``None``.

    Every undefined statistic carries a ``reason_code``
    (:class:`cslib.stats.reasons.AgreementReason`; the frames a ``reason_code`` column),
    which :func:`cslib.consistency.phrases.why` puts into words.
    """

    icc: pd.DataFrame
    calls_used: int
    excluded_calls: tuple[str, ...]
    pass_mark: float
    fleiss_pass: AgreementCoefficient
    cohen_pairs: pd.DataFrame
    krippendorff_total: KrippendorffAlpha
    krippendorff_items: pd.DataFrame
    kendall: KendallW
    bias: RaterBias
    pairwise: pd.DataFrame = field(repr=False)
    gwet_pass: AgreementCoefficient | None = None
    pass_rate: float = float("nan")
    benchmarks: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    kendall_reason_code: AgreementReason | None = None
    #: every inspector gave every complete call the same total: agreement is trivially perfect
    identical: bool = False

    @property
    def fleiss_pass_ci(self) -> AgreementCoefficient:
        """The same Fleiss' kappa as :attr:`fleiss_pass` (its SE and CI included)."""
        return self.fleiss_pass


@located_by(
    "calib",
    "QA calibration agreement",
    column="call_id",
    remedy="score at least 2 calibration calls by every inspector",
)
def summarise_qa(
    calib: QACalibration,
    *,
    pass_mark: float = 80.0,
    band_width: float = 10.0,
    practical: float = 3.0,
    confidence_level: float = 0.95,
    benchmark_scale: str = "landis_koch",
    benchmark_probability: float = 0.95,
) -> QASummary:
    """Compute every agreement statistic of a QA calibration round (see :class:`QASummary`).

    ``benchmark_scale`` (``"landis_koch"`` or ``"altman"``) and ``benchmark_probability``
    choose how kappa and AC1 are benchmarked (Gwet 2014, ch. 6).
    """
    if benchmark_scale not in SCALES:
        from cslib.core.errors import InputError

        raise InputError.single(
            None,
            f"expected one of {sorted(SCALES)}",
            column="benchmark_scale",
            found=benchmark_scale,
        )
    scale = SCALES[benchmark_scale]
    totals = calib.totals()
    complete, excluded = calib.complete_totals()
    x = complete.to_numpy()
    passed = x >= pass_mark
    top = calib.form.total if calib.form is not None else float(np.nanmax(totals.to_numpy()))
    grade = np.floor((top - x) / band_width).clip(0, None).astype(int)  # 0 = best band
    pairs = []
    passed_int = passed.astype(int)
    for a, b in combinations(range(x.shape[1]), 2):
        ck = cohen_kappa(passed[:, a], passed[:, b], categories=[False, True])
        ac = gwet_ac(passed_int[:, [a, b]], categories=[0, 1], confidence_level=confidence_level)
        cats = list(range(int(grade.max()) + 1))
        wk = cohen_kappa(grade[:, a], grade[:, b], weights="quadratic", categories=cats)
        pairs.append(
            {
                "pair": f"{complete.columns[a]}–{complete.columns[b]}",
                "kappa_pass": ck.statistic,
                "kappa_pass_low": ck.ci_low,
                "kappa_pass_high": ck.ci_high,
                "ac1_pass": ac.statistic,
                "weighted_kappa_band": wk.statistic,
                "reason": ck.reason or wk.reason,
                "reason_code": ck.reason_code or wk.reason_code,
            }
        )
    g = gwet_ac(passed_int, categories=[0, 1], confidence_level=confidence_level)
    fk = fleiss_kappa(passed_int, categories=[0, 1], confidence_level=confidence_level)
    ka_totals = krippendorff_alpha(totals.to_numpy(), "interval", confidence_level=confidence_level)
    bench_rows = []
    for coef in (fk, g, ka_totals):
        # a zero SE from degenerate data (one class only) gives no basis for a probability
        se = np.nan if coef.pvalue_reason is not None else coef.se
        bm: Benchmark = benchmark(coef.statistic, se, scale, threshold=benchmark_probability)
        bench_rows.append(
            {
                "coefficient": coef.name,
                "statistic": coef.statistic,
                "se": coef.se,
                "band": bm.band,
                "point_band": bm.point_band,
                "scale": scale.name,
                "threshold": benchmark_probability,
                "reason": coef.reason or coef.pvalue_reason or bm.reason,
                "reason_code": coef.reason_code or coef.pvalue_reason_code or bm.reason_code,
            }
        )
    constant_raters = bool(np.all(x == x[:1, :]))
    kendall_reason_code = AgreementReason.NO_RANKING if constant_raters else None
    items = []
    for item in calib.items:
        s = calib.item_scores(item).to_numpy()
        dom = None
        if calib.form is not None:
            dom = list(np.arange(calib.form.min_points[item], calib.form.max_points[item] + 1))
        ka = krippendorff_alpha(s, "ordinal", value_domain=dom)
        items.append(
            {
                "item": item,
                "alpha": ka.statistic,
                "reason": ka.reason,
                "reason_code": ka.reason_code,
            }
        )
    return QASummary(
        icc=icc_table(x, confidence_level=confidence_level),
        calls_used=len(complete),
        excluded_calls=excluded,
        pass_mark=pass_mark,
        fleiss_pass=fk,
        cohen_pairs=pd.DataFrame(pairs),
        krippendorff_total=ka_totals,
        krippendorff_items=pd.DataFrame(items),
        kendall=kendall_w(x.T),
        bias=rater_bias(totals, confidence_level=confidence_level, practical=practical),
        pairwise=pairwise_icc(totals, "ICC(2,1)"),
        gwet_pass=g,
        pass_rate=float(passed.mean()),
        benchmarks=pd.DataFrame(bench_rows),
        kendall_reason_code=kendall_reason_code,
        identical=bool(x.size) and bool(np.all(x == x[:, :1])),
    )
