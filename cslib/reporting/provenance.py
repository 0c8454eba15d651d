"""Which files and settings made a report: the record in the manifest and the header lines.

Before a notebook's kernel starts, :func:`run_record` notes every input file the run
is given (file name, data rows, the first 12 hex digits of its SHA-256), the
parameters that differ from their declared defaults (with their Chinese and English
labels), the optional inputs that were not given (their analyses are skipped) and
whether the run is on the project's sample data.  The runner stores the record in
``cslib-manifest.json`` beside the parameters, so a reviewer can prove which files
made a number; :func:`add_provenance` shows the same in the report's header:

* a banner *示例数据 / sample data* on every page made from ``data_samples/``;
* the inputs read, one line each: ``ratings.xlsx · 117 行 · SHA-256 3f9a0c…``;
* the settings changed from their defaults, by label, an option by its label with the code
  in brackets (``赋权方法：秩和法 (rank_sum)``);
* the analyses not run, each with the file (parameter) that would enable it.

Only file *names* reach the page and the manifest's ``inputs``; folders never do.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cslib.core.choices import choice_label
from cslib.core.i18n import Lang, Phrases, check_lang, clause_separator, list_separator, pick

__all__ = [
    "run_record",
    "file_record",
    "add_provenance",
    "not_run_entries",
    "not_run_markdown",
    "PHRASES",
]

PHRASES = Phrases(
    {
        "sample": (
            "示例数据：本报告由项目自带的示例文件生成，其中的数字不属于任何真实研究。"
            "分析自己的数据：cslib init 新建研究文件夹。",
            "Sample data: this report was made from the project's sample files; "
            "its numbers belong to no real study. To analyse your own data: cslib init.",
        ),
        "key": ("主要设置：", "Key settings: "),
        "inputs": ("读取的输入文件：", "Input files read: "),
        "rows": ("{n} 行", "{n} rows"),
        "changed": ("与默认值不同的设置：", "Settings changed from their defaults: "),
        "not_run": ("未运行的分析（缺少输入文件）：", "Analyses not run (input not given): "),
        "enable_a": ("提供“{label}”（", "give '{label}' ("),
        "enable_b": ("）即可运行", ") to run it"),
        "none": ("无", "none"),
        "colon": ("：", ": "),
    }
)

# what an optional input enables, for the "not run" line (notebook, parameter) → (zh, en);
# an input not listed is described by its own label
ENABLES: dict[tuple[str, str], tuple[str, str]] = {
    ("01_delphi_weights", "experts_path"): ("专家权威系数", "expert authority (Cr)"),
    ("01_delphi_weights", "published_table_path"): (
        "已发表权重表核查",
        "check of a published weight table",
    ),
    ("01_delphi_weights", "relevance_path"): (
        "基于相关性评定的内容效度（改用重要性评分）",
        "content validity from relevance ratings (the importance ratings are used instead)",
    ),
    ("02_consistency_checks", "compare_weights_path"): (
        "与对照权重的比较",
        "comparison with other weights",
    ),
    ("02_consistency_checks", "framework_path"): (
        "AHP 判断一致性、汇总权重与敏感性分析（还需 AHP 问卷）",
        "AHP consistency, aggregate weights and sensitivity (also needs the AHP survey)",
    ),
    ("02_consistency_checks", "ahp_survey_path"): (
        "AHP 判断一致性、汇总权重与敏感性分析",
        "AHP consistency, aggregate weights and sensitivity",
    ),
    ("02_consistency_checks", "qa_form_path"): (
        "质检员评分一致性与偏差（还需质检校准评分）",
        "QA rater agreement and inspector bias (also needs the calibration scores)",
    ),
    ("02_consistency_checks", "qa_calibration_path"): (
        "质检员评分一致性与偏差（还需质检表）",
        "QA rater agreement and inspector bias (also needs the QA form)",
    ),
    ("02_consistency_checks", "self_assessment_path"): (
        "自评问卷内部一致性（Cronbach α）",
        "self-assessment reliability (Cronbach's alpha)",
    ),
    ("02_consistency_checks", "scheme_paths"): (
        "考核方案自洽性检查",
        "scoring-scheme integrity check",
    ),
    ("03_microcourse_effectiveness", "items_path"): ("逐题分析", "item analysis"),
    ("03_microcourse_effectiveness", "qa_path"): ("第3层 行为（质检）", "level 3 behaviour (QA)"),
    ("03_microcourse_effectiveness", "kpi_path"): (
        "第4层 业务结果（KPI）",
        "level 4 results (KPIs)",
    ),
    ("04_training_needs", "delphi_ratings_path"): (
        "德尔菲权重对照",
        "Delphi weights for comparison",
    ),
    ("04_training_needs", "ahp_survey_path"): ("AHP 权重对照", "AHP weights for comparison"),
    ("04_training_needs", "published_weights_path"): (
        "已发表权重",
        "published weights",
    ),
    ("05_qa_monitoring", "calibration_path"): (
        "质检员校准与宽严度",
        "inspector calibration and leniency",
    ),
}


def _labels(stem: str, name: str) -> tuple[str, str]:
    from cslib.core.params import declaration

    cls = declaration(stem)
    if cls is None or name not in cls.model_fields:
        return name, name
    f = cls.model_fields[name]
    extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
    zh = str(extra.get("zh", "") or name).split("，")[0]
    en = (f.description or name).split(";")[0]
    return zh, en


def _rows(path: Path) -> int | None:
    """Data rows of a table file (all sheets of a workbook; header rows not counted)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True, data_only=True)
            try:
                total = 0
                for ws in wb.worksheets:
                    filled = sum(
                        1
                        for row in ws.iter_rows(values_only=True)
                        if any(v not in (None, "") for v in row)
                    )
                    total += max(filled - 1, 0)
                return total
            finally:
                wb.close()
        if suffix in (".csv", ".txt", ".tsv"):
            import warnings

            from cslib.core.io import read_table

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return len(read_table(path))
        if suffix in (".yaml", ".yml"):
            import yaml

            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            items = doc.get("indicators") if isinstance(doc, dict) else doc
            return len(items) if isinstance(items, list) else None
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:  # a file the notebook will reject says so there; here: no row count
        return None
    return None


