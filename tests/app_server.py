"""Start ``cslib app`` in a subprocess on a free loopback port (for the app's tests)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class AppServer:
    """``python -m cslib app --workspace W --port P [args]``; stopped with SIGTERM."""

    def __init__(self, workspace: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.log = workspace.parent / f"app-{self.port}.log"
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cslib",
                "app",
                "--workspace",
                str(workspace),
                "--port",
                str(self.port),
                *args,
            ],
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            cwd=str(ROOT),
            env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        )
        self.url = self.wait()
        self.ready_seconds = time.perf_counter() - self.started  # command start → listening

    def wait(self, timeout: float = 90) -> str:
        """The printed address, once the server accepts connections."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log.read_text(encoding="utf-8", errors="replace"))
            for line in self.log.read_text(encoding="utf-8", errors="replace").splitlines():
                if "http://" in line and "Launching" not in line:
                    url = line[line.index("http://") :].strip()
                    try:
                        socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                        return url
                    except OSError:
                        break
            time.sleep(0.1)
        raise TimeoutError(self.log.read_text(encoding="utf-8", errors="replace"))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
