"""Command line: ``python -m cslib run [NOTEBOOK ...]`` (or the ``cslib`` script).

Examples
--------
    python -m cslib list
    python -m cslib run                       # every notebook, default parameters
    python -m cslib run 01 -p weight_method rank_sum -p n_boot 500
    python -m cslib run --params my_study.yaml --output-dir reports/my_study
    python -m cslib aggregate --qa qa_calls.parquet --kpi kpi_calls.parquet --output-dir data/
    python -m cslib run -j 2                  # two notebooks at a time (default: cores)
    python -m cslib list --markdown > docs/parameters.md
    python -m cslib import-survey export.xlsx --as delphi_ratings --round 1 --output-dir study/
    python -m cslib app                       # the browser workspace on 127.0.0.1:8765

A YAML parameter file holds either parameters for every notebook at the top level,
or one mapping per notebook keyed by its stem (``01_delphi_weights: {...}``), or both.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
from pathlib import Path
from typing import Any

import yaml


def _parse_value(text: str) -> Any:
    """Command-line values are read as YAML scalars: 500 → int, 0.25 → float, true → bool;
    ``""`` stays ``""`` (none) and dates stay text (:func:`cslib.core.inputs.parse_value`)."""
    from cslib.core.inputs import parse_value

    return parse_value(text)


def _params_for(
    stem: str,
    file_params: dict[str, Any],
    known: dict[str, Any],
    cli: dict[str, Any],
    stems: set[str] | None = None,
) -> dict[str, Any]:
    """Top-level YAML values (for every notebook), then the notebook's section, then ``-p``.

    A top-level key is a notebook section only if it names a notebook, so a mapping-valued
    parameter (``primary_kpi: {...}``) at the top level is a parameter, not a section.
    """
    stems = (
        stems if stems is not None else {k for k, v in file_params.items() if isinstance(v, dict)}
    )
    params = {k: v for k, v in file_params.items() if k not in stems and k in known}
    params.update(file_params.get(stem, {}) or {})
    params.update({k: v for k, v in cli.items() if k in known})
    return params


def _add_aggregate_parser(sub: Any) -> None:
    agg = sub.add_parser(
        "aggregate",
        help="aggregate call-level QA/KPI records to qa_weekly.csv / kpi_weekly.csv",
        description="Aggregate call-level QA and KPI records (CSV, XLSX or Parquet; one row per "
        "call) to the agent-week files notebook 03 reads. See docs/call_records.md.",
    )
    agg.add_argument("--qa", type=Path, help="QA call records (monitored calls)")
    agg.add_argument("--kpi", type=Path, help="KPI call records (handled calls)")
    agg.add_argument("--output-dir", type=Path, default=Path("."), help="default: current folder")
    agg.add_argument("--week-start", default="monday", help="first weekday of a week")
    agg.add_argument("--tz", default="Asia/Shanghai", help="time zone of the centre (IANA name)")


def _aggregate(args: argparse.Namespace) -> int:
    """``cslib aggregate``: call records → qa_weekly.csv and kpi_weekly.csv (atomic writes)."""
    from cslib.core.errors import InputError
    from cslib.core.inert import inert_frame
    from cslib.core.io import atomic_path
    from cslib.effectiveness.calls import weekly_from_calls

    if args.qa is None and args.kpi is None:
        print("error: give --qa and/or --kpi call records", file=sys.stderr)
        return 2
    try:
        qa, kpi = weekly_from_calls(args.qa, args.kpi, week_start=args.week_start, tz=args.tz)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for frame, name in ((qa, "qa_weekly.csv"), (kpi, "kpi_weekly.csv")):
        if frame is None:
            continue
        target = args.output_dir / name
        with atomic_path(target) as tmp:
            inert_frame(frame.assign(week=frame["week"].dt.strftime("%Y-%m-%d"))).to_csv(
                tmp, index=False, float_format="%.17g"
            )  # ids that start like a formula get a quote; read_table removes it again
        print(f"{target}: {len(frame):,} agent-weeks, {frame['agent_id'].nunique():,} agents")
    return 0


def _add_templates_parser(sub: Any) -> None:
    """``cslib templates``: Excel input templates (cslib.templates)."""
    tpl = sub.add_parser("templates", help="write an Excel template for every input file")
    tpl.add_argument(
        "--output-dir", type=Path, default=Path("templates"), help="default: templates/"
    )
    tpl.add_argument("--lang", choices=("zh", "en"), default="zh", help="language shown first")
    tpl.add_argument("--framework", type=Path, default=None, help="default: the sample framework")


def _add_collect_parser(sub: Any) -> None:
    """``cslib collect``: check a folder of returned Delphi questionnaires, write the round."""
    col = sub.add_parser(
        "collect",
        help="check returned Delphi questionnaires and write the round for notebook 01",
        description="Read every returned questionnaire workbook in RETURNS_DIR, check all of "
        "them, and either list every problem (exit status 2, nothing written) or write the "
        "round's ratings, the experts' reasons and comments, and who has not returned.",
    )
    col.add_argument("returns_dir", type=Path, metavar="RETURNS_DIR")
    where = col.add_mutually_exclusive_group(required=True)
    where.add_argument("--output-dir", type=Path, help="where the files go")
    where.add_argument(
        "--study",
        type=Path,
        help="a study folder: the files go to its data folder and study.yaml declares them "
        "for report 01",
    )
    col.add_argument("--round", type=int, default=None, help="round to collect (default: found)")
    col.add_argument(
        "--sent",
        type=Path,
        default=None,
        help="folder report 01 wrote the questionnaires to (holds the panel summary)",
    )
    col.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=None,
        help="language of messages (default: the study's, else zh)",
    )
    col.add_argument("--replace", action="store_true", help="replace files of another collection")


def _collect(args: argparse.Namespace) -> int:
    """``cslib collect``: every problem at once, or three files and the command to run next."""
    from cslib.core.i18n import choose
    from cslib.delphi.collect import (
        PHRASES,
        CollectError,
        OutputConflict,
        collect_returns,
        write_collected,
    )

    study = _study_or_error(args.study, args.lang) if args.study is not None else None
    if isinstance(study, int):
        return study
    lang = args.lang or (choose("zh", "en", study.lang) if study is not None else "zh")
    try:
        collected = collect_returns(args.returns_dir, round=args.round, sent=args.sent)
    except CollectError as exc:
        print(exc.text(lang), file=sys.stderr)
        return 2
    output_dir = (
        args.output_dir
        if study is None
        else study.data_folder() / f"delphi_round{collected.round}_collected"
    )
    try:
        written = write_collected(collected, output_dir, replace=args.replace, lang=lang)
    except OutputConflict as exc:
        for problem in exc.problems:
            print(problem.message, file=sys.stderr)
        return 2
    for path in written.values():
        print(PHRASES("written", lang, path=path))
    n_sent, n_back = len(collected.returns), int(collected.returns["returned"].sum())
    print(PHRASES("returned_line", lang, round=collected.round, sent=n_sent, returned=n_back))
    if collected.not_returned:
        print(PHRASES("missing_line", lang, experts=", ".join(collected.not_returned)))
    n_missing = int(collected.responses["reason_missing"].sum())
    if n_missing:
        name = written["responses_path"].name
        print(PHRASES("reasons_line", lang, n=n_missing, file=name))
    if collected.skipped:
        print(PHRASES("ignored_line", lang, files=", ".join(collected.skipped)))
    if collected.legacy:  # questionnaires without a check sheet, read by their layout
        files = ", ".join(collected.legacy)
        print(PHRASES("legacy_notice", lang, n=len(collected.legacy), files=files))
    print(PHRASES("next_line", lang))
    if study is not None:
        # the study now reads this round: its files, and the panel size it was sent to
        from cslib.delphi.collect import declare_in_study

        declare_in_study(study.root, written, n_sent)
        print(f"  cslib run --study {shlex.quote(str(study.root))} 01")
        return 0
    params = " ".join(f"-p {key} {shlex.quote(str(p.resolve()))}" for key, p in written.items())
    print(f"  cslib run 01 {params} -p n_invited N -p lang {lang}")
    print(PHRASES("next_invited", lang))
    return 0


def _study_or_error(folder: Path, lang: str | None) -> Any:
    """The study in ``folder`` (for ``collect`` and ``import-survey``), or exit status 2 after
    printing why it cannot be read."""
    from cslib.core.study import StudyError, load_study

    try:
        return load_study(folder)
    except StudyError as exc:  # worded in the study's language
        print(exc, file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="cslib",
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    lister = sub.add_parser("list", help="list the notebooks and their parameters")
    lister.add_argument(
        "--markdown", action="store_true", help="print docs/parameters.md (declared parameters)"
    )
    run = sub.add_parser("run", help="execute notebooks into reports")
    run.add_argument("notebooks", nargs="*", help="names, numbers (01) or paths; default: all")
    run.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a parameter (repeatable)",
    )
    run.add_argument("--params", type=Path, help="YAML file with parameters")
    run.add_argument(
        "--study",
        type=Path,
        default=None,
        help="study folder (made by cslib init): read only the inputs its study.yaml declares; "
        "default: the current folder if it holds a study.yaml",
    )
    run.add_argument("--output-dir", type=Path, default=None, help="default: reports/")
    run.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    run.add_argument(
        "--format",
        default="html,docx,xlsx",
        help="report formats, comma-separated: html (always), docx (Word), xlsx (all tables); "
        "default: html,docx,xlsx",
    )
    run.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    run.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        help="notebooks run at the same time (default: number of cores)",
    )
    run.add_argument(
        "--replace",
        action="store_true",
        help="replace report files that were made from other inputs (default: refuse)",
    )
    _add_aggregate_parser(sub)
    _add_templates_parser(sub)
    from cslib.study_init import add_init_parser
    from cslib.surveys.command import add_parser as add_import_survey_parser

    add_import_survey_parser(sub)
    _add_collect_parser(sub)
    add_init_parser(sub)
    from cslib.app.server import add_app_parser

    add_app_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "collect":
        return _collect(args)
    if args.command == "init":
        from cslib.study_init import main as init_main

        return init_main(args)
    if args.command == "aggregate":
        return _aggregate(args)
    if args.command == "app":
        from cslib.app.server import main as app_main

        return app_main(args)
    if args.command == "templates":
        from cslib.templates import main as templates_main

        return templates_main(args)
    if args.command == "import-survey":
        from cslib.surveys.command import main as import_survey_main

        return import_survey_main(args)

    from cslib.core.paths import project_root

    root = project_root()
    if args.command == "list":
        return _list(root, markdown=args.markdown)
    return _run(args, root)


def _list(root: Path, *, markdown: bool) -> int:
    from cslib.core import params as declared
    from cslib.reporting import runner

    if markdown:
        print(declared.parameters_markdown(), end="")
        return 0
    for nb in runner.discover(root):
        print(nb.stem)
        rows = declared.parameter_rows(nb.stem)
        if rows:
            for r in rows:
                unit = f" [{r['unit']}]" if r["unit"] else ""
                print(f"    {r['name']} = {r['default']}  # {r['type']}{unit}; {r['en']} {r['zh']}")
        else:
            for name, value in runner.notebook_parameters(nb).items():
                print(f"    {name} = {value}")
    return 0


def _error(text: str, code: int = 2, lang: str = "en") -> int:
    from cslib.reporting.failures import error_prefix

    print(f"{error_prefix(lang)}{text}", file=sys.stderr)
    return code


def _prefix(lang: str) -> str:
    from cslib.reporting.failures import error_prefix

    return error_prefix(lang)


def _on_signal(signum: int, frame: Any) -> None:
    """SIGINT/SIGTERM: remove staging folders, end this run's kernels, rebuild the index, exit."""
    from cslib.reporting import runner

    runner.cleanup_staging()
    import psutil  # the kernels this run started: end them by process id

    for child in psutil.Process().children(recursive=True):
        try:
            child.terminate()
        except psutil.Error:
            pass
    out = os.environ.get("CSLIB_OUTPUT_DIR")
    if out and Path(out).is_dir():
        try:
            runner.write_index([], Path(out))
        except OSError:
            pass
    print(f"\ninterrupted (signal {signum}); staging folders removed", file=sys.stderr, flush=True)
    os._exit(128 + signum)


