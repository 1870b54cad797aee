"""line_breaks.py: where titles, descriptions and card lines may break, in both languages."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_site import pipeline
from interview_site.line_breaks import CLOSING, OPENING, cut, pieces, shorten
from interview_site.quote_pages import TITLE_LENGTH


@cache
def quotes() -> dict[str, list[str]]:
    docs = pipeline.load().docs
    return {lang: [q.text.plain for s in doc.sections for q in s.quotes] for lang, doc in docs.items()}


def is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def cuts_a_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and is_latin(text[at - 1]) and is_latin(text[at])


@pytest.mark.parametrize(
    ("text", "limit", "short"),
    [
        ("Short enough.", 20, "Short enough."),
        ("Without energy, there can be no new industry.", 30, "Without energy, there can be…"),
        ("没有能源，就不可能有新工业。没有工业增长，国家就不可能更繁荣。", 10, "没有能源，就不可能…"),
        ("Supercalifragilisticexpialidocious", 10, "Supercali…"),
        # The only space in this Chinese sentence is inside a Latin term: not a place to cut.
        ("Scaling Law并没有让我惊讶，因为我们早就知道它会这样发展。", 20, "Scaling Law并没有让我惊讶…"),
        ("大家总是去看OpenAI的收入。", 8, "大家总是去…"),
        ("Micron、SK hynix、Samsung卖DRAM也是如此。", 12, "Micron、SK…"),
        ("表后电力（behind-the-meter）、核能", 10, "表后电力…"),
        ("The models are Chinese models. Qwen、DeepSeek did well.", 40, "The models are Chinese models. Qwen…"),
    ],
)
def test_shorten_cuts_latin_only_between_words_and_han_between_phrases(text, limit, short):
    assert shorten(text, limit) == short
    assert len(short) <= limit


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_quote_title_is_the_longest_run_of_whole_words_that_fits(lang):
    limit = TITLE_LENGTH[lang]
    for text in quotes()[lang]:
        text = " ".join(text.split())
        short = shorten(text, limit)
        assert len(short) <= limit
        if short == text:
            continue
        kept = short.removesuffix("…")
        assert text.startswith(kept), short
        assert not cuts_a_word(text, len(kept)), short
        # Maximal: one more piece would not fit.
        whole = ""
        for piece, space in pieces(text):
            if len(whole.rstrip()) >= len(kept):
                assert len(cut(whole + piece, lambda s: True)) > limit, short
                break
            whole += piece + (" " if space else "")


def test_han_text_breaks_between_phrases_and_between_characters_only_when_asked():
    text = "Scaling Law并没有让我惊讶，因为我们早就知道它会这样发展。"
    phrases = [piece for piece, _ in pieces(text)]
    assert phrases[:2] == ["Scaling", "Law"]
    assert "惊讶，" in phrases, "a two-character word stays whole, its comma with it"
    assert [piece for piece, _ in pieces("让我惊讶，因为", phrases=False)] == ["让", "我", "惊", "讶，", "因", "为"]


def test_quotation_marks_do_not_split_the_phrases_they_enclose():
    # BudouX alone reads "那种‘预 | 先编写": it is asked about the text without its marks.
    found = [piece for piece, _ in pieces("它不是那种‘预先编写、固定播放’的软件。")]
    assert "‘预先" in found and "播放’" in found
    assert [piece for piece, _ in pieces("当我们问‘AI泡沫’时")] == ["当", "我们", "问", "‘AI泡沫’", "时"]


@pytest.mark.parametrize(
    ("text", "together"),
    [
        ("Suppose 2% goes to R&D—that’s $2 trillion. The way", "$2 trillion."),
        ("World GDP is about $100 trillion.", "$100 trillion."),
        ("if we had 1 billion robots", "1 billion"),
        ("假设2%用于研发——那就是2万亿美元。这", "2万亿美元。"),
        ("成本降低10亿倍，我不会感到惊讶", "10亿倍"),
    ],
)
def test_an_amount_stays_with_its_scale_word(text, together):
    assert any(together in piece for piece, _ in pieces(text)), pieces(text)


def test_a_latin_word_breaks_only_at_its_ends():
    assert [piece for piece, _ in pieces("R&D—that’s it")] == ["R&D—", "that’s", "it"]
    assert [piece for piece, _ in pieces("去看OpenAI的收入", phrases=False)] == ["去", "看", "OpenAI", "的", "收", "入"]


TEXTS = st.lists(
    st.tuples(
        st.sampled_from(["", "“", "（", "‘"]),
        st.sampled_from([*"一二三四五六七", "AB", "ABC", "$2", "惊讶", "trillion"]),
        st.sampled_from(["", "，", "。", "”", "！", "）", "’"]),
        st.sampled_from(["", " "]),
    ).map("".join),
    min_size=1,
    max_size=30,
).map("".join)


@given(TEXTS, st.booleans())
def test_pieces_rejoin_to_the_text_and_keep_kinsoku(text, phrases):
    found = pieces(text, phrases=phrases)
    assert "".join(p + (" " if space else "") for p, space in found) == " ".join(text.split())
    assert not any(p[0] in CLOSING for p, _ in found[1:]), found
    assert not any(p[-1] in OPENING for p, _ in found[:-1]), found
    joined = " ".join(text.split())
    at = 0
    for piece, space in found[:-1]:
        at += len(piece) + space
        assert not cuts_a_word(joined, at), found
