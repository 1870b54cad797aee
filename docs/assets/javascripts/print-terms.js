/* A printed page has no tooltips: each glossary term (abbr, scripts/interview_site/render.py)
   prints its definition after it (extra.css), but inside a quotation that would put words in
   the speaker's mouth. A quote lists its terms and their definitions after its own text instead,
   in the quote's language; on screen the list is hidden. */
(function () {
  function list(quote) {
    if (quote.querySelector(":scope > .print-terms")) return
    var seen = {}
    var entries = []
    quote.querySelectorAll("abbr[title]").forEach(function (term) {
      var name = term.textContent.trim()
      if (seen[name]) return
      seen[name] = true
      entries.push([name, term.title])
    })
    if (!entries.length) return
    var zh = (quote.closest("[lang]").lang || "").slice(0, 2) === "zh"
    var terms = document.createElement("div")
    terms.className = "print-terms"
    terms.setAttribute("data-search-exclude", "")
    terms.textContent = entries
      .map(function (entry) { return entry[0] + (zh ? "：" : ": ") + entry[1] })
      .join(zh ? "；" : "; ")
    quote.appendChild(terms)
  }

  function listAll() {
    document.querySelectorAll(".md-content :is(.admonition.quote, .alt-quote)").forEach(list)
  }
  if (window.document$) window.document$.subscribe(listAll)
  else listAll()
})()
