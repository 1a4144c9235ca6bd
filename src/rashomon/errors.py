"""The exception tree of rashomon.

Every error the library raises on purpose derives from :class:`RashomonError`, and its message says
what to change. The tree::

    RashomonError
    ├── InputError          a file or record cannot be read as an article (path + reason)
    │   └── InputTooLarge   a file, archive member or article is over a documented limit
    ├── StoreError          the SQLite store cannot be opened, migrated or written
    │   └── StoreBusy       another process holds the store's write lock
    ├── ConfigError         a setting or option has a value that cannot work
    ├── DataMissing         a training/evaluation dataset is not where it was looked for
    └── ModelError          a shipped model artefact is missing or does not match its code version
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DataMissing",
    "InputError",
    "InputTooLarge",
    "ModelError",
    "RashomonError",
    "StoreBusy",
    "StoreError",
]


class RashomonError(Exception):
    """Base class of every error rashomon raises on purpose."""


class InputError(RashomonError):
    """An input cannot be read as an article.

    Args:
        path: the file (or ``file#record``) that failed.
        reason: a sentence a person understands, saying what is wrong and, where possible, what to do.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class InputTooLarge(InputError):
    """An input is over one of the documented limits (see docs/reliability.md)."""


class StoreError(RashomonError):
    """The store cannot be opened, migrated or written."""


class StoreBusy(StoreError):
    """Another process is writing to the store; wait for it or use another ``--db``."""


class ConfigError(RashomonError):
    """A setting or option value cannot work."""


class DataMissing(RashomonError):
    """A dataset needed for training or evaluation is absent."""


class ModelError(RashomonError):
    """A shipped model artefact is missing, corrupt, or was trained for another code version."""
