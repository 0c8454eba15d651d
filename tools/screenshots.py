"""Render every HTML report to PNG (and A4 PDF) with headless Chromium, for review.

Usage::

    python tools/screenshots.py [REPORTS_DIR] [--out DIR] [--chromium PATH] [--no-pdf]

For each ``REPORTS_DIR/*.html`` (reports and ``index.html``) it writes
``<out>/<name>.png`` (a 1280 × 4000 px window: the first screens a trainer sees) and, for
reports, ``<out>/<name>.pdf`` printed on A4 with the report's print CSS.  The default output
folder is ``REPORTS_DIR/screenshots``.  Each Chromium run gets a fresh, temporary profile and
no network services (sync, component updates, background networking), so runs are
independent of each other and of the machine's browser profile.

Word versions (``REPORTS_DIR/NN_*.docx``) are converted to PDF by LibreOffice
(``soffice --headless --convert-to pdf``, in a temporary profile) and every page of that PDF to
``<out>/<name>.docx-<page>.png`` by ``pdftoppm`` (poppler), so the Word output is looked at
the way a reader prints it.  ``--no-docx`` skips them.

Chromium, LibreOffice and poppler come from Debian (``apt-get install -y chromium
libreoffice-writer-nogui poppler-utils``); ``make screenshots`` installs them when run as root.
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


DOCX_DPI = 80  # page images for review: an A4 page is 662 × 936 px


def find_soffice() -> str | None:
    """LibreOffice's ``soffice`` executable, if installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def render_docx(reports_dir: Path, out_dir: Path, soffice: str, pdftoppm: str) -> list[Path]:
    """Word versions → PDF (LibreOffice) → one PNG per page (pdftoppm); the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for doc in sorted(reports_dir.glob("[0-9][0-9]_*.docx")):
        profile = tempfile.mkdtemp(prefix="cslib-soffice-")
        try:
            cmd = [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(doc),
            ]
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S * 2)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        pdf = out_dir / f"{doc.stem}.pdf"
        if done.returncode != 0 or not pdf.is_file():
            raise RuntimeError(f"LibreOffice failed on {doc.name}: {done.stderr[-500:]}")
        target = out_dir / f"{doc.stem}.docx.pdf"
        pdf.replace(target)  # beside the Chromium PDF of the HTML page, not over it
        for old in out_dir.glob(f"{doc.stem}.docx-*.png"):
            old.unlink()
        prefix = out_dir / f"{doc.stem}.docx"
        subprocess.run(
            [pdftoppm, "-r", str(DOCX_DPI), "-png", str(target), str(prefix)],
            check=True,
            timeout=TIMEOUT_S,
        )
        pages = sorted(out_dir.glob(f"{doc.stem}.docx-*.png"))
        written += [target, *pages]
        print(f"{doc.name} → {target.name}, {len(pages)} page image(s)")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reports_dir", nargs="?", type=Path, default=Path("reports"))
    parser.add_argument("--out", type=Path, default=None, help="default: REPORTS_DIR/screenshots")
    parser.add_argument("--chromium", default=None, help="Chromium executable")
    parser.add_argument("--no-pdf", action="store_true", help="PNG only")
    parser.add_argument("--no-docx", action="store_true", help="skip the Word versions")
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
    if not args.no_docx and list(args.reports_dir.glob("[0-9][0-9]_*.docx")):
        soffice, pdftoppm = find_soffice(), shutil.which("pdftoppm")
        if soffice is None or pdftoppm is None:
            print(
                "error: LibreOffice or pdftoppm not found. Install them with `apt-get install "
                "-y libreoffice-writer-nogui poppler-utils` (as root), or pass --no-docx.",
                file=sys.stderr,
            )
            return 2
        written += render_docx(args.reports_dir, out, soffice, pdftoppm)
    print(f"done: {len(written)} file(s) in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
