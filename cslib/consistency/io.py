"""The readers of notebook 02 (the io room of :mod:`cslib.consistency`), in one place.

Each input has its reader in a one-job module of this room, re-exported here:

* AHP pairwise-comparison surveys and matrices — :mod:`cslib.consistency.ahp_io`;
* the QA form, calibration scores and questionnaire answers — :mod:`cslib.consistency.qa_io`;
* scoring schemes — :func:`cslib.consistency.schemes.load_scheme`.

Every input of notebook 02 is optional in a trainer's own study: :func:`planned_analyses`
says which analyses the inputs given allow, so the notebook runs each one only when its
files are there (an absent input is ``""``, or ``[]`` for the scoring schemes; see
:mod:`cslib.core.inputs`).

Every reader validates up front and raises a located :class:`cslib.core.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
    "PlannedAnalyses",
    "planned_analyses",
    "QACalibration",
    "QAForm",
    "load_scheme",
    "read_ahp_matrices",
    "read_ahp_survey",
    "read_item_scores",
    "read_qa_calibration",
    "read_qa_form",
]


@dataclass(frozen=True)
class PlannedAnalyses:
    """Which analyses of notebook 02 its inputs allow.

    Attributes
    ----------
    ahp : bool
        AHP consistency, aggregate weights, comparison and sensitivity (survey and
        indicator hierarchy given).
    qa : bool
        QA rater agreement and inspector bias (QA form and calibration scores given).
    alpha : bool
        Cronbach's alpha of the self-assessment (answers given).
    schemes : bool
        Scoring-scheme integrity (at least one scheme file given).
    """

    ahp: bool
    qa: bool
    alpha: bool
    schemes: bool

    @property
    def any(self) -> bool:
        """Whether at least one analysis runs."""
        return self.ahp or self.qa or self.alpha or self.schemes


def planned_analyses(
    *,
    framework_path: str,
    ahp_survey_path: str,
    qa_form_path: str,
    qa_calibration_path: str,
    self_assessment_path: str,
    scheme_paths: Sequence[str],
) -> PlannedAnalyses:
    """The analyses notebook 02 runs with the inputs given (``""`` or ``[]``: absent).

    An analysis that needs two files runs only when both are given; which file would
    enable a skipped one is listed in the report's summary
    (:func:`cslib.reporting.provenance.not_run_entries`).

    Examples
    --------
    >>> p = planned_analyses(framework_path="", ahp_survey_path="ahp.csv", qa_form_path="f.csv",
    ...     qa_calibration_path="c.csv", self_assessment_path="", scheme_paths=[])
    >>> p.ahp, p.qa, p.alpha, p.schemes
    (False, True, False, False)
    """
    return PlannedAnalyses(
        ahp=bool(framework_path) and bool(ahp_survey_path),
        qa=bool(qa_form_path) and bool(qa_calibration_path),
        alpha=bool(self_assessment_path),
        schemes=any(bool(p) for p in scheme_paths),
    )
