"""``cslib app``: start the browser workspace, safely.

* **Loopback by default.**  The server listens on 127.0.0.1 only.  ``--host`` makes it
  listen elsewhere (``0.0.0.0``: every interface); then an access token is required on
  every page, file and WebSocket request — given with ``--token`` or the environment
  variable ``CSLIB_APP_TOKEN``, else generated — and the start-up message says so and
  prints the address with the token.  The token is checked in constant time and kept in an
  HttpOnly, SameSite=Strict cookie after the first page.
* **Files from inside the study only.**  ``/files/<study>/<path>`` serves a file of a study
  of the workspace after :func:`cslib.app.studies.inside_study` has resolved it (no ``..``,
  no link out of the study, no hidden or ``private/`` folder), with the token check above.
* **Offline.**  Panel and Bokeh serve their scripts from the installed packages
  (``pn.config.inline``); the page loads nothing from another host.

Panel serves the page (:mod:`cslib.app.page`); see ``docs/app.md`` for why Panel.
"""

from __future__ import annotations

import argparse
import hmac
import ipaddress
import mimetypes
import os
import secrets
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cslib.core.i18n import Phrases, choose

__all__ = ["add_app_parser", "main", "serve", "file_url", "LOOPBACK", "is_loopback"]

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8765
COOKIE = "cslib_app_token"

WORDS = Phrases(
    {
        "listening": ("cslib 工作台已启动：{url}", "cslib workspace running at {url}"),
        "loopback": (
            "只接受本机连接（127.0.0.1）。按 Ctrl-C 停止。",
            "Only this computer can connect (127.0.0.1). Press Ctrl-C to stop.",
        ),
        "token": (
            "正在监听 {host}：其他计算机也能连接，因此需要访问令牌。请用上面含 token 的完整网址打开；"
            "令牌可用 --token 或环境变量 CSLIB_APP_TOKEN 指定。按 Ctrl-C 停止。",
            "Listening on {host}: other computers can connect, so an access token is required. "
            "Open the full address above (with its token); set the token with --token or "
            "CSLIB_APP_TOKEN. Press Ctrl-C to stop.",
        ),
        "no_workspace": ("工作文件夹不存在：{path}", "The workspace folder does not exist: {path}"),
        "port_busy": (
            "端口 {port} 已被占用，请用 --port 换一个。",
            "Port {port} is in use; choose another with --port.",
        ),
        "token_required": (
            "需要访问令牌：请使用启动时显示的完整网址。",
            "An access token is required: use the full address printed at start-up.",
        ),
    }
)


def add_app_parser(sub: Any) -> None:
    """The ``app`` subcommand's arguments."""
    app = sub.add_parser(
        "app",
        help="start the browser workspace (local web app) for studies",
        description="Start the browser workspace: open or create a study, upload its files, "
        "set options, run the reports and read them, collect Delphi rounds. Listens on "
        "127.0.0.1 only unless --host is given (then an access token is required).",
    )
    app.add_argument(
        "--workspace",
        type=Path,
        default=Path("."),
        help="folder holding the study folders (default: the current folder)",
    )
    app.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    app.add_argument(
        "--host",
        default=None,
        help="listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0); requires a token",
    )
    app.add_argument(
        "--token",
        default=None,
        help="access token (default: CSLIB_APP_TOKEN, else generated when --host is given)",
    )
    app.add_argument("--lang", choices=("zh", "en"), default="zh", help="page language")
    app.add_argument("--open", action="store_true", help="open the page in the web browser")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (``127.0.0.0/8``, ``::1``, ``localhost``).

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def file_url(study_name: str, relative: str) -> str:
    """The address of a study file served by the app (path parts quoted).

    Examples
    --------
    >>> file_url("我的研究", "报告/01_delphi_weights.html")
    '/files/%E6%88%91%E7%9A%84%E7%A0%94%E7%A9%B6/%E6%8A%A5%E5%91%8A/01_delphi_weights.html'
    """
    return "/files/" + quote(study_name, safe="") + "/" + quote(relative, safe="/")


def _token_ok(handler: Any, token: str | None) -> bool:
    """Whether a request carries the token (query argument or cookie); sets the cookie."""
    if token is None:
        return True
    given = handler.get_argument("token", None) if hasattr(handler, "get_argument") else None
    if given is not None and hmac.compare_digest(given.encode(), token.encode()):
        handler.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
        return True
    cookie = handler.get_cookie(COOKIE)
    return cookie is not None and hmac.compare_digest(cookie.encode(), token.encode())


