"""``cslib import-survey``: an online-survey export → the project's input file, checked.

:func:`import_survey` reads the export, proposes or reuses the mapping (a YAML file beside the
output), converts the answers under the mapping's declared rules, writes the long file the
notebook reads — atomically, after reading it back with that notebook's own reader — and
returns which notebook parameter the written file is for.

Files written in ``output_dir`` (``<kind>`` is the ``--as`` value):

* the data file (``delphi_ratings.csv``, ``delphi_relevance.csv``, ``ahp_survey.csv``,
  ``reaction.csv``, ``ratings_360.csv``); Delphi ratings keep every round imported so far,
  one import per round, and a round already there is never replaced silently;
* ``<kind>_mapping.yaml`` — the mapping, reused by the next import into the same folder;
* ``<kind>_import_log.csv`` — every submission left out and why (row, respondent,
  submission time, reason); for Delphi one block per round;
* ``delphi_rounds.csv`` (Delphi only) — per round: the export's name, invited (roster size),
  submissions, returned, what the rules left out, first and last submission time and the
  median time taken.  Nothing else of the metadata is kept; IP addresses never are.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.i18n import name_side
from cslib.core.io import atomic_path
from cslib.surveys import convert
from cslib.surveys.errors import SurveyError, fail
from cslib.surveys.export import SurveyExport, read_export
from cslib.surveys.mapping import (
    KINDS,
    Mapping,
    check_against,
    check_targets,
    propose,
    read_mapping,
    to_yaml,
)
from cslib.surveys.phrases import PHRASES

#: ``--as`` kind → (notebook, parameter, file written).
OUTPUTS: dict[str, tuple[str, str, str]] = {
    "delphi_ratings": ("01_delphi_weights", "ratings_path", "delphi_ratings.csv"),
    "relevance": ("01_delphi_weights", "relevance_path", "delphi_relevance.csv"),
    "ahp_survey": ("02_consistency_checks", "ahp_survey_path", "ahp_survey.csv"),
    "reaction": ("03_microcourse_effectiveness", "reaction_path", "reaction.csv"),
    "ratings_360": ("04_training_needs", "ratings_path", "ratings_360.csv"),
}
ROUNDS_FILE = "delphi_rounds.csv"


class MappingProposed(SurveyError):
    """The export could not be mapped without questions: a proposal was written to
    ``mapping_path`` and the problems say what to decide."""

    mapping_path: str = ""


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote.

    Attributes
    ----------
    notebook : str
        The notebook the data file is for (``01_delphi_weights`` …).
    inputs : dict
        Notebook parameter → written path, e.g. ``{"ratings_path": Path(…)}`` — what a study
        declares for the notebook.
    mapping_path, log_path : Path
    rounds_path : Path or None
        Delphi round metadata (``delphi_rounds.csv``).
    kept, submissions : int
    notes : list of str
        Sentences for the user (changed questionnaire, uncovered indicators, ignored columns,
        rows left out), in the import's language.
    table : DataFrame
        The rows written for this import.
    """

    notebook: str
    inputs: dict[str, Path]
    mapping_path: Path
    log_path: Path
    rounds_path: Path | None
    kept: int
    submissions: int
    questions: int = 0
    notes: list[str] = field(default_factory=list)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)


def _write_csv(frame: pd.DataFrame, path: Path, check: Any = None) -> None:
    """Write ``frame`` as UTF-8 CSV atomically; ``check(tmp_path)`` runs before it replaces."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, lineterminator="\n")
        if check is not None:
            check(tmp)


def _verify(kind: str, framework: Framework, catalogue: Any, lang: str, target: Path):
    """A check that reads a written file with the notebook's own reader."""
    from cslib.consistency.ahp_io import read_ahp_survey
    from cslib.delphi.io import read_ratings
    from cslib.delphi.relevance import read_relevance
    from cslib.effectiveness.io import read_reaction
    from cslib.needs.assessment import read_assessments

    readers = {
        "delphi_ratings": ("cslib.delphi.io.read_ratings", lambda p: read_ratings(p, framework)),
        "relevance": (
            "cslib.delphi.relevance.read_relevance",
            lambda p: read_relevance(p, framework),
        ),
        "ahp_survey": (
            "cslib.consistency.ahp_io.read_ahp_survey",
            lambda p: read_ahp_survey(p, framework),
        ),
        "reaction": ("cslib.effectiveness.io.read_reaction", lambda p: read_reaction(p, catalogue)),
        "ratings_360": (
            "cslib.needs.assessment.read_assessments",
            lambda p: read_assessments(p, framework),
        ),
    }
    name, read = readers[kind]

    def check(tmp: Path) -> None:
        try:
            read(tmp)
        except InputError as exc:
            problems = [
                Problem(PHRASES("output_check", name_side(lang), reader=name, why=p.describe()))
                for p in exc.problems
            ]
            raise SurveyError(str(target), problems, lang=lang) from None

    return check


