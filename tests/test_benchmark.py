"""The benchmark's scaled sources, its scale figure, and the split step on a source 100 times
the real one. (Timings against budgets are the benchmark's business, not the tests'.)"""

from __future__ import annotations

from interview_site import pipeline as build
from interview_site.model import SectionKind
from interview_site.quote_pages import page_quotes
from tools.benchmark import scale, scaled_sources


def real_sources() -> dict[str, tuple]:
    return {lang: (path, build.read_source(path)) for lang, path in build.source_paths(build.SOURCE_DIR).items()}


def test_scaled_sources_repeat_the_topics_and_keep_the_editions_in_step():
    texts = real_sources()
    big = scaled_sources({lang: text for lang, (_, text) in texts.items()}, 3)
    assert len(big["zh"].split("\n")) == len(big["en"].split("\n"))
    assert big["zh"].count("\n## ") == texts["zh"][1].count("\n## ") + 2 * 10


def test_the_split_step_handles_a_source_100_times_the_real_one():
    texts = real_sources()
    big = scaled_sources({lang: text for lang, (_, text) in texts.items()}, 100)
    edition = build.prepare({lang: (texts[lang][0], text) for lang, text in big.items()})
    for doc in edition.docs.values():
        assert len(doc.topics) == 1000
        assert sum(len(s.quotes) for s in doc.sections) == 6 + 100 * 44
        assert doc.section(SectionKind.GLOSSARY) is not None
    # A page per section and reference page, and one per quote (scripts/interview_site/quote_pages.py).
    assert len(edition.pages) == 2 * (1000 + 6 + len(page_quotes(edition.docs["zh"])))
    quote_ids = [q.id for s in edition.docs["zh"].sections for q in s.quotes]
    assert len(set(quote_ids)) == len(quote_ids)


def test_the_scale_figure_times_real_work_that_grows_with_the_source():
    # Each run does the work: a cached build.prepare once made every figure 0.000 s.
    figures = scale(factors=(1, 10))
    one, ten = figures["parse+check+render at 1x, s"], figures["parse+check+render at 10x, s"]
    assert one > 0.001, figures
    assert ten > 2 * one, figures
    assert figures["growth 1x->10x, time ratio (10 is linear)"] == ten / one
