"""Command line: ``python -m cslib run [NOTEBOOK ...]`` (or the ``cslib`` script).

Examples
--------
    python -m cslib list
    python -m cslib run                       # every notebook, default parameters
    python -m cslib run 01 -p weight_method rank_sum -p n_boot 500
    python -m cslib run --params my_study.yaml --output-dir reports/my_study

A YAML parameter file holds either parameters for every notebook at the top level,
or one mapping per notebook keyed by its stem (``01_delphi_weights: {...}``), or both.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml


def _parse_value(text: str) -> Any:
    """Command-line values are read as YAML scalars: 500 → int, 0.25 → float, true → bool."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _params_for(
    stem: str, file_params: dict[str, Any], known: dict[str, Any], cli: dict[str, Any]
) -> dict[str, Any]:
    params = {k: v for k, v in file_params.items() if not isinstance(v, dict) and k in known}
    params.update(file_params.get(stem, {}) or {})
    params.update({k: v for k, v in cli.items() if k in known})
    return params


def _add_templates_parser(sub: Any) -> None:
    """``cslib templates``: Excel input templates (cslib.templates)."""
    tpl = sub.add_parser("templates", help="write an Excel template for every input file")
    tpl.add_argument(
        "--output-dir", type=Path, default=Path("templates"), help="default: templates/"
    )
    tpl.add_argument("--lang", choices=("zh", "en"), default="zh", help="language shown first")
    tpl.add_argument("--framework", type=Path, default=None, help="default: the sample framework")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="cslib",
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the notebooks and their parameters")
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
    run.add_argument("--output-dir", type=Path, default=None, help="default: reports/")
    run.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    run.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    _add_templates_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "templates":
        from cslib.templates import main as templates_main

        return templates_main(args)

    from cslib.core.paths import project_root
    from cslib.reporting import runner

    root = project_root()
    if args.command == "list":
        for nb in runner.discover(root):
            print(nb.stem)
            for name, value in runner.notebook_parameters(nb).items():
                print(f"    {name} = {value}")
        return 0

    try:
        notebooks = (
            [runner.find_notebook(n, root) for n in args.notebooks]
            if args.notebooks
            else runner.discover(root)
        )
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    file_params: dict[str, Any] = {}
    if args.params:
        try:
            file_params = yaml.safe_load(args.params.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            print(f"error: cannot read parameter file {args.params}: {exc}", file=sys.stderr)
            return 2
        if not isinstance(file_params, dict):
            print(f"error: {args.params} must hold a mapping of parameters", file=sys.stderr)
            return 2
    cli = {name: _parse_value(value) for name, value in args.param}
    output_dir = (args.output_dir or root / "reports").resolve()
    knowns = {nb: runner.notebook_parameters(nb) for nb in notebooks}
    # a -p name no selected notebook takes is a typo: stop before running anything
    unknown = sorted(set(cli) - {name for known in knowns.values() for name in known})
    if unknown:
        if len(notebooks) == 1:
            nb, known = next(iter(knowns.items()))
            print(
                f"error: {nb.name} has no parameter(s) {', '.join(unknown)}; it takes: "
                f"{', '.join(known)}",
                file=sys.stderr,
            )
        else:
            print(
                f"error: no selected notebook has parameter(s) {', '.join(unknown)}",
                file=sys.stderr,
            )
        return 2
    results = []
    for k, nb in enumerate(notebooks, 1):
        params = _params_for(nb.stem, file_params, knowns[nb], cli)
        print(f"[{k}/{len(notebooks)}] {nb.name}", flush=True)
        try:
            result = runner.execute(
                nb,
                params,
                output_dir=output_dir,
                progress=not args.no_progress,
                show_code=args.show_code,
            )
        except runner.NotebookFailed as exc:
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        results.append(result)
        print(
            f"      → {result.html.relative_to(output_dir.parent) if result.html.is_relative_to(output_dir.parent) else result.html}"
            f" ({result.seconds:.1f} s)",
            flush=True,
        )
    index = runner.write_index(results, output_dir)
    print(f"done: {len(results)} report(s); index at {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