def _run(args: argparse.Namespace, root: Path) -> int:
    from cslib.core.errors import InputError
    from cslib.reporting import runner

    try:
        notebooks = (
            [runner.find_notebook(n, root) for n in args.notebooks]
            if args.notebooks
            else runner.discover(root)
        )
    except FileNotFoundError as exc:
        return _error(str(exc))
    from cslib.reporting.exports import parse_formats

    try:
        formats = parse_formats(args.format)
    except ValueError as exc:
        return _error(str(exc))
    if args.jobs is not None and args.jobs < 1:
        return _error(f"parameter '-j/--jobs': expected an integer ≥ 1; found {args.jobs}")
    file_params: dict[str, Any] = {}
    if args.params:
        from cslib.core.inputs import load_yaml

        try:
            file_params = load_yaml(args.params.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError, ValueError) as exc:  # ValueError: a date 2026-13-45
            return _error(f"cannot read parameter file {args.params}: {exc}")
        if not isinstance(file_params, dict):
            return _error(f"{args.params} must hold a mapping of parameters")
    cli = {name: _parse_value(value) for name, value in args.param}
    output_dir = (args.output_dir or root / "reports").resolve()
    knowns = {nb: runner.notebook_parameters(nb) for nb in notebooks}
    stems = {nb.stem for nb in runner.discover(root)} | {nb.stem for nb in notebooks}
    for key, value in file_params.items():
        if key in stems and not isinstance(value, dict | None):
            return _error(f"{args.params}: '{key}' must hold a mapping of parameters")
    every = {name for nb in runner.discover(root) for name in runner.notebook_parameters(nb)}
    stray = sorted(k for k in file_params if k not in stems and k not in every)
    if stray:  # a typo in a parameter file must not be ignored silently
        return _error(
            f"{args.params}: {', '.join(map(str, stray))} is neither a parameter nor a notebook "
            f"name; notebooks: {', '.join(sorted(stems))}"
        )
    # a -p name no selected notebook takes is a typo: stop before running anything
    unknown = sorted(set(cli) - {name for known in knowns.values() for name in known})
    if unknown:
        if len(notebooks) == 1:
            nb, known = next(iter(knowns.items()))
            try:  # a declared notebook explains, e.g. that the salt is not a parameter
                runner.validate(nb, {name: cli[name] for name in unknown})
            except (InputError, ValueError) as exc:
                return _error(str(exc))
            return _error(
                f"{nb.name} has no parameter(s) {', '.join(unknown)}; it takes: {', '.join(known)}"
            )
        return _error(f"no selected notebook has parameter(s) {', '.join(unknown)}")
    params = {nb: _params_for(nb.stem, file_params, knowns[nb], cli, stems) for nb in notebooks}
    # the demo reads the sample data; a study, or any file of the user's own, reads only
    # what it is given (cslib.core.inputs)
    from cslib.run_setup import RunSetupError, setup_run

    try:
        setup = setup_run(notebooks, params, cli, study=args.study, output_dir=args.output_dir)
    except RunSetupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    params, lang = setup.parameters, setup.lang
    if setup.output_dir is not None:
        output_dir = setup.output_dir
    # every value of every notebook is checked before the first kernel starts
    try:
        for nb in notebooks:
            runner.validate(nb, params[nb])
    except (InputError, ValueError) as exc:
        return _error(str(exc), lang=lang)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _on_signal)
    os.environ["CSLIB_OUTPUT_DIR"] = str(output_dir)
    total = len(notebooks)
    done = [0]

    from cslib.reporting.failures import run_phrase

    def report(nb: Path, result: Any) -> None:
        done[0] += 1
        if isinstance(result, BaseException):
            print(run_phrase("progress_failed", lang, k=done[0], n=total, name=nb.name), flush=True)
            return
        shown = (
            result.html.relative_to(output_dir.parent)
            if result.html.is_relative_to(output_dir.parent)
            else result.html
        )
        line = run_phrase(
            "progress_done", lang, k=done[0], n=total, name=nb.name, html=shown, s=result.seconds
        )
        print(line, flush=True)

    try:
        results = runner.run_many(
            notebooks,
            params,
            output_dir=output_dir,
            jobs=args.jobs,
            show_code=args.show_code,
            replace=args.replace,
            progress=not args.no_progress,
            on_done=report,
            formats=formats,
        )
    except (InputError, ValueError) as exc:
        return _error(str(exc), lang=lang)
    from cslib.reporting.failures import failure_message

    code = 0
    for nb, result in zip(notebooks, results, strict=True):
        if isinstance(result, runner.NotebookFailed):
            print(failure_message(result, lang), file=sys.stderr)
            code = max(code, 1)
        elif isinstance(result, runner.OutputConflict | InputError | ValueError):
            print(f"{_prefix(lang)}{result}", file=sys.stderr)
            code = 2
        elif isinstance(result, BaseException):
            print(failure_message(result, lang, notebook=nb), file=sys.stderr)
            code = max(code, 1)
    ok = sum(not isinstance(r, BaseException) for r in results)
    index = output_dir / "index.html"
    print(run_phrase("all_done", lang, ok=ok, n=total, index=index))
    return code


if __name__ == "__main__":
    sys.exit(main())
