/* The search box's share button copies a link to the search in the box.

   The theme (Material for MkDocs 9.x, components/search/share) stores the link for the
   clipboard before it updates it, so the copied link is one query behind: "robot" for
   "robots", and empty after a Chinese input method commits a whole word at once. Here the
   link is set from the box at the moment of the click; the theme's clipboard handler
   listens on the document, so it runs after this one and copies what is set here.
   tests/test_search.py fails if the theme's button or its clipboard attribute change. */
(function () {
  function share(button) {
    if (button.dataset.interviewShare) return
    button.dataset.interviewShare = "ready"
    button.addEventListener("click", function () {
      var input = document.querySelector(".md-search__input")
      var url = new URL(location.href)
      url.hash = ""
      url.search = new URLSearchParams({ q: input.value.trim() }).toString()
      button.setAttribute("data-clipboard-text", url.href)
    })
  }

  function setup() {
    document.querySelectorAll("[data-md-component=search-share]").forEach(share)
  }
  if (window.document$) window.document$.subscribe(setup)
  else setup()
})()
