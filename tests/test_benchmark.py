"""The benchmark's scaled sources, its check of a scaled edition, and its scale figure.
(Timings against budgets, and the 100x run itself, are the benchmark's business, not the tests'.)"""

from __future__ import annotations

from helpers import edition
from interview_site import pipeline as build
from tools.benchmark import scale, scale_problems, scaled_edition, scaled_sources


def real_sources() -> dict[str, tuple]:
    return {lang: (path, build.read_source(path)) for lang, path in build.source_paths(build.SOURCE_DIR).items()}


def test_scaled_sources_repeat_the_topics_and_keep_the_editions_in_step():
    texts = real_sources()
    big = scaled_sources({lang: text for lang, (_, text) in texts.items()}, 3)
    assert len(big["zh"].split("\n")) == len(big["en"].split("\n"))
    topics = len(edition().docs["zh"].topics)
    assert big["zh"].count("\n## ") == texts["zh"][1].count("\n## ") + 2 * topics


def test_a_scaled_edition_has_every_topic_and_quote_that_many_times_and_a_page_for_each():
    """What the benchmark checks of its 100x run, on a 3x one."""
    big = scaled_edition(3)
    assert scale_problems(edition(), big, 3) == []
    assert scale_problems(edition(), big, 4), "the check can fail"


def test_the_scale_figure_is_the_ratio_of_two_timed_runs():
    figures = scale(factors=(1, 2), repeat=1)
    one, two = figures["parse+check+render at 1x, s"], figures["parse+check+render at 2x, s"]
    assert one > 0 and two > 0, figures
    assert figures["growth 1x->2x, time ratio (2 is linear)"] == two / one
    assert figures["scaled edition at 2x, problems"] == 0
