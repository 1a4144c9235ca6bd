import numpy as np

from rashomon.framing.features import N_GENRE, article_rows, genre_measures
from rashomon.framing.heads import Tfidf


def test_genre_measures_separate_arguing_from_attributing() -> None:
    opinion = genre_measures("I think we must act now. You know it, and I know it.")
    report = genre_measures('The minister said on Monday that taxes "would rise", officials told reporters.')
    assert len(opinion) == len(report) == N_GENRE
    first_singular, second, attribution, quotes = 2, 4, 5, 6
    assert opinion[first_singular] > report[first_singular] and opinion[second] > report[second]
    assert report[attribution] > opinion[attribution] and report[quotes] > opinion[quotes]
    assert genre_measures("") == [0.0] * (N_GENRE - 1) + [genre_measures("")[-1]]


def test_article_rows_add_genre_columns_only_when_asked() -> None:
    tfidf = Tfidf.fit(["a b c", "a b"], max_features=10, min_df=1)
    vecs = [np.ones((2, 384), dtype=np.float32)]
    plain = article_rows(["a b"], vecs, tfidf)
    with_genre = article_rows(["a b"], vecs, tfidf, with_genre=True)
    assert with_genre.shape[1] == plain.shape[1] + N_GENRE
