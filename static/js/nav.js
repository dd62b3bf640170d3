/* The main menu on phones: a button shows and hides the list. Without this script every link shows. */
(function () {
  "use strict";
  var nav = document.querySelector("[data-menu]");
  if (!nav) return;
  var button = nav.querySelector(".nav-toggle");
  nav.classList.add("nav-collapsible");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("nav-open", open);
  });
})();
