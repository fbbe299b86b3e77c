// Small behaviours hooked on data-* attributes (no build step). Delegated from document so
// they also work on fragments swapped in by htmx.
(function () {
  "use strict";

  // <select data-auto-submit>: submit the form as soon as a choice is made.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-auto-submit]") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });

  // <form data-confirm="Really?">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // <button data-print>: print the page (the print stylesheet hides the menus).
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });

  // <button data-remove-closest=".card">: remove that ancestor (cancel an inline form).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-remove-closest]");
    if (button) {
      var target = button.closest(button.getAttribute("data-remove-closest"));
      if (target) { target.remove(); }
    }
  });

  // Elements with [data-js-hide] are only for browsers without JavaScript (e.g. the
  // "Go" button beside an auto-submitting select).
  function hideNoJs(root) {
    root.querySelectorAll("[data-js-hide]").forEach(function (el) { el.hidden = true; });
  }
  document.addEventListener("DOMContentLoaded", function () { hideNoJs(document); });
  document.addEventListener("htmx:load", function (event) { hideNoJs(event.target); });

  // Open the tab named in the URL fragment (#positions) and keep the fragment in sync.
  function showTabOfHash() {
    var hash = window.location.hash;
    if (!window.bootstrap || !/^#[A-Za-z][\w-]*$/.test(hash)) { return; }
    var trigger = document.querySelector('[data-bs-toggle="tab"][data-bs-target="' + hash + '"]');
    if (trigger) { window.bootstrap.Tab.getOrCreateInstance(trigger).show(); }
  }
  window.addEventListener("hashchange", showTabOfHash);
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.bootstrap) { return; }
    showTabOfHash();
    document.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (el) {
      el.addEventListener("shown.bs.tab", function () {
        history.replaceState(null, "", el.getAttribute("data-bs-target"));
      });
    });
  });
})();
