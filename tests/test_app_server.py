"""``cslib app`` listens on the loopback address only, unless --host is given (then a token).

The listening socket is inspected (psutil, i.e. /proc/net/tcp); the only traffic sent is to
127.0.0.1.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import psutil
import pytest
from app_server import AppServer

pytest.importorskip("panel", reason="the app needs the 'app' extra (pip install -e '.[app]')")
pytestmark = pytest.mark.slow  # starts the app server (a subprocess)


def _listening(pid: int, port: int) -> list[str]:
    addresses = []
    for proc in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]:
        for conn in proc.net_connections(kind="inet"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port:
                addresses.append(conn.laddr.ip)
    return addresses


def test_listens_on_loopback_only_by_default(tmp_path):
    """Every listening socket of the app's port is bound to 127.0.0.1 (none to 0.0.0.0/::)."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    app = AppServer(workspace)
    try:
        addresses = _listening(app.process.pid, app.port)
        assert addresses, "the app has no listening socket on its port"
        assert set(addresses) == {"127.0.0.1"}, addresses
        log = app.log.read_text(encoding="utf-8")
        assert "127.0.0.1" in log and "token" not in log
        with urllib.request.urlopen(app.url, timeout=30) as page:  # no token needed on loopback
            assert page.status == 200
    finally:
        app.stop()


def test_host_requires_a_token(tmp_path):
    """With --host the app says a token is required and refuses requests without it.

    It listens on all interfaces then, but the test connects to 127.0.0.1 only.
    """
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "s").mkdir()
    (workspace / "s" / "study.yaml").write_text("lang: zh\n", encoding="utf-8")
    (workspace / "s" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    app = AppServer(workspace, "--host", "0.0.0.0", env={"CSLIB_APP_TOKEN": "t0k3n-for-test"})
    try:
        log = app.log.read_text(encoding="utf-8")
        assert "?token=t0k3n-for-test" in log and "令牌" in log
        assert set(_listening(app.process.pid, app.port)) == {"0.0.0.0"}
        base = f"http://127.0.0.1:{app.port}"
        for path in ("/", "/files/s/a.csv"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(base + path, timeout=30)
            assert refused.value.code == 403
        with urllib.request.urlopen(base + "/files/s/a.csv?token=t0k3n-for-test", timeout=30) as f:
            assert f.read() == b"x\n1\n"
        with pytest.raises(urllib.error.HTTPError) as wrong:
            urllib.request.urlopen(base + "/files/s/a.csv?token=wrong", timeout=30)
        assert wrong.value.code == 403
    finally:
        app.stop()


def test_files_only_from_inside_the_study(tmp_path):
    """The file route serves study files, never a path out of the study, a hidden or a
    private folder, or a folder without study.yaml."""
    workspace = tmp_path / "ws"
    study = workspace / "s"
    (study / "private").mkdir(parents=True)
    (study / ".cslib-app").mkdir()
    (study / "study.yaml").write_text("lang: zh\n", encoding="utf-8")
    (study / "ok.csv").write_text("a\n", encoding="utf-8")
    (study / "r.html").write_text("<p>report</p>", encoding="utf-8")
    (study / "private" / "ids.csv").write_text("secret\n", encoding="utf-8")
    (study / ".cslib-app" / "status.json").write_text("{}", encoding="utf-8")
    (workspace / "other").mkdir()
    (workspace / "other" / "x.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "outside.csv").write_text("outside\n", encoding="utf-8")
    (study / "link.csv").symlink_to(tmp_path / "outside.csv")
    app = AppServer(workspace)
    try:
        base = f"http://127.0.0.1:{app.port}/files"
        with urllib.request.urlopen(f"{base}/s/ok.csv", timeout=30) as f:
            assert f.read() == b"a\n"
            assert "attachment" in f.headers["Content-Disposition"]
        with urllib.request.urlopen(f"{base}/s/r.html", timeout=30) as f:  # shown, inert
            assert f.headers["Content-Disposition"] is None
            assert "sandbox" in f.headers["Content-Security-Policy"]
            assert "allow-scripts" not in f.headers["Content-Security-Policy"]
        for path in (
            "/s/../../outside.csv",
            "/s/%2e%2e/%2e%2e/outside.csv",
            "/s/private/ids.csv",
            "/s/.cslib-app/status.json",
            "/s/link.csv",
            "/other/x.csv",
            "/s/study.yaml/../../outside.csv",
        ):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(base + path, timeout=30)
            assert refused.value.code in (403, 404), path
    finally:
        app.stop()


def test_stopping_a_run_cleans_up_like_ctrl_c(tmp_path):
    """A run stopped from the app (SIGTERM to its worker) ends its kernel and leaves no
    staging folder, as Ctrl-C on ``cslib run`` does; the status says it was stopped."""
    import shutil
    import time
    from pathlib import Path

    from cslib.app.runs import start_run
    from cslib.core.study import declare_inputs, set_parameters
    from cslib.study_init import init_study

    samples = Path(__file__).resolve().parents[1] / "data_samples"
    study = tmp_path / "s"
    init_study(study)
    shutil.copy(samples / "framework_complaint_handling.yaml", study / "数据" / "fw.yaml")
    shutil.copy(samples / "delphi_ratings.csv", study / "数据" / "r.csv")
    declare_inputs(study, {"framework_path": "数据/fw.yaml"})
    declare_inputs(study, {"ratings_path": "数据/r.csv"}, notebook="01_delphi_weights")
    set_parameters(study, {"n_invited": 26}, notebook="01_delphi_weights")
    run = start_run(study, ["01_delphi_weights"])
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:  # until the kernel has run a cell
        states = run.status().notebooks
        if states and states[0].done >= 2:
            break
        assert run.running(), run.status().messages
        time.sleep(0.2)
    staging = study / "报告" / ".cslib-staging"
    assert any(staging.iterdir())
    kernels = psutil.Process(run.process.pid).children(recursive=True)
    run.stop()
    status = run.status()
    assert status.state == "stopped", status
    assert not staging.exists() or not any(p for p in staging.iterdir() if p.name != "failed")
    assert not (study / "报告" / "01_delphi_weights.html").exists()
    time.sleep(1)
    assert not [k for k in kernels if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]
