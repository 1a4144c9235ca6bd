"""Claims: check-worthy statements across outlets, their independent sources, contradictions, timeline.

Modules (imported on use, so ``import rashomon.claims`` stays cheap):

- :mod:`~rashomon.claims.detector`: the check-worthiness model (train / evaluate / load / score).
- :mod:`~rashomon.claims.features`: hand features and the news factual signal.
- :mod:`~rashomon.claims.quantities`: numbers normalised to values with the word they count.
- :mod:`~rashomon.claims.grouping`: blocking, same-fact groups, reuse union-find, independent support.
- :mod:`~rashomon.claims.contradictions`: number, negation and action conflicts.
- :mod:`~rashomon.claims.timeline`: date expressions resolved against publication dates.
- :mod:`~rashomon.claims.stage`: the ``claims`` and ``timeline`` stages.
- :mod:`~rashomon.claims.run`: what ``rashomon claims`` calls.
"""
