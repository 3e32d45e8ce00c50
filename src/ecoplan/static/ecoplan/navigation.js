// The header menu and folded sections, for every page (loaded by base.html; the CSP allows no
// inline script).  Without this file the pages still work: the menu is a <details> element.
(function () {
  "use strict";

  // A link to something inside a folded section (#measure-12 on a plan page) opens the section.
  function unfoldTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    target.scrollIntoView();
  }

  // Browsers without ::details-content cannot show a closed <details>' body: open the menu on a
  // desktop, and the account lines inside the phone menu, as the stylesheet does elsewhere.
  function oldBrowsers() {
    if (window.CSS && CSS.supports && CSS.supports("selector(::details-content)")) return;
    var wide = window.matchMedia("(min-width: 961px)").matches;
    var menu = document.getElementById("menu");
    var account = document.getElementById("account");
    if (menu && wide) menu.open = true;
    if (account && !wide) account.open = true;
  }

  // Escape or a click elsewhere closes the open menu and the account drop-down.
  function closeOpen(except) {
    var wide = window.matchMedia("(min-width: 961px)").matches;
    document.querySelectorAll("header.site details[open]").forEach(function (d) {
      // on a desktop the menu is the header itself; on a phone the account lines are in the menu
      if (d.contains(except) || (d.id === "menu" && wide) || (d.id === "account" && !wide)) return;
      d.open = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    oldBrowsers();
    unfoldTarget();
  });
  window.addEventListener("hashchange", unfoldTarget);
  document.addEventListener("click", function (e) { closeOpen(e.target); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") closeOpen(null);
  });
})();
