"""The readers of notebook 02 (the io room of :mod:`cslib.consistency`), in one place.

Each input has its reader in a one-job module of this room, re-exported here:

* AHP pairwise-comparison surveys and matrices — :mod:`cslib.consistency.ahp_io`;
* the QA form, calibration scores and questionnaire answers — :mod:`cslib.consistency.qa_io`;
* scoring schemes — :func:`cslib.consistency.schemes.load_scheme`.

Every reader validates up front and raises a located :class:`cslib.core.errors.InputError`.
"""

from __future__ import annotations

from cslib.consistency.ahp_io import read_ahp_matrices, read_ahp_survey
from cslib.consistency.qa_io import (
    QACalibration,
    QAForm,
    read_item_scores,
    read_qa_calibration,
    read_qa_form,
)
from cslib.consistency.schemes import load_scheme

__all__ = [
    "QACalibration",
    "QAForm",
    "load_scheme",
    "read_ahp_matrices",
    "read_ahp_survey",
    "read_item_scores",
    "read_qa_calibration",
    "read_qa_form",
]
