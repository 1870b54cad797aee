/* The theme requests "sitemap.xml" next to every <link rel="alternate"> to learn how to
   switch languages. Ours are per-page hreflang links (for search engines) whose folders
   hold no sitemap, so those requests are answered here, without the network, as failed,
   instead of being logged as 404s on every page. (The theme's own handling of selector
   clicks is bypassed by language-switch.js, whose links already point at the counterpart.) */
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
