"""A study: one folder holding ``study.yaml`` and the user's own input files.

A *study folder* is what a trainer works in.  ``cslib init DIR`` creates it with a
commented ``study.yaml`` that names every input of every notebook and an Excel
template for each; the trainer fills the templates (or drops their own files in) and
writes each file's name into ``study.yaml``.  ``cslib run --study DIR`` then reads
**only** the files the study declares: an input the study does not name is absent
(the analysis that needs it is skipped and the report says so), never a sample file.

``study.yaml`` has the format of ``cslib run --params`` files:

* top-level keys apply to every notebook that declares a parameter of that name
  (``lang``, ``framework_path``, ``courses_path`` …);
* a mapping named after a notebook stem (``01_delphi_weights:``) holds that
  notebook's parameters.

Paths are relative to the study folder (absolute paths are allowed).  An empty value
(``""`` or nothing after the colon) means "not given".

Other tools that write a file into a study (``cslib collect``, ``cslib import-survey``)
record it with :func:`declare_inputs`, which edits ``study.yaml`` in place: the user's
comments, order and every other value are kept, and the file is replaced atomically
under a lock.  The edit is line-based (no YAML round-trip library is needed for the
simple layout this module writes); after every edit the whole file is parsed again and
compared with the intended result, so an edit that would change anything else is
refused instead of written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from cslib.core.errors import InputError, Problem

__all__ = [
    "STUDY_FILE",
    "Study",
    "StudyError",
    "load_study",
    "declare_inputs",
    "set_parameters",
    "find_study",
    "input_parameters",
    "shared_inputs",
]

STUDY_FILE = "study.yaml"
"""The file that makes a folder a study."""

InputKind = Literal["required", "optional", "list"]


_ZH = {
    "expected an existing file (paths are relative to the study folder)": (
        "应为研究文件夹中已有的文件（路径相对于研究文件夹）；请把文件放进研究文件夹并核对文件名"
    ),
    "expected a mapping of parameters": "应为该报告的参数（每行“参数名: 值”，缩进两格）",
    "expected a file name, or survey_export: FILE": (
        "应为文件名，或在下一行写 survey_export: 问卷星/腾讯问卷导出文件"
    ),
    "no such parameter of this notebook": "该报告没有这个参数（参数名见 cslib list）",
    "neither a parameter nor a notebook name (see cslib list)": (
        "既不是参数名也不是报告名（参数名见 cslib list），请检查拼写"
    ),
    "expected YAML lines 'name: value'": "应为“参数名: 值”形式的行（注意冒号后的空格与缩进）",
    "expected lines of the form 'name: value'": "应为“参数名: 值”形式的行",
    "cannot be read": "无法读取",
    "expected a study folder with a study.yaml (create one with: cslib init FOLDER)": (
        "应为含有 study.yaml 的研究文件夹（新建：cslib init 文件夹名）"
    ),
}


class StudyError(InputError):
    """``study.yaml`` cannot be read, or names something that does not exist.

    Shown in the study's language (``lang``, Chinese unless set to ``"en"``): every
    problem with the key (or line) it concerns, what was expected and what was found.
    """

    lang: str = "zh"

    def __str__(self) -> str:
        from cslib.core.i18n import choose

        if choose(False, True, getattr(self, "lang", "zh") or "zh"):  # an English study
            return InputError.__str__(self)
        lines = []
        for p in self.problems[: self.max_shown]:
            where = []
            if p.row is not None:
                where.append(f"第 {p.row} 行")
            if p.column is not None:
                where.append(f"“{p.column}”")
            text = "，".join(where) + ("：" if where else "") + _ZH.get(p.message, p.message)
            if p.found is not None:
                text += f"（实际为 {p.found!r}）"
            lines.append(text)
        name = str(self.file) if self.file is not None else STUDY_FILE
        if len(lines) == 1:
            return f"{name}：{lines[0]}"
        return "\n  - ".join([f"{name}：共 {len(lines)} 处问题", *lines])

    __hash__ = object.__hash__


# ----------------------------------------------------------------------------- declarations
def input_parameters(stem: str) -> dict[str, InputKind]:
    """The file parameters of a notebook: name → ``required`` | ``optional`` | ``list``.

    Read from the parameter declarations in :mod:`cslib.core.params` (a path that must
    exist, a path or ``""`` for none, a list of paths), so a new notebook's inputs are
    known here without listing them again.

    Examples
    --------
    >>> kinds = input_parameters("01_delphi_weights")
    >>> kinds["ratings_path"], kinds["experts_path"]
    ('required', 'optional')
    >>> input_parameters("02_consistency_checks")["scheme_paths"]
    'list'
    """
    from typing import get_args

    from cslib.core.params import declaration, existing_file, optional_file

    cls = declaration(stem)
    if cls is None:
        return {}
    out: dict[str, InputKind] = {}
    for name, f in cls.model_fields.items():
        funcs = {getattr(m, "func", None) for m in f.metadata}
        if existing_file in funcs:
            out[name] = "required"
        elif optional_file in funcs:
            out[name] = "optional"
        else:
            inner = [getattr(m, "func", None) for a in get_args(f.annotation) for m in _meta(a)]
            if existing_file in inner:
                out[name] = "list"
    return out


def _meta(annotation: Any) -> list[Any]:
    from typing import Annotated, get_args, get_origin

    return list(get_args(annotation)[1:]) if get_origin(annotation) is Annotated else []


def shared_inputs() -> dict[str, list[str]]:
    """Input names that mean the same file in every notebook declaring them → the notebooks.

    ``framework_path`` and ``courses_path`` are shared; ``ratings_path`` is not (Delphi
    ratings in 01, 360° ratings in 04), so it is always given per notebook.
    """
    from cslib.core.params import declaration, declared_notebooks

    seen: dict[str, dict[str, list[str]]] = {}
    for stem in declared_notebooks():
        cls = declaration(stem)
        assert cls is not None
        for name in input_parameters(stem):
            meaning = (cls.model_fields[name].description or "").split(";")[0]
            seen.setdefault(name, {}).setdefault(meaning, []).append(stem)
    return {
        name: next(iter(by.values()))
        for name, by in sorted(seen.items())
        if len(by) == 1 and len(next(iter(by.values()))) > 1
    }


# ----------------------------------------------------------------------------- the study
@dataclass(frozen=True)
class Study:
    """A study folder as declared in its ``study.yaml``.

    Attributes
    ----------
    root : Path
        The study folder (absolute).
    lang : str
        The report language (``zh`` unless the study says otherwise).
    inputs : mapping
        Top-level input declarations, parameter → path relative to the study folder
        (as written; ``""`` for an input declared as not given).
    notebook_inputs : mapping
        Per notebook stem, its own input declarations.
    parameters : mapping
        Top-level other parameters (``lang`` included).
    notebook_parameters : mapping
        Per notebook stem, its other parameters.
    """

    root: Path
    lang: str = "zh"
    inputs: Mapping[str, Any] = field(default_factory=dict)
    notebook_inputs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    parameters: Mapping[str, Any] = field(default_factory=dict)
    notebook_parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def file(self) -> Path:
        return self.root / STUDY_FILE

    def path(self, value: str) -> Path:
        """A declared path as an absolute path (relative paths are relative to the study)."""
        p = Path(value).expanduser()
        return p if p.is_absolute() else self.root / p

    def data_folder(self) -> Path:
        """Where tools put files they make for the study (``cslib collect``, ``import-survey``):
        ``数据/`` or ``data/`` — whichever exists, else the one of the study's language."""
        for name in ("数据", "data"):
            if (self.root / name).is_dir():
                return self.root / name
        from cslib.core.i18n import choose

        return self.root / choose("数据", "data", self.lang)

    def declared(self, stem: str) -> dict[str, Any]:
        """What the study declares for ``stem``: top-level values it takes, then its section.

        Input paths are returned as written (relative to the study folder).
        """
        from cslib.core.params import declaration

        cls = declaration(stem)
        known = set(cls.model_fields) if cls is not None else set()
        out: dict[str, Any] = {}
        for table in (self.parameters, self.inputs):
            out.update({k: v for k, v in table.items() if k in known})
        for table in (self.notebook_parameters, self.notebook_inputs):
            out.update(table.get(stem, {}))
        return out

    def parameters_for(self, stem: str) -> dict[str, Any]:
        """The parameter values of ``stem`` for a run: declared inputs as absolute paths.

        An input declared empty stays ``""`` (not given); a list of paths becomes a list of
        absolute paths.
        """
        kinds = input_parameters(stem)
        out = self.declared(stem)
        for name, value in list(out.items()):
            if name not in kinds or value in ("", None):
                continue
            if isinstance(value, dict):  # an online-survey export: its files made absolute
                spec = dict(value)
                for part in ("survey_export", "mapping", "roster"):
                    v = spec.get(part)
                    if isinstance(v, list):
                        spec[part] = [str(self.path(str(x))) for x in v]
                    elif v not in ("", None):
                        spec[part] = str(self.path(str(v)))
                out[name] = spec
            elif isinstance(value, list):
                out[name] = [str(self.path(str(v))) for v in value]
            else:
                out[name] = str(self.path(str(value)))
        return out

    def given_inputs(self, stem: str) -> dict[str, Any]:
        """The inputs the study gives ``stem`` (non-empty), as written in ``study.yaml``."""
        kinds = input_parameters(stem)
        return {
            k: v
            for k, v in self.declared(stem).items()
            if k in kinds and v not in ("", None) and v != []
        }


