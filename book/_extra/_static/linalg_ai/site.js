// Marks every horizontal scroller (display maths, wide tables, code) with the side where it holds
// more than it shows: data-scroll-more="start", "end" or both; site.css fades that edge. An inline
// formula wider than its line gets data-wide, which makes it a scroller too (the theme cuts it
// off). A formula that scrolls also becomes a keyboard stop, so it can be scrolled without a
// pointer (pydata-sphinx-theme does the same for tables and code). Loaded on every page.
// Each pass measures everything first and writes afterwards: one layout, not one per formula.
(function () {
  "use strict";
  var SCROLLERS = "div.math mjx-container, span.math[data-wide], .pst-scrollable-table-container, div.highlight pre";
  var BLOCKS = "p, li, dd, dt, td, th, figcaption, h1, h2, h3, h4, h5, h6, div";

  function setFlag(el, name, value) {
    if (value === null) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else if (el.getAttribute(name) !== value) {
      el.setAttribute(name, value);
    }
  }

  // An inline formula is wide when it is wider than its block: the theme caps it at that width.
  function markWideInlineMaths() {
    var spans = Array.prototype.slice.call(document.querySelectorAll("span.math"));
    var wide = spans.map(function (span) {
      var formula = span.querySelector("mjx-container");
      var block = span.closest(BLOCKS);
      return Boolean(formula && block && formula.getBoundingClientRect().width > block.clientWidth + 1);
    });
    spans.forEach(function (span, i) { setFlag(span, "data-wide", wide[i] ? "" : null); });
  }

  // {more: the sides to fade (more than a pixel hidden there), scrolls: whether it scrolls at all}.
  // A formula one pixel too wide scrolls by that pixel: it gets no fade, but it is a keyboard stop
  // like any region that scrolls (axe's scrollable-region-focusable).
  function overflow(scroller) {
    var hidden = scroller.scrollWidth - scroller.clientWidth;
    var more = [];
    if (hidden > 1) {
      if (scroller.scrollLeft > 1) more.push("start");
      if (scroller.scrollLeft < hidden - 1) more.push("end");
    }
    return { more: more, scrolls: hidden > 0 };
  }

  function apply(scroller, state) {
    setFlag(scroller, "data-scroll-more", state.more.length ? state.more.join(" ") : null);
    if (scroller.matches("mjx-container, span.math")) setFlag(scroller, "tabindex", state.scrolls ? "0" : null);
  }

  function markAll() {
    markWideInlineMaths();
    var scrollers = Array.prototype.slice.call(document.querySelectorAll(SCROLLERS));
    var states = scrollers.map(overflow);
    scrollers.forEach(function (scroller, i) { apply(scroller, states[i]); });
  }

  var pending = null;
  function markAllSoon() {
    clearTimeout(pending);
    pending = setTimeout(markAll, 100);
  }

  // scroll does not bubble: listen in the capture phase to hear every scroller.
  document.addEventListener("scroll", function (event) {
    var target = event.target;
    if (target instanceof Element && target.matches(SCROLLERS)) apply(target, overflow(target));
  }, true);
  window.addEventListener("resize", markAllSoon);
  document.addEventListener("DOMContentLoaded", function () {
    markAll();
    // MathJax and the playgrounds draw after the page has loaded: mark again when they change it.
    var main = document.getElementById("main-content") || document.body;
    new MutationObserver(markAllSoon).observe(main, { childList: true, subtree: true });
  });
})();
