"""The analyses of notebook 01 (the analysis room of :mod:`cslib.delphi`), in one place.

Each analysis lives in a one-job module of this room, re-exported here; every one validates
its input and returns a frozen result or a frame, and none speaks a language:

* panel and item statistics — :mod:`cslib.delphi.statistics` (positive coefficient,
  expert authority, item statistics and screening, Kendall's W, consensus and round
  stability);
* weights — :mod:`cslib.delphi.weights` (normalised-mean, mean-difference AHP and rank-sum
  weights, combined weights, bootstrap intervals).
"""

from __future__ import annotations

from cslib.delphi.statistics import (
    Authority,
    ConsensusRule,
    RoundComparison,
    ScreeningRule,
    StabilityRule,
    authority,
    compare_rounds,
    concordance,
    consensus_table,
    indicator_statistics,
    positive_coefficient,
)
from cslib.delphi.weights import METHODS, WeightResult, compare_methods, derive_weights

__all__ = [
    "METHODS",
    "Authority",
    "ConsensusRule",
    "RoundComparison",
    "ScreeningRule",
    "StabilityRule",
    "WeightResult",
    "authority",
    "compare_methods",
    "compare_rounds",
    "concordance",
    "consensus_table",
    "derive_weights",
    "indicator_statistics",
    "positive_coefficient",
]
