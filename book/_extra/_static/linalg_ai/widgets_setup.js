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
    // Which modules the widget manager's one file defines, so that a module that needs one of them
    // (anywidget needs base) waits for that file instead of asking for a file of its own (404).
    bundles: {
      "@jupyter-widgets/html-manager/dist/libembed-amd": [
        "@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/html-manager",
      ],
    },
  });
  // Where webpack's embed bundle looks for its icon fonts.
  window.__jupyter_widgets_assets_path__ = vendor + "html-manager/";

  // @jupyter-widgets/base typesets widget labels with the MathJax 2 API (MathJax.Hub.Queue),
  // while the book loads MathJax 3, and only after the playgrounds are drawn (mathjax_loader.js).
  // Until then window.MathJax is Sphinx's config object: the shim goes on it, and MathJax 3's
  // startup.ready hook puts it on the loaded MathJax object. Labels queued before MathJax is there
  // are typeset with the rest of the page.
  var hub = {
    Queue: function () {
      var mj = window.MathJax;
      if (!mj || !mj.version || !mj.typesetPromise) return;
      Array.prototype.forEach.call(arguments, function (job) {
        if (!Array.isArray(job) || job[0] !== "Typeset") return;
        mj.startup.promise.then(function () { return mj.typesetPromise([job[2]]); }).catch(function (err) {
          console.warn("MathJax could not typeset a widget label", err);
        });
      });
    },
  };
  var mathjaxConfig = (window.MathJax = window.MathJax || {});
  mathjaxConfig.Hub = hub;
  var startup = (mathjaxConfig.startup = mathjaxConfig.startup || {});
  var ready = startup.ready;
  startup.ready = function () {
    if (ready) ready(); else window.MathJax.startup.defaultReady();
    window.MathJax.Hub = hub;
  };

  // The theme's Font Awesome script watches every change to the page and re-scans the changed
  // part for icons to replace; drawing the playgrounds makes thousands of changes, which cost
  // 0.4 s of the page's one JavaScript thread. Its icons are in the HTML and are replaced once at
  // load; the widgets' own icons use the widget manager's icon font.
  window.FontAwesomeConfig = Object.assign({}, window.FontAwesomeConfig, { observeMutations: false });

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

  // Load the widget manager (3.6 MB) asynchronously through require.js instead of a blocking
  // <script>, together with anywidget's front end (which the manager would otherwise ask for only
  // once it runs), and render as soon as the page is parsed (readyState "interactive"): neither
  // at "load" (which waits for every font and image) nor at DOMContentLoaded, which waits for the
  // deferred scripts (the theme's 1.5 MB of Font Awesome) to run first.
  window.require(["@jupyter-widgets/html-manager/dist/libembed-amd", "anywidget"], function (embed) {
    var rendered = false;
    function render() {
      if (rendered || document.readyState === "loading") return;
      rendered = true;
      embed.renderWidgets();
    }
    document.addEventListener("readystatechange", render);
    render();
  });
})();
