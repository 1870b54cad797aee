"""Properties of the whole pipeline, on generated documents in the source format.

Whatever the words, parse, prepare and render either succeed or raise SourceError, and no
text the author wrote is lost: everything a CommonMark reader shows of the source is shown
in the generated pages of each edition, as the same kind of element (a list item as a list
item, a quote as a quote callout). How many documents it tries is the Hypothesis profile's
choice (tests/conftest.py): a few locally, a hundred in CI.
"""

from __future__ import annotations

import re
import string
from html import unescape
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from helpers import own_text, to_html
from html_tree import own_language, parse_html
from interview_site.model import SourceError
from interview_site.pipeline import prepare

CJK = "推理模型机器人能源工作黄仁勋的是了中国开源"
#: Every line starts with one of these, so that the generator, not the words, decides what a line is.
FIRST = CJK + string.ascii_letters
MARKDOWN = "*_[]<>|\\{}#!()&-+.:~=`"
PUNCTUATION = " ,;?'\"：，。、（）“”‘’—–%/"
ALPHABET = CJK + string.ascii_letters + string.digits + MARKDOWN + PUNCTUATION
#: Anything but the backtick that would close the code span.
CODE = ALPHABET.replace("`", "")
SPEAKERS = ["黄仁勋", "Sarah Guo", "Elad Gil", "主持人"]
#: The source as a CommonMark renderer shows it, raw HTML shown as typed (as the site does).
COMMONMARK = MarkdownIt("commonmark", {"html": False}).enable("table")
IMAGE = re.compile(r'<img src="[^"]*" alt="([^"]*)"[^>]*>')
EXPLICIT_ID = re.compile(r"\s*\{ #[a-z0-9-]+ \}$")
SITE_KINDS = dict.fromkeys(("h1", "h2", "h3"), "heading") | {"p": "p", "li": "li", "th": "cell", "td": "cell"}


@st.composite
def inline(draw: st.DrawFn) -> str:
    """Some characters, or one styled run of them as CommonMark writes it."""
    # Not ending in a backslash, which would escape the backtick of a code span after it.
    text = draw(st.text(ALPHABET, min_size=1, max_size=10)).rstrip("\\")
    word = draw(st.text(CJK + string.ascii_letters, min_size=1, max_size=6))
    code = draw(st.text(CODE, min_size=1, max_size=10))
    return draw(
        st.sampled_from([text, f"**{word}**", f"*{word}*", f" `{code}` ", f"[{word}](https://example.com/{word})"])
    )


@st.composite
def words(draw: st.DrawFn, max_size: int = 4) -> str:
    text = draw(st.sampled_from(FIRST)) + "".join(draw(st.lists(inline(), max_size=max_size)))
    # A trailing backslash would escape what the format puts after it (a '|', a '”').
    return text.rstrip(" \\")


@st.composite
def bullet_list(draw: st.DrawFn) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        lines.append(f"- {draw(words())}")
        lines += [f"    - {draw(words())}" for _ in range(draw(st.integers(0, 2)))]
    return lines


@st.composite
def ordered_list(draw: st.DrawFn) -> list[str]:
    start = draw(st.integers(1, 5))
    return [f"{start + i}. {draw(words())}" for i in range(draw(st.integers(1, 3)))]


@st.composite
def quote(draw: st.DrawFn) -> list[str]:
    speaker, colon = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from("：:"))
    return [f"> {speaker}{colon}“{draw(words())}”", "> "]


@st.composite
def cell(draw: st.DrawFn) -> str:
    return draw(words(2)).replace("|", "\\|")


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    columns = draw(st.integers(2, 3))

    def row() -> str:
        return "| " + " | ".join(draw(cell()) for _ in range(columns)) + " |"

    return [row(), "|" + " --- |" * columns, *(row() for _ in range(draw(st.integers(1, 3))))]


