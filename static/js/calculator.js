// Wage calculator: after a period row is removed, renumber the rows that remain so the
// next added row (numbered by casework.js from the row count) never repeats a name.
(function () {
  "use strict";

  function renumber(container) {
    var rows = container.querySelectorAll("[data-row]");
    rows.forEach(function (row, index) {
      row.querySelectorAll("[name^='periods-'], [id^='periods-'], [for^='periods-'], [aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) {
            el.setAttribute(attr, value.replace(/periods-\d+-/g, "periods-" + index + "-"));
          }
        });
      });
      var remove = row.querySelector("[data-remove-row]");
      if (remove) { remove.value = String(index); }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-remove-row]") : null;
    if (!button) { return; }
    // casework.js removes the row in its own listener; renumber once it has.
    window.setTimeout(function () {
      document.querySelectorAll('[data-rows="periods"]').forEach(renumber);
    }, 0);
  });

  // Tipped work: show the tip questions of a period, and the notice question of the
  // claim, once any period is marked as tipped (the server shows them when saved so).
  function showTipQuestions() {
    var boxes = document.querySelectorAll("input[type=checkbox][name$='-tipped']");
    var any = false;
    boxes.forEach(function (box) {
      var row = box.closest("[data-row]");
      var details = row ? row.querySelector("[data-tip-details]") : null;
      if (details) { details.hidden = !box.checked; }
      if (box.checked) { any = true; }
    });
    document.querySelectorAll("[data-tip-notice]").forEach(function (el) { el.hidden = !any; });
  }

  document.addEventListener("change", function (event) {
    if (event.target.name && /-tipped$/.test(event.target.name)) { showTipQuestions(); }
  });
})();
