"""Search quality as a reader meets it: type a few words of a quote, look at the first result.

Two sets. Copied fragments are seeded, so the same sources give the same set on every run
and figures can be compared across commits: each is a run of a quote's own text that occurs
exactly once in its language (English 4-6 words, Chinese 5-9 characters). Reader queries
(tests/data/reader-queries.tsv) are a quote remembered rather than copied: paraphrases,
typos, a missing space, British spellings, numbers written another way, other names.
`sample` and `reader_queries` are pure; `measure` types either set into the built site's
search box in Chromium.
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
    for quote, locations in _quotes(doc):
        rng = random.Random(f"{seed}/{doc.lang}/{quote.id}")
        found: list[str] = []
        for _ in range(ATTEMPTS):
            candidate = _fragment(quote.text.plain, doc.lang, rng)
            if candidate and candidate not in found and text.count(candidate.lower()) == 1:
                found.append(candidate)
            if len(found) == per_quote:
                break
        fragments += [Fragment(doc.lang, f, *locations) for f in found]
    return fragments


def reader_queries(doc: Document, table: str, name: str = "reader-queries.tsv") -> list[Fragment]:
    """The queries in `doc`'s language from a table of lines `language<TAB>query<TAB>quote
    id<TAB>what makes it hard` (# starts a comment). A quote id the document lacks raises,
    naming the line: the set must measure quotes that exist."""
    where = {quote.id: locations for quote, locations in _quotes(doc)}
    queries = []
    for number, line in enumerate(table.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        lang, query, quote_id, _hard = line.split("\t")
        if lang != doc.lang:
            continue
        if quote_id not in where:
            raise ValueError(f"{name}:{number}: no {lang} quote has the id {quote_id!r}")
        queries.append(Fragment(lang, query, *where[quote_id]))
    return queries


def _quotes(doc: Document) -> Iterator[tuple[Quote, tuple[str, str]]]:
    """Every quote with its right answers: its own entry, and its subsection's heading or its page."""
    for section in doc.sections:
        for part in section.parts:
            section_location = f"{section.id}/" + (f"#{part.id}" if part is not section else "")
            for quote in (b for b in part.blocks if isinstance(b, Quote)):
                yield quote, (f"{section.id}/#{quote.id}", section_location)


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

#: Installed before the page's own scripts (`add_init_script`): counts the queries the theme
#: sends its search worker and the results it has shown, and times the last key release, so
#: that a caller waits for the results of the last key instead of for a quiet spell. The theme
#: renders a result list in the worker's message event; the zero timeout lets its listener run
#: first. Message types are the theme's worker protocol (docs/assets/javascripts/search-worker.js).
WATCH_SEARCH = """
(() => {
  if (window.__search) return  // installed once, however many callers ask
  const s = window.__search = { sent: 0, shown: 0, query: null, keyup: 0, answered: 0 }
  // Only a release that changed the text counts: search starts on input (search-keys.js), so
  // the End pressed after an input method's commit comes after the results, not before them.
  let typed = null
  addEventListener("keyup", event => {
    if (!event.target.matches?.(".md-search__input") || event.target.value === typed) return
    typed = event.target.value
    s.keyup = performance.now()
  }, true)
  const Native = window.Worker
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ({ data }) => {
        if (data?.type === 3) setTimeout(() => {
          s.shown += 1
          if (s.shown === s.sent) s.answered = performance.now()
        })
      })
    }
    postMessage(message, ...rest) {
      if (message?.type === 2) { s.sent += 1; s.query = message.data }
      super.postMessage(message, ...rest)
    }
  }
})()
"""
#: The box's own text has been searched for and its results are on the screen.
_ANSWERED = """
() => { const s = window.__search; const box = document.querySelector(".md-search__input")
        return s.sent > 0 && s.shown === s.sent && s.query === box.value }
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


def commit_text(page, text: str) -> None:
    """Into the focused box, as an input method enters text: all at once, with no key release
    of its own, then the reader's next key, End."""
    page.keyboard.insert_text(text)
    page.keyboard.press("End")


def type_query(page, text: str, lang: str) -> None:
    """Type into the focused search box as a reader does: Chinese through an input method,
    English key by key."""
    if lang in CHARACTERS:
        commit_text(page, text)
    else:
        page.keyboard.type(text)


def wait_for_results(page) -> None:
    """Until the results of what the box now says are shown (needs WATCH_SEARCH in the page)."""
    page.wait_for_function(_ANSWERED, polling=20)


def measure(page, root_url: str, fragments: list[Fragment], pasted: bool = False) -> list[Outcome]:
    """Type each fragment or query into the search box of the page at `root_url` (a language
    root), as a reader does (or, `pasted`, paste it: a copied fragment comes in at once in any
    language), and read the results of its last key."""
    page.add_init_script(WATCH_SEARCH)
    page.goto(root_url)
    page.click(".md-search__input")
    outcomes = []
    for fragment in fragments:
        page.fill(".md-search__input", "")
        if pasted:
            commit_text(page, fragment.text)
        else:
            type_query(page, fragment.text, fragment.lang)
        wait_for_results(page)
        timing = page.evaluate("() => window.__search")
        results = tuple(page.evaluate(_RESULTS, root_url))
        latency = timing["answered"] - timing["keyup"] if timing["keyup"] else float("nan")
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
