"""Regenerate the csdid reference numbers pasted into ``tests/test_staggered.py``.

CI needs neither package; the numbers are pasted.  To regenerate them, in a separate
environment (the ports pin their own pandas/numpy ranges):

    python3.11 -m venv /tmp/csdvenv
    /tmp/csdvenv/bin/pip install csdid==0.4.3 pytest -e .
    /tmp/csdvenv/bin/python tests/r_reference/csdid_reference.py

It builds the test panel with ``_sim`` from the test module (so the data are the test's own),
fits ``csdid`` (a Python port of R ``did`` 2.x) with the outcome-regression estimator and
analytic standard errors, and prints ``CSDID_ATT``, ``CSDID_SE`` and ``CSDID_AGG`` in the
layout of the test file.
Committed numbers: csdid 0.4.3, differences 0.3.0, numpy 2.4.6, pandas 3.1.2.
"""

from __future__ import annotations

import contextlib
import io
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_staggered import _sim  # noqa: E402

warnings.simplefilter("ignore")


def fit(df, control, base, cluster):
    from csdid.att_gt import ATTgt

    model = ATTgt(
        yname="y", tname="t", idname="id", gname="g", data=df, control_group=control,
        clustervar=cluster, cband=False,
    )  # fmt: skip
    with contextlib.redirect_stdout(io.StringIO()):  # csdid prints its summary
        return model.fit(est_method="reg", base_period=base, bstrap=False)


def _floats(values) -> list[float]:
    return [float(v) for v in values]


def main() -> None:
    df = _sim()
    cells = fit(df, "nevertreated", "varying", None).results
    print("CSDID_ATT =", _floats(cells["att"]))
    print("CSDID_SE =", _floats(cells["se"]))
    print("CSDID_AGG = {")
    for control, base, cluster in [
        ("nevertreated", "varying", None),
        ("notyettreated", "varying", "team"),
        ("notyettreated", "universal", None),
    ]:
        model = fit(df, control, base, cluster)
        row: list[object] = [float(model.MP["W"])]
        for typec in ("simple", "group", "dynamic"):
            with contextlib.redirect_stdout(io.StringIO()):  # csdid prints its summary
                agg = model.aggte(typec=typec, bstrap=False, cband=False).atte
            entry: list[object] = [float(agg["overall_att"]), float(agg["overall_se"])]
            if typec == "group":
                entry += [_floats(agg["att_egt"]), _floats(agg["se_egt"])]
            elif typec == "dynamic":
                # csdid lists the universal base period's reference event time (0, no SE);
                # the test's table leaves it out
                keep = ~np.isnan(np.asarray(agg["se_egt"], dtype=float))
                entry += [
                    [int(e) for e, k in zip(agg["egt"], keep, strict=True) if k],
                    _floats(np.asarray(agg["att_egt"], dtype=float)[keep]),
                    _floats(np.asarray(agg["se_egt"], dtype=float)[keep]),
                ]
            row.append(tuple(entry))
        print(f"    {(control, base, cluster)!r}: {tuple(row)!r},")
    print("}")


if __name__ == "__main__":
    main()
