/* The language selector (overrides/partials/alternate.html) links to the same page in the
   other language. As it is followed, its #fragment becomes the reader's place: the block at
   the top of the window, by its id if it has one (a heading, a quote) or else by its pair id
   (data-pair, the same in both languages, see scripts/interview_site/align.py), which reading-modes.js
   scrolls to on arrival. Nothing is stopped: the browser follows the link as usual. */
(function () {
  var selector = ".md-select__link[hreflang]"

  function place() {
    if (!location.hash && window.scrollY === 0) return "" // the top of the page
    var header = document.querySelector(".md-header")
    var top = header ? header.getBoundingClientRect().bottom : 0
    var blocks = document.querySelectorAll(".md-content [data-pair]:not(.alt)")
    for (var i = 0; i < blocks.length; i++) {
      var box = blocks[i].getBoundingClientRect()
      // The first block of which enough shows below the header: half of it, or 24px.
      if (box.height > 0 && box.bottom - top > Math.min(box.height / 2, 24))
        return "#" + (blocks[i].id || blocks[i].getAttribute("data-pair"))
    }
    return location.hash // a page without pairs: the home page, the quotes index
  }

  function follow(event) {
    var link = event.target.closest && event.target.closest(selector)
    if (link) link.href = link.href.split("#")[0] + place()
  }

  document.addEventListener("click", follow)
  document.addEventListener("auxclick", follow)
})()
