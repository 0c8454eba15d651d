"""The mapping from an export's columns to the project's input: proposed, confirmed, reused.

A mapping file (YAML, written beside the output) says, for one kind of import:

* ``columns`` — every question column (its header) → what it is: an indicator id (``A1``), a
  relevance or Lawshe question (``A1``, ``lawshe:A1``), an AHP pair (``A1~A2``), a reaction
  item (``q_content``), a role (``@respondent``, ``@course``, ``@staff_group``, ``@satisfied``,
  ``@helpful``, ``@agent``, ``@source``, ``@team``) or ``ignore``;
* ``scores`` — option text → score; ``codes`` — option number → score (numeric exports);
  ``values`` — per role, answer → value (e.g. ``@source: {自评: self}``);
* ``rules`` — what to do with duplicate submissions, test submissions (``min_seconds``),
  skipped questions and respondents not on the roster.

:func:`propose` builds a mapping from an export and a framework: question text matched to the
framework's Chinese and English names, then to indicator numbers (ids in the text, or the row
number of a matrix whose stem names the parent).  Every column it cannot place, or places on
two indicators, is an open problem; the proposal is written and nothing is imported until the
problems are resolved in the file.  :func:`check_against` compares a later export with a saved
mapping: new or renamed questions stop the import (nothing is shifted silently); questions
missing from the export and renumbered questions are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from cslib.core.errors import Problem
from cslib.core.framework import Framework
from cslib.core.i18n import choose, name_side
from cslib.surveys.errors import SurveyError, fail
from cslib.surveys.export import Question, SurveyExport, normalise_header, skip_kind, split_cell
from cslib.surveys.kinds import KINDS
from cslib.surveys.phrases import PHRASES

Kind = Literal["delphi_ratings", "relevance", "ahp_survey", "reaction", "ratings_360"]
UNSET = "?"
IGNORE = "ignore"

#: Roles each kind uses: role → (required, what it is).
ROLES: dict[str, dict[str, tuple[bool, tuple[str, str]]]] = {
    "delphi_ratings": {"@respondent": (True, ("专家编号", "expert id"))},
    "relevance": {"@respondent": (True, ("专家编号", "expert id"))},
    "ahp_survey": {"@respondent": (True, ("专家编号", "expert id"))},
    "reaction": {
        "@course": (True, ("课程", "course")),
        "@staff_group": (True, ("岗位（一线/后台）", "staff group")),
        "@satisfied": (True, ("是否满意", "satisfied")),
        "@helpful": (False, ("是否有帮助", "helpful")),
        "@agent": (False, ("工号", "agent id")),
    },
    "ratings_360": {
        "@agent": (True, ("被评人工号", "agent rated")),
        "@source": (True, ("评价关系（自评/上级/质检/同事）", "rating source")),
        "@team": (False, ("班组", "team")),
        "@respondent": (False, ("评价人", "rater")),
    },
}

#: Words of rating scales → score (text exports).  Longest words are tried first.
LIKERT_WORDS: dict[str, int] = {
    **dict.fromkeys(("非常重要", "很重要", "极其重要", "极为重要", "very important"), 5),
    **dict.fromkeys(("非常同意", "完全同意", "非常满意", "strongly agree"), 5),
    **dict.fromkeys(("重要", "比较重要", "较重要", "important", "同意", "比较同意", "满意"), 4),
    **dict.fromkeys(("比较满意", "agree"), 4),
    **dict.fromkeys(("一般", "一般重要", "中等重要", "moderately important", "不确定"), 3),
    **dict.fromkeys(("中立", "neutral", "一般满意"), 3),
    **dict.fromkeys(("不重要", "不太重要", "较不重要", "比较不重要", "slightly important"), 2),
    **dict.fromkeys(("不同意", "比较不同意", "不太满意", "不满意", "disagree"), 2),
    **dict.fromkeys(("非常不重要", "很不重要", "完全不重要", "not important"), 1),
    **dict.fromkeys(("非常不同意", "完全不同意", "非常不满意", "strongly disagree"), 1),
}
RELEVANCE_WORDS: dict[str, int] = {
    **dict.fromkeys(("非常相关", "高度相关", "highly relevant", "very relevant"), 4),
    **dict.fromkeys(("较相关", "比较相关", "相关", "quite relevant"), 3),
    **dict.fromkeys(("弱相关", "有点相关", "不太相关", "somewhat relevant"), 2),
    **dict.fromkeys(("不相关", "not relevant"), 1),
}
LAWSHE_WORDS: dict[str, str] = {
    "必要": "essential",
    "essential": "essential",
    "有用但非必要": "useful",
    "有用但不必要": "useful",
    "useful": "useful",
    "useful but not essential": "useful",
    "不必要": "not necessary",
    "not necessary": "not necessary",
}
SOURCE_WORDS: dict[str, str] = {
    "自评": "self",
    "本人": "self",
    "self": "self",
    "上级": "leader",
    "班组长": "leader",
    "组长": "leader",
    "leader": "leader",
    "质检": "qa",
    "质检员": "qa",
    "qa": "qa",
    "同事": "peer",
    "同事互评": "peer",
    "peer": "peer",
}
_RESPONDENT_STEM = re.compile(
    r"(专家|评价人|评审人|答卷人|您的)?\s*(编号|工号|代码|代号)|expert\s*id|respondent", re.I
)
_ROLE_STEMS: dict[str, re.Pattern[str]] = {  # tried in this order
    "@satisfied": re.compile(r"是否满意|满意吗|satisf", re.I),
    "@helpful": re.compile(r"帮助|helpful", re.I),
    "@staff_group": re.compile(r"岗位|一线|后台|staff group", re.I),
    # the 360° rater (评价人工号, 您的工号): before @agent, whose pattern it also matches
    "@respondent": re.compile(r"评价人|评分人|打分人|您的(?:工号|编号)|\brater\b", re.I),
    "@agent": re.compile(r"工号|员工编号|agent", re.I),
    "@source": re.compile(r"关系|评价身份|relationship|rating source", re.I),
    "@team": re.compile(r"班组|团队|team", re.I),
    "@course": re.compile(r"参加.*课程|课程名称|哪.*课|^课程$|course", re.I),
}
#: Reaction-survey items by their text (the names the demo and the templates use).
REACTION_ITEMS: dict[str, str] = {
    "课程内容": "q_content",
    "content": "q_content",
    "讲师": "q_trainer",
    "trainer": "q_trainer",
    "与工作的相关性": "q_relevance",
    "relevance to the job": "q_relevance",
    "授课形式": "q_format",
    "format": "q_format",
}
_PUNCT = re.compile(r"[\s，。、？?！!：:；;（）()“”\"'‘’《》【】\[\]*·…]+")


def _norm(text: str) -> str:
    return _PUNCT.sub("", text).casefold()


@dataclass(frozen=True)
class Rules:
    """Declared rules for what real exports contain.

    ``duplicates`` — ``keep_last`` (default: the last submitted counts), ``keep_first`` or
    ``stop``; ``min_seconds`` — submissions answered faster count as test submissions and are
    left out and listed (0 = off); ``skipped`` — ``stop`` (default) or ``exclude`` (the
    respondent is left out and listed) or, where the format allows a missing score (360°
    ratings, the proposal's default there), ``omit`` (that answer is left without a score and
    listed); ``not_on_roster`` — ``stop`` (default) or ``drop``.
    """

    duplicates: str = "keep_last"
    min_seconds: float = 0
    skipped: str = "stop"
    not_on_roster: str = "stop"


@dataclass(frozen=True)
class Mapping:
    """A confirmed or proposed mapping (see the module docstring)."""

    kind: str
    form: str
    columns: dict[str, str]
    scores: dict[str, Any] = field(default_factory=dict)
    codes: dict[int, Any] | None = None
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    rules: Rules = field(default_factory=Rules)
    scale: tuple[int, int] = (1, 5)
    platform: str = "unknown"
    path: str | None = None

    def targets(self) -> dict[str, str]:
        """Column → target for the columns that carry data (not ``ignore``)."""
        return {c: t for c, t in self.columns.items() if t != IGNORE}

    def role(self, role: str) -> str | None:
        """The column holding ``role`` (``@respondent`` …), if any."""
        return next((c for c, t in self.columns.items() if t == role), None)


# ---------------------------------------------------------------------------------- matching
def match_indicators(q: Question, framework: Framework, ids: tuple[str, ...]) -> list[str]:
    """Indicators a question's text names: exact name or id, then a contained name, then an
    id written in the text, then the k-th child of a parent named by a matrix stem.

    Examples
    --------
    >>> from cslib.core.framework import load_framework
    >>> fw = load_framework("data_samples/framework_complaint_handling.yaml")
    >>> from cslib.surveys.export import parse_header
    >>> match_indicators(parse_header("3、请评价“人际沟通能力”的重要性", 3), fw, fw.ids)
    ['B1']
    >>> match_indicators(parse_header("5、解决具体问题的专业能力—2.第二项", 5), fw, fw.ids)
    ['A2']
    """
    text = _norm(q.text)
    if not text:
        return []
    zh = {i: _norm(framework.name(i, "zh")) for i in ids}
    en = {i: _norm(framework.name(i, "en")) for i in ids}
    exact = [i for i in ids if text in (zh[i], en[i], _norm(i))]
    if exact:
        return exact
    inside = [i for i in ids if (zh[i] and zh[i] in text) or (len(en[i]) > 3 and en[i] in text)]
    inside = [
        i for i in inside if not any(j != i and (zh[i] in zh[j] or en[i] in en[j]) for j in inside)
    ]
    if inside:
        return inside
    tokens = set(re.findall(r"[A-Za-z]+\d*(?:\.\d+)*", q.text))
    by_id = [i for i in ids if i in tokens]
    if by_id:
        return by_id
    if q.sub_number is not None and q.stem:
        stem = _norm(q.stem)
        parents = [p for p in framework.groups if p is not None and stem in (zh[p], en[p])]
        if len(parents) == 1:
            children = framework.children(parents[0])
            if 1 <= q.sub_number <= len(children):
                return [children[q.sub_number - 1]]
    return []


def match_pair(q: Question, framework: Framework) -> tuple[str, str] | None:
    """The two sibling indicators an AHP question compares, in the order the text names them.

    Examples
    --------
    >>> from cslib.core.framework import load_framework
    >>> from cslib.surveys.export import parse_header
    >>> fw = load_framework("data_samples/framework_complaint_handling.yaml")
    >>> match_pair(parse_header("7、人际沟通能力 vs 自我管理能力", 7), fw)
    ('B1', 'B2')
    >>> match_pair(parse_header("第2题(A3~A1)", 7), fw)
    ('A3', 'A1')
    """
    raw = q.text
    ids = re.findall(r"[A-Za-z]+\d*", raw)
    if len(ids) == 2 and all(i in framework for i in ids) and ids[0] != ids[1]:
        left, right = ids
    else:
        text = _norm(raw)
        found: list[tuple[int, str]] = []
        for i in framework.ids:
            for name in (_norm(framework.name(i, "zh")), _norm(framework.name(i, "en"))):
                at = text.find(name) if name else -1
                if at >= 0:
                    found.append((at, i))
                    break
        found = [
            (at, i)
            for at, i in found
            if not any(
                j != i and _norm(framework.name(i, "zh")) in _norm(framework.name(j, "zh"))
                for _, j in found
            )
        ]
        if len(found) != 2:
            return None
        (_, left), (_, right) = sorted(found)
    if framework.parent(left) != framework.parent(right):
        return None
    return left, right


# ---------------------------------------------------------------------------------- proposal
@dataclass(frozen=True)
class Proposal:
    """A proposed mapping and the columns it could not place (problems name them)."""

    mapping: Mapping
    problems: tuple[Problem, ...]
    uncovered: tuple[str, ...]


def _looks_scored(exp: SurveyExport, q: Question, words: dict[str, Any]) -> bool:
    """Every answer is a rating word, a number or a skip: the column looks like a rating."""
    cells = exp.answers(q)
    for text in cells.unique():
        if skip_kind(text, exp.form) is not None:
            continue
        parts = split_cell(text)
        if len(parts) != 1:
            return False
        t = parts[0]
        if t.casefold() in words or re.fullmatch(r"-?\d+(\.\d+)?\s*分?|\d+\s*/\s*\d+", t):
            continue
        return False
    return True


def propose(
    exp: SurveyExport,
    kind: str,
    framework: Framework,
    *,
    lang: str = "zh",
    mapping_path: str | Path | None = None,
    serial_roster: bool = False,
    scale: tuple[int, int] = (1, 5),
    min_seconds: float = 0,
) -> Proposal:
    """Propose a mapping for ``exp`` (see the module docstring)."""
    side = name_side(lang)
    where = str(mapping_path) if mapping_path is not None else "—"
    columns: dict[str, str] = {}
    problems: list[Problem] = []
    roles = ROLES[kind]
    words: dict[str, Any] = {
        "relevance": {**RELEVANCE_WORDS, **LAWSHE_WORDS},
        "ahp_survey": {},
    }.get(kind, LIKERT_WORDS)
    candidates = {
        "ratings_360": framework.leaves,
    }.get(kind, framework.ids)
    taken: dict[str, str] = {}
    respondent = None
    for q in exp.questions:
        if (
            roles.get("@respondent", (False,))[0]
            and respondent is None
            and _RESPONDENT_STEM.search(q.text)
        ):
            if not _looks_scored(exp, q, words) or exp.form == "numeric":
                respondent = q.header
                columns[q.header] = "@respondent"
                continue
        role = next(
            (
                r
                for r, pattern in _ROLE_STEMS.items()
                if r in roles and r not in columns.values() and pattern.search(q.text)
            ),
            None,
        )
        if kind == "ahp_survey":
            pair = match_pair(q, framework)
            if pair is not None:
                columns[q.header] = f"{pair[0]}~{pair[1]}"
                continue
        elif kind not in ("reaction",):
            hits = match_indicators(q, framework, candidates)
            if kind == "relevance" and len(hits) == 1:
                target = hits[0]
                lawshe = _is_lawshe(exp, q)
                target = f"lawshe:{target}" if lawshe else target
                if target in taken:
                    problems.append(
                        Problem(
                            PHRASES(
                                "header_unplaced",
                                side,
                                why=PHRASES(
                                    "indicator_twice", side, id=target, other=taken[target]
                                ),
                                mapping=where,
                            ),
                            1,
                            q.column,
                        )
                    )
                    columns[q.header] = UNSET
                    continue
                taken[target] = q.header
                columns[q.header] = target
                continue
            if len(hits) == 1 and role is None:
                if hits[0] in taken:
                    problems.append(
                        Problem(
                            PHRASES(
                                "header_unplaced",
                                side,
                                why=PHRASES(
                                    "indicator_twice", side, id=hits[0], other=taken[hits[0]]
                                ),
                                mapping=where,
                            ),
                            1,
                            q.column,
                        )
                    )
                    columns[q.header] = UNSET
                    continue
                taken[hits[0]] = q.header
                columns[q.header] = hits[0]
                continue
            if len(hits) > 1:
                problems.append(
                    Problem(
                        PHRASES(
                            "header_unplaced",
                            side,
                            why=PHRASES("why_double", side, ids=", ".join(hits)),
                            mapping=where,
                        ),
                        1,
                        q.column,
                    )
                )
                columns[q.header] = UNSET
                continue
        if role is not None:
            columns[q.header] = role
            continue
        if kind == "reaction" and _looks_scored(exp, q, LIKERT_WORDS):
            item = REACTION_ITEMS.get(q.text.casefold())
            columns[q.header] = item or f"q_{q.number or 0}_{q.position}"
            continue
        if _looks_scored(exp, q, words) and kind != "reaction":
            problems.append(
                Problem(
                    PHRASES(
                        "header_unplaced",
                        side,
                        why=PHRASES("why_unmatched", side),
                        mapping=where,
                    ),
                    1,
                    q.column,
                )
            )
            columns[q.header] = UNSET
            continue
        columns[q.header] = IGNORE
    if serial_roster and "@respondent" in roles and "@respondent" not in columns.values():
        serial = exp.meta.get("serial")
        if serial is not None:
            columns = {normalise_header(serial): "@respondent", **columns}
    for role, (required, what) in roles.items():
        if required and role not in columns.values():
            message = (
                PHRASES("no_respondent", side)
                if role == "@respondent"
                else PHRASES("role_missing", side, role=role, what=choose(*what, side))
            )
            problems.append(Problem(message, 1))
    covered = {t.split(":")[-1] for t in columns.values()}
    if kind == "ahp_survey":
        covered = set()
        for t in columns.values():
            if "~" in t:
                covered |= set(t.split("~"))
    uncovered = tuple(i for i in candidates if i not in covered) if kind != "reaction" else ()
    scores: dict[str, Any] = {}
    if exp.form == "text" and kind in ("delphi_ratings", "relevance", "reaction", "ratings_360"):
        table = RELEVANCE_WORDS if kind == "relevance" else LIKERT_WORDS
        for header, target in columns.items():
            if target in (IGNORE, UNSET) or target.startswith(("@", "lawshe:")):
                continue
            q = exp.by_header[header]
            for text in exp.answers(q).unique():
                for t in split_cell(text):
                    if t.casefold() in table:
                        scores[t] = table[t.casefold()]
    mapping = Mapping(
        kind=kind,
        form=exp.form,
        columns=columns,
        scores=dict(sorted(scores.items(), key=lambda kv: (-_num(kv[1]), kv[0]))),
        codes=None,
        values={},
        rules=Rules(min_seconds=min_seconds, skipped="omit" if kind == "ratings_360" else "stop"),
        scale=(1, 4) if kind == "relevance" else scale,
        platform=exp.platform,
        path=str(mapping_path) if mapping_path is not None else None,
    )
    return Proposal(mapping, tuple(problems), uncovered)


def _num(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def _is_lawshe(exp: SurveyExport, q: Question) -> bool:
    if re.search(r"必要|essential|lawshe", q.stem + q.sub, re.I):
        return True
    texts = {t for text in exp.answers(q).unique() for t in split_cell(text)}
    return bool(texts) and all(t.casefold() in LAWSHE_WORDS for t in texts)


# ---------------------------------------------------------------------------------- file form
_HEAD = {
    "zh": (
        "# cslib import-survey 映射文件：导出文件的每一列 → 指标编号、角色或 ignore。\n"
        "# 核对并修改后再次运行；下一轮导出将按本文件对应，问卷有改动时会报告而不会悄悄移位。\n"
        "# “?”为尚未确定的列。codes：按序号导出时选项序号 → 分值。\n"
        "# rules：duplicates keep_last|keep_first|stop；min_seconds 少于此秒数视为测试答卷；\n"
        "#        skipped stop|exclude；not_on_roster stop|drop\n"
    ),
    "en": (
        "# cslib import-survey mapping: every column of the export → an indicator id, a role\n"
        "# or ignore.  Check, edit, run again; the next round's export maps the same way, and a\n"
        "# changed questionnaire is reported, never shifted.  '?' marks an open column.\n"
        "# codes: option number → score (numeric exports).  rules: duplicates\n"
        "# keep_last|keep_first|stop; min_seconds: faster submissions are tests;\n"
        "# skipped stop|exclude; not_on_roster stop|drop\n"
    ),
}


def to_yaml(mapping: Mapping, lang: str = "zh") -> str:
    """The mapping as the YAML text of a mapping file (header comment in ``lang``)."""
    body: dict[str, Any] = {
        "kind": mapping.kind,
        "platform": mapping.platform,
        "form": mapping.form,
        "scale": list(mapping.scale),
        "columns": dict(mapping.columns),
        "scores": dict(mapping.scores),
        "codes": None if mapping.codes is None else dict(mapping.codes),
        "values": {k: dict(v) for k, v in mapping.values.items()},
        "rules": {
            "duplicates": mapping.rules.duplicates,
            "min_seconds": mapping.rules.min_seconds,
            "skipped": mapping.rules.skipped,
            "not_on_roster": mapping.rules.not_on_roster,
        },
    }
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)
    return _HEAD[name_side(lang)] + text


def read_mapping(path: str | Path, kind: str, *, lang: str = "zh") -> Mapping:
    """Read a mapping file written by :func:`to_yaml` (and perhaps edited by hand)."""
    path = Path(path)
    side = name_side(lang)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise fail(str(path), PHRASES("mapping_unreadable", side, why=exc), lang) from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise fail(str(path), PHRASES("mapping_unreadable", side, why="columns"), lang)
    if data.get("kind") != kind:
        raise fail(
            str(path),
            PHRASES("kind_mismatch", side, found=data.get("kind"), expected=kind),
            lang,
            column="kind",
        )
    rules = data.get("rules") or {}
    codes = data.get("codes")
    try:
        mapping = Mapping(
            kind=kind,
            form=str(data.get("form", "text")),
            columns={normalise_header(k): str(v).strip() for k, v in data["columns"].items()},
            scores={str(k).strip(): v for k, v in (data.get("scores") or {}).items()},
            codes=None if codes is None else {int(k): v for k, v in codes.items()},
            values={
                str(r): {str(k).strip(): str(v).strip() for k, v in (m or {}).items()}
                for r, m in (data.get("values") or {}).items()
            },
            rules=Rules(
                duplicates=str(rules.get("duplicates", "keep_last")),
                min_seconds=float(rules.get("min_seconds", 0) or 0),
                skipped=str(rules.get("skipped", "stop")),
                not_on_roster=str(rules.get("not_on_roster", "stop")),
            ),
            scale=tuple(int(x) for x in data.get("scale", (1, 5))),  # type: ignore[arg-type]
            platform=str(data.get("platform", "unknown")),
            path=str(path),
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise fail(str(path), PHRASES("mapping_unreadable", side, why=exc), lang) from None
    checks = {
        "duplicates": ("keep_last", "keep_first", "stop"),
        "skipped": ("stop", "exclude", "omit"),
        "not_on_roster": ("stop", "drop"),
    }
    for key, allowed in checks.items():
        if getattr(mapping.rules, key) not in allowed:
            raise fail(
                str(path),
                PHRASES("mapping_unreadable", side, why=f"rules.{key}: {' | '.join(allowed)}"),
                lang,
                column=f"rules.{key}",
                found=getattr(mapping.rules, key),
            )
    return mapping


def check_targets(mapping: Mapping, framework: Framework, *, lang: str = "zh") -> None:
    """Every target of the mapping is an indicator id, pair, item or role of its kind; no
    column is still ``?``; no indicator has two columns."""
    side = name_side(lang)
    where = mapping.path or "—"
    roles = ROLES[mapping.kind]
    ids = set(framework.leaves if mapping.kind == "ratings_360" else framework.ids)
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for column, target in mapping.columns.items():
        if target == IGNORE:
            continue
        if target == UNSET:
            problems.append(
                Problem(
                    PHRASES(
                        "header_unplaced",
                        side,
                        why=PHRASES("why_question_mark", side),
                        mapping=where,
                    ),
                    1,
                    column,
                )
            )
            continue
        ok = (
            target in roles
            or (mapping.kind in ("delphi_ratings", "ratings_360", "relevance") and target in ids)
            or (mapping.kind == "relevance" and target.startswith("lawshe:") and target[7:] in ids)
            or (mapping.kind == "reaction" and re.fullmatch(r"q_\w+", target) is not None)
            or (mapping.kind == "ahp_survey" and _pair_ok(target, framework))
        )
        if not ok:
            problems.append(
                Problem(
                    PHRASES(
                        "unknown_target",
                        side,
                        target=target,
                        roles=", ".join(roles),
                    ),
                    1,
                    column,
                )
            )
            continue
        key = target
        if mapping.kind == "ahp_survey":
            key = "~".join(sorted(target.split("~")))
        if key in seen:
            problems.append(
                Problem(
                    PHRASES(
                        "header_unplaced",
                        side,
                        why=PHRASES("indicator_twice", side, id=target, other=seen[key]),
                        mapping=where,
                    ),
                    1,
                    column,
                )
            )
        seen.setdefault(key, column)
    if problems:
        raise SurveyError(mapping.path, problems, lang=lang)


def _pair_ok(target: str, framework: Framework) -> bool:
    left, sep, right = target.partition("~")
    return (
        bool(sep)
        and left in framework
        and right in framework
        and left != right
        and framework.parent(left) == framework.parent(right)
    )


def check_against(
    mapping: Mapping, exp: SurveyExport, *, lang: str = "zh"
) -> tuple[Mapping, list[str]]:
    """Fit a saved mapping to a (later) export.

    Returns the mapping with renumbered headers followed, and notes (questions of the
    mapping absent from the export, renumbered questions).  Raises :class:`SurveyError` for
    questions added to the questionnaire and for renamed ones.
    """
    side = name_side(lang)
    where = mapping.path or "—"
    columns = dict(mapping.columns)
    export_headers = {q.header: q for q in exp.questions}
    meta_headers = {normalise_header(c) for c in exp.meta.values()}
    known = {h for h in columns if h in export_headers or h in meta_headers}
    missing = [h for h in columns if h not in known]
    from cslib.surveys.export import parse_header

    missing_q = {h: parse_header(h, 0) for h in missing}
    problems: list[Problem] = []
    moved: list[str] = []
    for header, q in export_headers.items():
        if header in columns:
            continue
        # the same text under another number: follow it, and say so
        same = [h for h, m in missing_q.items() if m is not None and m.unnumbered == q.unnumbered]
        if len(same) == 1:
            old = same[0]
            columns = {(header if h == old else h): t for h, t in columns.items()}
            missing_q.pop(old)
            moved.append(f"{old} → {header}")
            continue
        renamed = [
            h
            for h, m in missing_q.items()
            if m is not None and m.number == q.number and (m.sub_number == q.sub_number)
        ]
        if len(renamed) == 1 and columns[renamed[0]] not in (IGNORE,):
            problems.append(
                Problem(
                    PHRASES(
                        "question_renamed",
                        side,
                        number=q.number,
                        old=renamed[0],
                        new=header,
                        mapping=where,
                    ),
                    1,
                    q.column,
                )
            )
            missing_q.pop(renamed[0])
            continue
        problems.append(Problem(PHRASES("question_added", side, mapping=where), 1, q.column))
    if problems:
        raise SurveyError(exp.source, problems, lang=lang)
    notes = []
    gone = [h for h in missing_q if columns.get(h) not in (IGNORE, None)]
    if gone:
        notes.append(PHRASES("question_removed", side, items="; ".join(gone)))
    if moved:
        notes.append(PHRASES("question_moved", side, items="; ".join(moved)))
    columns = {h: t for h, t in columns.items() if h not in missing_q}
    return replace(mapping, columns=columns), notes


__all__ = [
    "KINDS",
    "Mapping",
    "Rules",
    "check_against",
    "check_targets",
    "propose",
    "read_mapping",
    "to_yaml",
]
