"""Telling a run that is still going from one whose process was killed.

A run row says ``running`` until its command finishes it. While it runs, its ``summary`` holds the
process that owns it (host and pid); a ``running`` run whose process no longer exists on this host
was interrupted (``kill -9``, power cut of the process, a crash past every handler).
"""

from __future__ import annotations

import json
import os
import socket
from typing import Any

__all__ = ["INTERRUPTED", "owner_marker", "was_interrupted"]

INTERRUPTED = "interrupted"


def owner_marker() -> str:
    """The ``summary`` a run carries while it runs: which process owns it."""
    return json.dumps({"owner": {"host": socket.gethostname(), "pid": os.getpid()}})


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by another user
    return True


def was_interrupted(status: str, summary: Any) -> bool:
    """True for a ``running`` run whose owning process on this host is gone.

    Runs owned by another host, or recorded before owners were, are never judged.
    """
    if status != "running" or not isinstance(summary, dict):
        return False
    owner = summary.get("owner")
    if not isinstance(owner, dict) or owner.get("host") != socket.gethostname():
        return False
    pid = owner.get("pid")
    return isinstance(pid, int) and pid != os.getpid() and not _alive(pid)
