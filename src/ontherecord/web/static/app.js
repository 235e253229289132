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

// "Copy with attribution": the statement, who said it, where and when, and the link, as plain text.
(function () {
  "use strict";
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "sr-only";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  function done(button, ok) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = ok ? "Copied" : "Select and copy the text instead";
    button.classList.toggle("done", ok);
    setTimeout(function () { button.textContent = label; button.classList.remove("done"); }, 2000);
  }
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("button.copy[data-cite]");
    if (!button) { return; }
    var text = button.getAttribute("data-cite");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(button, true); },
        function () { done(button, fallbackCopy(text)); });
    } else {
      done(button, fallbackCopy(text));
    }
  });
})();
