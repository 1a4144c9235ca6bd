"""A fast main-content extractor for the common page, with a confidence to say when it is unsure.

The page is parsed once with lxml. Boilerplate is removed by tag (``nav``, ``footer``, ``aside``, forms,
scripts…), by generic class/id vocabulary (``comment``, ``related``, ``share``, ``cookie``…) and by
hidden-ness. The rest is cut into text blocks (a block ends at every block-level tag and ``<br>``);
each block of prose-like text (long enough, few links) votes for its element, its parent and, with half
weight, its grandparent, and the element with the most votes is the article container, together with
its siblings of the same tag and class (a body split into columns around ads). Inside it, link-heavy
blocks go, and so do a repeated headline, a byline and short labels at its edges.

The confidence is the share of the page's prose that lies inside the container (prose sitting among
short labels elsewhere, the shape of comments, counts less), lowered for short texts, for text with no
container but ``<body>``, and for containers made mostly of links. When it is low, the caller should use a
careful extractor instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

__all__ = ["Block", "FastResult", "fast_extract", "segment", "trim_edges"]

# fmt: off
_DROP_TAGS = (
    "script", "style", "noscript", "iframe", "svg", "form", "button", "select", "textarea", "template",
    "nav", "footer", "aside", "figure", "header", "input", "label", "object", "embed", "canvas", "video",
    "audio", "map", "dialog", "menu", "head", "title",
)
_BLOCK_TAGS = frozenset((
    "p", "div", "td", "th", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "tbody", "thead", "tfoot",
    "section", "article", "main", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "center", "hr",
    "address", "details", "summary", "body", "html", "caption",
))
# fmt: on
_BREAK_TAGS = frozenset(("br", "lb"))
_KEEP_TAGS = frozenset(("html", "body", "article", "main"))
# Generic vocabulary of site chrome in class and id attributes: a token must start at a word edge.
_BOILER = re.compile(
    r"(?:^|[\s_-])(?:comment|related|share|sharing|social|cookie|consent|gdpr|nav|menu|footer|header|"
    r"sidebar|widget|promo|newsletter|subscri|signup|sign-up|banner|byline|author|breadcrumb|tags?(?:$|[\s_-])|"
    r"meta(?:$|[\s_-])|respond|reply|popup|modal|overlay|outbrain|taboola|recommend|recirc|read-?more|"
    r"more-?from|most-?(?:read|popular|viewed)|popular|trending|masthead|colophon|copyright|caption|"
    r"pull-?quote|ads?(?:$|[\s_-])|advert|sponsor|paywall|print|toolbar|pagination|pager|skip|"
    r"hidden|sr-only|visually-hidden|kicker|top-?bar|login|disclaimer)",
    re.IGNORECASE,
)
# Classes of reader-written or consent text: trusted on elements holding up to half the page's text; other
# chrome words ("share", "meta", "header"…) also turn up on article wrappers ("js-share-container"), so an
# element they name is removed only when it holds a small share of the text.
_STRONG = re.compile(r"(?:^|[\s_-])(?:comment|respond|reply|disqus|cookie|consent|gdpr)", re.IGNORECASE)
_STRONG_SHARE, _WEAK_SHARE = 0.5, 0.25
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_END_PUNCT = tuple(".!?\"'”’»)…")
_MIN_PROSE = 25  # shorter blocks are labels, not prose
_MAX_LINK_DENSITY = 0.33
_LABEL_CHARS = 40
_AMONG_LABELS = 0.25


@dataclass(slots=True)
class Block:
    """A run of text between two block boundaries."""

    text: str
    link_chars: int
    owner: etree._Element
    link_density: float = 0.0  # share of the block's characters inside links
    is_prose: bool = False  # long enough and few enough links to count as article prose

    def __post_init__(self) -> None:
        self.link_density = self.link_chars / max(1, len(self.text))
        self.is_prose = len(self.text) >= _MIN_PROSE and self.link_density <= _MAX_LINK_DENSITY


@dataclass(frozen=True, slots=True)
class FastResult:
    """Paragraphs the fast extractor kept, and how sure it is (0..1)."""

    paragraphs: list[str]
    confidence: float
    prose_chars: int


class _Segmenter:
    """Cuts a pruned tree into blocks, counting link characters."""

    def __init__(
        self, block_tags: frozenset[str] = _BLOCK_TAGS, break_tags: frozenset[str] = _BREAK_TAGS
    ) -> None:
        self.block_tags = block_tags
        self.break_tags = break_tags
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.links = 0
        self.owner: etree._Element | None = None

    def flush(self) -> None:
        if self.pieces:
            text = " ".join("".join(self.pieces).split())
            if text and self.owner is not None:
                self.blocks.append(Block(text, min(self.links, len(text)), self.owner))
            self.pieces = []
        self.links = 0

    def add(self, text: str, in_link: bool) -> None:
        self.pieces.append(text)
        if in_link:
            self.links += len(text.strip())

    def walk(self, el: etree._Element, in_link: bool) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction: only its tail is text
            if el.tail:
                self.add(el.tail, in_link)
            return
        block = tag in self.block_tags
        saved = self.owner
        if block:
            self.flush()
            self.owner = el
        elif tag in self.break_tags:
            self.flush()
        link = in_link or tag == "a"
        if el.text:
            self.add(el.text, link)
        for child in el:
            self.walk(child, link)
        if block:
            self.flush()
            self.owner = saved
        if el.tail:
            self.add(el.tail, in_link)


def segment(root: etree._Element, extra_block_tags: frozenset[str] = frozenset()) -> list[Block]:
    """Cut a tree into text blocks at block-level tags and line breaks.

    Args:
        root: the element to segment (all of it, no pruning).
        extra_block_tags: more tags that end a block (e.g. trafilatura's ``head``, ``item``, ``quote``).

    Returns:
        The blocks in document order, whitespace-normalised.
    """
    seg = _Segmenter(_BLOCK_TAGS | extra_block_tags)
    seg.owner = root
    seg.walk(root, False)
    seg.flush()
    return seg.blocks


def _text_length(el: etree._Element) -> int:
    return int(el.xpath("string-length(string())"))


def _prune(root: etree._Element) -> None:
    """Remove chrome by tag, class/id vocabulary and hidden-ness, sparing elements holding most text."""
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    total = _text_length(root)
    doomed: list[tuple[etree._Element, float]] = []
    for el in root.iter(tag=etree.Element):
        if el.tag in _KEEP_TAGS:
            continue
        attrs = el.attrib
        if not attrs:
            continue
        label = f"{attrs.get('class', '')} {attrs.get('id', '')}"
        style = attrs.get("style", "")
        if "hidden" in attrs or attrs.get("aria-hidden") == "true" or (style and _HIDDEN_STYLE.search(style)):
            doomed.append((el, _STRONG_SHARE))
        elif _BOILER.search(label):
            doomed.append((el, _STRONG_SHARE if _STRONG.search(label) else _WEAK_SHARE))
    for el, share in doomed:
        parent = el.getparent()
        # a page-wide wrapper with a chrome-like class ("comments-open") must not take the article along
        if parent is None or _text_length(el) > total * share:
            continue
        _drop_keep_tail(el, parent)


def _drop_keep_tail(el: etree._Element, parent: etree._Element) -> None:
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _container(blocks: list[Block]) -> etree._Element | None:
    """The element with the most prose votes (own 1, parent 1, grandparent 0.5)."""
    votes: dict[etree._Element, float] = {}
    for b in blocks:
        if not b.is_prose:
            continue
        weight = len(b.text) * (1.0 - b.link_density)
        el: etree._Element | None = b.owner
        for share in (1.0, 0.99, 0.5):
            if el is None:
                break
            votes[el] = votes.get(el, 0.0) + weight * share
            el = el.getparent()
    if not votes:
        return None
    return max(votes, key=votes.__getitem__)


def _inside(el: etree._Element, containers: set[etree._Element]) -> bool:
    if el in containers:
        return True
    return any(anc in containers for anc in el.iterancestors())


def _with_twins(container: etree._Element) -> set[etree._Element]:
    """The container and its siblings of the same tag and class: an article body split into columns
    (ads and teasers between them) is a run of such twins."""
    cls = container.get("class")
    parent = container.getparent()
    if not cls or parent is None:
        return {container}
    return {el for el in parent if el.tag == container.tag and el.get("class") == cls}


def _is_heading_like(text: str, title: str, author: str) -> bool:
    """A title repeat, a byline or a label at the edge of the article."""
    low = text.lower()
    if title and " ".join(title.split()).lower() == low:
        return True
    if len(text) < 100 and (low.startswith("by ") or (author and author.lower() in low)):
        return True
    return len(text) < 40 and not text.endswith(_END_PUNCT)


def trim_edges(blocks: list[Block], title: str = "", author: str = "") -> list[Block]:
    """Drop link-heavy blocks, and the headline, byline and labels at the start and end of an article.

    Args:
        blocks: the article's blocks in order.
        title: the page's headline (a block repeating it at the top goes).
        author: the author's name (a short block naming them at the top goes).

    Returns:
        The blocks kept.
    """
    kept = [b for b in blocks if b.link_density <= 0.5]
    start = 0
    while start < min(3, len(kept)) and _is_heading_like(kept[start].text, title, author):
        start += 1
    end = len(kept)
    while end > start and len(kept[end - 1].text) < 40 and not kept[end - 1].text.endswith(_END_PUNCT):
        end -= 1
    return kept[start:end]


def _weight(block: Block) -> float:
    # prose beyond a label's length: a copyright line weighs little, a comment much
    return max(0, len(block.text) - _LABEL_CHARS) if block.is_prose else 0.0


def _confidence(blocks: list[Block], inside: list[Block]) -> float:
    """Share of the page's prose weight inside the container.

    Prose outside it counts less when it sits among labels (an element whose blocks are mostly short:
    a name, a date, "Reply"), the shape of a comment or a teaser, not of missed article paragraphs.
    """
    groups: dict[etree._Element | None, list[int]] = {}
    for b in blocks:
        counts = groups.setdefault(b.owner.getparent(), [0, 0])
        counts[0] += b.is_prose
        counts[1] += 1
    inside_ids = {id(b) for b in inside}
    inside_weight = outside_weight = 0.0
    for b in blocks:
        w = _weight(b)
        if not w:
            continue
        if id(b) in inside_ids:
            inside_weight += w
            continue
        prose, total = groups[b.owner.getparent()]
        outside_weight += w * (_AMONG_LABELS if prose * 2 < total else 1.0)
    return inside_weight / max(1.0, inside_weight + outside_weight)


def fast_extract(root: etree._Element, title: str = "", author: str = "") -> FastResult:
    """Extract the main content of a parsed page (the tree is pruned in place).

    Args:
        root: the parsed page; pass a tree you no longer need, it is modified.
        title: the page's headline, so a repeat of it at the top of the container is dropped.
        author: the author's name, so a byline at the top of the container is dropped.

    Returns:
        The kept paragraphs in page order and a confidence in 0..1.
    """
    _prune(root)
    seg = _Segmenter()
    body = root.find("body")
    seg.walk(body if body is not None else root, False)
    seg.flush()
    container = _container(seg.blocks)
    if container is None:
        return FastResult([], 0.0, 0)
    containers = _with_twins(container)
    inside = [b for b in seg.blocks if _inside(b.owner, containers)]
    kept = trim_edges(inside, title, author)
    kept_prose = sum(len(b.text) for b in kept if b.is_prose)
    n_prose = sum(1 for b in kept if b.is_prose)
    confidence = _confidence(seg.blocks, inside)
    if kept_prose < 400 or n_prose < 2:
        confidence *= 0.4  # a short text is as likely a teaser or an error page as an article
    if container.tag in ("body", "html"):
        confidence *= 0.5  # no element holds the text apart from the rest: nothing separates chrome
    link_share = sum(b.link_chars for b in inside) / max(1, sum(len(b.text) for b in inside))
    if link_share > _MAX_LINK_DENSITY:
        confidence *= 0.5  # mostly links: a section front or a list of teasers, not an article
    return FastResult([b.text for b in kept], confidence, kept_prose)
