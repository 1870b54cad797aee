/* The theme requests "sitemap.xml" next to every <link rel="alternate"> to learn how to
   switch languages. Ours are per-page hreflang links (for search engines) whose folders
   hold no sitemap, and the language selector already links to the counterpart page, so
   those requests are answered here, without the network, as failed: the theme then
   leaves the selector's links alone instead of logging 404s. */
(function () {
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send

  function isAlternateSitemap(url) {
    var links = document.querySelectorAll('link[rel="alternate"][hreflang]')
    for (var i = 0; i < links.length; i++)
      if (new URL("sitemap.xml", links[i].href).href === url) return true
    return false
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.interviewNoSitemap = isAlternateSitemap(new URL(url, location.href).href)
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    if (!this.interviewNoSitemap) return send.apply(this, arguments)
    var request = this
    setTimeout(function () {
      request.dispatchEvent(new ProgressEvent("error"))
    })
  }
})()