def _problem(message: str, column: str | None = None, found: object = None) -> Problem:
    return Problem(message, column=column, found=found)


def _as_value(value: Any) -> Any:
    """YAML dates become ISO text (``deadline: 2026-12-20`` is a date to YAML)."""
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_value(v) for k, v in value.items()}
    return value


def _read_yaml(file: Path) -> dict[str, Any]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise StudyError.single(
            file, f"cannot be read ({exc.strerror or exc})", column=STUDY_FILE
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or "not valid YAML"
        raise StudyError(
            file,
            [Problem(f"expected YAML lines 'name: value' ({what})", row=row)],
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise StudyError.single(
            file, "expected lines of the form 'name: value'", found=type(data).__name__
        )
    return {str(k): _as_value(v) for k, v in data.items()}


def load_study(folder: str | Path) -> Study:
    """Read the study in ``folder`` (its ``study.yaml``).

    Every key must be a parameter of some notebook or a notebook stem; every declared
    input file must exist.  All problems are reported at once.

    Raises
    ------
    StudyError
        ``study.yaml`` is missing, not YAML, names an unknown parameter or notebook, or
        declares a file that does not exist; the message names the key and what to do.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "r.csv").write_text("round,expert_id,indicator_id,score\\n", encoding="utf-8")
    >>> _ = (d / STUDY_FILE).write_text("lang: en\\n01_delphi_weights:\\n  ratings_path: r.csv\\n")
    >>> s = load_study(d)
    >>> s.lang, dict(s.notebook_inputs["01_delphi_weights"])
    ('en', {'ratings_path': 'r.csv'})
    """
    from cslib.core.params import declaration, declared_notebooks

    root = Path(folder).expanduser().resolve()
    file = root / STUDY_FILE
    if not file.is_file():
        raise StudyError.single(
            root,
            "expected a study folder with a study.yaml (create one with: cslib init FOLDER)",
            column=STUDY_FILE,
            found="no such file",
        )
    data = _read_yaml(file)
    stems = declared_notebooks()
    every: dict[str, set[str]] = {}
    for stem in stems:
        cls = declaration(stem)
        assert cls is not None
        for name in cls.model_fields:
            every.setdefault(name, set()).add(stem)
    problems: list[Problem] = []
    inputs: dict[str, Any] = {}
    params: dict[str, Any] = {}
    nb_inputs: dict[str, dict[str, Any]] = {}
    nb_params: dict[str, dict[str, Any]] = {}
    all_inputs = {name for stem in stems for name in input_parameters(stem)}
    study = Study(root)

    def check_file(key: str, value: Any) -> None:
        if isinstance(value, dict):  # an online-survey export (cslib.surveys.study_inputs)
            if "survey_export" not in value:
                problems.append(_problem("expected a file name, or survey_export: FILE", key))
                return
            for part in ("survey_export", "mapping", "roster"):
                if value.get(part) not in ("", None):
                    check_file(f"{key}.{part}", value[part])
            return
        values = value if isinstance(value, list) else [value]
        for v in values:
            if v in ("", None):
                continue
            if not study.path(str(v)).is_file():
                problems.append(
                    _problem(
                        "expected an existing file (paths are relative to the study folder)",
                        key,
                        str(v),
                    )
                )

    for key, value in data.items():
        if key in stems:
            if value is None:
                value = {}
            if not isinstance(value, dict):
                problems.append(_problem("expected a mapping of parameters", key, value))
                continue
            kinds = input_parameters(key)
            cls = declaration(key)
            assert cls is not None
            for name, v in value.items():
                name = str(name)
                if name not in cls.model_fields:
                    problems.append(
                        _problem("no such parameter of this notebook", f"{key}.{name}", None)
                    )
                elif name in kinds:
                    nb_inputs.setdefault(key, {})[name] = "" if v is None else v
                    check_file(f"{key}.{name}", v)
                else:
                    nb_params.setdefault(key, {})[name] = v
        elif key in every:
            if key in all_inputs:
                inputs[key] = "" if value is None else value
                check_file(key, value)
            else:
                params[key] = value
        else:
            problems.append(
                _problem("neither a parameter nor a notebook name (see cslib list)", key, None)
            )
    if problems:
        err = StudyError(file, problems)
        err.lang = str(data.get("lang") or "zh")
        raise err
    lang = str(params.get("lang", "zh") or "zh")
    return Study(root, lang, inputs, nb_inputs, params, nb_params)


def find_study(start: str | Path | None = None) -> Path | None:
    """The study folder at ``start`` (default: the current folder), or ``None``."""
    folder = Path(start or Path.cwd()).resolve()
    return folder if (folder / STUDY_FILE).is_file() else None


# ----------------------------------------------------------------------------- editing
_KEY = r"[A-Za-z0-9_\-]+"


def _scalar(value: Any) -> str:
    """A YAML flow value on one line (strings double-quoted, so any path is safe)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Path):
        return json.dumps(value.as_posix(), ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _comment_of(rest: str) -> str:
    """The trailing ``  # comment`` of a ``key: value  # comment`` line (kept on edit)."""
    m = re.search(r"\s+#.*$", rest)
    if m is None:
        return ""
    # a '#' inside a quoted value is not a comment
    before = rest[: m.start()]
    if before.count('"') % 2 or before.count("'") % 2:
        return ""
    return m.group(0)


def _set_line(lines: list[str], key: str, value: Any, section: str | None) -> list[str]:
    """Lines with ``key: value`` set at top level or inside ``section``."""
    value_text = _scalar(value)
    if section is None:
        start, end, indent = 0, len(lines), ""
    else:
        head = next(
            (i for i, line in enumerate(lines) if re.match(rf"^{re.escape(section)}\s*:", line)),
            None,
        )
        if head is None:
            block = ["", f"{section}:", f"  {key}: {value_text}"]
            return [*lines, *block]
        m = re.match(rf"^{re.escape(section)}\s*:\s*(\{{\s*\}})?\s*(#.*)?$", lines[head])
        if m is None:
            raise ValueError(f"{STUDY_FILE}: the section {section} is not in block style")
        if m.group(1):  # "section: {}" becomes a block
            header = f"{section}:" + (f"  {m.group(2)}" if m.group(2) else "")
            lines = [*lines[:head], header, *lines[head + 1 :]]
        end = head + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "\t", "#")):
            end += 1
        # trailing blank/comment lines at column 0 belong to what follows
        while end > head + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        start, indent = head + 1, "  "
        for line in lines[start:end]:
            m2 = re.match(r"^(\s+)\S", line)
            if m2 and not line.lstrip().startswith("#"):
                indent = m2.group(1)
                break
    pattern = re.compile(rf"^{indent}({re.escape(key)})\s*:(.*)$")
    commented = re.compile(rf"^{indent}#\s?({re.escape(key)})\s*:(.*)$")
    for i in range(start, end):
        m = pattern.match(lines[i])
        if m and (section is None or lines[i].startswith(indent)):
            comment = _comment_of(m.group(2))
            return [*lines[:i], f"{indent}{key}: {value_text}{comment}", *lines[i + 1 :]]
    for i in range(start, end):
        m = commented.match(lines[i])
        if m:
            comment = _comment_of(m.group(2))
            return [*lines[:i], f"{indent}{key}: {value_text}{comment}", *lines[i + 1 :]]
    if section is None:
        # before the first notebook section, so it reads as a top-level value
        first = next(
            (i for i, line in enumerate(lines) if re.match(rf"^\d\d_{_KEY}\s*:", line)), len(lines)
        )
        return [*lines[:first], f"{key}: {value_text}", *lines[first:]]
    return [*lines[:end], f"{indent}{key}: {value_text}", *lines[end:]]


