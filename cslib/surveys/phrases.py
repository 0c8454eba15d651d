"""Chinese / English words of the survey importer (one table for the package).

Every message a user sees from ``cslib import-survey`` comes from here, filled in with the
file's own headers, rows and values.
"""

from __future__ import annotations

from cslib.core.i18n import Phrases

PHRASES = Phrases(
    {
        # where a problem is
        "row": ("第 {row} 行", "row {row}"),
        "column": ("列“{column}”", "column '{column}'"),
        "found": ("（实际为“{found}”）", " (found '{found}')"),
        "n_problems": ("共 {n} 处问题", "{n} problems"),
        "more": ("……另有 {n} 处", "... and {n} more"),
        # reading the export
        "not_found": ("找不到文件", "file not found"),
        "unknown_suffix": (
            "不是问卷星/腾讯问卷的导出格式；应为 .xlsx、.xls 或 .csv（实际后缀 {suffix}）",
            "not an online-survey export; expected .xlsx, .xls or .csv (found suffix {suffix})",
        ),
        "xls_reader": (
            '读取旧版 .xls 导出文件需要安装可选组件 xls（命令：pip install "cslib[xls]"，'
            "即 xlrd 程序包），或在 Excel/WPS 中把文件另存为 .xlsx 后再导入",
            "reading an old .xls export needs the optional extra xls (pip install "
            '"cslib[xls]", i.e. the xlrd package), or save the file as .xlsx in Excel or '
            "WPS and import that",
        ),
        "unreadable": ("无法读取该文件（{why}）", "cannot read the file ({why})"),
        "no_questions": (
            "表头中没有题目列（如“1、题干”或“第1题(…)”）；这不像问卷星或腾讯问卷的导出",
            "no question columns in the header (such as '1、stem' or '第1题(…)'); this does not "
            "look like a 问卷星 or 腾讯问卷 export",
        ),
        "no_rows": ("表头下没有答卷", "no submissions below the header"),
        # mapping
        "header_unplaced": (
            "映射无法确定此列：{why}。请在映射文件 {mapping} 中为它填写指标编号、角色或 ignore",
            "the mapping cannot place this column: {why}. Give it an indicator id, a role or "
            "'ignore' in the mapping file {mapping}",
        ),
        "why_unmatched": (
            "题干与指标体系中任何指标的中文名、英文名或编号都不匹配",
            "its text matches no indicator's Chinese or English name or number",
        ),
        "why_double": (
            "题干同时匹配了多个指标（{ids}）",
            "its text matches several indicators ({ids})",
        ),
        "why_question_mark": ("映射文件中仍为“?”", "it is still '?' in the mapping file"),
        "indicator_twice": (
            "指标 {id} 对应了两列（另一列为“{other}”）",
            "indicator {id} has two columns (the other is '{other}')",
        ),
        "unknown_target": (
            "映射文件中的“{target}”不是指标编号、角色（{roles}）或 ignore",
            "'{target}' in the mapping file is not an indicator id, a role ({roles}) or 'ignore'",
        ),
        "no_respondent": (
            "找不到答卷人列：没有“专家编号”“工号”一类的填空题；请在映射文件中把某列设为 "
            "@respondent，或用 --roster 提供含“序号”列的名单",
            "no respondent column: no fill-in question such as 专家编号 or 工号; set one column "
            "to @respondent in the mapping file, or give a --roster with a 序号 (serial) column",
        ),
        "role_missing": (
            "映射中缺少角色 {role}（{what}）",
            "the mapping has no column for the role {role} ({what})",
        ),
        "question_added": (
            "问卷有改动：新增了此题，映射文件 {mapping} 中没有它（不会被悄悄移位；请在映射中为它"
            "填写指标编号或 ignore）",
            "the questionnaire changed: this question is new and not in the mapping file "
            "{mapping} (nothing is shifted; give it an indicator id or 'ignore' in the mapping)",
        ),
        "question_renamed": (
            "问卷有改动：第 {number} 题的题干由“{old}”改为“{new}”（不会被悄悄移位；请确认映射"
            "文件 {mapping} 中它对应的指标后更新该行）",
            "the questionnaire changed: question {number} was '{old}' and is now '{new}' "
            "(nothing is shifted; confirm its indicator and update the line in the mapping file "
            "{mapping})",
        ),
        "question_removed": (
            "映射中的以下题目不在本次导出中（本轮未评这些指标）：{items}",
            "questions of the mapping are not in this export (not rated this time): {items}",
        ),
        "question_moved": (
            "以下题目的题号改变，已按题干对应：{items}",
            "questions were renumbered and were matched by their text: {items}",
        ),
        "kind_mismatch": (
            "映射文件是为 --as {found} 写的，本次为 --as {expected}",
            "the mapping file was written for --as {found}, this import is --as {expected}",
        ),
        "mapping_unreadable": (
            "无法读取映射文件（{why}）",
            "cannot read the mapping file ({why})",
        ),
        "codes_needed": (
            "按序号导出：无法得知选项序号代表几分。请在映射文件 {mapping} 的 codes 中填写，例如 "
            "{{1: 5, 2: 4, 3: 3, 4: 2, 5: 1}}（第一个选项为“非常重要”时）或 {{1: 1, 2: 2, …}}",
            "numeric export: which score each option number stands for cannot be told. Fill in "
            "'codes' in the mapping file {mapping}, e.g. {{1: 5, 2: 4, 3: 3, 4: 2, 5: 1}} (when "
            "the first option is 'very important') or {{1: 1, 2: 2, …}}",
        ),
        "values_needed": (
            "按序号导出：此列（{role}）的答案只有选项序号 {codes}；请在映射文件 {mapping} 的 values "
            "下写出每个序号的含义，例如 {example}",
            "numeric export: this column ({role}) holds only option numbers {codes}; say what "
            "each number means under 'values' in the mapping file {mapping}, e.g. {example}",
        ),
        # answers
        "skipped": (
            "{who}跳过了此题（{marker}）；每个指标都需要评分。可在映射文件中设 skipped: exclude，"
            "把答卷不完整的人排除并列出",
            "{who} skipped this question ({marker}); every indicator needs a score. Set "
            "skipped: exclude in the mapping file to leave incomplete respondents out (listed)",
        ),
        "skip_marker_skip": ("跳过", "skipped"),
        "skip_marker_hidden": ("未显示", "not shown"),
        "skip_marker_empty": ("空白", "empty"),
        "out_of_scale": (
            "{who}的答案不在量表内；应为 {expected}",
            "{who}: answer outside the scale; expected {expected}",
        ),
        "unknown_option": (
            "{who}的答案“{text}”不在映射的选项表中；请在映射文件 {mapping} 的 scores 中为它填写分值",
            "{who}: answer '{text}' is not in the mapping's option table; give it a score under "
            "'scores' in the mapping file {mapping}",
        ),
        "several_answers": (
            "{who}在评分题中选了多个答案（以 ┋ 分隔）",
            "{who}: several answers (joined with ┋) in a rating question",
        ),
        "who": ("答卷人 {id} ", "respondent {id}"),
        "bad_id": (
            "答卷人编号为空或以 = + - @ 开头（不能作为编号，也不能写入表格）",
            "the respondent id is empty or starts with = + - @ (not an id, and unsafe in a "
            "spreadsheet)",
        ),
        "bad_team": (
            "班组为空或以 = + - @ 开头",
            "the team is empty or starts with = + - @",
        ),
        "not_on_roster": (
            "答卷人 {id} 不在名单 {roster} 中",
            "respondent {id} is not on the roster {roster}",
        ),
        "serial_not_on_roster": (
            "序号 {id} 不在名单 {roster} 的“序号”列中",
            "serial {id} is not in the serial column of the roster {roster}",
        ),
        "duplicate_stop": (
            "答卷人 {id} 提交了多份答卷（另见第 {other} 行）；映射规则 duplicates: stop",
            "respondent {id} submitted more than once (also row {other}); mapping rule "
            "duplicates: stop",
        ),
        "bad_time": ("提交时间无法识别", "submission time not understood"),
        "bad_duration": (
            "所用时间无法识别（应如“245秒”）",
            "time taken not understood (e.g. '245秒')",
        ),
        "ahp_pair": (
            "无法从此列看出比较的是哪两个指标；请在映射文件 {mapping} 中写成“左编号~右编号”",
            "cannot tell which two indicators this column compares; write it as 'left~right' "
            "(ids) in the mapping file {mapping}",
        ),
        "ahp_answer": (
            "{who}的答案不是 1–9 标度上的判断；应为 {expected}",
            "{who}: not a judgement on the 1–9 scale; expected {expected}",
        ),
        "course_unknown": (
            "{who}选择的课程“{text}”不在课程库中（按课程编号、中文或英文名称匹配）",
            "{who}: course '{text}' is not in the course catalogue (matched on id, Chinese or "
            "English title)",
        ),
        "value_unknown": (
            "{who}的答案“{text}”无法识别；应为 {expected}",
            "{who}: answer '{text}' not understood; expected {expected}",
        ),
        "round_needed": (
            "请用 --round 指明本次导出是第几轮（德尔菲评分按轮次保存）",
            "give --round: Delphi ratings are kept by round",
        ),
        "round_exists": (
            "{file} 中已有第 {round} 轮的评分，且与本次导出不同；未覆盖。要替换请加 --replace",
            "{file} already holds different ratings for round {round}; not replaced. Add "
            "--replace to replace them",
        ),
        "roster_unreadable": (
            "名单需要“expert_id”（或“编号”“工号”）列",
            "the roster needs an 'expert_id' (or 编号/工号) column",
        ),
        "nothing_left": (
            "按映射规则剔除后没有可用的答卷",
            "no usable submission is left after the mapping's rules",
        ),
        "output_check": (
            "写出的文件未通过 {reader} 的检查：{why}",
            "the written file fails the check of {reader}: {why}",
        ),
        # what the command prints
        "proposal_written": (
            "已写出映射建议：{mapping}。请核对、修改后再次运行同一命令（该文件会被自动使用）。",
            "A proposed mapping was written to {mapping}. Check or edit it, then run the same "
            "command again (the file is used automatically).",
        ),
        "summary": (
            "{export}：{n} 份答卷，保留 {kept} 份，{n_items} 题 → {output}",
            "{export}: {n} submissions, {kept} kept, {n_items} questions → {output}",
        ),
        "mapping_used": ("映射：{mapping}", "mapping: {mapping}"),
        "dropped_duplicate": (
            "第 {row} 行（答卷人 {id}）：同一人的另一份答卷已保留（规则：{rule}）",
            "row {row} (respondent {id}): another submission of the same person was kept "
            "(rule: {rule})",
        ),
        "dropped_fast": (
            "第 {row} 行（答卷人 {id}）：用时 {seconds} 秒，少于 {min} 秒，视为测试答卷",
            "row {row} (respondent {id}): answered in {seconds} s, under {min} s; taken as a "
            "test submission",
        ),
        "dropped_incomplete": (
            "第 {row} 行（答卷人 {id}）：跳过了 {items}（规则 skipped: exclude）",
            "row {row} (respondent {id}): skipped {items} (rule skipped: exclude)",
        ),
        "omitted": (
            "第 {row} 行（答卷人 {id}）：未回答 {items}，这些评分留空（规则 skipped: omit）",
            "row {row} (respondent {id}): {items} not answered; left without a score (rule "
            "skipped: omit)",
        ),
        "dropped_roster": (
            "第 {row} 行（答卷人 {id}）：不在名单中（规则 not_on_roster: drop）",
            "row {row} (respondent {id}): not on the roster (rule not_on_roster: drop)",
        ),
        "rule_keep_last": ("保留最后提交的一份", "keep the last submitted"),
        "rule_keep_first": ("保留最先提交的一份", "keep the first submitted"),
        "uncovered": (
            "指标体系中以下指标在本次导出中没有对应题目：{ids}",
            "these indicators of the framework have no question in this export: {ids}",
        ),
        "ignored": ("未使用的列：{cols}", "columns not used: {cols}"),
        "unknown_columns": (
            "既不是题目也不是已知元数据的列，未使用：{cols}",
            "columns that are neither questions nor known metadata, not used: {cols}",
        ),
        "more_in_log": ("……另有 {n} 条，见 {log}", "... {n} more in {log}"),
        "next_step": ("下一步：{command}", "next: {command}"),
        "declared": (
            "已在研究文件 {study} 中登记：{inputs}",
            "declared in the study file {study}: {inputs}",
        ),
        "need_file": (
            "需要 {option}（{what}）：请用 {option} 给出文件，或在研究的 study.yaml 中填写 {param}",
            "{option} is needed ({what}): give the file with {option}, or declare {param} in the "
            "study's study.yaml",
        ),
        "what_framework": ("指标体系文件", "the indicator framework file"),
        "what_courses": ("课程目录文件", "the course catalogue file"),
        "error_prefix": ("错误：", "error: "),
        "rule_keep_last_key": ("keep_last", "keep_last"),
    }
)
