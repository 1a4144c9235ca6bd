"""Ingestion: input paths in, :class:`~rashomon.model.RawDocument` or :class:`~rashomon.model.Failure` out.

``read_inputs`` walks files and folders and reads ``.txt``, ``.html``, ``.jsonl``, ``.warc`` and their
``.gz`` forms, detecting each file's encoding; ``detect_language`` and ``parse_date`` serve cleaning
and metadata.
"""

from rashomon.ingest.dates import parse_date
from rashomon.ingest.encoding import decode_bytes
from rashomon.ingest.language import detect_language
from rashomon.ingest.readers import read_inputs

__all__ = ["decode_bytes", "detect_language", "parse_date", "read_inputs"]
