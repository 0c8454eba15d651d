"""Pseudonyms for people in reports, and where their secret key comes from.

A pseudonym is ``prefix + hex(HMAC-SHA256(key, id))[:length]`` (RFC 2104 HMAC from
the standard library).  Whoever holds the key and the roster can map pseudonyms back
to agents, so the key must never reach an output: it is **not** a notebook parameter
(papermill writes parameters into the executed notebook).  It is read, in order, from

1. the environment variable ``CSLIB_SALT``;
2. the key file named by ``CSLIB_SALT_FILE``;
3. the default key file ``$XDG_CONFIG_HOME/cslib/salt`` (``~/.config/cslib/salt``),
   created with a random key and mode 0600 on first use, so pseudonyms stay stable
   between runs on the same machine.

A key file inside the reports folder is refused (:func:`check_key_location`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from cslib.core.errors import InputError
from cslib.core.i18n import pick
from cslib.core.notices import Notice

SALT_ENV = "CSLIB_SALT"
SALT_FILE_ENV = "CSLIB_SALT_FILE"
#: Set by the runner: the reports folder a key file must stay out of.
OUTPUT_ENV = "CSLIB_OUTPUT_DIR"

#: The salt shipped in earlier sample notebooks. It is public, so pseudonyms made
#: with it can be reversed by anyone holding the list of agent ids.
SAMPLE_SALT = "change-me-2026"


class PublicSaltWarning(Notice):
    """Pseudonyms were made with the public sample salt."""


class NewKeyWarning(Notice):
    """A new random pseudonymisation key file was created.

    A report names the key file by its folder and name only (the sentence does); the console
    message starts with its full path.
    """

    def text(self, lang: str) -> str:
        return pick(self.zh, self.en, lang, sep=" / ")


def default_key_file() -> Path:
    """``$XDG_CONFIG_HOME/cslib/salt`` (``~/.config/cslib/salt``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "cslib" / "salt"


def check_key_location(key_file: Path, output_dir: str | Path | None) -> None:
    """Refuse a key file that lies inside ``output_dir`` (it would be published with the reports)."""
    if not output_dir:
        return
    out = Path(output_dir).resolve()
    key = key_file.resolve()
    if key == out or out in key.parents:
        raise InputError.single(
            key_file,
            f"the pseudonymisation key file lies inside the output folder {out}; move it "
            "elsewhere (化名密钥文件不能放在报告文件夹内)",
            column=SALT_FILE_ENV,
        )


def _create_key_file(key_file: Path) -> bool:
    """Write a new random key to ``key_file``; ``False`` if another process made it first.

    The key is written to a private temporary file that is then hard-linked into place, so
    the key file appears complete or not at all: reports running side by side on a fresh
    machine all read the one key the first of them made.
    """
    key_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=key_file.parent, prefix=".new-key-")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, key_file)
        except FileExistsError:
            return False
        return True
    finally:
        os.unlink(tmp)


