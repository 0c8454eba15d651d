"""The ``cslib import-survey`` subcommand: arguments and what it prints.

    cslib import-survey EXPORT --as delphi_ratings --round 1 --output-dir study/
    cslib import-survey EXPORT --as ahp_survey --output-dir study/ --lang en

The first import into a folder proposes a mapping (``<kind>_mapping.yaml``); when every
column could be placed it is used at once, otherwise the command stops (exit status 2) naming
every open column, and the user edits the file and runs the command again.  Later imports into
the same folder reuse the mapping.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cslib.surveys.kinds import KINDS


def add_parser(sub: Any) -> None:
    """Register ``import-survey`` on the CLI's subparsers."""
    p = sub.add_parser(
        "import-survey",
        help="read a 问卷星 / 腾讯问卷 export into a notebook's input file",
        description="Turn a 问卷星 (wjx.cn) or 腾讯问卷 export (XLSX, XLS or CSV) into the input "
        "file a notebook reads, with a mapping file you can check and edit. "
        "See docs/online_surveys.md.",
    )
    p.add_argument("export", type=Path, help="the downloaded export")
    p.add_argument("--as", dest="kind", required=True, choices=KINDS, help="what the survey is")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--output-dir", type=Path, help="where the files are written")
    where.add_argument(
        "--study",
        type=Path,
        help="a study folder: files go to its data folder, study.yaml declares them, and the "
        "framework and catalogue are the study's",
    )
    p.add_argument("--mapping", type=Path, default=None, help="mapping file (default: in OUT)")
    p.add_argument("--round", type=int, default=None, help="Delphi round of this export")
    p.add_argument("--roster", type=Path, default=None, help="who was invited (ids, 序号, team)")
    p.add_argument("--framework", type=Path, default=None, help="default: the study's")
    p.add_argument("--courses", type=Path, default=None, help="--as reaction; default: the study's")
    p.add_argument(
        "--min-seconds",
        type=float,
        default=0,
        help="for a new mapping: faster submissions are test submissions (default: off)",
    )
    p.add_argument("--replace", action="store_true", help="replace a round already imported")
    p.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=None,
        help="language of messages (default: the study's, else zh)",
    )


def main(args: argparse.Namespace) -> int:
    """Run one import; 0 on success, 2 on bad input or an open mapping."""
    from cslib.core.courses import read_courses
    from cslib.core.errors import InputError
    from cslib.core.framework import load_framework
    from cslib.core.i18n import choose, name_side
    from cslib.core.paths import resolve
    from cslib.core.study import StudyError, declare_inputs, load_study
    from cslib.surveys.importer import import_survey
    from cslib.surveys.phrases import PHRASES

    study = None
    if args.study is not None:
        try:
            study = load_study(args.study)
        except StudyError as exc:  # worded in the study's language
            print(exc, file=sys.stderr)
            return 2
    lang = args.lang or (choose("zh", "en", study.lang) if study is not None else "zh")
    side = name_side(lang)

    def given(option: str, value: Path | None, param: str, what: str) -> Path | None:
        """The file of ``option``, else the study's declaration of ``param`` (never a sample)."""
        if value is not None:
            return Path(resolve(str(value)))
        declared = study.inputs.get(param) if study is not None else None
        if declared:
            return study.path(str(declared)) if study is not None else None
        print(
            PHRASES("need_file", side, option=option, what=PHRASES(what, side), param=param),
            file=sys.stderr,
        )
        return None

    framework_file = given("--framework", args.framework, "framework_path", "what_framework")
    courses_file = (
        given("--courses", args.courses, "courses_path", "what_courses")
        if args.kind == "reaction"
        else None
    )
    if framework_file is None or (args.kind == "reaction" and courses_file is None):
        return 2
    output_dir = args.output_dir if study is None else study.data_folder()
    try:
        framework = load_framework(framework_file)
        catalogue = read_courses(courses_file) if courses_file is not None else None
        result = import_survey(
            args.export,
            args.kind,
            output_dir,
            framework=framework,
            mapping=args.mapping,
            round=args.round,
            roster=args.roster,
            catalogue=catalogue,
            lang=lang,
            replace_round=args.replace,
            min_seconds=args.min_seconds,
        )
    except InputError as exc:
        print(PHRASES("error_prefix", side) + str(exc), file=sys.stderr)
        return 2
    output = next(iter(result.inputs.values()))
    print(
        PHRASES(
            "summary",
            side,
            export=Path(args.export).name,
            n=result.submissions,
            kept=result.kept,
            n_items=result.questions,
            output=output,
        )
    )
    print(PHRASES("mapping_used", side, mapping=result.mapping_path))
    for note in result.notes[:20]:
        print(f"  - {note}")
    if len(result.notes) > 20:
        print("  " + PHRASES("more_in_log", side, n=len(result.notes) - 20, log=result.log_path))
    if study is not None:
        declare_inputs(study.root, result.inputs, notebook=result.notebook)
        invited = _round_one_invited(result.rounds_path)
        if invited is not None:  # the round table knows the panel size of round 1
            from cslib.core.study import set_parameters

            set_parameters(study.root, {"n_invited": invited}, notebook=result.notebook)
        inputs = ", ".join(f"{k}: {v}" for k, v in result.inputs.items())
        print(PHRASES("declared", side, study=study.file, inputs=inputs))
        command = f"python -m cslib run --study {study.root} {result.notebook[:2]}"
    else:
        parameter = next(iter(result.inputs))
        command = f"python -m cslib run {result.notebook[:2]} -p {parameter} {output}"
    print(PHRASES("next_step", side, command=command))
    return 0


def _round_one_invited(rounds_path: Path | None) -> int | None:
    """Round 1's ``invited`` from ``delphi_rounds.csv`` (a roster was given), else ``None``."""
    if rounds_path is None or not rounds_path.is_file():
        return None
    import pandas as pd

    table = pd.read_csv(rounds_path, dtype=str, keep_default_na=False)
    first = table.loc[table["round"] == "1", "invited"]
    if first.empty or not first.iloc[0].strip().isdigit():
        return None
    return int(first.iloc[0])