def _auth_provider(token: str) -> Any:
    import tornado.web
    from bokeh.server.auth_provider import AuthProvider

    class Refused(tornado.web.RequestHandler):
        def get(self) -> None:
            if _token_ok(self, token):
                self.redirect("/")
                return
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(WORDS("token_required", "zh") + "\n" + WORDS("token_required", "en"))

    class TokenAuth(AuthProvider):
        @property
        def get_user(self) -> Any:
            return lambda handler: "trainer" if _token_ok(handler, token) else None

        @property
        def login_url(self) -> str:
            return "/token-required"

        @property
        def login_handler(self) -> Any:
            return Refused

    return TokenAuth()


def _file_handler(workspace: Path, token: str | None) -> Any:
    import tornado.web

    from cslib.app.studies import inside_study, study_folder
    from cslib.core.study import STUDY_FILE, Study

    class StudyFile(tornado.web.RequestHandler):
        def get(self, study_name: str, relative: str) -> None:
            if not _token_ok(self, token):
                raise tornado.web.HTTPError(403)
            try:
                folder = study_folder(workspace, study_name)
            except ValueError:
                raise tornado.web.HTTPError(404) from None
            if not (folder / STUDY_FILE).is_file():
                raise tornado.web.HTTPError(404)
            path = inside_study(Study(folder.resolve()), relative)
            if path is None or not path.is_file():
                raise tornado.web.HTTPError(404)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.set_header(
                "Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else "")
            )
            self.set_header("X-Content-Type-Options", "nosniff")
            # a report page is shown inert: no script of it runs, in the page or opened alone
            self.set_header(
                "Content-Security-Policy",
                "sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox "
                "allow-downloads",
            )
            self.set_header("Cache-Control", "no-store")
            if not kind.startswith(("text/html", "image/")):
                self.set_header(
                    "Content-Disposition", "attachment; filename*=UTF-8''" + quote(path.name)
                )
            self.finish(path.read_bytes())

    return StudyFile


def serve(
    workspace: Path,
    *,
    port: int = DEFAULT_PORT,
    host: str | None = None,
    token: str | None = None,
    lang: str = "zh",
    open_browser: bool = False,
) -> int:
    """Serve the workspace until interrupted; the exit status."""
    import panel as pn

    from cslib.app.page import Workspace
    from cslib.app.runs import stop_all

    side = choose("zh", "en", lang)
    workspace = workspace.expanduser().resolve()
    if not workspace.is_dir():
        print(WORDS("no_workspace", side, path=workspace), file=sys.stderr)
        return 2
    address = host or LOOPBACK
    if not is_loopback(address) and not token:
        token = secrets.token_urlsafe(24)
    pn.config.inline = True  # type: ignore[misc]  # scripts from the installed packages (offline)
    origins = [f"{h}:{port}" for h in ("127.0.0.1", "localhost")]
    if not is_loopback(address):
        origins = ["*"]  # the token guards every request; the host name users type is unknown

    def page() -> Any:
        return Workspace(workspace, lang=lang, token=token).view()

    kwargs: dict[str, Any] = {}
    if token:
        kwargs["auth_provider"] = _auth_provider(token)
    try:
        server = pn.serve(
            {"/": page},
            port=port,
            address=address,
            show=False,
            start=False,
            title=WORDS_TITLE[side],
            websocket_origin=origins,
            websocket_max_message_size=200 * 1024 * 1024,
            extra_patterns=[(r"/files/([^/]+)/(.+)", _file_handler(workspace, token))],
            **kwargs,
        )
    except OSError:
        print(WORDS("port_busy", side, port=port), file=sys.stderr)
        return 2
    shown = "127.0.0.1" if is_loopback(address) else address
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(WORDS("listening", side, url=url), flush=True)
    print(WORDS("loopback" if token is None else "token", side, host=address), flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    import signal

    def stop(signum: int, frame: Any) -> None:
        server.io_loop.add_callback_from_signal(server.io_loop.stop)

    signal.signal(signal.SIGTERM, stop)
    try:
        server.start()
        server.io_loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        stop_all()
    return 0


WORDS_TITLE = {"zh": "cslib 培训分析工作台", "en": "cslib workspace"}


def main(args: argparse.Namespace) -> int:
    """The ``app`` subcommand."""
    token = args.token or os.environ.get("CSLIB_APP_TOKEN") or None
    return serve(
        args.workspace,
        port=args.port,
        host=args.host,
        token=token,
        lang=args.lang,
        open_browser=args.open,
    )
