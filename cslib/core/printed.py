"""Printed numbers: a decimal as printed and the interval its rounding allows.

A value printed with *d* decimals stands for any exact value within half a unit of its last
decimal; :class:`Printed` carries both, so checks can tell rounding from real inconsistency.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# --- published weight tables ---------------------------------------------------------------


HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Printed:
    """A printed number with the rounding interval its decimals imply."""

    text: str
    value: Decimal

    @property
    def half_unit(self) -> Decimal:
        exponent = self.value.as_tuple().exponent
        if not isinstance(exponent, int):  # NaN / infinity have no decimals
            raise ValueError(f"not a finite printed number: {self.text!r}")
        return Decimal(5).scaleb(exponent - 1)  # 10.10 → 0.005

    @property
    def low(self) -> Decimal:
        return self.value - self.half_unit

    @property
    def high(self) -> Decimal:
        return self.value + self.half_unit

    def holds(self, exact: Decimal) -> bool:
        """Whether ``exact`` rounds (half-up or half-down) to the printed value."""
        return self.low <= exact <= self.high
