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
})();
