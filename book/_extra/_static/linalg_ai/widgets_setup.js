// Lets the vendored widget manager run every widget from the book's own files.
// Loaded right after require.js (see nb_ipywidgets_js in _config.yml); it loads the widget manager; served
// through html_extra_path as _static/linalg_ai/widgets_setup.js, next to _static/vendor/.
(function () {
  "use strict";
  // Every URL is computed from this script's own URL, so any page depth and any sub-path works.
  var vendor = new URL("../vendor/", document.currentScript.src).href;

  // The widget manager first asks require.js for a widget module by name, and only falls back
  // to a CDN if that fails: map the modules the book's widgets use to the local copies.
  // The bundle also defines @jupyter-widgets/base, controls, ... and each finds its fonts next to
  // the URL require.js gives its module name: map them all into the vendored folder too, or the
  // buttons' icon fonts are asked for relative to the page (404).
  window.require.config({
    paths: {
      anywidget: vendor + "anywidget/index",
      "@jupyter-widgets": vendor + "html-manager",
      "@jupyter-widgets/html-manager/dist": vendor + "html-manager",
    },
  });
  // Where webpack's embed bundle looks for its icon fonts.
  window.__jupyter_widgets_assets_path__ = vendor + "html-manager/";

  // @jupyter-widgets/base typesets widget labels with the MathJax 2 API (MathJax.Hub.Queue),
  // while Sphinx loads MathJax 3. The playgrounds render before the deferred MathJax script has
  // run, so the shim goes first on the config object (window.MathJax until MathJax 3 replaces it
  // and keeps it as MathJax.config) and then on the loaded MathJax 3 object. Labels queued before
  // MathJax is there are typeset with the rest of the page (typesetMaths below).
  var hub = {
    Queue: function () {
      var mj = window.MathJax;
      if (!mj || !mj.version || !mj.typesetPromise) return;
      Array.prototype.forEach.call(arguments, function (job) {
        if (!Array.isArray(job) || job[0] !== "Typeset") return;
        var ready = mj.startup && mj.startup.promise ? mj.startup.promise : Promise.resolve();
        ready.then(function () { return mj.typesetPromise([job[2]]); }).catch(function (err) {
          console.warn("MathJax could not typeset a widget label", err);
        });
      });
    },
  };
  function installHubShim() {
    var mj = window.MathJax;
    if (mj !== undefined && mj.Hub === undefined) mj.Hub = hub;
  }

  // The sliders' handles (role="slider") carry no accessible name: give each one the text of its
  // slider's description label, so screen readers announce e.g. "a₁, slider, -3".
  function nameSliderHandles(root) {
    root.querySelectorAll(".widget-slider").forEach(function (slider) {
      var label = slider.querySelector(".widget-label");
      var name = label ? label.textContent.trim() : "";
      if (!name) return;
      slider.querySelectorAll('[role="slider"]:not([aria-label])').forEach(function (handle) {
        handle.setAttribute("aria-label", name);
      });
    });
  }
  new MutationObserver(function () { nameSliderHandles(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("DOMContentLoaded", installHubShim);
  window.addEventListener("load", installHubShim);

  // One JavaScript thread draws both the maths and the playgrounds, and typesetting a chapter takes
  // MathJax a second or more on a slow machine: on playground pages it typesets right after the
  // playgrounds are drawn (or after 3 s at the latest). `linalgAiMathsTypeset` resolves when done.
  // This script runs before the deferred MathJax script, so MathJax still reads this setting.
  var mathjaxConfig = (window.MathJax = window.MathJax || {});
  mathjaxConfig.startup = Object.assign({}, mathjaxConfig.startup, { typeset: false });
  installHubShim();
  var mathsTypeset;
  window.linalgAiMathsTypeset = new Promise(function (resolve) { mathsTypeset = resolve; });
  // The playgrounds can be drawn before the deferred MathJax script has run; it has run by
  // DOMContentLoaded.
  var domLoaded = false;
  document.addEventListener("DOMContentLoaded", function () { domLoaded = true; });
  function typesetMaths() {
    var mj = window.MathJax;
    if (!(mj && mj.version) && !domLoaded) {
      document.addEventListener("DOMContentLoaded", typesetMaths);
      return;
    }
    if (!mj || !mj.startup || !mj.startup.promise) return mathsTypeset();
    mj.startup.promise
      .then(function () { return mj.typesetPromise(); })
      .catch(function (err) { console.warn("MathJax could not typeset the page", err); })
      .then(mathsTypeset);
  }
  function typesetAfterPlaygrounds() {
    var wanted = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length;
    var deadline = Date.now() + 3000;
    (function check() {
      var drawn = document.querySelectorAll("[data-playground][data-inputs]").length;
      if (drawn >= wanted || Date.now() > deadline) typesetMaths();
      else setTimeout(check, 25);
    })();
  }

  // Load the widget manager (3.6 MB) asynchronously through require.js instead of a blocking
  // <script>, and render as soon as the page is parsed (readyState "interactive"): neither at
  // "load" (which waits for every font and image) nor at DOMContentLoaded, which waits for the
  // deferred scripts (the theme's 1.5 MB of Font Awesome, MathJax) to run first.
  window.require(["@jupyter-widgets/html-manager/dist/libembed-amd"], function (embed) {
    var rendered = false;
    function render() {
      if (rendered || document.readyState === "loading") return;
      rendered = true;
      installHubShim();
      embed.renderWidgets();
      typesetAfterPlaygrounds();
    }
    document.addEventListener("readystatechange", render);
    render();
  });
})();
