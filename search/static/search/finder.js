// Progressive enhancement for the best-practice finder: apply a filter or sort order as soon as it
// changes. Without this file the "Filters toepassen" button does the same.
(function () {
  "use strict";
  var form = document.querySelector("form.kp-finder");
  if (!form) { return; }
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox" || target.name === "sort") {
      var page = form.querySelector("input[name=page]");
      if (page) { page.remove(); }
      form.submit();
    }
  });
})();
