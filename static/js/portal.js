/* Large-text (适老化) mode: a button toggles larger type and stronger contrast;
   the choice is kept in this browser only (localStorage), never sent to the server. */
(function () {
  "use strict";
  var KEY = "portal-large-text";
  var root = document.documentElement;
  function apply(on) {
    root.classList.toggle("large-text", on);
    var button = document.getElementById("large-text-toggle");
    if (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  var stored = false;
  try { stored = window.localStorage.getItem(KEY) === "1"; } catch (e) { stored = false; }
  apply(stored);
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("large-text-toggle");
    if (!button) { return; }
    button.hidden = false;
    apply(root.classList.contains("large-text"));
    button.addEventListener("click", function () {
      var on = !root.classList.contains("large-text");
      apply(on);
      try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
    });
  });
}());
