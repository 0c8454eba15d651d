"""Which inputs a run reads: the demo on sample data, or the user's own files only.

The parameter declarations (:mod:`cslib.core.params`) default every input to a file
in ``data_samples/`` so that ``make reports`` shows every analysis.  Those defaults
serve the **demo** only.  A run is a demo when it is given no file of the user's own
(no study, and every path given on the command line or in a ``--params`` file is a
sample file).  Every other run reads only what it was given:

* an optional input that was not given is **absent** (``""``): the analysis that
  needs it is skipped, and the report header says which analyses were not run and
  which file would enable them;
* a required input that was not given is **missing**: the run stops before any
  kernel starts, with one message listing every missing input of every notebook;
* a parameter whose default was read off the sample data (:data:`SAMPLE_DERIVED`,
  e.g. the 26 questionnaires sent in the sample Delphi study) has no default: it is
  missing unless given, or takes a neutral value that does not describe the sample.

The decision is made here, not in the notebooks, so a notebook only ever sees
``""`` for an input it does not have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cslib.core.errors import InputError, Problem
from cslib.core.i18n import Phrases, check_lang, pick
from cslib.core.study import input_parameters

__all__ = [
    "primary_weights",
    "SAMPLE_FOLDER",
    "SAMPLE_DERIVED",
    "REQUIRED",
    "InputPlan",
    "MissingInputs",
    "is_sample_path",
    "gives_user_file",
    "plan_inputs",
    "load_yaml",
    "parse_value",
]

SAMPLE_FOLDER = "data_samples"
"""The project's sample data folder (relative to the project root)."""


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
"""Marker: outside the demo this parameter must be given."""


def primary_weights(params: Mapping[str, Any]) -> Any:
    """Notebook 04's ``weight_source`` outside the demo, from the weight inputs it is given.

    The declared default (``published``) names the sample's published table; a study's
    needs analysis uses the study's own weights.  Given Delphi ratings (the study's own
    round, see :func:`cslib.run_setup.setup_run`) → the Delphi weights by notebook 01's
    default method (``delphi_ahp_mean_diff``); else an AHP survey → ``ahp_survey``; else a published table the user gave
    → ``published``; else nothing: :data:`REQUIRED`.

    Examples
    --------
    >>> primary_weights({"delphi_ratings_path": "r.xlsx", "ahp_survey_path": ""})
    'delphi_ahp_mean_diff'
    >>> primary_weights({"published_weights_path": "table.csv"})
    'published'
    >>> primary_weights({})
    REQUIRED
    """
    if params.get("delphi_ratings_path") not in ("", None):
        return "delphi_ahp_mean_diff"
    if params.get("ahp_survey_path") not in ("", None):
        return "ahp_survey"
    if params.get("published_weights_path") not in ("", None):
        return "published"
    return REQUIRED


SAMPLE_DERIVED: dict[str, dict[str, Any]] = {
    # the sample Delphi study sent 26 questionnaires; a real study states its own number
    # (null: the respondents, i.e. no return rate is known)
    "01_delphi_weights": {"n_invited": REQUIRED},
    # course ids and series names of the sample catalogue
    "03_microcourse_effectiveness": {
        "event_course": REQUIRED,
        "primary_kpi": {},
        "series_en": {},
    },
    # the sample's post and its names
    "04_training_needs": {
        "post": REQUIRED,
        "post_label": "",
        "post_label_en": "",
        # the sample's published table: the study's own weights instead (a function of the
        # inputs given, see primary_weights), never silently the sample table
        "weight_source": primary_weights,
    },
}
"""Per notebook: parameters whose default describes the sample data → their value outside
the demo (:data:`REQUIRED`: none, the user must give it; a function: the value it
returns for the parameters given, possibly :data:`REQUIRED`).  Add a parameter here when its
declared default is read off a sample file (``tests/test_inputs.py`` lists the values it
checks)."""

PHRASES = Phrases(
    {
        "head": (
            "运行未开始：缺少必需的输入（共 {n} 项）。",
            "Not started: {n} required input(s) are missing.",
        ),
        "item": ("{stem}：{name}（{label}）", "{stem}: {name} ({label})"),
        "fix_study": (
            "请在 {file} 中填写以上各项（文件放在研究文件夹中，写文件名），然后重新运行；"
            "只做其中几份报告时，在命令后写报告编号，例如 cslib run --study {folder} 01。",
            "Fill in each of these in {file} (put the file in the study folder and write its "
            "name), then run again; to make only some reports, name them, e.g. "
            "cslib run --study {folder} 01.",
        ),
        "fix_cli": (
            "请用 -p 参数名 值 给出以上各项（文件写路径），或用 cslib init 建立研究文件夹；"
            "提供了自己的文件时，不会再使用示例数据补齐其他输入。",
            "Give each of these with -p NAME VALUE (files as paths), or create a study folder "
            "with cslib init; once a run is given a file of your own, no sample file fills in "
            "for the other inputs.",
        ),
        "must_set": ("必须填写", "must be given"),
    }
)


def is_sample_path(value: object, root: Path | None = None) -> bool:
    """Whether a path parameter value points into the project's ``data_samples/``.

    Examples
    --------
    >>> is_sample_path("data_samples/delphi_ratings.csv"), is_sample_path("my/ratings.xlsx")
    (True, False)
    """
    from cslib.core.paths import project_root, resolve

    if not isinstance(value, str | Path) or not str(value):
        return False
    samples = ((root or project_root()) / SAMPLE_FOLDER).resolve()
    try:
        return resolve(value).resolve().is_relative_to(samples)
    except OSError:
        return False


