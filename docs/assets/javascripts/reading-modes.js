/* Reading modes (docs/assets/stylesheets/reading-modes.css): the radio buttons work by CSS
   alone; this remembers the reader's choice across pages and visits (localStorage), opens a
   page in the mode its address asks for (?mode=side, ?mode=interleaved, ?mode=single; a query,
   so #fragments stay quote and heading anchors) and keeps the address in step with the
   choice, so it can be shared. Then it brings the #fragment into view in the new layout, be it
   an element's id or a block pair's (data-pair, as the language switch writes). */
(function () {
  var KEY = "interview.reading-mode"

  function remembered() {
    try {
      return localStorage.getItem(KEY)
    } catch (error) {
      return null // storage disabled: the mode still works, for this page
    }
  }

  function remember(mode) {
    try {
      localStorage.setItem(KEY, mode)
    } catch (error) {}
  }

  function showInAddress(mode) {
    var url = new URL(location.href)
    if (mode === "single") url.searchParams.delete("mode")
    else url.searchParams.set("mode", mode)
    history.replaceState(history.state, "", url.href)
  }

  function revealFragment() {
    var id = decodeURIComponent(location.hash.slice(1))
    if (!id) return
    var target =
      document.getElementById(id) ||
      document.querySelector('[data-pair="' + CSS.escape(id) + '"]:not(.alt)')
    if (target) target.scrollIntoView()
  }

  function setUp() {
    var radios = document.querySelectorAll('.reading-modes input[name="reading-mode"]')
    // Only the modes the page offers count: a mistyped ?mode=Side or an old stored value is
    // ignored, so it never replaces the reader's remembered choice.
    var known = Array.prototype.map.call(radios, function (radio) { return radio.value })
    var valid = function (mode) { return known.indexOf(mode) >= 0 ? mode : null }
    var asked = valid(new URLSearchParams(location.search).get("mode"))
    var mode = asked || valid(remembered())
    radios.forEach(function (radio) {
      if (radio.value === mode) radio.checked = true
      radio.addEventListener("change", function () {
        remember(radio.value)
        showInAddress(radio.value)
      })
    })
    if (asked) remember(asked)
    revealFragment()
  }

  if (window.document$) window.document$.subscribe(setUp)
  else setUp()
})()
