"""A page of its own for every quote, in every language: docs/<lang>/q/<quote id>.md. Pure.

A quote page is what a shared link to a quote opens and what chat apps preview: the quote,
who said it where and when, a link to it in context, the quotes before and after it, and the
same quote in the other languages. It is kept out of search, where the quote is found in its
section. Also here: the episode facts a quote is shared and cited with (scripts/mkdocs_hooks.py
hands them to docs/assets/javascripts/quote-links.js).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from interview_site.dates import long_date, read_date
from interview_site.line_breaks import shorten
from interview_site.model import Document, Inline, Quote, Section, SectionKind, Span, Table
from interview_site.render import LABELS, inline_writer

#: The folder quote pages live in, under each language's root.
QUOTE_DIR = "q"

#: Wording of the quote pages; interview content comes from the sources.
QUOTE_LABELS: dict[str, dict[str, str]] = {
    "zh": {"heading": "引语 · {section}", "previous": "上一句：", "next": "下一句：", "other": "{language}："},
    "en": {
        "heading": "Quote · {section}",
        "previous": "Previous quote: ",
        "next": "Next quote: ",
        "other": "In {language}: ",
    },
}
SEPARATOR = " · "
#: Names of the languages in each other, for "the same quote in …".
LANGUAGE_NAMES = {"zh": {"zh": "中文", "en": "英文"}, "en": {"zh": "Chinese", "en": "English"}}
#: How long a quote may be as a page title (og:title) before it is shortened: Han characters
#: are about twice as wide as Latin letters.
TITLE_LENGTH = {"zh": 40, "en": 80}
#: The video table's row labels for the episode facts, in every language the site is written in.
EPISODE_ROWS = {
    "title": ("Video Title", "视频标题"),
    "show": ("Show", "节目名称"),
    "date": ("Published", "发布时间"),
    "hosts": ("Hosts", "主持人"),
}


@dataclass(frozen=True, slots=True)
class Episode:
    """What a quote is shared and cited with; "" where the source does not say."""

    title: str
    show: str
    hosts: str
    #: As the page's language writes a date (dates.long_date): "January 8, 2026", "2026年1月8日".
    date: str
    #: "2026-01-08", for citation styles that want it.
    iso_date: str


def episode(doc: Document) -> Episode:
    section = doc.section(SectionKind.VIDEO)
    rows = [row for block in (section.blocks if section else ()) if isinstance(block, Table) for row in block.rows]
    facts = {row[0].plain.strip(): row[1].plain.strip() for row in rows if len(row) > 1}
    title, show, published, hosts = (
        next((facts[label] for label in labels if label in facts), "") for labels in EPISODE_ROWS.values()
    )
    day = read_date(published)
    shown = published if day is None else long_date(day, doc.lang)
    return Episode(title, show, hosts, shown, day.isoformat() if day else "")


def quoted(text: str) -> str:
    return f"“{text}”"


def page_quotes(doc: Document) -> tuple[tuple[Section, Quote], ...]:
    """The quotes with a page, in reading order: every one. A key quote that repeats one in its
    section has a page of its own too, because it may word it differently (shorter, longer): a
    shared link shows the words that were shared, and its "read in context" link leads on."""
    return tuple((s, q) for s in doc.sections for q in s.quotes)


def quote_page_name(quote_id: str) -> str:
    """The page of a quote, relative to its language's docs folder."""
    return f"{QUOTE_DIR}/{quote_id}.md"


def quote_pages(docs: dict[str, Document], lang: str, default_lang: str, directory_urls: bool = True) -> dict[str, str]:
    """Every quote page of one edition: {path relative to docs/<lang>/: Markdown}. `directory_urls`
    is MkDocs' setting of that name: /q/<id>/ on the web, q/<id>.html in the offline edition."""
    doc = docs[lang]
    others = {other: {q.id: q for _, q in page_quotes(d)} for other, d in docs.items() if other != lang}
    quotes = page_quotes(doc)
    writer = _QuotePage(doc, default_lang, directory_urls)
    pages = {}
    for index, (section, quote) in enumerate(quotes):
        neighbours = (
            quotes[index - 1][1] if index else None,
            quotes[index + 1][1] if index + 1 < len(quotes) else None,
        )
        translations = {other: by_id[quote.id] for other, by_id in others.items() if quote.id in by_id}
        pages[quote_page_name(quote.id)] = writer.markdown(section, quote, neighbours, translations)
    return pages