def _paths(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else [value]


def gives_user_file(stem: str, given: Mapping[str, Any]) -> bool:
    """Whether ``given`` holds a path to a file that is not a sample file."""
    kinds = input_parameters(stem)
    return any(
        v not in ("", None) and not is_sample_path(v)
        for name, value in given.items()
        if name in kinds
        for v in _paths(value)
    )


@dataclass(frozen=True)
class InputPlan:
    """What one notebook of a run reads.

    Attributes
    ----------
    stem : str
    demo : bool
        The run uses the sample data (and may fall back to sample defaults).
    parameters : dict
        The values to run with (given values; outside the demo also ``""`` for every absent
        input and the neutral value of each :data:`SAMPLE_DERIVED` parameter).
    absent : tuple of str
        Optional inputs not given: their analyses are skipped.
    missing : tuple of str
        Required inputs and sample-derived parameters not given: the run cannot start.
    """

    stem: str
    demo: bool
    parameters: dict[str, Any] = field(default_factory=dict)
    absent: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def plan_inputs(stem: str, given: Mapping[str, Any], *, demo: bool) -> InputPlan:
    """The inputs of one notebook for a demo run or a run on the user's own data.

    Examples
    --------
    >>> p = plan_inputs("01_delphi_weights", {"ratings_path": "my.xlsx"}, demo=False)
    >>> p.missing, p.parameters["experts_path"], "experts_path" in p.absent
    (('framework_path', 'n_invited'), '', True)
    >>> plan_inputs("01_delphi_weights", {}, demo=True).missing
    ()
    """
    params = dict(given)
    kinds = input_parameters(stem)
    absent: list[str] = []
    missing: list[str] = []
    for name, kind in kinds.items():
        value = params.get(name)
        empty = value in ("", None) or (isinstance(value, list | tuple) and not value)
        if demo:
            if name in params and empty and kind in ("optional", "list"):
                absent.append(name)
            continue
        if not empty:
            continue
        if kind in ("optional", "list"):  # a list of files may be empty: none given
            params[name] = [] if kind == "list" else ""
            absent.append(name)
        else:
            missing.append(name)
    if not demo:
        for name, neutral in SAMPLE_DERIVED.get(stem, {}).items():
            if name in params:
                continue
            if callable(neutral):
                neutral = neutral(params)
            if neutral is REQUIRED:
                missing.append(name)
            else:
                params[name] = neutral
    return InputPlan(stem, demo, params, tuple(absent), tuple(missing))


def _label(stem: str, name: str, lang: str) -> str:
    from cslib.core.params import declaration

    cls = declaration(stem)
    if cls is None or name not in cls.model_fields:
        return name
    f = cls.model_fields[name]
    extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
    zh = str(extra.get("zh", "")).split("，")[0]
    en = (f.description or "").split(";")[0]
    return pick(zh or name, en or name, lang, sep=" · ")


class MissingInputs(InputError):
    """Required inputs of a run that is not a demo were not given (one message for all)."""

    def __init__(self, plans: Iterable[InputPlan], lang: str = "zh", study: Path | None = None):
        self.plans = [p for p in plans if p.missing]
        self.lang = check_lang(lang)
        self.study = study
        problems = [
            Problem(PHRASES("must_set", "en"), column=f"{p.stem}.{name}")
            for p in self.plans
            for name in p.missing
        ]
        super().__init__(study, problems)

    def __str__(self) -> str:
        lang = getattr(self, "lang", "zh")
        plans = getattr(self, "plans", [])
        n = sum(len(p.missing) for p in plans)
        lines = [PHRASES("head", lang, n=n)]
        for p in plans:
            for name in p.missing:
                lines.append(
                    "  - "
                    + PHRASES(
                        "item", lang, stem=p.stem, name=name, label=_label(p.stem, name, lang)
                    )
                )
        study = getattr(self, "study", None)
        if study is not None:
            lines.append(
                PHRASES("fix_study", lang, file=str(Path(study) / "study.yaml"), folder=study)
            )
        else:
            lines.append(PHRASES("fix_cli", lang))
        return "\n".join(lines)

    __hash__ = object.__hash__


# ----------------------------------------------------------------------------- YAML values
class _TextDates(yaml.SafeLoader):
    """A safe loader that keeps dates as text: ``2026-12-20`` stays ``"2026-12-20"``.

    PyYAML turns a date-like scalar into a ``date`` and raises ``ValueError`` (not a YAML
    error) for an impossible one such as ``2026-13-45``; date parameters are declared as
    ISO text and checked with a located message, so the loader leaves them as written.
    """


_TextDates.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    """Parse YAML text with dates kept as text (see :class:`_TextDates`).

    Examples
    --------
    >>> load_yaml("deadline: 2026-12-20\\nbad: 2026-13-45")
    {'deadline': '2026-12-20', 'bad': '2026-13-45'}
    """
    return yaml.load(text, Loader=_TextDates)  # noqa: S506 - a SafeLoader subclass


def parse_value(text: str) -> Any:
    """A ``-p NAME VALUE`` value: YAML scalars (``500`` int, ``true`` bool), ``""`` for none.

    An empty value stays ``""`` (what the parameter table calls "none" for files), dates
    stay text, and text that is not YAML is kept as typed.

    Examples
    --------
    >>> parse_value("500"), parse_value(""), parse_value("2026-12-20"), parse_value("[a, b]")
    (500, '', '2026-12-20', ['a', 'b'])
    """
    if text == "":
        return ""
    try:
        value = load_yaml(text)
    except yaml.YAMLError:
        return text
    if isinstance(value, dt.date):  # pragma: no cover - the loader keeps dates as text
        return value.isoformat()
    return value
