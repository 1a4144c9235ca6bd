"""Which language a text is in: py3langid on a sample, ``"und"`` when the text cannot tell."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from typing import Any

__all__ = ["detect_language"]

logger = logging.getLogger(__name__)

# Below this many letters a language guess is noise (a headline, a byline, a counter).
MIN_LETTERS = 40
# Normalised probability the best language must reach; lower means the text is mixed or unusual.
MIN_CONFIDENCE = 0.85
# A script holding this share of the letters next to another script as large means mixed text.
MIXED_SCRIPT_SHARE = 0.25
# Enough text for a stable guess; a long article is sampled from its start, middle and end.
SAMPLE_CHARS = 3000

_WORDISH = re.compile(r"[^\W\d_]+")
_lock = threading.Lock()
_identifier: Any = None


def detect_language(text: str) -> str:
    """The language of ``text`` as an ISO 639-1 code.

    Args:
        text: clean article text (chrome left in makes the guess worse, not wrong).

    Returns:
        A two-letter code such as ``"en"`` or ``"ru"``; ``"und"`` when the text is too short, mixes
        scripts, or no language is clearly ahead.

    Example:
        >>> detect_language("The minister said on Tuesday that the talks would resume next week.")
        'en'
    """
    sample = _sample(text)
    letters = "".join(_WORDISH.findall(sample))
    if len(letters) < MIN_LETTERS or _mixed_scripts(letters):
        return "und"
    language, confidence = _get_identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        logger.debug("language unsure: %s at %.2f", language, confidence)
        return "und"
    code = str(language)
    # The model also knows languages without a two-letter code (e.g. "fuv"): those are not ISO 639-1.
    return code if len(code) == 2 and code.isalpha() else "und"


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    middle = len(text) // 2
    return " ".join((text[:third], text[middle - third // 2 : middle + third // 2], text[-third:]))


def _script(char: str) -> str:
    try:
        name = unicodedata.name(char)
    except ValueError:
        return "OTHER"
    return name.split(" ", 1)[0]


def _mixed_scripts(letters: str) -> bool:
    """Two scripts each holding a large share of the letters: the text is in two languages."""
    counts: dict[str, int] = {}
    for char in letters:
        script = _script(char)
        counts[script] = counts.get(script, 0) + 1
    large = [n for n in counts.values() if n >= MIXED_SCRIPT_SHARE * len(letters)]
    return len(large) >= 2


def _get_identifier() -> Any:
    """The py3langid model with normalised probabilities, loaded once (it takes a moment)."""
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier
