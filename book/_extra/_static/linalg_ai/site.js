// Marks every horizontal scroller (display maths, wide tables, code) with the side where it holds
// more than it shows: data-scroll-more="start", "end" or both; site.css fades that edge. An inline
// formula wider than its line gets data-wide, which makes it a scroller too (the theme cuts it
// off). A formula that scrolls also becomes a keyboard stop, so it can be scrolled without a
// pointer (pydata-sphinx-theme does the same for tables and code). Loaded on every page.
(function () {
  "use strict";
  var SCROLLERS = "div.math mjx-container, span.math[data-wide], .pst-scrollable-table-container, div.highlight pre";

  function markWideInlineMaths() {
    document.querySelectorAll("span.math").forEach(function (span) {
      var formula = span.querySelector("mjx-container");
      if (!formula) return;
      // The line's width is its block's: the span is capped at it (max-width: 100%).
      var block = span.closest("p, li, dd, dt, td, th, figcaption, h1, h2, h3, h4, h5, h6, div");
      var wide = block && formula.getBoundingClientRect().width > block.clientWidth + 1;
      if (wide) span.setAttribute("data-wide", "");
      else span.removeAttribute("data-wide");
    });
  }

  function mark(scroller) {
    var hidden = scroller.scrollWidth - scroller.clientWidth;
    var more = [];
    if (hidden > 1) {
      if (scroller.scrollLeft > 1) more.push("start");
      if (scroller.scrollLeft < hidden - 1) more.push("end");
    }
    if (more.length) scroller.setAttribute("data-scroll-more", more.join(" "));
    else scroller.removeAttribute("data-scroll-more");
    if (scroller.matches("mjx-container, span.math")) {
      if (hidden > 1) scroller.tabIndex = 0;
      else scroller.removeAttribute("tabindex");
    }
  }

  function markAll() {
    markWideInlineMaths();
    document.querySelectorAll(SCROLLERS).forEach(mark);
  }

  var pending = null;
  function markAllSoon() {
    clearTimeout(pending);
    pending = setTimeout(markAll, 100);
  }

  // scroll does not bubble: listen in the capture phase to hear every scroller.
  document.addEventListener("scroll", function (event) {
    var target = event.target;
    if (target instanceof Element && target.matches(SCROLLERS)) mark(target);
  }, true);
  window.addEventListener("resize", markAllSoon);
  document.addEventListener("DOMContentLoaded", function () {
    markAll();
    // MathJax and the playgrounds draw after the page has loaded: mark again when they change it.
    var main = document.getElementById("main-content") || document.body;
    new MutationObserver(markAllSoon).observe(main, { childList: true, subtree: true });
  });
})();
