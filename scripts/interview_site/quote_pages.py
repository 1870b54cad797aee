"""A page of its own for every quote, in every language: <lang>/q/<quote id>.md. Pure.

A quote page is what a shared link to a quote opens and what chat apps preview: the quote,
who said it where and when, a link to it in context, the quotes before and after it, and the
same quote in the other languages. It is kept out of search, where the quote is found in its
section. Also here: what Share and Cite need of the episode (scripts/mkdocs_hooks.py hands it
to docs/assets/javascripts/quote-links.js).
"""

from __future__ import annotations

import yaml

from interview_site.labels import LABELS, LANGUAGE_NAMES, SCRIPT_LABELS
from interview_site.line_breaks import shorten
from interview_site.model import CardText, Document, Inline, Page, PageKind, Quote, Section, Span
from interview_site.render import inline_text, outdated_attrs, quoted, yaml_attrs
from interview_site.urls import QUOTE_DIR, page_address, page_link
from interview_site.video import Episode, episode

SEPARATOR = " · "
#: How long a quote may be as a page title (og:title) before it is shortened: Han characters
#: are about twice as wide as Latin letters.
TITLE_LENGTH = {"zh": 40, "en": 80}


def page_quotes(doc: Document) -> tuple[tuple[Section, Quote], ...]:
    """The quotes with a page, in reading order: every one. A key quote that repeats one in its
    section has a page of its own too, because it may word it differently (shorter, longer): a
    shared link shows the words that were shared, and its "read in context" link leads on."""
    return tuple((s, q) for s in doc.sections for q in s.quotes)


def quote_page_name(quote_id: str) -> str:
    """The page of a quote, relative to its language's docs folder."""
    return f"{QUOTE_DIR}/{quote_id}.md"


def quote_pages(docs: dict[str, Document], lang: str, default_lang: str) -> tuple[Page, ...]:
    """Every quote page of one edition, linked to the same quote's page in the others (which
    language is the default makes no difference to them: links name pages by language)."""
    doc = docs[lang]
    others = {other: {q.id: q for _, q in page_quotes(d)} for other, d in docs.items() if other != lang}
    quotes = page_quotes(doc)
    writer = _QuotePage(doc)
    pages = []
    for index, (section, quote) in enumerate(quotes):
        neighbours = (
            quotes[index - 1][1] if index else None,
            quotes[index + 1][1] if index + 1 < len(quotes) else None,
        )
        translations = {other: by_id[quote.id] for other, by_id in others.items() if quote.id in by_id}
        markdown = writer.markdown(section, quote, neighbours, translations)
        card = CardText.of("", quoted(quote.text.plain), quote.speaker, writer.episode.credit)
        # Kept out of search: the quote is found in its section.
        pages.append(Page(lang, quote_page_name(quote.id), PageKind.QUOTE, markdown, card, in_search=False))
    return tuple(pages)


class _QuotePage:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.labels = LABELS[doc.lang]
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
            "search": {"exclude": True},  # as the page record says (in_search)
        }
        heading = self.text(labels["quote_heading"].format(section=section.title.plain))
        out = [
            "---",
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000).rstrip(),
            "---",
            "",
            f"# {heading} {{ #quote-page }}",
            "",
            f"/// quote | {self.text(quote.speaker)}",
            f"    attrs: {yaml_attrs({'id': quote.id} | outdated_attrs(self.doc, quote.pair))}",
            "",
            quoted(inline_text(quote.text)),
            "",
            f"[{self.text(self.labels['in_context'])} →](../{section.id}.md#{quote.id}){{ .quote-context }}",
            "",
            "///",
            "",
            self.text(byline),
            "",
        ]
        for label, neighbour in zip(("previous", "next"), neighbours, strict=True):
            if neighbour is not None:
                text = self.text(shorten(neighbour.text.plain, TITLE_LENGTH[self.doc.lang]))
                out += [f"- {self.text(labels['quote_' + label])}[{quoted(text)}]({neighbour.id}.md)"]
        out.append("")
        for other, translation in translations.items():
            # Another language's pages are outside this language's MkDocs files, so the link is
            # plain HTML, its address given when the build's URL scheme is known (urls.py).
            language = LANGUAGE_NAMES[self.doc.lang].get(other, other)
            href = page_link(other, quote_page_name(quote.id))
            text = self.text(shorten(translation.text.plain, TITLE_LENGTH[other]))
            out += [
                f"{self.text(labels['quote_other'].format(language=language))}"
                f'<a href="{href}" hreflang="{other}" lang="{other}">{quoted(text)}</a>',
                "",
            ]
        return "\n".join(out).rstrip("\n") + "\n"

    def text(self, text: str) -> str:
        return inline_text(Inline((Span(text),)))


def share_facts(facts: Episode, lang: str, public_root: str, public_page: str) -> dict[str, object]:
    """What docs/assets/javascripts/quote-links.js shares and cites a quote with, besides the
    quote and its speaker (which it reads from the callout): the public address of this
    language's home and of this page ("" when none is configured), where a quote's page is
    under it (the web site's address, which even the offline edition hands out), the episode,
    and the script's wording in this language."""
    return {
        "root": public_root,
        "page": public_page,
        "quotePage": page_address(quote_page_name("{id}"), directory_urls=True),
        "title": facts.title,
        "show": facts.show,
        "hosts": facts.hosts,
        "date": facts.date,
        "isoDate": facts.iso_date,
        "labels": SCRIPT_LABELS[lang],
    }
