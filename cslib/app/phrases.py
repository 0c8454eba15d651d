"""The app's words (Chinese first, English); keys used by :mod:`cslib.app.page` and friends."""

from __future__ import annotations

from cslib.core.i18n import Phrases

__all__ = ["PHRASES"]

PHRASES = Phrases(
    {
        "title": ("cslib 培训分析工作台", "cslib training-analysis workspace"),
        "subtitle": (
            "选择或新建一项研究 → 上传数据 → 设置参数 → 运行 → 阅读报告",
            "Open or create a study → upload data → set options → run → read the reports",
        ),
        "language": ("界面语言", "Language"),
        # studies
        "study": ("研究", "Study"),
        "open_study": ("打开已有研究", "Open a study"),
        "open": ("打开", "Open"),
        "no_studies": ("（工作文件夹中还没有研究）", "(no study in the workspace yet)"),
        "new_study": ("新研究名称", "New study name"),
        "new_study_hint": ("例如：2026年投诉处理", "e.g. complaints-2026"),
        "create": ("新建研究", "Create study"),
        "created": (
            "已新建研究 {name}（含 {n} 个 Excel 模板）。",
            "Created study {name} ({n} Excel templates).",
        ),
        "opened": ("已打开研究 {name}。", "Opened study {name}."),
        "name_empty": ("请填写研究名称。", "Enter a name for the study."),
        "name_exists": (
            "已有名为 {name} 的研究，请直接打开或换一个名称。",
            "A study named {name} exists: open it or choose another name.",
        ),
        "workspace": ("工作文件夹：{path}", "Workspace: {path}"),
        "study_folder": ("研究文件夹：{path}", "Study folder: {path}"),
        "report_lang": ("报告语言", "Report language"),
        # inputs
        "inputs": ("输入文件", "Input files"),
        "required": ("必填", "required"),
        "optional": ("可选", "optional"),
        "template": ("下载模板", "Download template"),
        "no_template": (
            "无模板（由回收问卷生成）",
            "no template (written when questionnaires are collected)",
        ),
        "current": ("当前文件：{name}", "Current file: {name}"),
        "none_yet": ("当前文件：未提供", "Current file: none"),
        "upload": ("上传", "Upload"),
        "pick": ("或选择研究中已有的文件", "or pick a file already in the study"),
        "use": ("使用所选文件", "Use the chosen file"),
        "clear": ("不提供", "Leave out"),
        "uploaded": (
            "已保存为 {name}，并写入 study.yaml。",
            "Saved as {name} and declared in study.yaml.",
        ),
        "cleared": ("{param} 已设为不提供。", "{param} is now left out."),
        "bad_suffix": (
            "只接受 {suffixes} 文件，收到 {name}。",
            "Only {suffixes} files are accepted; received {name}.",
        ),
        "outside": (
            "{name} 不在研究文件夹内，请上传到研究中。",
            "{name} is outside the study folder; upload it into the study.",
        ),
        "unreadable": (
            "该文件无法读取，未写入 study.yaml。请按下表改正后重新上传：",
            "This file cannot be read and was not declared in study.yaml. Correct it as "
            "listed and upload it again:",
        ),
        "file_ok": ("文件可以读取：{rows} 行。", "The file reads: {rows} rows."),
        "shared_note": ("多个报告共用此文件：{numbers}", "Shared by reports {numbers}"),
        # form
        "parameters": ("参数", "Options"),
        "more_parameters": ("更多参数", "More options"),
        "expected": ("应为：{what}", "Expected: {what}"),
        "found": ("实际为：{value}", "Found: {value}"),
        "default": ("默认值：{value}", "Default: {value}"),
        "none_allowed": ("留空表示不设定", "leave empty for none"),
        "required_value": (
            "必填：请写出本研究的值（示例数据的值不适用）",
            "required: your study's own value (the sample data's does not apply)",
        ),
        "kind_int": ("整数", "a whole number"),
        "kind_float": ("数字", "a number"),
        "kind_text": ("文字", "text"),
        "kind_date": ("日期，写作 YYYY-MM-DD", "a date written YYYY-MM-DD"),
        "kind_yaml": ("YAML 值，例如 [1, 2] 或 {{a: 1}}", "a YAML value, e.g. [1, 2] or {{a: 1}}"),
        "kind_choice": ("以下之一：{choices}", "one of: {choices}"),
        "kind_bool": ("是或否", "yes or no"),
        "field_errors": (
            "{n} 个参数有误，已在字段旁标出；改正后才能运行。",
            "{n} option(s) are wrong (marked at the field); correct them before running.",
        ),
        "saved_params": ("参数已保存到 study.yaml。", "Options saved to study.yaml."),
        # run
        "run_section": ("运行", "Run"),
        "run_choose": ("要运行的报告", "Reports to run"),
        "run": ("运行所选报告", "Run the chosen reports"),
        "replace": (
            "替换由其他输入生成的旧报告（例如上一轮的报告 01）",
            "Replace report files made from other inputs (e.g. the last round's report 01)",
        ),
        "running": ("正在运行……", "Running…"),
        "busy": (
            "本研究已有一次运行在进行中，请等它结束后再运行。",
            "A run of this study is already in progress; wait for it to finish.",
        ),
        "nothing_chosen": ("请至少选择一个报告。", "Choose at least one report."),
        "waiting": ("等待中", "waiting"),
        "cells": ("{done}/{total} 个单元格", "{done}/{total} cells"),
        "nb_done": ("已完成（{s:.0f} 秒）", "done ({s:.0f} s)"),
        "nb_failed": ("未生成", "not made"),
        "run_done": (
            "运行结束：{ok}/{n} 份报告已生成。",
            "Run finished: {ok} of {n} report(s) made.",
        ),
        "run_failed": (
            "运行未能开始或有报告未生成：",
            "The run could not start or a report was not made:",
        ),
        "errors_heading": (
            "输入有误，报告未生成。请按下表改正：",
            "Input problems; no report was made. Correct them as listed:",
        ),
        "col_file": ("文件或参数", "File or option"),
        "col_sheet": ("工作表", "Sheet"),
        "col_row": ("行", "Row"),
        "col_column": ("列", "Column"),
        "col_problem": ("问题（应为）", "Problem (expected)"),
        "col_found": ("实际", "Found"),
        # reports
        "reports": ("报告", "Reports"),
        "no_reports": ("还没有报告。", "No report yet."),
        "open_report": ("在页面中打开", "Open in the page"),
        "html": ("网页", "HTML"),
        "docx": ("Word", "Word"),
        "xlsx": ("Excel 工作簿", "Excel workbook"),
        "index": ("报告目录", "Report index"),
        # rounds
        "rounds": ("德尔菲轮次", "Delphi rounds"),
        "rounds_help": (
            "报告 01 生成下一轮问卷后，把专家交回的问卷上传到这里，检查并回收，然后运行下一轮。",
            "After report 01 wrote the next round's questionnaires, upload the returned ones "
            "here, check and collect them, then run the next round.",
        ),
        "returns_upload": (
            "上传交回的问卷（可多选）",
            "Upload returned questionnaires (several at once)",
        ),
        "returns_saved": ("已保存 {n} 个文件到 {folder}。", "Saved {n} file(s) in {folder}."),
        "returns_list": ("待回收：{files}", "To collect: {files}"),
        "returns_none": ("尚未上传交回的问卷。", "No returned questionnaire uploaded yet."),
        "collect": ("检查并回收", "Check and collect"),
        "collect_problems": (
            "{n_files} 个文件中有 {n} 处问题，未回收任何文件。请把改正后的文件重新上传（同名文件会替换），"
            "再点“检查并回收”：",
            "{n} problem(s) in {n_files} file(s); nothing was collected. Upload the corrected "
            "files again (a file of the same name replaces the earlier one), then check and "
            "collect again:",
        ),
        "collected": (
            "第 {round} 轮已回收：发出 {sent} 份，交回 {returned} 份；study.yaml 已更新。",
            "Round {round} collected: {sent} sent, {returned} returned; study.yaml updated.",
        ),
        "next_round": ("运行下一轮（报告 01）", "Run the next round (report 01)"),
        "sent_folder": ("问卷所在的报告文件夹：{path}", "Questionnaires were written to: {path}"),
        # security
        "token_required": (
            "需要访问令牌：请使用启动时显示的完整网址。",
            "An access token is required: use the full address printed at start-up.",
        ),
        "not_found": ("没有这个文件。", "No such file."),
    }
)
