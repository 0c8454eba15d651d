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

_DEFAULT_FRAMEWORK = "data_samples/framework_complaint_handling.yaml"
_DEFAULT_COURSES = "data_samples/courses.csv"


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
    p.add_argument("--output-dir", type=Path, required=True, help="where the files are written")
    p.add_argument("--mapping", type=Path, default=None, help="mapping file (default: in OUT)")
    p.add_argument("--round", type=int, default=None, help="Delphi round of this export")
    p.add_argument("--roster", type=Path, default=None, help="who was invited (ids, 序号, team)")
    p.add_argument("--framework", type=Path, default=Path(_DEFAULT_FRAMEWORK))
    p.add_argument("--courses", type=Path, default=Path(_DEFAULT_COURSES), help="--as reaction")
    p.add_argument(
        "--min-seconds",
        type=float,
        default=0,
        help="for a new mapping: faster submissions are test submissions (default: off)",
    )
    p.add_argument("--replace", action="store_true", help="replace a round already imported")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages")


def main(args: argparse.Namespace) -> int:
    """Run one import; 0 on success, 2 on bad input or an open mapping."""
    from cslib.core.courses import read_courses
    from cslib.core.errors import InputError
    from cslib.core.framework import load_framework
    from cslib.core.i18n import name_side
    from cslib.core.paths import resolve
    from cslib.surveys.importer import import_survey
    from cslib.surveys.phrases import PHRASES

    side = name_side(args.lang)
    try:
        framework = load_framework(resolve(str(args.framework)))
        catalogue = read_courses(resolve(str(args.courses))) if args.kind == "reaction" else None
        result = import_survey(
            args.export,
            args.kind,
            args.output_dir,
            framework=framework,
            mapping=args.mapping,
            round=args.round,
            roster=args.roster,
            catalogue=catalogue,
            lang=args.lang,
            replace_round=args.replace,
            min_seconds=args.min_seconds,
        )
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
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
    parameter = next(iter(result.inputs))
    command = f"python -m cslib run {result.notebook[:2]} -p {parameter} {output}"
    print(PHRASES("next_step", side, command=command))
    return 0