def set_parameters(
    folder: str | Path, values: Mapping[str, Any], *, notebook: str | None = None
) -> None:
    """Set parameters in ``folder/study.yaml``, keeping comments and every other line.

    ``notebook`` ``None`` sets top-level values (every notebook that has the parameter takes
    them); a notebook stem sets them in that notebook's section (created if missing).  The
    edited text is parsed again and must equal the old content with just these values
    changed; otherwise nothing is written and ``ValueError`` is raised.  The file is
    replaced atomically under a lock, so two tools updating one study do not lose an edit.
    """
    from filelock import FileLock

    from cslib.core.io import atomic_path

    root = Path(folder).expanduser().resolve()
    file = root / STUDY_FILE
    if not file.is_file():
        raise StudyError.single(root, f"expected a study folder with a {STUDY_FILE}")
    with FileLock(str(root / f".{STUDY_FILE}.lock")):
        text = file.read_text(encoding="utf-8-sig")
        before = _read_yaml(file)
        lines = text.splitlines()
        for key, value in values.items():
            lines = _set_line(lines, str(key), _as_value(value), notebook)
        new_text = "\n".join(lines) + "\n"
        expected = json.loads(json.dumps(before, default=str))
        target = expected if notebook is None else expected.setdefault(notebook, {})
        if notebook is not None and target is None:
            target = expected[notebook] = {}
        for key, value in values.items():
            target[str(key)] = _as_value(value.as_posix() if isinstance(value, Path) else value)
        try:
            after = yaml.safe_load(new_text) or {}
        except yaml.YAMLError:
            after = None
        after = json.loads(json.dumps(after, default=str)) if after is not None else None
        if after != expected:
            raise ValueError(
                f"{file}: cannot update {', '.join(map(str, values))} without changing other "
                "lines; edit the file by hand"
            )
        with atomic_path(file) as tmp:
            tmp.write_text(new_text, encoding="utf-8")


