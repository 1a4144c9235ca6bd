"""Each documented limit (``rashomon.settings.SETTINGS``) is enforced with a message naming the setting.

The limits are set small here so that tiny generated inputs cross them; docs/reliability.md lists
their defaults.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from robust_support import en_variant

from rashomon.analyze import load_articles
from rashomon.errors import ConfigError, InputTooLarge
from rashomon.settings import SETTINGS, resolve_settings

LIMITS = ("max_file_bytes", "max_gzip_ratio", "max_article_chars", "max_html_chars", "max_articles")


def _reasons(paths: list[Path], **settings: int) -> dict[str, str]:
    articles, failures = load_articles(paths, settings)
    assert len(articles) + len(failures) >= 1
    return {Path(f.path.split("#")[0]).name: f.reason for f in failures}


def test_every_limit_is_a_documented_setting() -> None:
    names = {s.name: s for s in SETTINGS}
    for limit in LIMITS:
        assert limit in names and names[limit].help and names[limit].default > 0
    doc = (Path(__file__).resolve().parents[2] / "docs" / "reliability.md").read_text(encoding="utf-8")
    for limit in LIMITS:
        assert f"`{limit}`" in doc, f"{limit} is not documented in docs/reliability.md"


def test_max_file_bytes_refuses_a_large_file(tmp_path: Path) -> None:
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text(en_variant(0) * 20, encoding="utf-8")
    small.write_text(en_variant(1), encoding="utf-8")
    reasons = _reasons([big, small], max_file_bytes=len(en_variant(0)) * 5)
    assert set(reasons) == {"big.txt"}
    assert "max_file_bytes" in reasons["big.txt"] and "split it or raise" in reasons["big.txt"]


def test_max_file_bytes_counts_decompressed_bytes(tmp_path: Path) -> None:
    packed = tmp_path / "packed.txt.gz"
    packed.write_bytes(gzip.compress((en_variant(0) * 40).encode()))
    reasons = _reasons([packed], max_file_bytes=len(en_variant(0)) * 10, max_gzip_ratio=10_000)
    assert "max_file_bytes" in reasons["packed.txt.gz"]


def test_max_gzip_ratio_refuses_a_bomb(tmp_path: Path) -> None:
    record = b'{"text": "The council of Talvor met on Monday to discuss the bridge."}\n'
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(record + b"\n" * (2 << 20), compresslevel=9))  # blank lines are skipped
    articles, failures = load_articles([bomb])
    (failure,) = failures
    assert "max_gzip_ratio" in failure.reason and "gzip bomb" in failure.reason
    assert len(articles) == 1  # the record before the limit is kept
    articles, failures = load_articles([bomb], {"max_gzip_ratio": 1_000_000})  # trusted: read whole
    assert not failures and len(articles) == 1


def test_max_html_chars_refuses_a_large_page_before_parsing(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in en_variant(0).split("\n\n"))
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    assert _reasons([page]) == {}
    reasons = _reasons([page, tmp_path / "page.html"], max_html_chars=len(body) // 2)
    assert "max_html_chars" in reasons["page.html"]


@pytest.mark.parametrize("kind", ["txt", "html", "jsonl"])
def test_max_article_chars_refuses_a_long_article(tmp_path: Path, kind: str) -> None:
    long_text = "\n\n".join(en_variant(i) for i in range(30))
    if kind == "html":
        body = "".join(f"<p>{p}</p>" for p in long_text.split("\n\n"))
        data = f"<html><head><title>Bridge</title></head><body><article>{body}</article></body></html>"
    elif kind == "jsonl":
        data = json.dumps({"text": long_text}) + "\n"
    else:
        data = long_text
    path = tmp_path / f"long.{kind}"
    path.write_text(data, encoding="utf-8")
    (tmp_path / "short.txt").write_text(en_variant(99), encoding="utf-8")
    reasons = _reasons([path, tmp_path / "short.txt"], max_article_chars=len(en_variant(0)) * 3)
    assert set(reasons) == {f"long.{kind}"}, reasons
    assert "max_article_chars" in reasons[f"long.{kind}"]


def test_max_articles_refuses_a_large_corpus(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(en_variant(i), encoding="utf-8")
    articles, _ = load_articles([tmp_path], {"max_articles": 6})
    assert len(articles) == 6
    with pytest.raises(InputTooLarge, match="max_articles"):
        load_articles([tmp_path], {"max_articles": 5})


def test_unknown_setting_says_which_exist() -> None:
    with pytest.raises(ConfigError, match="max_file_bytes"):
        resolve_settings({"max_file_size": 10})
