"""``cslib init DIR``: a new study folder with ``study.yaml``, templates and a short guide.

The folder gets

* ``study.yaml``: every input of every notebook, generated from the parameter
  declarations (:mod:`cslib.core.params`), so a new notebook's inputs appear without
  editing this module; each line carries its Chinese and English description, whether
  it is required, what is skipped without it and the template to fill.  Parameters
  whose default came from the sample data (:data:`cslib.core.inputs.SAMPLE_DERIVED`)
  are listed, commented out, because a real study must state them;
* ``模板/`` (``templates/`` for ``--lang en``): an Excel template for each input
  (:mod:`cslib.study_templates`);
* ``数据/`` (``data/``): an empty folder for the filled-in files;
* ``说明.md`` (``README.md``): what to do, step by step.

Nothing existing is overwritten: a folder that already holds any of these files is
refused with a message naming them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cslib.core.i18n import Phrases, choose, name_side

__all__ = ["add_init_parser", "main", "study_yaml", "guide_text", "init_study"]

PHRASES = Phrases(
    {
        "exists": (
            "{folder} 中已有研究文件，未做任何改动：{files}。请换一个文件夹。",
            "{folder} already holds study files; nothing was changed: {files}. Choose another "
            "folder.",
        ),
        "done": (
            "已建立研究文件夹 {folder}：\n  {yaml}（填写各输入文件）\n  {templates}/（{n} 个 Excel 模板）\n"
            "  {guide}（步骤说明）\n下一步：填好模板，把文件名写进 study.yaml，然后运行\n"
            "  cslib run --study {folder}",
            "Created the study folder {folder}:\n  {yaml} (name your input files here)\n"
            "  {templates}/ ({n} Excel templates)\n  {guide} (the steps)\nNext: fill in the "
            "templates, write their names into study.yaml, then run\n  cslib run --study {folder}",
        ),
    }
)

FOLDERS = {"zh": ("模板", "数据", "说明.md"), "en": ("templates", "data", "README.md")}


def add_init_parser(sub: Any) -> None:
    init = sub.add_parser(
        "init",
        help="create a study folder: study.yaml, Excel templates and a guide",
        description="Create a study folder: a commented study.yaml naming every input of "
        "every notebook, an Excel template for each input, and a short guide. "
        "Then: cslib run --study DIR.",
    )
    init.add_argument("folder", type=Path, help="the new study folder")
    init.add_argument("--lang", choices=("zh", "en"), default="zh", help="language (default zh)")
    init.add_argument(
        "--framework",
        type=Path,
        default=None,
        help="your indicator framework (YAML/CSV/XLSX): templates then list your indicator ids",
    )


def _comment(*parts: str) -> str:
    return "  # " + " · ".join(p for p in parts if p)


def study_yaml(lang: str = "zh", framework: str = "") -> str:
    """The text of a new ``study.yaml`` (every input of every declared notebook)."""
    from cslib.core.inputs import REQUIRED, SAMPLE_DERIVED
    from cslib.core.params import declaration, declared_notebooks
    from cslib.core.study import input_parameters, shared_inputs
    from cslib.reporting.html import REPORTS
    from cslib.reporting.provenance import ENABLES
    from cslib.study_templates import template_for

    side = name_side(lang)
    templates = FOLDERS[side][0]
    shared = shared_inputs()

    def describe(stem: str, name: str, kind: str) -> str:
        cls = declaration(stem)
        assert cls is not None
        f = cls.model_fields[name]
        extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
        zh = str(extra.get("zh", "")).split("，")[0]
        en = (f.description or "").split(";")[0]
        if kind in ("optional", "list"):  # a list of files may be empty: []
            skip = ENABLES.get((stem, name), (zh, en))
            need = f"可选，不填则不做：{skip[0]} / optional; without it: no {skip[1]}"
        else:
            need = "必填 required"
        tpl = template_for(stem, name)
        where = f"模板 template: {templates}/{tpl}.xlsx" if tpl else ""
        if kind == "list":
            where = "YAML 文件列表 a list of YAML files, see docs/scheme_format.md"
        return _comment(f"{zh} {en}", need, where)

    lines = [
        "# 研究参数文件 · Study file  (cslib init)",
        "#",
        "# 本文件夹是一项研究：这里列出的文件就是报告读取的全部数据，不会用示例数据补齐。",
        "# This folder is one study: the files named here are all the data the reports read;",
        "# no sample file ever fills in for a missing one.",
        "#",
        "# 用法 Usage:",
        "#   1. 填写模板（或放入自己的文件），把文件名写在对应的参数后面（相对于本文件夹）。",
        "#      Fill in the templates (or add your own files) and write each file's name after",
        "#      its parameter (relative to this folder).",
        '#   2. 可选的输入留空（""）即表示没有该文件：相应分析不做，报告会写明。',
        '#      Leave an optional input empty ("") when you have no such file: its analysis is',
        "#      skipped and the report says so.",
        "#   3. cslib run --study .   （或在本文件夹中运行 cslib run；只运行一个报告：cslib run 01）",
        "#      cslib run --study .   (or cslib run in this folder; one report: cslib run 01)",
        "#   报告写入 报告/ 文件夹 · reports are written to 报告/ (reports/ for English studies).",
        "#   其他参数见 cslib list · other parameters: cslib list",
        "",
        f"lang: {lang}" + _comment("报告语言 report language: zh, en, zh+en"),
        "",
        "# ---- 多个报告共用的输入 · inputs shared by several reports",
    ]
    for name, stems in shared.items():
        value = f'"{framework}"' if name == "framework_path" and framework else '""'
        kinds = {input_parameters(s)[name] for s in stems}
        kind = "required" if "required" in kinds else "optional"
        numbers = ", ".join(s[:2] for s in stems)
        lines.append(
            f"{name}: {value}" + describe(stems[0], name, kind) + f" · 用于 used by {numbers}"
        )
    for stem in declared_notebooks():
        cls = declaration(stem)
        assert cls is not None
        title = REPORTS.get(stem, ((stem, stem),))[0]
        lines += ["", f"{stem}:" + _comment(title[0], title[1])]
        for name, kind in input_parameters(stem).items():
            if name in shared:
                continue
            value = "[]" if kind == "list" else '""'
            lines.append(f"  {name}: {value}" + describe(stem, name, kind))
        for name, neutral in SAMPLE_DERIVED.get(stem, {}).items():
            if name not in cls.model_fields:
                continue
            f = cls.model_fields[name]
            extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
            zh = str(extra.get("zh", ""))
            en = f.description or ""
            need = (
                "必填，请写出自己研究的值 required: your study's value"
                if neutral is REQUIRED
                else "可选 optional"
            )
            lines.append(f"  # {name}:" + _comment(f"{zh} {en}", need))
    return "\n".join(lines) + "\n"


def guide_text(lang: str = "zh") -> str:
    """The short guide written beside ``study.yaml``."""
    return choose(_GUIDE_ZH, _GUIDE_EN, lang)


_GUIDE_EN = (
    "# Your study\n\n"
    "1. Fill in the templates in `templates/` (the grey rows are examples: replace "
    "them), or put your own files in `data/`. Start with `framework.xlsx`, your "
    "indicator framework; `cslib templates --framework data/framework.xlsx "
    "--output-dir templates` then gives templates with your indicator ids.\n"
    "2. Write each file's name into `study.yaml` after its parameter, e.g. "
    '`ratings_path: "data/ratings.xlsx"`. Leave optional inputs empty; what is '
    "skipped without them is written beside each line and in the report.\n"
    "3. Run `cslib run --study .` (all reports) or `cslib run --study . 01` (one). "
    "Missing required inputs are listed together before anything runs.\n"
    "4. Open `reports/index.html`. Each report's header lists the files it read "
    "(rows and a SHA-256 fingerprint) and the settings you changed.\n\n"
    "Only the files named in `study.yaml` are read; the project's sample data "
    "never fills in for a missing file.\n"
)
_GUIDE_ZH = (
    "# 我的研究\n\n"
    "1. 填写 `模板/` 中的 Excel 模板（灰色行是示例，请替换），或把自己的文件放进 `数据/`。"
    "先填 `framework.xlsx`（指标体系）；之后运行 `cslib templates --framework "
    "数据/framework.xlsx --output-dir 模板` 可得到带自己指标编号下拉框的模板。\n"
    "2. 在 `study.yaml` 中把每个文件名写在对应参数后面，例如 "
    '`ratings_path: "数据/专家评分.xlsx"`。可选的输入可以留空：每行旁边写明了缺少它时哪项分析不做，'
    "报告中也会写明。\n"
    "3. 运行 `cslib run --study .`（全部报告）或 `cslib run --study . 01`（一个报告）。"
    "缺少必填输入时，运行前会一次列出全部缺少的项目。\n"
    "4. 打开 `报告/index.html`。每份报告的开头列出读取的文件（行数和 SHA-256 指纹）"
    "以及改动过的设置。\n\n"
    "报告只读取 `study.yaml` 中写明的文件，项目自带的示例数据不会用来补齐缺少的文件。\n"
)


def init_study(
    folder: str | Path, *, lang: str = "zh", framework: Path | None = None
) -> list[Path]:
    """Create the study in ``folder``; return the files written.

    Raises
    ------
    FileExistsError
        ``folder`` already holds ``study.yaml``, the guide or a template (message in
        ``lang``); nothing is written.
    cslib.core.errors.InputError
        ``framework`` cannot be read.
    """
    from cslib.core.framework import load_framework
    from cslib.core.io import atomic_path
    from cslib.core.study import STUDY_FILE
    from cslib.study_templates import study_templates, write_study_templates
    from cslib.templates import default_framework

    side = name_side(lang)
    root = Path(folder).expanduser()
    templates_dir, data_dir, guide = FOLDERS[side]
    fw = load_framework(framework) if framework is not None else default_framework()
    names = [f"{t.name}.xlsx" for t in study_templates(fw, own_framework=framework is not None)]
    targets = [root / STUDY_FILE, root / guide, *(root / templates_dir / n for n in names)]
    existing = [p for p in targets if p.exists()]
    if existing:
        raise FileExistsError(
            PHRASES(
                "exists",
                side,
                folder=root,
                files=", ".join(str(p.relative_to(root)) for p in existing[:5]),
            )
        )
    root.mkdir(parents=True, exist_ok=True)
    (root / data_dir).mkdir(exist_ok=True)
    written = write_study_templates(
        root / templates_dir, fw, own_framework=framework is not None, lang=lang
    )
    fw_value = ""
    if framework is not None:
        fw_value = framework.resolve().as_posix()
    with atomic_path(root / STUDY_FILE) as tmp:
        tmp.write_text(study_yaml(lang, fw_value), encoding="utf-8")
    with atomic_path(root / guide) as tmp:
        tmp.write_text(guide_text(side), encoding="utf-8")
    return [root / STUDY_FILE, root / guide, *written]


def main(args: argparse.Namespace) -> int:
    """The ``init`` subcommand."""
    from cslib.core.errors import InputError
    from cslib.reporting.failures import error_prefix

    lang = getattr(args, "lang", "zh")
    try:
        written = init_study(args.folder, lang=lang, framework=args.framework)
    except (FileExistsError, InputError) as exc:
        print(f"{error_prefix(lang)}{exc}", file=sys.stderr)
        return 2
    side = name_side(lang)
    templates_dir, _, guide = FOLDERS[side]
    print(
        PHRASES(
            "done",
            side,
            folder=args.folder,
            yaml=written[0].name,
            templates=templates_dir,
            n=len(written) - 2,
            guide=guide,
        )
    )
    return 0
