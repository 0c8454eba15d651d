"""Record every file a Python process opens (tests only: PYTHONPATH=tests/audit_site).

With ``CSLIB_AUDIT_OPENS=/path/log`` set, an audit hook (PEP 578) appends the path of every
``open`` event of this process, and of every process started with the same environment
(the notebook kernels), to the log.  ``tests/test_own_data.py`` uses it to prove that a run
on a user's study reads no sample file.
"""

import os
import sys

_LOG = os.environ.get("CSLIB_AUDIT_OPENS")
if _LOG:
    _fh = open(_LOG, "a", encoding="utf-8")  # noqa: SIM115 - open for the life of the process

    def _hook(event: str, args: tuple) -> None:
        if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
            try:
                _fh.write(os.fsdecode(args[0]) + "\n")
                _fh.flush()
            except (ValueError, OSError):
                pass

    sys.addaudithook(_hook)
