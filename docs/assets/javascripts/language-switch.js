/* The language selector links to the same page in the other language; carry the
   #fragment along, so a reader at a quote lands on the same quote. */
(function () {
  function sync() {
    var links = document.querySelectorAll(".md-select__link[hreflang]")
    for (var i = 0; i < links.length; i++)
      links[i].href = links[i].href.split("#")[0] + location.hash
  }
  window.addEventListener("hashchange", sync)
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".md-select__link[hreflang]")) sync()
  }, true)
  sync()
})()
