"""What notebook 05's calibration check shows — including when it cannot show anything.

A calibration set whose totals never vary gives inspector and residual components of exactly
zero: that is not "perfect agreement" but no information (every call, every inspector the
same score).  The sentence says which of the degenerate cases holds, and otherwise compares
the calibration's inspector component with the routine data's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cslib.core.i18n import Phrases, each_language, format_number
from cslib.stats.gstudy import GStudy

__all__ = ["CALIBRATION_PHRASES", "calibration_sentence"]

CALIBRATION_PHRASES = Phrases(
    {
        "calib_constant": (
            "所有校准总分都相同（每通录音、每位质检员都是 {score} 分）：录音之间和质检员之间"
            "都没有差异，这批录音无法说明质检员是否一致；请选用质量参差的录音做校准。",
            "Every calibration total is the same ({score} points for every call and "
            "inspector): neither the calls nor the inspectors differ, so these calls cannot "
            "show whether inspectors agree; calibrate on calls of mixed quality.",
        ),
        "calib_identical": (
            "{n} 通校准录音上，每位质检员给出的总分与其他人完全相同：这批录音上看不到质检员"
            "之间的差异（这是逐通核对的结果，不是估计）；日常数据中的质检员分量见上表。",
            "On the {n} calibration calls every inspector gave exactly the same total as the "
            "others: these calls show no difference between inspectors (a call-by-call fact, "
            "not an estimate); the routine data's inspector component is in the table above.",
        ),
        "calib_no_calls": (
            "校准录音之间没有真实差异（录音分量为 0）：这批录音只能显示质检员的宽严差异，"
            "不能显示质检员是否以相同顺序区分录音的好坏。",
            "The calibration calls do not differ in quality (call component 0): they show "
            "inspector leniency only, not whether inspectors rank calls alike.",
        ),
        "calib_compare": (
            "校准数据中质检员分量为 {calib} 分²，日常数据为 {routine} 分²。",
            "The inspector component is {calib} points² in the calibration data and "
            "{routine} points² in the routine data.",
        ),
    }
)


@each_language(" ")
def calibration_sentence(
    calibration: GStudy, totals: pd.DataFrame, routine: GStudy | None, lang: str = "zh"
) -> str:
    """One sentence on the calibration G study (``gstudy_crossed`` of the calls × inspectors
    totals) in ``lang``.

    Examples
    --------
    >>> from cslib.stats.gstudy import gstudy_crossed
    >>> t = pd.DataFrame([[90.0, 90.0], [90.0, 90.0]])
    >>> calibration_sentence(gstudy_crossed(t.to_numpy()), t, None, "en")[:40]
    'Every calibration total is the same (90 '
    """
    values = totals.to_numpy(dtype=float)
    est = calibration.estimate
    inspector_free = est["i"] == 0 and est["pi,e"] == 0
    if inspector_free and est["p"] == 0:
        return CALIBRATION_PHRASES("calib_constant", lang, score=f"{values.flat[0]:g}")
    if inspector_free or bool(np.all(values == values[:, :1])):
        return CALIBRATION_PHRASES("calib_identical", lang, n=values.shape[0])
    if est["p"] == 0:
        return CALIBRATION_PHRASES("calib_no_calls", lang)
    if routine is None:
        return ""
    return CALIBRATION_PHRASES(
        "calib_compare",
        lang,
        calib=format_number(est["i"], 2),
        routine=format_number(routine.estimate["inspector"], 2),
    )
