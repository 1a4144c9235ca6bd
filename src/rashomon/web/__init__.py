"""``rashomon serve``: a local, read-only web app over the store, with the report's pages and search."""

from rashomon.web.analyses import load_analysis, save_analysis
from rashomon.web.app import RashomonApp
from rashomon.web.server import make_web_server, serve

__all__ = ["RashomonApp", "load_analysis", "make_web_server", "save_analysis", "serve"]
