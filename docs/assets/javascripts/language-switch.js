/* The language selector links to the same page in the other language; carry the
   #fragment along, so a reader at a quote lands on the same quote.

   The theme also watches these clicks: it looks the page up in a sitemap beside each
   alternate link and, when the lookup fails (ours are per-page links, with no sitemap
   beside them), sends the reader to the alternate URL without its trailing slash — a 404
   on hosts that don't redirect. The selector's own links are already right, so the click
   is kept from the theme and the browser simply follows the link. */
(function () {
  var selector = ".md-select__link[hreflang]"

  function sync() {
    var links = document.querySelectorAll(selector)
    for (var i = 0; i < links.length; i++)
      links[i].href = links[i].href.split("#")[0] + location.hash
  }

  window.addEventListener("hashchange", sync)
  document.addEventListener("click", function (event) {
    if (!(event.target.closest && event.target.closest(selector))) return
    sync()
    event.stopPropagation()
  }, true)
  sync()
})()