@st.composite
def block(draw: st.DrawFn) -> list[str]:
    """One block, or two with no blank line between: the cases Python-Markdown reads differently."""
    kind = draw(st.sampled_from(["paragraph", "paragraph+list", "quote", "quote+list", "list", "ordered", "table"]))
    match kind:
        case "paragraph":
            return [draw(words())]
        case "paragraph+list":
            return [draw(words()), *draw(bullet_list())]
        case "quote":
            return draw(quote())
        case "quote+list":
            return [*draw(quote()), *draw(bullet_list())]
        case "list":
            return draw(bullet_list())
        case "ordered":
            return draw(ordered_list())
        case _:
            return draw(table())


@st.composite
def blocks(draw: st.DrawFn) -> list[str]:
    return [line for b in draw(st.lists(block(), min_size=1, max_size=4)) for line in [*b, ""]]


@st.composite
def document(draw: st.DrawFn) -> str:
    lines = [f"# {draw(words())}", "", f"# {draw(words())}", ""]
    for i in range(1, draw(st.integers(1, 3)) + 1):
        lines += [f"## {draw(words(3))} {{ #s{i} }}", "", *draw(blocks())]
        for j in range(1, draw(st.integers(0, 2)) + 1):
            lines += [f"### {draw(words(3))} {{ #s{i}-{j} }}", "", *draw(blocks())]
    terms = draw(st.lists(st.text(string.ascii_letters, min_size=2, max_size=6), max_size=3, unique_by=str.lower))
    if terms:
        lines += ["## 术语表", "", "| 术语 | 解释 |", "| --- | --- |"]
        lines += [*(f"| {term} | {draw(cell())} |" for term in terms), ""]
    if draw(st.booleans()):
        lines += ["---", "", f"*{draw(st.text(CJK + string.ascii_letters, min_size=1, max_size=20))}*"]
    return "\n".join(lines) + "\n"


def shown(source: str) -> list[tuple[str, str]]:
    """(kind, text) of every element a CommonMark reader sees, except the file-name H1; a
    quote is its speaker and its words, which the site shows apart."""
    found = []
    # The site never loads an image from elsewhere: it shows the image's alt text instead.
    commonmark = IMAGE.sub(lambda m: unescape(m.group(1)), COMMONMARK.render(source))
    for element in parse_html(commonmark).iter():
        inside = {a.tag for a in element.ancestors()}
        if "blockquote" in inside or (element.tag == "p" and "li" in inside):
            continue
        match element.tag:
            case "h1" | "h2" | "h3":
                found.append(("heading", EXPLICIT_ID.sub("", element.text)))
            case "p" | "li":
                found.append((element.tag, own_text(element)))
            case "th" | "td":
                found.append(("cell", element.text))
            case "blockquote":
                speaker, _, said = re.split(r"([：:])", element.text, maxsplit=1)
                found += [("speaker", speaker.strip()), ("quote", said.strip())]
    return [(kind, text) for kind, text in found[1:] if text]


def on_site(pages: list[str]) -> dict[str, set[str]]:
    """The texts of the generated pages, by the kind of element that shows them."""
    site: dict[str, set[str]] = {kind: set() for kind in ("heading", "p", "li", "cell", "speaker", "quote")}
    for html in (own_language(to_html(page)) for page in pages):
        for element in html.iter():
            if element.tag in SITE_KINDS:
                site[SITE_KINDS[element.tag]].add(own_text(element))
        for callout in html.find_all("div", "quote"):
            title, *body = callout.find_all("p")
            site["speaker"].add(title.text)
            site["quote"] |= {p.text for p in body}
    return site


@given(document())
def test_no_text_is_lost_and_only_source_errors_are_raised(source: str):
    texts = {lang: (Path(f"interview.{lang}.md"), source) for lang in ("zh", "en")}
    try:
        edition = prepare(texts)
    except SourceError:
        assume(False)
    for lang in texts:
        site = on_site([page for name, page in edition.markdown.items() if name.startswith(f"{lang}/")])
        missing = [(kind, text) for kind, text in shown(source) if text not in site[kind]]
        assert not missing, f"{lang}: not shown as the same kind of element: {missing}"
