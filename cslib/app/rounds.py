"""The Delphi round loop in the browser: returned questionnaires → collect → next round.

Report 01 writes the next round's questionnaires, one workbook per expert with a panel
summary, into ``delphi_round{N}_questionnaires/`` of the study's reports folder.  The page
then takes the returned workbooks (saved, names sanitised, into
``<data>/delphi_round{N}_returned/`` of the study), checks and collects them with
:func:`cslib.delphi.collect.collect_returns` and :func:`~cslib.delphi.collect.write_collected`
— every problem of every file at once, as a table — and records the round in the study
with :func:`cslib.delphi.collect.declare_in_study`, exactly as ``cslib collect --study``
does; running report 01 again then analyses the new round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cslib.core.study import Study

__all__ = [
    "SentRound",
    "sent_rounds",
    "returns_folder",
    "save_returns",
    "collect_round",
    "Collected",
]

_SENT = re.compile(r"^delphi_round(\d+)_questionnaires$")


@dataclass(frozen=True)
class SentRound:
    """Questionnaires report 01 wrote for round ``round`` (in ``folder``)."""

    round: int
    folder: Path

    @property
    def zip(self) -> Path | None:
        path = self.folder / f"delphi_round{self.round}_questionnaires.zip"
        return path if path.is_file() else None


def sent_rounds(study: Study) -> list[SentRound]:
    """The rounds whose questionnaires are in the study's reports folder, oldest first."""
    from cslib.run_setup import study_output_dir

    out = study_output_dir(study)
    if not out.is_dir():
        return []
    found = []
    for p in out.iterdir():
        m = _SENT.match(p.name)
        if m and p.is_dir():
            found.append(SentRound(int(m.group(1)), p))
    return sorted(found, key=lambda s: s.round)


def returns_folder(study: Study, round: int) -> Path:
    """Where the returned questionnaires of ``round`` are kept in the study."""
    return study.data_folder() / f"delphi_round{round}_returned"


def save_returns(study: Study, round: int, files: list[tuple[str, bytes]]) -> list[Path]:
    """Save returned questionnaires (``(file name, content)``) for ``round``; the paths.

    Names are sanitised and kept inside the study (:func:`cslib.app.studies.save_upload`);
    only ``.xlsx`` workbooks are taken.  A file of the same name replaces the earlier upload
    (a corrected questionnaire): the folder holds only what was uploaded for this round, and
    ``collect`` names an expert who returned two files.
    """
    from cslib.app.studies import save_upload

    folder = returns_folder(study, round)
    return [
        save_upload(study, name, data, folder, (".xlsx",), replace=True) for name, data in files
    ]


@dataclass(frozen=True)
class Collected:
    """A collected round: the files written (parameter → path) and the counts."""

    round: int
    written: dict[str, Path]
    sent: int
    returned: int
    not_returned: tuple[str, ...]


def collect_round(study: Study, sent: SentRound, lang: str) -> Collected:
    """Check and collect the returns of ``sent`` into the study (``cslib collect --study``).

    Raises
    ------
    cslib.delphi.collect.CollectError
        Every problem of every returned file (``.table(lang)``); nothing written.
    cslib.delphi.collect.OutputConflict
        A collected file of this round exists with other content; nothing replaced.
    """
    from cslib.delphi.collect import collect_returns, declare_in_study, write_collected

    collected = collect_returns(
        returns_folder(study, sent.round), round=sent.round, sent=sent.folder
    )
    output_dir = study.data_folder() / f"delphi_round{collected.round}_collected"
    written = write_collected(collected, output_dir, lang=lang)
    n_sent = len(collected.returns)
    declare_in_study(study.root, written, n_sent)
    return Collected(
        collected.round,
        written,
        n_sent,
        int(collected.returns["returned"].sum()),
        tuple(collected.not_returned),
    )
