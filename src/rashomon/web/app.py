"""The WSGI application of ``rashomon serve``: read-only pages over the store, no file is ever served.

Routes (GET and HEAD only; anything else is 405)::

    /                               analyses stored and the search form
    /search?q=WORDS                 full-text search over the corpus (SQLite FTS5)
    /run/<run id>                   one analysis: overview, reuse, claims, actors, quotes, framing, timeline
    /run/<run id>/story/<story id>  one story of it (the articles the ``stories`` stage grouped)
    /run/<run id>/article/<id>      an article with its labels and technique spans
    /run/<run id>/compare?a=ID&b=ID any two articles of the run side by side
    /article/<id>                   an article: its page in the newest analysis holding it

Safety: every response carries a strict Content-Security-Policy; requests naming another host are
refused (DNS rebinding) when serving on loopback; URLs are matched against fixed
patterns and ids are looked up in the store (never used as paths); request lines, query strings and
bodies are bounded (a request with a body is refused).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from rashomon.errors import StoreError
from rashomon.store import Store
from rashomon.web import pages
from rashomon.web.analyses import analysis_runs, load_analysis

__all__ = ["MAX_QUERY", "RashomonApp"]

log = logging.getLogger(__name__)

MAX_QUERY = 2048  # bytes of query string accepted
MAX_PATH = 1024
_CACHE = 8  # analysis documents kept in memory

StartResponse = Callable[..., Any]
_RUN = re.compile(r"^/run/(\d{1,12})$")
_RUN_ARTICLE = re.compile(r"^/run/(\d{1,12})/article/(.{1,300})$")
_RUN_STORY = re.compile(r"^/run/(\d{1,12})/story/(.{1,300})$")
_RUN_COMPARE = re.compile(r"^/run/(\d{1,12})/compare$")
_ARTICLE = re.compile(r"^/article/(.{1,300})$")


class HttpError(Exception):
    """A response other than 200: status line and a message for the page."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class RashomonApp:
    """The web app over one store, opened read-only.

    Args:
        store: a :class:`~rashomon.store.Store` (open it with ``readonly=True``).
        allowed_hosts: the ``Host`` header values accepted (``127.0.0.1:8000``…); a request naming
            another host is refused, so a web page cannot reach the corpus by DNS rebinding. None
            accepts any host (when serving beyond this machine on purpose).
    """

    def __init__(self, store: Store, allowed_hosts: frozenset[str] | None = None) -> None:
        self.store = store
        self.allowed_hosts = allowed_hosts
        self._docs: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Answer one request (the WSGI entry point)."""
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            status, body = "200 OK", self._route(environ, method)
        except HttpError as exc:
            status, body = exc.status, pages.message_page(exc.status, exc.message)
        except StoreError as exc:
            log.warning("store error: %s", exc)
            status, body = "503 Service Unavailable", pages.message_page("Store unavailable", str(exc))
        except Exception:  # a bug in one page must not stop the server
            log.exception("error answering %s", environ.get("PATH_INFO"))
            status = "500 Internal Server Error"
            body = pages.message_page(status, "This page could not be built; the server log has the details.")
        data = body.encode("utf-8")
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(data))),
            ("Content-Security-Policy", pages.POLICY + "; frame-ancestors 'none'"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"),
        ]
        if status.startswith("405"):
            headers.append(("Allow", "GET, HEAD"))
        start_response(status, headers)
        return [b""] if method == "HEAD" else [data]

    def _route(self, environ: dict[str, Any], method: str) -> str:
        if method not in ("GET", "HEAD"):
            raise HttpError("405 Method Not Allowed", "This app only reads: use GET.")
        host = str(environ.get("HTTP_HOST") or "").lower()
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            raise HttpError("421 Misdirected Request", "This app answers only at the address it listens on.")
        if _int(environ.get("CONTENT_LENGTH")) > 0:
            raise HttpError("413 Content Too Large", "Requests carry no body.")
        # PATH_INFO is percent-decoded already, as latin-1 (PEP 3333); ids are UTF-8 and may hold "/"
        # (they are only ever looked up, never used as paths)
        path = str(environ.get("PATH_INFO") or "/").encode("latin-1", "replace").decode("utf-8", "replace")
        query_string = str(environ.get("QUERY_STRING") or "")
        if len(path) > MAX_PATH or len(query_string) > MAX_QUERY:
            raise HttpError("414 URI Too Long", f"Keep addresses under {MAX_QUERY} characters.")
        try:
            query = {k: v[0] for k, v in parse_qs(query_string, max_num_fields=8).items()}
        except ValueError:
            raise HttpError("400 Bad Request", "Too many query parameters.") from None
        return self._dispatch(path, query)

    def _dispatch(self, path: str, query: dict[str, str]) -> str:
        if path == "/":
            return pages.home_page(analysis_runs(self.store), self.store.count_articles())
        if path == "/search":
            return self._search(query.get("q", ""))
        if m := _RUN.match(path):
            return pages.story_page(int(m[1]), self._doc(int(m[1])))
        if m := _RUN_STORY.match(path):
            doc = self._doc(int(m[1]))
            if not any(str(s.get("id")) == m[2] for s in doc.get("stories") or [] if isinstance(s, dict)):
                raise HttpError("404 Not Found", "This analysis has no story with that id.")
            return pages.story_page(int(m[1]), doc, m[2])
        if m := _RUN_ARTICLE.match(path):
            run_id, article_id = int(m[1]), m[2]
            doc = self._doc(run_id)
            self._require_article(doc, article_id)
            return pages.article_page(run_id, doc, article_id)
        if m := _RUN_COMPARE.match(path):
            run_id, a, b = int(m[1]), query.get("a", ""), query.get("b", "")
            doc = self._doc(run_id)
            self._require_article(doc, a)
            self._require_article(doc, b)
            if a == b:
                raise HttpError("400 Bad Request", "Choose two different articles to compare.")
            return pages.compare_page(run_id, doc, a, b)
        if m := _ARTICLE.match(path):
            return self._article(m[1])
        raise HttpError("404 Not Found", "No page at this address. Start from the home page.")

    def _search(self, q: str) -> str:
        if not q.strip():
            return pages.search_page(q, [], "Type some words to search for.")
        try:
            return pages.search_page(q, self.store.search(q[:500], limit=50))
        except StoreError as exc:
            # punctuation ("Kazakhstan's", "covid-19") is FTS5 syntax: search the words as plain terms
            words = " ".join('"' + w.replace('"', '""') + '"' for w in q[:500].split())
            try:
                return pages.search_page(q, self.store.search(words, limit=50), note=f"Searched for {words}.")
            except StoreError:
                return pages.search_page(q, [], str(exc))

    def _doc(self, run_id: int) -> dict[str, Any]:
        with self._lock:  # requests run in threads
            if run_id in self._docs:
                self._docs.move_to_end(run_id)
                return self._docs[run_id]
        doc = load_analysis(self.store, run_id)
        if doc is None:
            raise HttpError("404 Not Found", f"No stored analysis for run {run_id}.")
        with self._lock:
            self._docs[run_id] = doc
            while len(self._docs) > _CACHE:
                self._docs.popitem(last=False)
        return doc

    @staticmethod
    def _require_article(doc: dict[str, Any], article_id: str) -> None:
        if not any(a.get("id") == article_id for a in doc.get("articles", [])):
            raise HttpError("404 Not Found", "This analysis holds no article with that id.")

    def _article(self, article_id: str) -> str:
        for run in analysis_runs(self.store):
            doc = self._doc(int(run["id"]))
            if any(a.get("id") == article_id for a in doc.get("articles", [])):
                return pages.article_page(int(run["id"]), doc, article_id)
        found = self.store.articles([article_id])
        if not found:
            raise HttpError("404 Not Found", "No article with that id in the store.")
        doc = {"articles": [found[0].summary()]}
        return pages.article_page(0, doc, article_id)


def _int(value: object) -> int:
    try:
        return int(str(value or "0"))
    except ValueError:
        return 0
