"""search_index.py: the merged index split by language root, locations relative to that root."""

from __future__ import annotations

from search_index import split_index

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
