"""Cleaning: from raw documents (scraped text or HTML) to articles with metadata and offset maps.

Public API: :func:`clean_documents` for a batch (what the pipeline calls) and :func:`clean_text` for
one scraped text.
"""

from rashomon.clean.documents import clean_documents, clean_text

__all__ = ["clean_documents", "clean_text"]
