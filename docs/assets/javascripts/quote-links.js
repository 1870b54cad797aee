/* Every quote callout gets a permalink and a "copy link" button for its absolute URL. */
(function () {
  var labels = {
    zh: { link: "链接到这句引语", copy: "复制链接", copied: "已复制链接" },
    en: { link: "Link to this quote", copy: "Copy link", copied: "Link copied" }
  }
  var lang = document.documentElement.lang.slice(0, 2)
  var text = labels[lang] || labels.en

  function quoteUrl(id) {
    return location.href.split("#")[0] + "#" + id
  }

  function copy(value) {
    if (navigator.clipboard && window.isSecureContext)
      return navigator.clipboard.writeText(value)
    var area = document.createElement("textarea")
    area.value = value
    document.body.appendChild(area)
    area.select()
    document.execCommand("copy")
    area.remove()
    return Promise.resolve()
  }

  function decorate(quote) {
    var title = quote.querySelector(".admonition-title")
    if (!title || title.querySelector(".quote-links")) return
    var tools = document.createElement("span")
    tools.className = "quote-links"
    tools.setAttribute("data-search-exclude", "")

    var permalink = document.createElement("a")
    permalink.className = "quote-permalink"
    permalink.href = "#" + quote.id
    permalink.title = text.link
    permalink.setAttribute("aria-label", text.link)
    permalink.textContent = "#"

    var button = document.createElement("button")
    button.type = "button"
    button.className = "quote-copy"
    button.textContent = text.copy
    button.setAttribute("aria-label", text.copy)
    var status = document.createElement("span")
    status.className = "quote-copy-status"
    status.setAttribute("role", "status")
    button.addEventListener("click", function () {
      copy(quoteUrl(quote.id)).then(function () {
        status.textContent = text.copied
        button.classList.add("quote-copy--done")
        setTimeout(function () {
          status.textContent = ""
          button.classList.remove("quote-copy--done")
        }, 2000)
      })
    })
    tools.append(permalink, button, status)
    title.appendChild(tools)
  }

  function decorateAll() {
    document.querySelectorAll(".admonition.quote[id]").forEach(decorate)
  }
  if (window.document$) window.document$.subscribe(decorateAll)
  else decorateAll()
})()