class _QuotePage:
    def __init__(self, doc: Document, default_lang: str, directory_urls: bool) -> None:
        self.doc = doc
        self.default_lang = default_lang
        self.directory_urls = directory_urls
        self.labels = QUOTE_LABELS[doc.lang]
        self.inline = inline_writer(doc)
        self.episode = episode(doc)

    def markdown(
        self,
        section: Section,
        quote: Quote,
        neighbours: tuple[Quote | None, Quote | None],
        translations: dict[str, Quote],
    ) -> str:
        labels = self.labels
        byline = SEPARATOR.join(part for part in (quote.speaker, self.episode.show, self.episode.date) if part)
        description = SEPARATOR.join(part for part in (quote.speaker, self.episode.show, section.title.plain) if part)
        meta = {
            "title": quoted(shorten(quote.text.plain, TITLE_LENGTH[self.doc.lang])),
            "description": description,
            "search": {"exclude": True},
        }
        heading = self.text(labels["heading"].format(section=section.title.plain))
        out = [
            "---",
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000).rstrip(),
            "---",
            "",
            f"# {heading} {{ #quote-page }}",
            "",
            f"/// quote | {self.text(quote.speaker)}",
            f'    attrs: {{id: "{quote.id}"}}',
            "",
            quoted(self.inline(quote.text)),
            "",
            f"[{self.text(LABELS[self.doc.lang]['in_context'])} →](../{section.id}.md#{quote.id}){{ .quote-context }}",
            "",
            "///",
            "",
            self.text(byline),
            "",
        ]
        for label, neighbour in zip(("previous", "next"), neighbours, strict=True):
            if neighbour is not None:
                text = self.text(shorten(neighbour.text.plain, TITLE_LENGTH[self.doc.lang]))
                out += [f"- {self.text(labels[label])}[{quoted(text)}]({neighbour.id}.md)"]
        out.append("")
        for other, translation in translations.items():
            # Another language's pages are outside this language's MkDocs files, so the link is
            # plain HTML, relative like every link a reader follows inside the site.
            language = LANGUAGE_NAMES[self.doc.lang].get(other, other)
            href = self.root() + ("" if other == self.default_lang else f"{other}/") + self.url(quote.id)
            text = self.text(shorten(translation.text.plain, TITLE_LENGTH[other]))
            out += [
                f"{self.text(labels['other'].format(language=language))}"
                f'<a href="{href}" hreflang="{other}" lang="{other}">{quoted(text)}</a>',
                "",
            ]
        return "\n".join(out).rstrip("\n") + "\n"

    def root(self) -> str:
        """From a quote page up to the site root: from q/<id>/ or <lang>/q/<id>/ (q/<id>.html offline)."""
        return "../" * (1 + (self.doc.lang != self.default_lang) + self.directory_urls)

    def url(self, quote_id: str) -> str:
        return f"{QUOTE_DIR}/{quote_id}/" if self.directory_urls else f"{QUOTE_DIR}/{quote_id}.html"

    def text(self, text: str) -> str:
        return self.inline(Inline((Span(text),)))


def share_facts(facts: Episode, public_root: str, public_page: str) -> dict[str, str]:
    """What docs/assets/javascripts/quote-links.js shares and cites a quote with, besides the
    quote and its speaker (which it reads from the callout): the public address of this
    language's home and of this page ("" when none is configured), and the episode."""
    return {
        "root": public_root,
        "page": public_page,
        "quotes": f"{QUOTE_DIR}/",
        "title": facts.title,
        "show": facts.show,
        "hosts": facts.hosts,
        "date": facts.date,
        "isoDate": facts.iso_date,
    }