def import_survey(
    export: str | Path,
    kind: str,
    output_dir: str | Path,
    *,
    framework: Framework,
    mapping: str | Path | None = None,
    round: int | None = None,
    roster: str | Path | None = None,
    catalogue: Any = None,
    lang: str = "zh",
    replace_round: bool = False,
    min_seconds: float = 0,
) -> ImportResult:
    """Import one export (see the module docstring).

    Parameters
    ----------
    export : path
        The 问卷星/腾讯问卷 export (XLSX, XLS or CSV).
    kind : {"delphi_ratings", "relevance", "ahp_survey", "reaction", "ratings_360"}
    output_dir : path
        Where the data file, the mapping and the logs go.
    framework : Framework
    mapping : path, optional
        Mapping file; default ``output_dir/<kind>_mapping.yaml`` if it exists, else one is
        proposed there.
    round : int
        Delphi round of this export (required for ``delphi_ratings``).
    roster : path, optional
        Who was invited (ids, optionally 序号 and team); answers by others are errors.
    catalogue : Catalogue
        Course catalogue (``reaction`` only).
    lang : {"zh", "en"}
        Language of messages and notes.
    replace_round : bool
        Replace a Delphi round already in the output with different ratings.
    min_seconds : float
        For a proposed mapping: submissions faster than this are test submissions.

    Returns
    -------
    ImportResult

    Raises
    ------
    MappingProposed
        The mapping had open questions; the proposal was written.
    SurveyError
        Every problem of the export, located.
    """
    side = name_side(lang)
    if kind not in KINDS:
        raise fail(None, f"--as: {' | '.join(KINDS)}", lang, found=kind)
    if kind == "delphi_ratings" and round is None:
        raise fail(None, PHRASES("round_needed", side), lang, column="--round")
    rnd = 0 if round is None else int(round)
    out = Path(output_dir)
    notebook, parameter, filename = OUTPUTS[kind]
    exp = read_export(export, lang=lang)
    the_roster = convert.read_roster(roster, lang=lang) if roster is not None else None
    default_mapping = out / f"{kind}_mapping.yaml"
    mapping_path = Path(mapping) if mapping is not None else default_mapping
    notes: list[str] = []
    if mapping_path.is_file():
        saved = read_mapping(mapping_path, kind, lang=lang)
        the_mapping, notes = check_against(saved, exp, lang=lang)
        if exp.form_from_name:  # the file name says how answers are written; else the mapping
            the_mapping = replace(the_mapping, form=exp.form)
        exp = replace(exp, form=the_mapping.form)  # type: ignore[arg-type]
    else:
        proposal = propose(
            exp,
            kind,
            framework,
            lang=lang,
            mapping_path=mapping_path,
            serial_roster=the_roster is not None and bool(the_roster.serial_to_id),
            min_seconds=min_seconds,
        )
        the_mapping = proposal.mapping
        open_problems = list(proposal.problems)
        if exp.form == "numeric" and _needs_codes(kind):
            open_problems.append(
                Problem(PHRASES("codes_needed", side, mapping=mapping_path), None, "codes")
            )
        mapping_path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(mapping_path) as tmp:
            tmp.write_text(to_yaml(the_mapping, lang), encoding="utf-8")
        if open_problems:
            err = MappingProposed(
                exp.source,
                [*open_problems, Problem(PHRASES("proposal_written", side, mapping=mapping_path))],
                lang=lang,
            )
            err.mapping_path = str(mapping_path)
            raise err
        if proposal.uncovered:
            notes.append(PHRASES("uncovered", side, ids=", ".join(proposal.uncovered)))
    the_mapping = replace(the_mapping, path=str(mapping_path))
    check_targets(the_mapping, framework, lang=lang)
    if exp.form == "numeric" and _needs_codes(kind) and the_mapping.codes is None:
        raise fail(
            str(mapping_path),
            PHRASES("codes_needed", side, mapping=mapping_path),
            lang,
            column="codes",
        )
    if exp.form == "numeric":
        _check_values(exp, the_mapping, lang)
    ignored = [c for c, t in the_mapping.columns.items() if t == "ignore"]
    if ignored:
        notes.append(PHRASES("ignored", side, cols="; ".join(ignored)))
    if exp.unknown:
        notes.append(PHRASES("unknown_columns", side, cols="; ".join(exp.unknown)))
    if kind == "delphi_ratings":
        conv = convert.delphi_ratings(
            exp,
            the_mapping,
            framework,
            round=rnd,
            roster=the_roster,
            lang=lang,
        )
    elif kind == "relevance":
        conv = convert.relevance(exp, the_mapping, framework, roster=the_roster, lang=lang)
    elif kind == "ahp_survey":
        conv = convert.ahp_survey(exp, the_mapping, framework, roster=the_roster, lang=lang)
    elif kind == "reaction":
        if catalogue is None:
            raise fail(None, "--courses", lang, column="--courses")
        conv = convert.reaction(exp, the_mapping, catalogue=catalogue, roster=the_roster, lang=lang)
    else:
        conv = convert.ratings_360(exp, the_mapping, framework, roster=the_roster, lang=lang)
    target = out / filename
    check = _verify(kind, framework, catalogue, lang, target)
    log = conv.prepared.log
    rounds_path = None
    if kind == "delphi_ratings":
        table = _merge_round(conv.table, target, rnd, replace_round, lang)
        _write_csv(table, target, check)
        invited = len(the_roster.ids) if the_roster is not None else None
        record = convert.round_record(exp, conv, round=rnd, invited=invited)
        rounds_path = out / ROUNDS_FILE
        rounds = _replace_rows(pd.DataFrame([record]), rounds_path, rnd)
        _write_csv(rounds, rounds_path)
        log = log.assign(round=rnd)[["round", *log.columns]]
        log_path = out / f"{kind}_import_log.csv"
        _write_csv(_replace_rows(log, log_path, rnd, keep_empty=True), log_path)
    else:
        _write_csv(conv.table, target, check)
        log_path = out / f"{kind}_import_log.csv"
        _write_csv(log, log_path)
    if not mapping_path.is_file():  # pragma: no cover - written above for a proposal
        with atomic_path(mapping_path) as tmp:
            tmp.write_text(to_yaml(the_mapping, lang), encoding="utf-8")
    notes += list(log["reason"])
    return ImportResult(
        notebook=notebook,
        # the round table is notebook 01's returns file (invited / returned per round)
        inputs={parameter: target, **({"returns_path": rounds_path} if rounds_path else {})},
        mapping_path=mapping_path,
        log_path=log_path,
        rounds_path=rounds_path,
        kept=len(conv.prepared.rows),
        submissions=conv.prepared.n_submissions,
        questions=sum(
            1
            for t in the_mapping.columns.values()
            if t not in ("ignore",) and not t.startswith("@")
        ),
        notes=notes,
        table=conv.table,
    )


