"""The corpus store: articles, runs, failures and stage findings in one SQLite file.

:class:`Store` is the embedded default back end (stdlib ``sqlite3``, WAL mode); its schema changes
only through the migrations in :mod:`rashomon.store.migrations`.
"""

from rashomon.store.migrations import LATEST_VERSION
from rashomon.store.sqlite import Store

__all__ = ["LATEST_VERSION", "Store"]
