"""Render every HTML report to PNG (and A4 PDF) with headless Chromium, for review.

Usage::

    python tools/screenshots.py [REPORTS_DIR] [--out DIR] [--chromium PATH] [--no-pdf]

For each ``REPORTS_DIR/*.html`` (reports and ``index.html``) it writes
``<out>/<name>.png`` (a 1280 × 4000 px window: the first screens a trainer sees) and, for
reports, ``<out>/<name>.pdf`` printed on A4 with the report's print CSS.  The default output
folder is ``REPORTS_DIR/screenshots``.  Each Chromium run gets a fresh, temporary profile and
no network services (sync, component updates, background networking), so runs are
independent of each other and of the machine's browser profile.

Chromium comes from Debian (``apt-get install -y chromium``); ``make screenshots`` installs it
when run as root.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
WINDOW = "1280,4000"
TIMEOUT_S = 120


def find_chromium(explicit: str | None = None) -> str | None:
    """The Chromium executable: ``explicit``, else the first of chromium / chromium-browser."""
    if explicit:
        return explicit if Path(explicit).exists() or shutil.which(explicit) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(chromium: str, args: list[str], page: Path) -> None:
    profile = tempfile.mkdtemp(prefix="cslib-chromium-")
    try:
        cmd = [chromium, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        if done.returncode != 0:
            raise RuntimeError(
                f"chromium failed on {page.name} (exit {done.returncode}): {done.stderr[-500:]}"
            )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def render(reports_dir: Path, out_dir: Path, chromium: str, *, pdf: bool = True) -> list[Path]:
    """Render the pages of ``reports_dir`` into ``out_dir``; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = sorted(p for p in reports_dir.glob("*.html") if not p.name.startswith("."))
    written = []
    for page in pages:
        png = out_dir / f"{page.stem}.png"
        _run(chromium, [f"--screenshot={png}", f"--window-size={WINDOW}"], page)
        written.append(png)
        if pdf and page.name != "index.html":
            target = out_dir / f"{page.stem}.pdf"
            _run(chromium, [f"--print-to-pdf={target}", "--no-pdf-header-footer"], page)
            written.append(target)
        print(f"{page.name} → {', '.join(p.name for p in written[-2:] if p.stem == page.stem)}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reports_dir", nargs="?", type=Path, default=Path("reports"))
    parser.add_argument("--out", type=Path, default=None, help="default: REPORTS_DIR/screenshots")
    parser.add_argument("--chromium", default=None, help="Chromium executable")
    parser.add_argument("--no-pdf", action="store_true", help="PNG only")
    args = parser.parse_args(argv)
    chromium = find_chromium(args.chromium)
    if chromium is None:
        print(
            "error: Chromium not found. Install it with `apt-get install -y chromium` "
            "(as root) or pass --chromium PATH.",
            file=sys.stderr,
        )
        return 2
    if not args.reports_dir.is_dir() or not list(args.reports_dir.glob("*.html")):
        print(
            f"error: no HTML reports in {args.reports_dir}; run `make reports` first",
            file=sys.stderr,
        )
        return 2
    out = args.out or args.reports_dir / "screenshots"
    written = render(args.reports_dir, out, chromium, pdf=not args.no_pdf)
    print(f"done: {len(written)} file(s) in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