def load_salt(*, output_dir: str | Path | None = None, create: bool = True) -> str:
    """The pseudonymisation key from ``CSLIB_SALT``, ``CSLIB_SALT_FILE`` or the default key file.

    Parameters
    ----------
    output_dir : path, optional
        The reports folder (default: ``CSLIB_OUTPUT_DIR`` set by the runner); a key file
        inside it is refused.
    create : bool
        Create the default key file with a random key if no key is configured.

    Raises
    ------
    InputError
        An empty key, an unreadable key file, or a key file inside the reports folder.
    """
    output_dir = output_dir if output_dir is not None else os.environ.get(OUTPUT_ENV)
    env = os.environ.get(SALT_ENV)
    if env is not None:
        if not env.strip():
            raise InputError.single(
                None, f"the environment variable {SALT_ENV} is empty", column=SALT_ENV
            )
        return env
    named = os.environ.get(SALT_FILE_ENV)
    key_file = Path(named).expanduser() if named else default_key_file()
    check_key_location(key_file, output_dir)
    if not key_file.exists():
        if named or not create:
            raise InputError.single(
                key_file,
                f"no pseudonymisation key: this key file does not exist (set {SALT_ENV} or "
                f"{SALT_FILE_ENV})",
                column=SALT_FILE_ENV,
            )
        if _create_key_file(key_file):
            short = f"{key_file.parent.name}/{key_file.name}"  # reports show no full paths
            warnings.warn(
                NewKeyWarning(
                    f"created a new random pseudonymisation key in the key file “{short}” (readable "
                    "only by you); keep it to get the same pseudonyms next time",
                    f"已新建随机化名密钥文件“{short}”（仅本人可读）；请妥善保存，下次才能得到相同的化名",
                    key_file,
                ),
                stacklevel=2,
            )
    try:
        key = key_file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.single(
            key_file, f"cannot read the pseudonymisation key file: {exc}", column=SALT_FILE_ENV
        ) from None
    if not key:
        raise InputError.single(
            key_file, "the pseudonymisation key file is empty", column=SALT_FILE_ENV
        )
    return key


def pseudonymise(
    ids: Sequence[str] | pd.Index | pd.Series | Iterable[str],
    salt: str | None = None,
    *,
    length: int = 10,
    prefix: str = "P",
) -> dict[str, str]:
    """Stable pseudonyms: ``prefix + hex(HMAC-SHA256(salt, id))[:length]``.

    The same id and salt always give the same pseudonym; without the salt the ids
    cannot be recovered by hashing guessed ids.  ``salt=None`` reads the key with
    :func:`load_salt` (environment or key file — never a notebook parameter).

    Raises
    ------
    ValueError
        If two different ids collide after truncation (use a longer ``length``).

    Examples
    --------
    >>> pseudonymise(["A0001"], "k")
    {'A0001': 'P582366c81e'}
    """
    if salt is None:
        salt = load_salt()
    if not salt:
        raise ValueError("a non-empty salt is required for pseudonymisation")
    if salt == SAMPLE_SALT:
        warnings.warn(
            PublicSaltWarning(
                "the pseudonyms use the public sample key: anyone with the agent list can "
                f"reverse them. Set a secret key of your own in the {SALT_ENV} environment "
                "variable before real use",
                "化名使用了公开的示例密钥：知道坐席名单的人可以还原化名。正式使用前请在环境变量 "
                f"{SALT_ENV} 中设置自己的保密密钥",
            ),
            stacklevel=2,
        )
    if not 4 <= length <= 64:
        raise ValueError("length must be between 4 and 64 hex digits")
    key = salt.encode("utf-8")
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for i in dict.fromkeys(str(x) for x in ids):
        p = prefix + hmac.new(key, i.encode("utf-8"), hashlib.sha256).hexdigest()[:length]
        if p in seen:
            raise ValueError(f"pseudonym collision between {seen[p]!r} and {i!r}; increase length")
        seen[p] = i
        out[i] = p
    return out


def pseudonymise_frame(
    frame: pd.DataFrame, columns: Sequence[str] = ("agent_id",), salt: str | None = None
) -> pd.DataFrame:
    """A copy of ``frame`` with the person-id ``columns`` replaced by pseudonyms.

    Columns that are absent are left alone; missing ids stay missing.

    Examples
    --------
    >>> pseudonymise_frame(pd.DataFrame({"agent_id": ["A0001"], "x": [1]}), salt="k")
          agent_id  x
    0  P582366c81e  1
    """
    present = [c for c in columns if c in frame.columns]
    if not present or frame.empty:
        return frame.copy()
    if salt is None:
        salt = load_salt()
    out = frame.copy()
    for c in present:
        ids = out[c].dropna()
        mapping = pseudonymise(ids, salt)
        out[c] = out[c].map(lambda v, m=mapping: m.get(str(v), v) if pd.notna(v) else v)
    return out
