/* Every quote callout gets a permalink (#) and three buttons:
   - Copy link: the quote's public address where it stands (never the address bar's, which may
     be a file:// path or carry the search's ?h= highlight);
   - Share: the Web Share API where the browser has it, else copies the quote with its source;
   - Cite: copies a citation (Chicago in English, GB/T 7714 in Chinese).
   The public addresses, where a quote's own page is, the episode facts and the wording come
   from the page (#quote-share, written by overrides/main.html from
   scripts/interview_site/quote_pages.py share_facts). */
(function () {
  var lang = document.documentElement.lang.slice(0, 2) === "zh" ? "zh" : "en"

  function facts() {
    var data = document.getElementById("quote-share")
    return data ? JSON.parse(data.textContent) : { root: "", page: "", labels: {} }
  }

  /* Resolves once copied; rejects when the browser refuses. */
  function copy(value) {
    if (navigator.clipboard && window.isSecureContext)
      return navigator.clipboard.writeText(value)
    var area = document.createElement("textarea")
    area.value = value
    document.body.appendChild(area)
    area.select()
    var done = false
    try { done = document.execCommand("copy") } catch (error) { done = false }
    area.remove()
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"))
  }

  /* Every quote has a page of its own, showing its own words: a key quote too, though it
     repeats one in its section (scripts/interview_site/quote_pages.py, page_quotes). */
  function quotePage(site, quote) {
    return site.root + site.quotePage.replace("{id}", quote.id)
  }

  function permalink(site, quote) {
    // On the quote's own page, the page is the quote's address.
    return site.page === quotePage(site, quote) ? site.page : site.page + "#" + quote.id
  }

  function words(quote) {
    var body = quote.querySelector(".admonition-title ~ p:not(:has(.quote-context))")
    return body ? body.textContent.trim() : ""
  }

  function speaker(quote) {
    var title = quote.querySelector(".admonition-title")
    return title && title.firstChild ? title.firstChild.textContent.trim() : ""
  }

  /* “quote” — speaker, show, date[, link], in the page's language. */
  function shareText(site, quote, withoutLink) {
    var parts = [speaker(quote), site.show, site.date, withoutLink ? "" : quotePage(site, quote)]
    if (lang === "zh") return words(quote) + "——" + parts.filter(Boolean).join("，")
    return words(quote) + " — " + parts.filter(Boolean).join(", ")
  }

  /* The reader's own date (toISOString would give UTC's: the day before, in Shanghai's morning). */
  function today() {
    var now = new Date()
    var two = function (n) { return (n < 10 ? "0" : "") + n }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate())
  }

  function citation(site, quote) {
    var url = quotePage(site, quote)
    var name = speaker(quote)
    if (lang === "zh")
      // GB/T 7714-2015, an online resource: author. title[EB/OL]. publisher, date[cited]. URL.
      return name + ". " + site.title + "[EB/OL]. " + site.show + ", " + site.isoDate + "[" + today() + "]. " + url + "."
    // Chicago, a podcast episode: the speaker as author, quotes inside the title made single.
    var parts = name.split(" ")
    var author = parts.length > 1 ? parts.pop() + ", " + parts.join(" ") : name
    var title = site.title.replace(/“/g, "‘").replace(/”/g, "’")
    return author + ". “" + title + ".” Interview by " + site.hosts + ". " + site.show + ", " + site.date +
      ". Video podcast. " + url + "."
  }

  function decorate(quote) {
    var title = quote.querySelector(".admonition-title")
    if (!title || title.querySelector(".quote-links")) return
    // The wording, in the page's language, from scripts/interview_site/labels.py.
    var text = facts().labels
    var tools = document.createElement("span")
    tools.className = "quote-links"
    tools.setAttribute("data-search-exclude", "")

    var anchor = document.createElement("a")
    anchor.className = "quote-permalink"
    anchor.href = "#" + quote.id
    anchor.title = text.link
    anchor.setAttribute("aria-label", text.link)
    anchor.textContent = "#"

    // Shown over the page below the buttons, so nothing moves when it appears.
    var status = document.createElement("span")
    status.className = "quote-status"
    status.setAttribute("role", "status")
    var timer = 0

    function say(message, button) {
      clearTimeout(timer)
      status.textContent = message
      tools.querySelectorAll("button").forEach(function (other) {
        other.classList.toggle("quote-button--done", other === button)
      })
      timer = setTimeout(function () {
        status.textContent = ""
        if (button) button.classList.remove("quote-button--done")
      }, 4000)
    }

    /* The clipboard refused: the text, selected in a small field, to copy by hand. It stays
       until the reader leaves the field. */
    function offer(value) {
      say(text.refused)
      clearTimeout(timer)
      var field = document.createElement("textarea")
      field.className = "quote-manual"
      field.readOnly = true
      field.value = value
      field.setAttribute("aria-label", text.refused)
      field.addEventListener("blur", function () { status.textContent = "" })
      status.appendChild(field)
      field.focus()
      field.select()
    }

    function button(kind, label, done, value, share) {
      var element = document.createElement("button")
      element.type = "button"
      element.className = "quote-button quote-" + kind
      element.textContent = label
      element.addEventListener("click", function () {
        var site = facts()
        if (!site.root) return say(text.noAddress)
        var given = value(site, quote, false)
        var copied = function () {
          return copy(given).then(function () { say(done, element) }, function () { offer(given) })
        }
        var shared = share ? share(site) : null
        if (!shared) return copied()
        shared.catch(function (error) {
          // Closing the share sheet is the reader's choice, not a failure.
          if (!(error && error.name === "AbortError")) return copied()
        })
      })
      return element
    }

    function webShare(site) {
      if (!navigator.share) return null
      return navigator.share({ title: document.title, text: shareText(site, quote, true), url: quotePage(site, quote) })
    }

    tools.append(
      anchor,
      button("copy", text.copy, text.copied, permalink),
      button("share", text.share, text.shared, shareText, webShare),
      button("cite", text.cite, text.cited, citation),
      status
    )
    title.appendChild(tools)
  }

  function decorateAll() {
    document.querySelectorAll(".admonition.quote[id]").forEach(decorate)
  }
  if (window.document$) window.document$.subscribe(decorateAll)
  else decorateAll()
})()
