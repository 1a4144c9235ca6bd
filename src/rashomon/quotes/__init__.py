"""Quotes: who said what, the same quote across outlets, and how faithfully each reproduced it.

Modules (imported on use, so ``import rashomon.quotes`` stays cheap):

- :mod:`~rashomon.quotes.extract`: rule/dependency-based extraction over a spaCy parse.
- :mod:`~rashomon.quotes.lexicon`: the attitude-cue lexicon learned from PolNeAR train.
- :mod:`~rashomon.quotes.speakers`: speaker spans resolved to entities (mentions, pronouns, roles).
- :mod:`~rashomon.quotes.group`: cross-article quote groups and fidelity flags.
- :mod:`~rashomon.quotes.stage`: the ``quotes`` stage (:class:`QuotesStage`, :func:`find_quotes`).
- :mod:`~rashomon.quotes.polnear`: the PolNeAR evaluation (content overlap F1, speaker accuracy).
"""
