"""Search quality as a reader meets it: copy a few words of a quote, type them, look at the
first result.

Fragments are seeded, so the same sources give the same set on every run and figures can
be compared across commits. Each is a run of a quote's own text that occurs exactly once
in its language (English 4-6 words, Chinese 5-9 characters). `sample` is pure; `measure`
types the fragments into the built site's search box in Chromium.
"""

from __future__ import annotations

import random
import statistics
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from interview_site.model import Block, Document, ListBlock, Paragraph, Quote, Table

SEED = "interview-search-1"
WORDS = {"en": (4, 6)}
CHARACTERS = {"zh": (5, 9)}
ATTEMPTS = 30


@dataclass(frozen=True, slots=True)
class Fragment:
    lang: str
    text: str
    #: The quote's own entry, e.g. "energy/#without-energy-there-can-be-no".
    quote: str
    #: Where the quote stands: its subsection's heading, or its page.
    section: str


@dataclass(frozen=True, slots=True)
class Outcome:
    fragment: Fragment
    #: Result locations in the order a reader meets them (Enter opens the first).
    results: tuple[str, ...]
    latency_ms: float

    @property
    def right(self) -> tuple[str, str]:
        return self.fragment.quote, self.fragment.section


def sample(doc: Document, per_quote: int = 2, seed: str = SEED) -> list[Fragment]:
    """Up to `per_quote` distinct fragments of each quote, each unique in the document."""
    text = "\n".join(_texts(doc)).lower()
    fragments = []
    for section in doc.sections:
        for part in section.parts:
            # Right answers: the quote's own entry, or its subsection's heading, or its page.
            section_location = f"{section.id}/" + (f"#{part.id}" if part is not section else "")
            for quote in (b for b in part.blocks if isinstance(b, Quote)):
                rng = random.Random(f"{seed}/{doc.lang}/{quote.id}")
                found: list[str] = []
                for _ in range(ATTEMPTS):
                    candidate = _fragment(quote.text.plain, doc.lang, rng)
                    if candidate and candidate not in found and text.count(candidate.lower()) == 1:
                        found.append(candidate)
                    if len(found) == per_quote:
                        break
                fragments += [Fragment(doc.lang, f, f"{section.id}/#{quote.id}", section_location) for f in found]
    return fragments


def _fragment(quote: str, lang: str, rng: random.Random) -> str | None:
    if lang in CHARACTERS:
        low, high = CHARACTERS[lang]
        length = rng.randint(low, high)
        if len(quote) < length:
            return None
        start = rng.randrange(len(quote) - length + 1)
        piece = quote[start : start + length]
        # A reader copies from a word to a word, not from a comma.
        return piece if _is_word_char(piece[0]) and _is_word_char(piece[-1]) else None
    low, high = WORDS.get(lang, (4, 6))
    words = quote.split()
    length = rng.randint(low, high)
    if len(words) < length:
        return None
    start = rng.randrange(len(words) - length + 1)
    piece = " ".join(words[start : start + length]).strip("“”‘’\"'.,;:!?()—–")
    return piece or None


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def _texts(doc: Document) -> Iterator[str]:
    for section in doc.sections:
        for part in section.parts:
            yield part.title.plain
            yield from _block_texts(part.blocks)


def _block_texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        match block:
            case Paragraph() | Quote():
                yield block.text.plain
            case ListBlock():
                yield from (item.text.plain for item in block.all_items())
            case Table():
                yield from (cell.plain for row in (block.header, *block.rows) for cell in row)


# -- In the browser ---------------------------------------------------------------------

#: Timestamps of the last key release and of the first and last change to the results.
_WATCH = """
() => {
  const s = window.__search = { keyup: 0, change: 0, first: 0 }
  document.querySelector(".md-search__input").addEventListener("keyup", () => {
    s.keyup = performance.now(); s.first = 0
  })
  new MutationObserver(() => {
    s.change = performance.now()
    if (s.keyup && !s.first) s.first = s.change
  }).observe(document.querySelector(".md-search-result"), { childList: true, subtree: true, characterData: true })
}
"""
#: Results settle when they have changed since the last key release and then stayed put: every
#: key release re-renders the list, so a result still on its way would change it again.
_SETTLED = """
() => window.__search.first && performance.now() - Math.max(window.__search.keyup, window.__search.change) > 400
"""
#: Result locations relative to the language root: within each page's group the best scored
#: first (that is the one Enter opens), groups in the order shown.
_RESULTS = """
root => [...document.querySelectorAll(".md-search-result__item")].flatMap(item =>
  [...item.querySelectorAll("a.md-search-result__link")]
    .map(a => [parseFloat(a.firstElementChild.dataset.mdScore), new URL(a.href)])
    .sort((a, b) => b[0] - a[0])
    .map(([, url]) => url.pathname.slice(new URL(root).pathname.length) + url.hash))
"""


def measure(page, root_url: str, fragments: list[Fragment]) -> list[Outcome]:
    """Type each fragment into the search box of the page at `root_url` (a language root),
    as a reader does: English key by key, Chinese committed at once by an input method and
    followed by a key release."""
    page.goto(root_url)
    page.click(".md-search__input")
    page.evaluate(_WATCH)
    outcomes = []
    for fragment in fragments:
        page.fill(".md-search__input", "")
        if fragment.lang in CHARACTERS:
            page.keyboard.insert_text(fragment.text)
            page.keyboard.press("End")
        else:
            page.keyboard.type(fragment.text)
        page.wait_for_function(_SETTLED, polling=50)
        timing = page.evaluate("() => window.__search")
        results = tuple(page.evaluate(_RESULTS, root_url))
        latency = timing["first"] - timing["keyup"] if timing["first"] else float("nan")
        outcomes.append(Outcome(fragment, results, latency))
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    """Rates in percent, and the median latency from the last key release to results."""
    n = len(outcomes)
    latencies = [o.latency_ms for o in outcomes if o.latency_ms == o.latency_ms]
    return {
        "fragments": n,
        "first result right, %": 100 * sum(bool(o.results) and o.results[0] in o.right for o in outcomes) / n,
        "right in top 3, %": 100 * sum(any(r in o.right for r in o.results[:3]) for o in outcomes) / n,
        "no result, %": 100 * sum(not o.results for o in outcomes) / n,
        "first result is the quote, %": 100 * sum(o.results[:1] == (o.fragment.quote,) for o in outcomes) / n,
        "latency median, ms": statistics.median(latencies) if latencies else float("nan"),
    }


def failures(outcomes: list[Outcome]) -> list[str]:
    return [
        f"{o.fragment.text!r} -> {o.results[0] if o.results else 'nothing'} (want {o.fragment.quote})"
        for o in outcomes
        if not o.results or o.results[0] not in o.right
    ]