#: Roles whose numeric answers need ``values`` (what each option number means), with an example.
_VALUE_ROLES = {
    "@course": "{'@course': {'1': MC01, '2': MC02}}",
    "@staff_group": "{'@staff_group': {'1': front_line, '2': back_office}}",
    "@satisfied": "{'@satisfied': {'1': 'yes', '2': 'no'}}",
    "@helpful": "{'@helpful': {'1': 'yes', '2': 'no'}}",
    "@source": "{'@source': {'1': self, '2': leader, '3': qa, '4': peer}}",
}


def _check_values(exp: SurveyExport, mapping: Mapping, lang: str) -> None:
    """Numeric exports: a choice role's option numbers must be explained under ``values``."""
    from cslib.surveys.convert import export_column
    from cslib.surveys.export import skip_kind

    side = name_side(lang)
    problems = []
    for role, example in _VALUE_ROLES.items():
        header = mapping.role(role)
        if header is None:
            continue
        column = export_column(exp, header)
        codes = sorted(
            {t for t in exp.frame[column].unique() if skip_kind(t, "numeric") is None},
            key=lambda t: (len(t), t),
        )
        unexplained = [c for c in codes if c not in mapping.values.get(role, {})]
        if unexplained and all(c.isdigit() for c in unexplained):
            problems.append(
                Problem(
                    PHRASES(
                        "values_needed",
                        side,
                        role=role,
                        codes=", ".join(unexplained[:12]),
                        mapping=mapping.path,
                        example=example,
                    ),
                    1,
                    column,
                )
            )
    if problems:
        raise SurveyError(exp.source, problems, lang=lang)


def _needs_codes(kind: str) -> bool:
    return kind in ("delphi_ratings", "relevance", "ahp_survey", "reaction", "ratings_360")


def _merge_round(
    new: pd.DataFrame, target: Path, round: int, replace_round: bool, lang: str
) -> pd.DataFrame:
    """The ratings file with this round's rows in place; a different round already there is
    refused unless ``replace_round``."""
    if not target.is_file():
        return new
    old = pd.read_csv(target, dtype={"expert_id": str, "indicator_id": str})
    same = old[old["round"] == round].reset_index(drop=True)
    if len(same):
        equal = same.astype(str).equals(new.astype(str).reset_index(drop=True))
        if not equal and not replace_round:
            raise fail(
                str(target),
                PHRASES("round_exists", name_side(lang), file=target.name, round=round),
                lang,
                column="round",
            )
    rest = old[old["round"] != round]
    merged = pd.concat([rest, new], ignore_index=True)
    return merged.sort_values("round", kind="stable").reset_index(drop=True)


def _replace_rows(
    new: pd.DataFrame, path: Path, round: int, *, keep_empty: bool = False
) -> pd.DataFrame:
    """A per-round file with this round's rows replaced (rounds in order)."""
    if not path.is_file():
        return new
    old = pd.read_csv(path, dtype=str, keep_default_na=False)
    old = old[old["round"] != str(round)]
    merged = pd.concat([old, new.astype(str)], ignore_index=True)
    merged["_r"] = merged["round"].astype(int)
    return merged.sort_values("_r", kind="stable").drop(columns="_r").reset_index(drop=True)


__all__ = ["ImportResult", "MappingProposed", "OUTPUTS", "import_survey", "Mapping", "SurveyExport"]
