// Link statement spans in the article text with their entries in the side list: hovering either
// marks both. Works on data-st attributes only; never reads or writes article text as HTML.
(function () {
  "use strict";
  function keysOf(el) { return (el.getAttribute("data-st") || "").split(" ").filter(Boolean); }
  function mark(keys, on) {
    keys.forEach(function (k) {
      document.querySelectorAll(".hl[data-st]").forEach(function (el) {
        if (keysOf(el).indexOf(k) >= 0) { el.classList.toggle("active", on); }
      });
      var item = document.getElementById("list-s" + k);
      if (item) { item.classList.toggle("active", on); }
    });
  }
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-st]");
    if (el) { mark(keysOf(el), true); }
  });
  document.addEventListener("mouseout", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-st]");
    if (el) { mark(keysOf(el), false); }
  });
})();
