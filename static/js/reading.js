/* Reading tools: the reader's text size (remembered), copying the article's link, printing.
   Loaded in <head> so the chosen size applies before the page is drawn; every page works without it. */
(function () {
  "use strict";
  var KEY = "lddsite:text-size";
  var SIZES = ["", "lon", "rat-lon"];
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }
  function apply(size) {
    if (SIZES.indexOf(size) < 0) { size = ""; }
    if (size) { root.setAttribute("data-text-size", size); } else { root.removeAttribute("data-text-size"); }
    document.querySelectorAll("[data-text-size-control] [data-size]").forEach(function (link) {
      if (link.getAttribute("data-size") === size) { link.setAttribute("aria-current", "true"); }
      else { link.removeAttribute("aria-current"); }
    });
  }
  apply(stored());

  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
    document.querySelectorAll("[data-text-size-control]").forEach(function (control) {
      control.hidden = false;
      control.addEventListener("click", function (event) {
        var link = event.target.closest("[data-size]");
        if (!link) { return; }
        event.preventDefault();
        var size = link.getAttribute("data-size");
        try { localStorage.setItem(KEY, size); } catch (e) { /* private mode: this page only */ }
        apply(size);
      });
    });

    document.querySelectorAll("[data-copy-link]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!navigator.clipboard) { return; } // the link itself still opens the address
        event.preventDefault();
        navigator.clipboard.writeText(link.href).then(function () {
          var status = link.parentNode.querySelector(".copy-status") || document.createElement("span");
          status.className = "copy-status";
          status.setAttribute("role", "status");
          status.textContent = " " + link.getAttribute("data-copied");
          link.parentNode.appendChild(status);
        });
      });
    });

    document.querySelectorAll("[data-print]").forEach(function (item) {
      item.hidden = false;
      item.querySelector("button").addEventListener("click", function () { window.print(); });
    });
  });
})();
