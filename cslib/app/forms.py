"""Parameter forms generated from the declarations in :mod:`cslib.core.params`.

Every field of a notebook's form comes from its pydantic declaration: the label and help in
the user's language (the declaration's ``zh`` text and ``description``), the kind of widget
(a choice list for a ``Literal``, a check box for ``bool``, a text box for numbers, dates,
free text and YAML values), the allowed range (``ge``/``gt``/``le``/``lt``), the unit and the
default.  Input files are not form fields: they are uploaded or picked inside the study
(:mod:`cslib.app.studies`); ``lang`` is the study's report language and ``output_dir`` is
set by the runner, so neither is shown.

Values typed into a text box are read as ``cslib run -p`` reads them
(:func:`cslib.core.inputs.parse_value`: ``500`` is an integer, ``0.25`` a number), and the
whole form is checked with :func:`cslib.core.params.validate_parameters` — the same check
the command line and the notebook's first cell make — before anything runs.  Each problem
is put back at its field, worded in the user's language (:func:`field_errors`).
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from cslib.app.phrases import PHRASES
from cslib.core.i18n import choose

__all__ = [
    "FieldSpec",
    "form_fields",
    "parse_field",
    "value_text",
    "field_errors",
    "changed_values",
    "NOT_IN_FORM",
]

NOT_IN_FORM = ("lang", "output_dir")
"""Declared parameters that are not form fields: the study's language, the runner's folder."""

Kind = Literal["choice", "bool", "int", "float", "text", "date", "yaml"]


@dataclass(frozen=True)
class FieldSpec:
    """One form field, read from a parameter declaration.

    Attributes
    ----------
    name : str
        The parameter.
    kind : str
        ``choice`` | ``bool`` | ``int`` | ``float`` | ``text`` | ``date`` | ``yaml``.
    zh, en : str
        The declaration's Chinese and English descriptions.
    default : object
        The declared default.
    choices : tuple
        The allowed values of a ``choice`` field.
    optional : bool
        ``None`` is allowed (an empty box means none).
    bounds : tuple of (symbol, number)
        The declared range, e.g. ``(("≥", 1), ("≤", 100))``.
    unit : str
        The declared unit (``""`` for none).
    main : bool
        Shown first (the report's key settings); others are under "more options".
    required : bool
        The declared default describes the sample data and a study must give its own
        value (:data:`cslib.core.inputs.SAMPLE_DERIVED`); ``default`` is then ``None``.
    """

    name: str
    kind: Kind
    zh: str
    en: str
    default: Any
    choices: tuple[Any, ...] = ()
    optional: bool = False
    bounds: tuple[tuple[str, float], ...] = ()
    unit: str = ""
    main: bool = False
    required: bool = False

    def label(self, lang: str) -> str:
        """The field's label: its description in ``lang`` and the parameter name."""
        text = choose(self.zh, self.en, lang)
        return f"{text} ({self.name})"

    def expected(self, lang: str) -> str:
        """What the field takes, in words: kind, range, unit, whether it may be empty."""
        side = choose("zh", "en", lang)
        if self.kind == "choice":
            text = PHRASES("kind_choice", side, choices=", ".join(map(str, self.choices)))
        else:
            text = PHRASES(f"kind_{self.kind}", side)
        if self.bounds:
            text += " " + " ".join(f"{sym} {_number(v)}" for sym, v in self.bounds)
        if self.unit:
            text += f" [{self.unit}]"
        if self.required:
            text += choose("；", "; ", lang) + PHRASES("required_value", side)
        elif self.optional:
            text += choose("；", "; ", lang) + PHRASES("none_allowed", side)
        return text

    def help(self, lang: str) -> str:
        """Help text: what it takes and its default."""
        side = choose("zh", "en", lang)
        return (
            PHRASES("expected", side, what=self.expected(lang))
            + choose("。", ". ", lang)
            + PHRASES("default", side, value=value_text(self.default) or "—")
        )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """The annotation without ``None`` and ``Annotated``, whether ``None`` is allowed, and
    the ``Annotated`` metadata (validators of a type such as ``IsoDate | None``)."""
    optional = False
    metadata: list[Any] = []
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(args) < len(get_args(annotation))
        annotation = args[0] if len(args) == 1 else annotation
    if get_origin(annotation) is Annotated:
        metadata = list(get_args(annotation)[1:])
        annotation = get_args(annotation)[0]
    return annotation, optional, metadata


def _kind(annotation: Any, metadata: list[Any]) -> Kind:
    from cslib.core.params import IsoDate

    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    if get_origin(annotation) is Literal:
        return "choice"
    if annotation is str:
        date_funcs = {getattr(m, "func", None) for m in get_args(IsoDate)[1:]}
        funcs = {getattr(m, "func", None) for m in metadata}
        return "date" if funcs & date_funcs - {None} else "text"
    return "yaml"


def form_fields(stem: str) -> list[FieldSpec]:
    """The form of notebook ``stem``: every declared parameter but its input files.

    Examples
    --------
    >>> fields = {f.name: f for f in form_fields("01_delphi_weights")}
    >>> fields["weight_method"].kind, fields["weight_method"].choices
    ('choice', ('ahp_mean_diff', 'mean', 'rank_sum'))
    >>> fields["n_boot"].kind, fields["n_boot"].bounds
    ('int', (('≥', 0), ('≤', 100000)))
    >>> "ratings_path" in fields, "lang" in fields
    (False, False)
    """
    from cslib.core.inputs import REQUIRED, SAMPLE_DERIVED
    from cslib.core.params import declaration
    from cslib.core.study import input_parameters
    from cslib.reporting.html import REPORTS

    cls = declaration(stem)
    if cls is None:
        return []
    inputs = input_parameters(stem)
    key = set(REPORTS.get(stem, ((), (), ()))[2])
    out = []
    for name, f in cls.model_fields.items():
        if name in inputs or name in NOT_IN_FORM:
            continue
        annotation, optional, inner = _unwrap(f.annotation)
        extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
        bounds = []
        for m in f.metadata:
            for attr, sym in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
                if getattr(m, attr, None) is not None:
                    bounds.append((sym, getattr(m, attr)))
        kind = _kind(annotation, [*f.metadata, *inner])
        # a default read off the sample data is not a study's value (cslib.core.inputs)
        default = SAMPLE_DERIVED.get(stem, {}).get(name, f.default)
        if callable(default):  # worked out from the study's inputs when the run starts
            default = None
        required = default is REQUIRED
        out.append(
            FieldSpec(
                name,
                kind,
                str(extra.get("zh", "")),
                f.description or "",
                None if required else default,
                get_args(annotation) if kind == "choice" else (),
                optional,
                tuple(bounds) if kind in ("int", "float") else (),
                str(extra.get("unit", "")),
                name in key or required,
                required,
            )
        )
    return out


def value_text(value: Any) -> str:
    """A value as it is shown in a text box (YAML flow style; ``None`` is empty).

    Examples
    --------
    >>> value_text(None), value_text(0.25), value_text([-8, 8]), value_text({"a": 1})
    ('', '0.25', '[-8, 8]', '{a: 1}')
    """
    import yaml

    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        value = list(value)
    return (
        yaml.safe_dump(value, default_flow_style=True, allow_unicode=True)
        .strip()
        .removesuffix("\n...")
    )


def parse_field(spec: FieldSpec, value: Any) -> Any:
    """A widget's value as the parameter value (text read as ``cslib run -p`` reads it).

    Text that is not valid YAML is kept as text, so the check reports it at the field.

    Examples
    --------
    >>> spec = FieldSpec("n_boot", "int", "", "", 1000)
    >>> parse_field(spec, "500"), parse_field(spec, "abc")
    (500, 'abc')
    >>> parse_field(FieldSpec("x", "float", "", "", 1.0, optional=True), " ")
    """
    from cslib.core.inputs import parse_value

    if not isinstance(value, str) or spec.kind in ("choice", "bool"):
        return value
    text = value.strip()
    if text == "" and (spec.optional or spec.required):
        return None
    if spec.kind in ("text", "date"):
        return text
    try:
        parsed = parse_value(text)
    except ValueError:
        return text
    if spec.kind == "float" and isinstance(parsed, int) and not isinstance(parsed, bool):
        return float(parsed)
    return parsed


def field_errors(
    stem: str, values: Mapping[str, Any], base: Mapping[str, Any], lang: str
) -> dict[str, str]:
    """Each wrong field → what is wrong, in ``lang``; ``{}`` when the form is valid.

    ``values`` are the form's parsed values, ``base`` the study's other values for the
    notebook (its input files among them), so cross-field checks (a course that must be in
    the catalogue) see what the run will see.  The check is
    :func:`cslib.core.params.validate_parameters`, as for ``cslib run``.

    Examples
    --------
    >>> field_errors("01_delphi_weights", {"n_boot": -1}, {}, "en")["n_boot"]
    'Expected: a whole number ≥ 0 ≤ 100000. Found: -1'
    >>> field_errors("01_delphi_weights", {"n_boot": 200, "n_invited": 20}, {}, "zh")
    {}
    >>> field_errors("01_delphi_weights", {"n_boot": 200, "n_invited": None}, {}, "en")
    {'n_invited': "Expected: a whole number ≥ 1; required: your study's own value (the sample data's does not apply)"}
    """
    from cslib.core.params import ParameterError, validate_parameters

    specs = {f.name: f for f in form_fields(stem)}
    side = choose("zh", "en", lang)
    out: dict[str, str] = {}
    for name, spec in specs.items():
        if spec.required and values.get(name) in (None, ""):
            out[name] = PHRASES("expected", side, what=spec.expected(lang))
    checked = {k: v for k, v in values.items() if k not in out}
    try:
        validate_parameters(stem, {**base, **checked})
    except ParameterError as exc:
        for problem in exc.problems:
            name = str(problem.column or "").split(".")[0]
            field = specs.get(name)
            if field is None:  # an input file or an unknown key: said by the run's check
                continue
            text = PHRASES("expected", side, what=field.expected(lang))
            message = str(problem.message)
            if not message.startswith("expected: input should"):
                # a check written for this parameter (e.g. a course missing from the
                # catalogue): its own words say what is wrong
                text += choose("（", " (", lang) + message + choose("）", ")", lang)
            shown = value_text(values.get(name, problem.found))
            text += choose("。", ". ", lang) + PHRASES("found", side, value=shown or "—")
            out.setdefault(name, text)
    return out


def changed_values(
    stem: str, values: Mapping[str, Any], current: Mapping[str, Any]
) -> dict[str, Any]:
    """The form values that differ from what the study gives now (declared, else the
    default a study gets: a neutral value for one read off the sample data).

    Examples
    --------
    >>> changed_values("01_delphi_weights", {"n_boot": 1000, "n_invited": 12}, {})
    {'n_invited': 12}
    """
    from cslib.core.inputs import REQUIRED, SAMPLE_DERIVED
    from cslib.core.params import defaults

    study_defaults = {**defaults(stem), **SAMPLE_DERIVED.get(stem, {})}
    known = {k: v for k, v in {**study_defaults, **current}.items() if v is not REQUIRED}
    # a default worked out from the study's inputs (a function) is kept while the field is empty
    computed = {k for k, v in known.items() if callable(v)}
    return {
        k: v
        for k, v in values.items()
        if not (k in computed and v in (None, ""))
        and (k not in known or _normal(known[k]) != _normal(v))
    }


def _normal(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_normal(v) for v in value]
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value
