"""Kirkpatrick–Phillips level 5 (notebook 06): is each course worth what it costs?

Four rooms: :mod:`cslib.roi.io` reads the costs and values files, :mod:`cslib.roi.analysis`
turns notebook 03's isolated effects into money and ROI with its uncertainty (frozen results),
:mod:`cslib.roi.phrases` holds the package's one zh/en phrase table and
:mod:`cslib.roi.report` the summary box, tables and figures.
"""

from cslib.roi.analysis import BenefitCost, benefit_cost

__all__ = ["BenefitCost", "benefit_cost"]
