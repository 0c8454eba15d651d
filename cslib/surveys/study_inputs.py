"""An online-survey export named directly as a notebook input in ``study.yaml``.

Instead of running ``cslib import-survey`` first, a study may name the export itself as the
input of the notebook that reads it::

    01_delphi_weights:
      ratings_path:
        survey_export: [问卷/第1轮_按文本_投诉处理.xlsx, 问卷/第2轮_按文本_投诉处理.xlsx]
        mapping: 数据/导入/delphi_ratings_mapping.yaml   # optional
        roster: 专家名单.xlsx                            # optional
    04_training_needs:
      ratings_path:
        survey_export: 问卷/360评价_按文本.xlsx

``cslib run`` then imports the export(s) before any kernel starts — with the same mapping,
rules and located errors as ``import-survey`` (:func:`cslib.surveys.importer.import_survey`)
— into ``<study data folder>/导入/<notebook>.<parameter>/`` and gives the notebook the file
it wrote.  A Delphi input lists one export per round, round 1 first (or names the rounds
with ``rounds: [1, 2]``); its round table becomes notebook 01's ``returns_path`` unless the
study gives one.  The mapping file is kept between runs (the first run proposes it and
stops if it has open questions, as ``import-survey`` does); the data files are made again
on every run, so an edited export or mapping is always what the report reads.

Which ``--as`` kind an input is follows from the notebook parameter (:data:`KIND_OF`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cslib.core.errors import InputError, Problem

__all__ = ["KIND_OF", "SPEC_KEYS", "is_survey_spec", "import_declared"]

#: (notebook, parameter) → ``--as`` kind of an export named there.
KIND_OF: dict[tuple[str, str], str] = {
    ("01_delphi_weights", "ratings_path"): "delphi_ratings",
    ("01_delphi_weights", "relevance_path"): "relevance",
    ("02_consistency_checks", "ahp_survey_path"): "ahp_survey",
    ("04_training_needs", "ahp_survey_path"): "ahp_survey",
    ("03_microcourse_effectiveness", "reaction_path"): "reaction",
    ("04_training_needs", "ratings_path"): "ratings_360",
}

#: Keys of an export declaration (``survey_export`` is required).
SPEC_KEYS = ("survey_export", "rounds", "mapping", "roster", "min_seconds")

IMPORT_FOLDER = "导入"


def is_survey_spec(value: object) -> bool:
    """Whether a declared input value names an online-survey export (a mapping).

    Examples
    --------
    >>> is_survey_spec({"survey_export": "r1.xlsx"}), is_survey_spec("r.csv")
    (True, False)
    """
    return isinstance(value, Mapping) and "survey_export" in value


def _exports(spec: Mapping[str, Any]) -> list[str]:
    value = spec["survey_export"]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def import_declared(
    stem: str,
    name: str,
    spec: Mapping[str, Any],
    *,
    data_folder: Path,
    framework_path: str | Path | None,
    courses_path: str | Path | None = None,
    lang: str = "zh",
) -> dict[str, str]:
    """Import the export(s) ``spec`` declares for ``stem``'s parameter ``name``.

    Paths in ``spec`` are absolute (the study resolved them).  Returns the parameter values
    to run with: ``{name: data file}`` and, for Delphi ratings, ``{"returns_path": round
    table}``.

    Raises
    ------
    InputError
        The parameter takes no export, a key is unknown, the framework (or course
        catalogue) is not given, or the import finds problems in the export (located, in
        ``lang``).
    """
    from cslib.core.framework import load_framework
    from cslib.surveys.importer import ROUNDS_FILE, import_survey

    where = f"{stem}.{name}"
    kind = KIND_OF.get((stem, name))
    if kind is None:
        raise InputError.single(
            "study.yaml",
            "an input file (this parameter cannot name an online-survey export)",
            column=where,
            found="survey_export",
        )
    unknown = [str(k) for k in spec if k not in SPEC_KEYS]
    if unknown:
        raise InputError.single(
            "study.yaml",
            f"keys {', '.join(SPEC_KEYS)}",
            column=where,
            found=", ".join(unknown),
        )
    if framework_path in ("", None):
        raise InputError.single(
            "study.yaml",
            "framework_path given (the export's questions are matched to its indicators)",
            column="framework_path",
        )
    exports = _exports(spec)
    rounds = spec.get("rounds")
    if kind == "delphi_ratings":
        numbers = [int(r) for r in rounds] if rounds else list(range(1, len(exports) + 1))
        if len(numbers) != len(exports):
            raise InputError(
                "study.yaml",
                [Problem("one round number per export", None, f"{where}.rounds", rounds)],
            )
    else:
        numbers = [0] * len(exports)
        if len(exports) != 1:
            raise InputError(
                "study.yaml",
                [Problem("one export", None, f"{where}.survey_export", len(exports))],
            )
    out = data_folder / IMPORT_FOLDER / f"{stem}.{name}"
    out.mkdir(parents=True, exist_ok=True)
    # made again on every run from the export(s); the mapping file is kept
    for old in out.iterdir():
        if old.is_file() and not old.name.endswith("_mapping.yaml"):
            old.unlink()
    framework = load_framework(framework_path)
    catalogue = None
    if kind == "reaction":
        from cslib.core.courses import read_courses

        if courses_path in ("", None):
            raise InputError.single("study.yaml", "courses_path given", column="courses_path")
        catalogue = read_courses(courses_path)
    result = None
    for export, rnd in zip(exports, numbers, strict=True):
        result = import_survey(
            export,
            kind,
            out,
            framework=framework,
            mapping=spec.get("mapping"),
            round=rnd if kind == "delphi_ratings" else None,
            roster=spec.get("roster"),
            catalogue=catalogue,
            lang=lang,
            min_seconds=float(spec.get("min_seconds", 0) or 0),
        )
    assert result is not None
    values = {name: str(result.inputs[next(iter(result.inputs))])}
    if kind == "delphi_ratings" and (out / ROUNDS_FILE).is_file():
        values["returns_path"] = str(out / ROUNDS_FILE)
    return values
