"""Restricted outputs: files with real ids, kept in ``<output>/private/`` for who needs them.

A report shows people under pseudonyms, but some of its outputs are for the people who must
act on real ids: the scheduler who books agents into courses (notebook 04's training roster),
the inspectors who monitor named agents (notebook 05's plans).  Those files go into the
``private/`` sub-folder of the output folder:

* the folder is created with mode 0700 and every file in it gets mode 0600, so on a shared
  machine only the owner can read them (the study lead passes each file on);
* the index page names each file under its report's card but gives no link to it, and the
  report says where the file is and who should get it (:func:`private_note`).

The runner moves the files into place like any other output (``os.replace`` keeps the mode)
and keeps the folder at 0700.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from cslib.core.i18n import Phrases, check_lang, join_languages

PRIVATE_DIR = "private"
"""Name of the restricted sub-folder of an output folder."""

PHRASES = Phrases(
    {
        "note": (
            "**受限文件**：{what}，已写入输出文件夹的 `{path}`（仅文件所有者可读，索引页只列出"
            "名称、不加链接）。请只交给{audience}，不要随报告转发。",
            "**Restricted file**: {what} and was written to `{path}` in the output folder (readable by its "
            "owner only; the index names it without a link). Give it only to {audience}; do "
            "not forward it with the report.",
        ),
        "what_training_roster": (
            "培训排班名单（每个班组的课程及参训坐席的真实工号）",
            "the training roster holds real agent ids (each team's courses and who attends)",
        ),
        "audience_training_roster": ("负责排班的人员", "the person who schedules the training"),
        "what_inspector_plans": (
            "每位质检员的下月抽检计划（含坐席真实工号）",
            "the next month's monitoring plan of each inspector holds real agent ids",
        ),
        "audience_inspector_plans": (
            "对应的质检员（每人只收到自己的计划）",
            "the inspector it is for (each inspector gets only their own plan)",
        ),
        "index_note": (
            "受限文件：含真实工号，不提供链接，请向研究负责人索取",
            "restricted: real ids, not linked; ask the study lead",
        ),
    }
)


def private_dir(output_dir: str | Path, *parts: str) -> Path:
    """``<output_dir>/private[/parts…]``, created with mode 0700 (each level).

    Examples
    --------
    >>> import tempfile, stat
    >>> folder = private_dir(tempfile.mkdtemp(), "05_qa_monitoring")
    >>> folder.parts[-2:], oct(stat.S_IMODE(folder.parent.stat().st_mode))
    (('private', '05_qa_monitoring'), '0o700')
    """
    folder = Path(output_dir) / PRIVATE_DIR
    for level in (folder, *(folder.joinpath(*parts[: k + 1]) for k in range(len(parts)))):
        level.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(level, 0o700)  # mkdir's mode is masked by the umask; an old folder may be wider
    return folder.joinpath(*parts)


def restrict(paths: Iterable[str | Path]) -> list[Path]:
    """Give each file mode 0600 (owner read/write only); returns the paths."""
    out = []
    for path in paths:
        os.chmod(path, 0o600)
        out.append(Path(path))
    return out


def is_private(relative: str | Path) -> bool:
    """Whether an output path (relative to the output folder) lies in ``private/``.

    Examples
    --------
    >>> is_private("private/04_training_roster.xlsx"), is_private("training_plan.xlsx")
    (True, False)
    """
    parts = Path(relative).parts
    return len(parts) > 1 and parts[0] == PRIVATE_DIR


def private_note(path: str | Path, output_dir: str | Path, kind: str, lang: str) -> str:
    """The report's sentence saying where a restricted file (or folder) is and who gets it.

    ``kind`` names what it is: ``"training_roster"`` (notebook 04, for the scheduler) or
    ``"inspector_plans"`` (notebook 05, one workbook for each inspector).

    Examples
    --------
    >>> note = private_note("out/private/04_training_roster.xlsx", "out", "training_roster", "en")
    >>> print(note)  # doctest: +ELLIPSIS
    **Restricted file**: the training roster holds real agent ids ... written to `private/04_training_roster.xlsx` ...
    """
    check_lang(lang)
    shown = Path(path).relative_to(Path(output_dir)).as_posix()
    return join_languages(
        lang,
        lambda side: PHRASES(
            "note",
            side,
            what=PHRASES(f"what_{kind}", side),
            path=shown,
            audience=PHRASES(f"audience_{kind}", side),
        ),
    )
