/* Two gaps in the theme's search, Material for MkDocs 9.8.1 (components/search/query and
   browser/keyboard); tests/test_search.py fails if an upgrade changes either.

   - The theme reads the search box on keyup (and on focus) only, so text pasted with the
     mouse, or committed by clicking an input method's candidate, is not searched until a
     key is pressed. Every `input` event is passed on as the keyup the theme listens for, on
     the box alone (it does not bubble: no other key handler sees it).
   - The theme's s and / shortcuts are off while a form field has focus (radio buttons
     excepted), and clicking a label gives its checkbox the focus: after "显示英文" / "Show
     the Chinese" (reading-modes.css) is clicked, s and / did nothing. A box the pointer
     focused gives the focus back; one reached with the keyboard keeps it and shows it. */
(function () {
  document.addEventListener("input", function (event) {
    if (event.target.matches(".md-search__input"))
      event.target.dispatchEvent(new KeyboardEvent("keyup"))
  })

  document.addEventListener("change", function (event) {
    var box = event.target
    if (box.matches(".alt-toggle") && !box.matches(":focus-visible")) box.blur()
  })
})()
