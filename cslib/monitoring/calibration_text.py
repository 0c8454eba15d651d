"""What notebook 05's calibration check shows — including when it cannot show anything.

A calibration set whose totals never vary gives inspector and residual components of exactly
zero: that is not "perfect agreement" but no information (every call, every inspector the
same score).  The sentence says which of the degenerate cases holds, and otherwise compares
the calibration's inspector component with the routine data's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cslib.core.i18n import each_language, format_number
from cslib.monitoring.phrases import PHRASES
from cslib.stats.gstudy import GStudy

__all__ = ["calibration_sentence"]


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
        return PHRASES("calib_constant", lang, score=f"{values.flat[0]:g}")
    if inspector_free or bool(np.all(values == values[:, :1])):
        return PHRASES("calib_identical", lang, n=values.shape[0])
    if est["p"] == 0:
        return PHRASES("calib_no_calls", lang)
    if routine is None:
        return ""
    return PHRASES(
        "calib_compare",
        lang,
        calib=format_number(est["i"], 2),
        routine=format_number(routine.estimate["inspector"], 2),
    )
