"""search_index.py: each language's index under its own root, with an entry per quote and
the traditional-to-simplified map for its Han text."""

from __future__ import annotations

import html

from helpers import DATA
from interview_site import pipeline
from interview_site.model import Document
from interview_site.search_index import language_index, quote_entries, split_index, synonym_groups, variant_table

CONFIG = {"lang": ["zh", "en"], "separator": "[\\s\\u200b\\-]+"}


def entry(location: str) -> dict[str, str]:
    return {"location": location, "title": f"title of {location or 'home'}", "text": "…"}


def locations(index: dict) -> list[str]:
    return [doc["location"] for doc in index["docs"]]


def test_each_language_gets_its_own_pages_with_the_language_folder_stripped():
    merged = {
        "config": CONFIG,
        "docs": [
            entry(""),
            entry("energy/"),
            entry("energy/#without-energy-there-can-be-no"),
            entry("en/"),
            entry("en/energy/"),
            entry("en/energy/#without-energy-there-can-be-no"),
            entry("en"),
        ],
    }
    split = split_index(merged, ["zh", "en"], "zh")
    assert sorted(split) == ["", "en"]
    assert locations(split[""]) == ["", "energy/", "energy/#without-energy-there-can-be-no"]
    assert locations(split["en"]) == ["", "energy/", "energy/#without-energy-there-can-be-no", ""]


def test_a_default_language_page_that_merely_starts_like_a_language_stays_put():
    split = split_index({"config": CONFIG, "docs": [entry("english-lessons/"), entry("enough/")]}, ["zh", "en"], "zh")
    assert locations(split[""]) == ["english-lessons/", "enough/"]
    assert locations(split["en"]) == []


def test_everything_but_the_location_is_kept():
    merged = {"config": CONFIG, "docs": [entry("en/jobs/#will-ai-take-our-jobs")]}
    split = split_index(merged, ["zh", "en"], "zh")
    assert split["en"] == {
        "config": CONFIG,
        "docs": [
            {"location": "jobs/#will-ai-take-our-jobs", "title": "title of en/jobs/#will-ai-take-our-jobs", "text": "…"}
        ],
    }
    assert split[""] == {"config": CONFIG, "docs": []}
    assert merged["docs"][0]["location"] == "en/jobs/#will-ai-take-our-jobs", "the input is not changed"


# -- What the site's search adds to each language's index ---------------------------------

EDITION = DATA / "edition"


def edition() -> dict[str, Document]:
    return pipeline.load(EDITION).docs


def test_every_quote_is_an_entry_of_its_own_that_links_to_the_quote():
    docs = edition()
    for doc in docs.values():
        entries = quote_entries(doc)
        quotes = [(s, q) for s in doc.sections for q in s.quotes]
        assert len(entries) == len(quotes) > 0
        for entry, (section, quote) in zip(entries, quotes, strict=True):
            assert entry["location"] == f"{section.id}/#{quote.id}"
            assert entry["quote"] is True
            assert quote.speaker in entry["title"]
            assert quote.text.plain in html.unescape(entry["text"])
    # The same quote has the same location in both languages: only the words differ.
    assert [e["location"] for e in quote_entries(docs["zh"])] == [e["location"] for e in quote_entries(docs["en"])]


def test_without_directory_urls_a_quote_links_to_its_html_page():
    (first, *_) = quote_entries(edition()["en"], directory_urls=False)
    assert first["location"].startswith("energy.html#")


def test_a_quote_entry_is_titled_with_its_speaker_and_the_heading_it_stands_under():
    doc = edition()["zh"]
    titles = {html.unescape(e["text"]): html.unescape(e["title"]) for e in quote_entries(doc)}
    assert titles["“没有能源，就没有新产业。”"] == "黄仁勋 · 能源需求"
    assert titles["“AI会取代工作吗？”"] == "Sarah Guo · AI与工作"


def test_the_language_index_keeps_the_themes_entries_and_adds_quotes_and_variants():
    doc = edition()["zh"]
    part = {"config": CONFIG, "docs": [entry("energy/")]}
    synonyms = [["NVIDIA", "英伟达"]]
    index = language_index(part, doc, {"黃": "黄", "勳": "勋", "龍": "龙", "體": "体"}, synonyms)
    assert index["docs"][0] == entry("energy/")
    assert len(index["docs"]) == 1 + len(quote_entries(doc))
    # Only characters this language's text uses: 龙 and 体 never occur in it.
    assert index["config"]["variants"] == {"勳": "勋", "黃": "黄"}
    assert index["config"]["synonyms"] == synonyms
    assert index["config"]["separator"] == CONFIG["separator"]
    assert part["docs"] == [entry("energy/")], "the input is not changed"


def test_variants_come_from_opencc_tables_with_regional_forms_carried_to_simplified():
    characters = "# Open Chinese Convert (OpenCC) Dictionary\n黃\t黄\n說\t说\n髮\t发\n乾\t干 乾\n"
    taiwan = "# regional variants, reversed\n説\t說\n"
    table = variant_table(characters, taiwan)
    assert table == {"黃": "黄", "說": "说", "髮": "发", "乾": "干", "説": "说"}


def test_the_real_opencc_tables_map_what_readers_type():
    table = pipeline.traditional_variants()
    assert [table.get(c, c) for c in "黃仁勳說機器學習"] == list("黄仁勋说机器学习")
    assert "黄" not in table, "simplified characters map to nothing"


def test_the_search_dictionary_is_groups_of_spellings_one_group_a_line():
    text = "# comment\n\nNVIDIA = 英伟达 = 辉达\nScaling Law = 规模定律\nalone\n"
    assert synonym_groups(text) == [["NVIDIA", "英伟达", "辉达"], ["Scaling Law", "规模定律"]]


def test_the_real_search_dictionary_reads():
    groups = pipeline.search_synonyms()
    assert ["NVIDIA", "英伟达", "辉达"] in groups
    assert all(len(group) > 1 for group in groups)
