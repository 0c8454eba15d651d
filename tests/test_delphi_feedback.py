"""Controlled feedback: experts outside the panel IQR are flagged and asked for a reason."""

import numpy as np
import pandas as pd

from cslib.delphi.feedback import (
    HEADER_ROW,
    feedback_flags,
    outside_iqr,
    write_feedback_workbooks,
)
from cslib.delphi.io import Ratings


def test_outside_iqr_by_hand():
    # panel scores 3, 4, 4, 5, 5: SPSS quartiles Q1 = 3.5, Q3 = 5
    scores = np.array([3, 4, 4, 5, 5])
    q1, q3 = np.quantile(scores, [0.25, 0.75], method="weibull")
    assert (q1, q3) == (3.5, 5.0)
    assert outside_iqr(scores, q1, q3).tolist() == [True, False, False, False, False]


def test_flags_and_reason_column_in_workbook(framework, tmp_path):
    ids = list(framework.ids)
    rows = []
    for e, a_score in enumerate([3, 4, 4, 5, 5]):
        for i in ids:
            rows.append((1, f"E{e}", i, a_score if i == "A" else 4))
    ratings = Ratings(
        pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"]), framework
    )
    flags = feedback_flags(ratings, 1)
    assert flags[["expert_id", "indicator_id"]].values.tolist() == [["E0", "A"]]
    out = write_feedback_workbooks(ratings, 1, tmp_path / "en", lang="en", deadline="2026-12-15")
    experts = dict(out.experts)
    e0 = pd.read_excel(experts["E0"], header=HEADER_ROW - 1, keep_default_na=False)
    e0 = e0.set_index("Indicator")
    assert e0.loc["A", "Your score is outside the panel IQR"] == "yes, please give a reason"
    assert e0.loc["A1", "Your score is outside the panel IQR"] == ""
    assert "Reason, if you keep a score outside the IQR" in e0.columns
    e1 = pd.read_excel(experts["E1"], header=HEADER_ROW - 1, keep_default_na=False)
    assert (e1["Your score is outside the panel IQR"] == "").all()
    zh = write_feedback_workbooks(ratings, 1, tmp_path / "zh", lang="zh", deadline="2026-12-15")
    zh_e0 = pd.read_excel(dict(zh.experts)["E0"], header=HEADER_ROW - 1, keep_default_na=False)
    assert "若仍保持区间外评分，请说明理由" in zh_e0.columns
