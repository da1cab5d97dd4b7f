// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Focus the error summary after a failed submit so screen readers announce it. Again after "load": scrolling to
  // the form's #fragment can take the focus away in some browsers.
  var summary = document.getElementById("form-errors");
  if (summary) {
    summary.focus();
    window.addEventListener("load", function () {
      if (document.activeElement === document.body || !document.activeElement) {
        summary.focus();
      }
    });
  }

  // Disclosures marked data-open-wide (the finder's filters) stand open on wide screens; on a phone, and without
  // this file, they are a closed <details> above the results. A window that crosses the width (a tablet turned, a
  // window resized) gets what a fresh load at its new width gets.
  var wide = window.matchMedia && window.matchMedia("(min-width: 48rem)");
  if (wide) {
    var followWidth = function () {
      document.querySelectorAll("details[data-open-wide]").forEach(function (details) { details.open = wide.matches; });
    };
    if (wide.matches) { followWidth(); }
    if (wide.addEventListener) { wide.addEventListener("change", followWidth); }
  }

  // Search suggestions as you type (/zoeken/suggesties/?q=).
  var input = document.getElementById("site-search");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("ul");
  list.className = "kp-suggestions";
  list.id = "site-search-suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.parentNode.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  var timer = null;
  var active = -1;

  function close() { list.hidden = true; list.innerHTML = ""; active = -1; input.setAttribute("aria-expanded", "false"); }
  function select(index) {
    var items = list.querySelectorAll("li");
    items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (items[index]) { input.setAttribute("aria-activedescendant", items[index].id); }
  }
  function show(suggestions) {
    list.innerHTML = "";
    suggestions.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      li.textContent = s.label;
      li.addEventListener("mousedown", function (e) {
        e.preventDefault();
        if (s.url) { window.location.href = s.url; } else { input.value = s.label; input.form.submit(); }
      });
      list.appendChild(li);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    timer = setTimeout(function () {
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { show(data.suggestions || []); })
        .catch(close);
    }, 200);
  });
  input.addEventListener("keydown", function (e) {
    var count = list.querySelectorAll("li").length;
    if (e.key === "ArrowDown" && count) { e.preventDefault(); select((active + 1) % count); }
    else if (e.key === "ArrowUp" && count) { e.preventDefault(); select((active - 1 + count) % count); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      list.querySelectorAll("li")[active].dispatchEvent(new MouseEvent("mousedown"));
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
