"""Shared language processing, computed once per article and cached: sentences, embeddings, spaCy."""

from rashomon.nlp.embeddings import embed, embedding_model, sentence_vectors
from rashomon.nlp.sentences import split_sentences
from rashomon.nlp.spacy_model import spacy_doc, spacy_pipeline

__all__ = ["embed", "embedding_model", "sentence_vectors", "spacy_doc", "spacy_pipeline", "split_sentences"]
