"""Run the web app on a local port (stdlib ``wsgiref``; one thread per request)."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from rashomon.errors import ConfigError
from rashomon.store import Store
from rashomon.web.app import RashomonApp

__all__ = ["is_loopback", "local_hosts", "make_web_server", "serve"]

log = logging.getLogger(__name__)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    """Logs requests through ``logging`` instead of stderr."""

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_web_server(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> WSGIServer:
    """A server for the app over ``db`` (opened read-only), bound but not yet serving.

    Args:
        db: the store file written by ``rashomon analyze`` / ``rashomon ingest``.
        host: the address to bind; anything but loopback exposes the corpus to the network (logged
            as a warning).
        port: the TCP port; 0 picks a free one (see ``server.server_port``).

    Returns:
        The server; call ``serve_forever()`` and ``server_close()`` when done.

    Raises:
        ConfigError: the port is out of range or cannot be bound.
        rashomon.errors.StoreError: the store is missing or not a rashomon store.
    """
    if not 0 <= port <= 65535:
        raise ConfigError(f"port must be within 0..65535, got {port}")
    if not is_loopback(host):
        log.warning(
            "serving on %s: anyone who can reach this address can read the corpus; use 127.0.0.1 to keep it local",
            host,
        )
    store = Store(db, readonly=True)
    app = RashomonApp(store)
    try:
        server = make_server(host, port, app, _ThreadingServer, _QuietHandler)
    except OSError as exc:
        store.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc}; choose another --port or --host") from exc
    if is_loopback(host):
        app.allowed_hosts = local_hosts(server.server_port)
    return server


def local_hosts(port: int) -> frozenset[str]:
    """``Host`` header values of this machine's loopback addresses at ``port``."""
    names = ("127.0.0.1", "localhost", "[::1]")
    return frozenset({f"{n}:{port}" for n in names} | ({*names} if port == 80 else set()))


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the app over ``db`` until interrupted.

    Args:
        db: the store file.
        host: the address to bind (see :func:`make_web_server`).
        port: the TCP port; 0 picks a free one.
        on_ready: called with the app's URL once it listens.

    Raises:
        ConfigError: the address cannot be bound.
        rashomon.errors.StoreError: the store cannot be opened.
    """
    server = make_web_server(db, host, port)
    if on_ready is not None:
        shown = f"[{host}]" if ":" in host else host
        on_ready(f"http://{shown}:{server.server_port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        server.server_close()
