// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Ask before destructive actions: <form class="confirm" data-confirm="Question?">
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList && form.classList.contains("confirm")) {
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
      }
    }
  });

  // Show only the section for the chosen option: <select data-reveal="name">
  // reveals elements with data-reveal-for="name" and data-reveal-value matching the choice.
  function applyReveal(control) {
    var group = control.getAttribute("data-reveal");
    var value = control.type === "radio"
      ? (document.querySelector('input[data-reveal="' + group + '"]:checked') || {}).value
      : control.value;
    document.querySelectorAll('[data-reveal-for="' + group + '"]').forEach(function (section) {
      var values = section.getAttribute("data-reveal-value").split(" ");
      section.hidden = values.indexOf(value) === -1;
    });
  }
  document.querySelectorAll("[data-reveal]").forEach(function (control) {
    control.addEventListener("change", function () { applyReveal(control); });
    if (control.type !== "radio" || control.checked) { applyReveal(control); }
  });

  // Repeating rows: a <template data-row-template="name"> and a button data-add-row="name"
  // append a copy with __index__ replaced; buttons data-remove-row remove their row.
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-add-row");
      var template = document.querySelector('template[data-row-template="' + name + '"]');
      var container = document.querySelector('[data-rows="' + name + '"]');
      if (!template || !container) { return; }
      var index = container.querySelectorAll("[data-row]").length;
      var html = template.innerHTML.replace(/__index__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      container.appendChild(row);
      var first = row.querySelector("input, select, textarea");
      if (first) { first.focus(); }
    });
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-remove-row]") : null;
    if (!button) { return; }
    var row = button.closest("[data-row]");
    if (row) {
      event.preventDefault();
      row.remove();
    }
  });

  // "Select all on this page": <input type="checkbox" data-select-all="name" hidden> ticks
  // or clears every checkbox named name in the same form.
  document.querySelectorAll("[data-select-all]").forEach(function (box) {
    var wrapper = box.closest("[data-select-all-wrapper]") || box;
    wrapper.hidden = false;
    box.hidden = false;
    box.addEventListener("change", function () {
      var name = box.getAttribute("data-select-all");
      box.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(
        function (other) { other.checked = box.checked; }
      );
    });
  });
})();
