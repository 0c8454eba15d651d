"""Studies in the browser: open or create one, and put input files into it.

The study is the one of ``cslib init`` and ``cslib run --study`` (:mod:`cslib.core.study`):
the app lists the study folders of its *workspace* (the folder ``cslib app`` was started
in, or ``--workspace``), creates new ones with :func:`cslib.study_init.init_study`, and
records every file the user gives in ``study.yaml`` with
:func:`cslib.core.study.declare_inputs`, so the command line sees exactly what the page shows.

Safety (issue 22):

* a study name typed in the page becomes one folder name directly inside the workspace
  (:func:`cslib.core.filenames.file_name_part`), never a path;
* an uploaded file's name is sanitised the same way and the file is written, atomically,
  into the study's data folder; a name that exists already gets ``_2``, ``_3`` …;
* a file is picked or served only from inside the study (:func:`inside_study`); a path in
  ``study.yaml`` that points outside it is reported, not read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cslib.core.study import STUDY_FILE, Study, input_parameters, load_study, shared_inputs

__all__ = [
    "ACCEPTED",
    "InputSlot",
    "list_studies",
    "study_folder",
    "create_study",
    "open_study",
    "input_slots",
    "inside_study",
    "study_files",
    "save_upload",
    "declare",
    "check_readable",
    "UploadRefused",
    "outside_inputs",
]

ACCEPTED = (".xlsx", ".csv", ".yaml", ".yml")
"""File types an input can be (what the readers read)."""

HIDDEN = (".cslib-app", ".cslib-staging")


class UploadRefused(ValueError):
    """An upload that is not saved: ``key`` names the phrase, ``fields`` fill it in."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key, self.fields = key, fields
        super().__init__(key)


def list_studies(workspace: Path) -> list[str]:
    """Names of the study folders directly inside ``workspace`` (sorted), the workspace
    itself as ``"."`` when it is one."""
    names = sorted(p.name for p in workspace.iterdir() if p.is_dir() and (p / STUDY_FILE).is_file())
    return (["."] if (workspace / STUDY_FILE).is_file() else []) + names


def study_folder(workspace: Path, name: str) -> Path:
    """The folder of study ``name`` in ``workspace``: one sanitised name, never a path.

    Examples
    --------
    >>> study_folder(Path("/w"), "../../etc").as_posix()
    '/w/etc'
    >>> study_folder(Path("/w"), "2026 投诉").name
    '2026_投诉'
    """
    from cslib.core.filenames import file_name_part

    if name == ".":
        return workspace
    part = file_name_part(name)
    if not part:
        raise UploadRefused("name_empty")
    return workspace / part


def create_study(workspace: Path, name: str, lang: str = "zh") -> tuple[Study, int]:
    """A new study ``name`` in ``workspace`` (``cslib init``); the study and its templates' count.

    Raises
    ------
    UploadRefused
        The name is empty, or a study of that name exists.
    """
    from cslib.study_init import init_study

    folder = study_folder(workspace, name)
    if (folder / STUDY_FILE).exists():
        raise UploadRefused("name_exists", name=folder.name)
    try:
        written = init_study(folder, lang=lang)
    except FileExistsError:
        raise UploadRefused("name_exists", name=folder.name) from None
    return load_study(folder), len(written) - 2


def open_study(workspace: Path, name: str) -> Study:
    """Read study ``name`` of ``workspace`` (a :class:`~cslib.core.study.StudyError` if bad)."""
    return load_study(study_folder(workspace, name))


@dataclass(frozen=True)
class InputSlot:
    """One input of one notebook as the page shows it."""

    stem: str
    name: str
    kind: str  # required | optional | list
    zh: str
    en: str
    template: Path | None  # the study's template for it, if any
    value: Any  # what study.yaml declares (as written), "" / [] for none
    shared_by: tuple[str, ...] = ()

    @property
    def notebook(self) -> str | None:
        """The section ``declare_inputs`` writes it in (``None``: top level, shared)."""
        return None if self.shared_by else self.stem


def _templates_folder(study: Study) -> Path:
    for name in ("模板", "templates"):
        if (study.root / name).is_dir():
            return study.root / name
    from cslib.core.i18n import choose

    return study.root / choose("模板", "templates", study.lang)


def input_slots(study: Study, stem: str) -> list[InputSlot]:
    """Every input of notebook ``stem``, with its template and the study's current value."""
    from cslib.core.params import declaration
    from cslib.study_templates import template_for

    cls = declaration(stem)
    if cls is None:
        return []
    shared = shared_inputs()
    declared = study.declared(stem)
    folder = _templates_folder(study)
    out = []
    for name, kind in input_parameters(stem).items():
        f = cls.model_fields[name]
        extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
        tpl = template_for(stem, name)
        path = folder / f"{tpl}.xlsx" if tpl else None
        out.append(
            InputSlot(
                stem,
                name,
                kind,
                str(extra.get("zh", "")).split("，")[0],
                (f.description or "").split(";")[0],
                path if path is not None and path.is_file() else None,
                declared.get(name, [] if kind == "list" else ""),
                tuple(shared.get(name, ())),
            )
        )
    return out


