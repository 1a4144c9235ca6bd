"""rashomon: who copied whom, what the copy changed, which claims stand on independent sources,
and how each outlet frames the story."""

from rashomon.errors import RashomonError
from rashomon.model import Article, Failure, RawDocument, Span
from rashomon.offsets import OffsetMap, TextBuilder

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Failure",
    "OffsetMap",
    "RashomonError",
    "RawDocument",
    "Span",
    "TextBuilder",
    "__version__",
]