def file_record(path: str | Path) -> dict[str, Any]:
    """``{"file": name, "rows": n | None, "sha256": hex}`` of one input file."""
    p = Path(path)
    digest = hashlib.sha256()
    with p.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return {"file": p.name, "rows": _rows(p), "sha256": digest.hexdigest()}


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _literal(value: Any) -> Any:
    """A default as papermill reports it for an undeclared notebook (source text) → its value."""
    import ast

    if isinstance(value, str) and value[:1] in "\"'[{(" and value:
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
    return value


def run_record(stem: str, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The provenance of one run: inputs, changed settings, analyses not run, sample or not.

    ``parameters`` are every value the notebook runs with (defaults included).  Returns
    ``{"data": "sample" | "user", "inputs": [...], "changed": [...], "not_run": [...]}``
    (JSON-ready; empty for a notebook without a declaration).
    """
    from cslib.core.inputs import SAMPLE_DERIVED, is_sample_path
    from cslib.core.params import declaration, defaults
    from cslib.core.paths import resolve
    from cslib.core.study import input_parameters

    if declaration(stem) is None:
        return {}
    parameters = {k: _literal(v) for k, v in parameters.items()}
    kinds = input_parameters(stem)
    inputs: list[dict[str, Any]] = []
    sample = False
    for name in kinds:
        value = parameters.get(name)
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if v in ("", None):
                continue
            sample = sample or is_sample_path(v)
            path = resolve(str(v))
            if path.is_file():
                inputs.append({"parameter": name, **file_record(path)})
    base = defaults(stem)
    changed = []
    for name, value in parameters.items():
        if name in kinds or name in ("output_dir", "lang") or name not in base:
            continue
        if not sample and name in SAMPLE_DERIVED.get(stem, {}):
            pass  # outside the demo these have no default: always shown
        elif _jsonable(value) == _jsonable(base[name]):
            continue
        zh, en = _labels(stem, name)
        changed.append({"parameter": name, "zh": zh, "en": en, "value": _jsonable(value)})
    not_run = not_run_entries(stem, {**base, **parameters})
    return {
        "data": "sample" if sample else "user",
        "inputs": inputs,
        "changed": changed,
        "not_run": not_run,
    }


def not_run_entries(stem: str, parameters: Mapping[str, Any]) -> list[dict[str, str]]:
    """The analyses of notebook ``stem`` not run: its optional inputs given as ``""``.

    Each entry names the input (``parameter``, its labels ``zh``/``en``) and what it
    would enable (``analysis_zh``/``analysis_en``, from :data:`ENABLES` or the label).
    Only inputs present in ``parameters`` with an empty value count.

    Examples
    --------
    >>> [e["parameter"] for e in not_run_entries("01_delphi_weights", {"experts_path": ""})]
    ['experts_path']
    """
    from cslib.core.study import input_parameters

    out = []
    for name, kind in input_parameters(stem).items():
        value = parameters.get(name, 0)
        if kind in ("optional", "list") and (value in ("", None) or value == []):
            zh, en = _labels(stem, name)
            what = ENABLES.get((stem, name), (zh, en))
            out.append(
                {
                    "parameter": name,
                    "zh": zh,
                    "en": en,
                    "analysis_zh": what[0],
                    "analysis_en": what[1],
                }
            )
    return out


def not_run_markdown(entries: Sequence[Mapping[str, str]], lang: str) -> str:
    """The summary's paragraph on the analyses not run, and the file that enables each.

    ``""`` when every analysis ran.  Names from data are not involved: the labels are
    the declarations' own words.

    Examples
    --------
    >>> e = not_run_entries("01_delphi_weights", {"experts_path": ""})
    >>> print(not_run_markdown(e, "en"))
    **Analyses not run (input not given)**
    <BLANKLINE>
    - expert authority (Cr): give 'expert profiles' (`experts_path`) to run it
    """
    if not entries:
        return ""
    side = check_lang(lang)
    items = [
        f"- {pick(e['analysis_zh'], e['analysis_en'], side, sep=' · ')}"
        + PHRASES("colon", side)
        + PHRASES("enable_a", side, label=pick(e["zh"], e["en"], side, sep=" · "))
        + f"`{e['parameter']}`"
        + PHRASES("enable_b", side)
        for e in entries
    ]
    head = PHRASES("not_run", side).rstrip("：: ")
    return f"**{head}**\n\n" + "\n".join(items)


def _value_text(value: Any, lang: Lang) -> str:
    if value is None:
        return PHRASES("none", lang)
    if isinstance(value, bool):
        return pick("是", "yes", lang) if value else pick("否", "no", lang)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return list_separator(lang).join(f"{k} {_value_text(v, lang)}" for k, v in value.items())
    if isinstance(value, list):
        return list_separator(lang).join(_value_text(v, lang) for v in value)
    return str(value)


def _is_word(value: Any) -> bool:
    """A value the user types as a word (an option, a name): shown as code."""
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return True
    if isinstance(value, list):
        return any(isinstance(v, str) for v in value)
    return False


def add_provenance(
    html: str,
    record: Mapping[str, Any],
    lang: str,
    *,
    stem: str = "",
    key_parameters: Mapping[str, Any] | None = None,
) -> str:
    """Insert the provenance lines of ``record`` into a finished report's header.

    Idempotent: a page that already has them gets them replaced.

    Examples
    --------
    >>> page = '<html><body><header class="cslib-header"><p class="cslib-meta">x</p></header></body></html>'
    >>> rec = {"data": "sample", "inputs": [{"parameter": "ratings_path", "file": "r.csv",
    ...        "rows": 9, "sha256": "ab" * 32}], "changed": [], "not_run": []}
    >>> out = add_provenance(page, rec, "en")
    >>> "Sample data" in out, "r.csv · 9 rows · SHA-256 <code>abababababab</code>" in out
    (True, True)
    """
    from bs4 import BeautifulSoup, Tag

    side = check_lang(lang)
    soup = BeautifulSoup(html, "html.parser")
    for old in soup.select(".cslib-provenance, .cslib-sample, style.cslib-provenance-style"):
        old.decompose()
    header = soup.select_one("header.cslib-header")
    if not isinstance(header, Tag) or not record:
        return str(soup)
    box = soup.new_tag("div", attrs={"class": "cslib-provenance"})
    Fragment = str | tuple[str]  # a 1-tuple is shown as code (a name the user types)

    def line(label: str, items: list[list[Fragment]]) -> None:
        p = soup.new_tag("p", attrs={"class": "cslib-meta"})
        strong = soup.new_tag("strong")
        strong.string = label
        p.append(strong)
        for k, item in enumerate(items):
            if k:
                p.append(clause_separator(side))
            for part in item:
                if isinstance(part, tuple):
                    code = soup.new_tag("code")
                    code.string = part[0]
                    p.append(code)
                else:
                    p.append(part)
        box.append(p)

    def setting(zh: str, en: str, name: str, value: Any) -> list[Fragment]:
        # an option of a choice parameter by its label, the code the user types in brackets
        label = choice_label(name, value, side)
        head = f"{pick(zh, en, side, sep=' · ')}{PHRASES('colon', side)}"
        if label is not None:
            return [f"{head}{label} (", (str(value),), ")"]
        text = _value_text(value, side)
        shown: Fragment = (text,) if _is_word(value) else text
        return [head, shown, " (", (name,), ")"]

    inputs: list[list[Fragment]] = []
    for i in record.get("inputs", []):
        rows = i.get("rows")
        text = str(i["file"])
        if rows is not None:
            text += " · " + PHRASES("rows", side, n=format(int(rows), ","))
        inputs.append([text + " · SHA-256 ", (str(i["sha256"])[:12],)])
    if key_parameters:
        line(
            PHRASES("key", side),
            [setting(*_labels(stem, k), k, v) for k, v in key_parameters.items()],
        )
    line(PHRASES("inputs", side), inputs or [[PHRASES("none", side)]])
    if record.get("earlier"):  # earlier reports' recorded results, listed like input files
        from cslib.reporting.earlier_results import PHRASES as EARLIER_PHRASES
        from cslib.reporting.earlier_results import header_items

        line(
            EARLIER_PHRASES("earlier", side),
            [
                [text, (str(e["sha256"])[:12],)]
                for text, e in zip(header_items(record, side), record["earlier"], strict=True)
            ],
        )
    changed = [
        setting(c["zh"], c["en"], c["parameter"], c["value"]) for c in record.get("changed", [])
    ]
    if changed:
        line(PHRASES("changed", side), changed)
    not_run: list[list[Fragment]] = [
        [
            pick(n["analysis_zh"], n["analysis_en"], side, sep=" · ") + " — ",
            PHRASES("enable_a", side, label=pick(n["zh"], n["en"], side, sep=" · ")),
            (n["parameter"],),
            PHRASES("enable_b", side),
        ]
        for n in record.get("not_run", [])
    ]
    if not_run:
        line(PHRASES("not_run", side), not_run)
    anchor = header.select_one("p.cslib-meta")
    if anchor is not None:
        anchor.insert_after(box)
    else:
        header.append(box)
    if record.get("data") == "sample":
        banner = soup.new_tag(
            "p",
            attrs={
                "class": "cslib-sample",
                "style": "background:#fff8c5;border:1px solid #d4a72c;padding:0.4rem 0.7rem;"
                "border-radius:6px;font-weight:bold;",
            },
        )
        # the command is code, not prose: in <code>, as the header shows parameter names
        before, command, after = PHRASES("sample", side).partition("cslib init")
        banner.append(before)
        if command:
            code = soup.new_tag("code")
            code.string = command
            banner.append(code)
        banner.append(after)
        box.insert_before(banner)
    return str(soup)
