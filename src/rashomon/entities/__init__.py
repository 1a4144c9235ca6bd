"""Entities: canonical actors across articles, with their spellings, short forms and acronyms.

Modules (imported on use, so ``import rashomon.entities`` stays cheap):

- :mod:`~rashomon.entities.translit`: transliteration keys and person-name matching.
- :mod:`~rashomon.entities.matching`: same-actor scores for any type, acronyms, British/American spelling.
- :mod:`~rashomon.entities.mentions`: spaCy mentions with the small model's errors corrected.
- :mod:`~rashomon.entities.local`: the actors of one article (surnames, "Mr. X", "the president").
- :mod:`~rashomon.entities.merge`: merging actors across articles into entities.
- :mod:`~rashomon.entities.stage`: the ``entities`` stage (:class:`EntitiesStage`, :func:`find_entities`).
- :mod:`~rashomon.entities.eval_variants`: precision/recall of merging on the packaged variant set.
"""