def declare_inputs(
    folder: str | Path, inputs: Mapping[str, str | Path], *, notebook: str | None = None
) -> None:
    """Declare input files in a study: ``{parameter: path}``, paths relative to ``folder``.

    Call this after writing a file into the study (``cslib collect`` does, for the round's
    ratings).  Absolute paths inside the study folder are written relative to it.
    ``notebook`` ``None`` declares the inputs for every notebook that has the parameter; a
    parameter that means different files in different notebooks (``ratings_path``) must name
    its notebook.

    Raises
    ------
    ValueError
        An unknown parameter, a parameter that is not a file, a shared name without
        ``notebook``, or an edit that would change other lines.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / STUDY_FILE).write_text("# 我的研究\\nlang: zh  # 语言\\n", encoding="utf-8")
    >>> _ = (d / "r2.csv").write_text("round,expert_id,indicator_id,score\\n", encoding="utf-8")
    >>> declare_inputs(d, {"ratings_path": "r2.csv"}, notebook="01_delphi_weights")
    >>> print((d / STUDY_FILE).read_text(encoding="utf-8"), end="")
    # 我的研究
    lang: zh  # 语言
    <BLANKLINE>
    01_delphi_weights:
      ratings_path: "r2.csv"
    """
    from cslib.core.params import declared_notebooks

    root = Path(folder).expanduser().resolve()
    stems = [notebook] if notebook is not None else declared_notebooks()
    if notebook is not None and notebook not in declared_notebooks():
        raise ValueError(f"no notebook {notebook!r}; notebooks: {', '.join(declared_notebooks())}")
    shared = shared_inputs()
    values: dict[str, str | list[str]] = {}
    for name, path in inputs.items():
        takers = [s for s in stems if name in input_parameters(s)]
        if not takers:
            raise ValueError(f"{name!r} is not an input file of {', '.join(stems)}")
        if notebook is None and len(takers) > 1 and name not in shared:
            raise ValueError(
                f"{name!r} means different files in {', '.join(takers)}: pass notebook="
            )
        values[name] = _relative(root, path)
    set_parameters(root, values, notebook=notebook)


def _relative(root: Path, path: str | Path | list[Any]) -> str | list[str]:
    if isinstance(path, list | tuple):
        return [str(_relative(root, p)) for p in path]
    p = Path(path).expanduser()
    if p.is_absolute():
        try:
            return p.resolve().relative_to(root).as_posix()
        except ValueError:
            return p.as_posix()
    return p.as_posix()