def inside_study(study: Study, path: str | Path) -> Path | None:
    """``path`` (relative to the study, or absolute) resolved, if it lies inside the study
    and is not in a hidden or private folder; else ``None``.

    Examples
    --------
    >>> import tempfile
    >>> s = Study(Path(tempfile.mkdtemp()).resolve())
    >>> inside_study(s, "../x") is None, inside_study(s, "/etc/passwd") is None
    (True, True)
    >>> inside_study(s, "数据/a.csv") == s.root / "数据" / "a.csv"
    True
    """
    root = study.root.resolve()
    p = Path(path).expanduser()
    resolved = (p if p.is_absolute() else root / p).resolve()
    if resolved == root or not resolved.is_relative_to(root):
        return None
    parts = resolved.relative_to(root).parts
    if any(part.startswith(".") for part in parts) or "private" in parts[:-1]:
        return None
    return resolved


def study_files(study: Study, suffixes: Iterable[str] = ACCEPTED) -> list[str]:
    """Files in the study that can be inputs, relative to it (reports and hidden folders
    left out), sorted."""
    from cslib.run_setup import study_output_dir

    reports = study_output_dir(study).resolve()
    wanted = {s.lower() for s in suffixes}
    out = []
    for p in sorted(study.root.rglob("*")):
        if not p.is_file() or p.suffix.lower() not in wanted or p.name == STUDY_FILE:
            continue
        if p.resolve().is_relative_to(reports) or inside_study(study, p) is None:
            continue
        out.append(p.relative_to(study.root).as_posix())
    return out


def save_upload(
    study: Study,
    filename: str,
    content: bytes,
    folder: Path | None = None,
    accepted: tuple[str, ...] = ACCEPTED,
    *,
    replace: bool = False,
) -> Path:
    """Write an uploaded file into the study's data folder (or ``folder``, inside the study).

    The name is sanitised (:func:`cslib.core.filenames.file_name_part`, suffix kept); an
    existing file with other content is never replaced: the new one gets ``_2``, ``_3`` ….
    An identical existing file is reused.  ``replace`` is for a folder that holds only
    uploads of one kind (the returned questionnaires of a round): a corrected file of the
    same name then replaces the earlier upload.

    Raises
    ------
    UploadRefused
        The file type is not one an input can be, or the name has nothing left.
    """
    from cslib.core.filenames import file_name, file_name_part
    from cslib.core.io import atomic_path

    suffix = Path(filename).suffix.lower()
    if suffix not in accepted:
        raise UploadRefused("bad_suffix", suffixes=" ".join(accepted), name=filename)
    stem = file_name_part(Path(filename).stem) or "upload"
    base = study.data_folder() if folder is None else folder
    if inside_study(study, base / "x") is None:
        raise UploadRefused("outside", name=filename)
    base.mkdir(parents=True, exist_ok=True)
    target = file_name(stem, base, suffix=suffix)  # no device name (CON), inside ``base``
    k = 1
    while target.exists() and not replace:
        if target.read_bytes() == content:
            return target
        k += 1
        target = file_name(f"{stem}_{k}", base, suffix=suffix)
    with atomic_path(target) as tmp:
        tmp.write_bytes(content)
    return target


def declare(study: Study, slot: InputSlot, value: str | list[str]) -> Study:
    """Declare ``value`` (paths inside the study, or ``""``) for ``slot`` in ``study.yaml``;
    the study read again."""
    from cslib.core.study import declare_inputs, set_parameters

    values = value if isinstance(value, list) else [value]
    for v in values:
        if v and inside_study(study, v) is None:
            raise UploadRefused("outside", name=v)
    if value in ("", []):
        set_parameters(study.root, {slot.name: value}, notebook=slot.notebook)
    else:
        declare_inputs(study.root, {slot.name: value}, notebook=slot.notebook)  # type: ignore[dict-item]
    return load_study(study.root)


def check_readable(path: Path) -> int:
    """Rows of a CSV/XLSX file as the readers see it (a located :class:`~cslib.core.errors.InputError`
    if it cannot be read); YAML files are read by their notebook only, so 0."""
    from cslib.core.io import read_table

    if path.suffix.lower() in (".yaml", ".yml"):
        return 0
    return len(read_table(path))


def outside_inputs(study: Study, stems: Iterable[str]) -> list[tuple[str, str]]:
    """Declared inputs of ``stems`` that lie outside the study: (parameter, path)."""
    out = []
    for stem in stems:
        for name, value in study.given_inputs(stem).items():
            for v in value if isinstance(value, list) else [value]:
                if inside_study(study, str(v)) is None:
                    out.append((name, str(v)))
    return sorted(set(out))
