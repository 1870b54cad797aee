"""The site's own wording, in every language it is written in. Data only.

Everything the site says that is not the interview: page furniture for the page writers and the
templates (LABELS), what the browser scripts say (SCRIPT_LABELS, handed to
docs/assets/javascripts/quote-links.js with each page), the languages' names and locales, and
each language's site description. Adding a language is adding its entry to each table here.
"""

from __future__ import annotations

#: The wording of the pages and templates. Interview content never goes here; it comes from the sources.
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "home": "首页",
        "search": "搜索",
        "quote_count": "{n} 句引语",
        "quote_count_one": "1 句引语",
        "not_found": "404 - 找不到这一页",
        "not_found_hint": "这个地址没有页面。可以用上方的搜索找一句引语，或者",
        "back_home": "回到首页",
        "not_found_end": "。",
        "source_name": "整理文档：",
        "permalink": "链接到本节",
        "read_online": "在线阅读：",
        "interview": "访谈",
        "reference": "资料",
        "sections": "章节",
        "all_quotes": "所有语录",
        "all_quotes_intro": "访谈中的每一句引语，按章节排列。点击引语可跳到它在原文中的位置。",
        "in_context": "在上下文中阅读",
        "print": "全文（单页）",
        "print_intro": "整篇访谈整理在一页上，便于从头读到尾或打印。",
        "about": "黄仁勋（NVIDIA）做客 No Priors 播客的访谈整理，分章节阅读，可搜索、可链接到每一句引语。",
        "translation_note": "",
        "translation_note_video": "",
        "home_description": "黄仁勋 No Priors 访谈整理：推理模型、机器人与AI泡沫论，中英双语，可搜索。",
        "modes": "阅读方式",
        "mode_single": "仅中文",
        "mode_side": "中英对照",
        "mode_interleaved": "中英交替",
        "show_other": "显示英文",
        "quote_heading": "引语 · {section}",
        "quote_previous": "上一句：",
        "quote_next": "下一句：",
        "quote_other": "{language}：",
        "translation_outdated": "这一段正在重新翻译。",
    },
    "en": {
        "home": "Home",
        "search": "Search",
        "quote_count": "{n} quotes",
        "quote_count_one": "1 quote",
        "not_found": "404 - Page not found",
        "not_found_hint": "There is no page at this address. Search for a quote above, or ",
        "back_home": "go to the home page",
        "not_found_end": ".",
        "source_name": "Source document (Chinese): ",
        "permalink": "Link to this section",
        "read_online": "Read online: ",
        "interview": "The interview",
        "reference": "Reference",
        "sections": "Sections",
        "all_quotes": "All quotes",
        "all_quotes_intro": "Every quote in the interview, by section. Follow a quote to read it in context.",
        "in_context": "Read in context",
        "print": "Whole interview (one page)",
        "print_intro": "The whole interview on one page, for reading start to end or printing.",
        "about": "Jensen Huang (NVIDIA) on the No Priors podcast, section by section: "
        "searchable, with a link to every quote.",
        "translation_note": "This English edition is translated from a Chinese summary of the interview. "
        "Quotes are translated from that summary and are not the verbatim audio.",
        "translation_note_video": "For Jensen Huang’s exact words, [watch the video]({video}).",
        "home_description": "Jensen Huang on the No Priors podcast: reasoning models, robotics and "
        "the AI bubble narrative. Bilingual, searchable notes.",
        "modes": "Reading mode",
        "mode_single": "English only",
        "mode_side": "Side by side",
        "mode_interleaved": "Interleaved",
        "show_other": "Show the Chinese",
        "quote_heading": "Quote · {section}",
        "quote_previous": "Previous quote: ",
        "quote_next": "Next quote: ",
        "quote_other": "In {language}: ",
        "translation_outdated": "This passage is being re-translated.",
    },
}

#: What docs/assets/javascripts/quote-links.js shows and says, handed to it with each page.
SCRIPT_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "link": "链接到这句引语",
        "copy": "复制链接",
        "copied": "已复制链接",
        "share": "分享",
        "shared": "已复制引语和链接",
        "cite": "引用",
        "cited": "已复制引用格式",
        "refused": "浏览器不允许使用剪贴板，未能复制。请手动复制下面已选中的文字：",
        "noAddress": "这份网站副本没有配置公开网址，无法生成链接",
    },
    "en": {
        "link": "Link to this quote",
        "copy": "Copy link",
        "copied": "Link copied",
        "share": "Share",
        "shared": "Quote and link copied",
        "cite": "Cite",
        "cited": "Citation copied",
        "refused": "The browser did not allow the clipboard; nothing was copied. Copy the selected text below by hand:",
        "noAddress": "No public address is configured for this copy of the site, so there is no link to give",
    },
}
#: Names of the languages in each other, for "the same quote in …".
LANGUAGE_NAMES = {"zh": {"zh": "中文", "en": "英文"}, "en": {"zh": "Chinese", "en": "English"}}
#: Open Graph wants territory-qualified locales.
OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}
