/* The language selector (overrides/partials/alternate.html) links to the same page in the
   other language. As it is followed, its #fragment becomes the reader's place:
   - the address's own #fragment (a heading, a quote, a glossary term), while it is still on
     screen: the reader has not scrolled away from it, and its ids are the same in both
     languages (a target near the page's end never reaches the top, so the block at the top
     is not the one the reader came for);
   - else the block at the top of the window, by its id if it has one (a heading, a quote) or
     else by its pair id (data-pair, the same in both languages, see
     scripts/interview_site/align.py), which reading-modes.js scrolls to on arrival;
   - on a page without pairs (the home page, All quotes), the heading of the part being read
     (h2 ids are the same in both languages too).
   Nothing is stopped: the browser follows the link as usual. */
(function () {
  var selector = ".md-select__link[hreflang]"

  function headerBottom() {
    var header = document.querySelector(".md-header")
    return header ? header.getBoundingClientRect().bottom : 0
  }

  function fragmentOnScreen(top) {
    var id = decodeURIComponent(location.hash.slice(1))
    if (!id) return false
    var target =
      document.getElementById(id) ||
      document.querySelector('[data-pair="' + CSS.escape(id) + '"]:not(.alt)')
    if (!target) return false
    var box = target.getBoundingClientRect()
    return box.height > 0 && box.bottom > top && box.top < window.innerHeight
  }

  function place() {
    if (!location.hash && window.scrollY === 0) return "" // the top of the page
    var top = headerBottom()
    if (fragmentOnScreen(top)) return location.hash
    var blocks = document.querySelectorAll(".md-content [data-pair]:not(.alt)")
    for (var i = 0; i < blocks.length; i++) {
      var box = blocks[i].getBoundingClientRect()
      // The first block of which enough shows below the header: half of it, or 24px.
      if (box.height > 0 && box.bottom - top > Math.min(box.height / 2, 24))
        return "#" + (blocks[i].id || blocks[i].getAttribute("data-pair"))
    }
    // No pairs: the heading of the part at the top of the window, the last one scrolled to.
    var found = ""
    document.querySelectorAll(".md-content h2[id]").forEach(function (heading) {
      var box = heading.getBoundingClientRect()
      if (box.height > 0 && box.top - top < 24) found = "#" + heading.id
    })
    return found || location.hash
  }

  function follow(event) {
    var link = event.target.closest && event.target.closest(selector)
    if (link) link.href = link.href.split("#")[0] + place()
  }

  document.addEventListener("click", follow)
  document.addEventListener("auxclick", follow)
})()
