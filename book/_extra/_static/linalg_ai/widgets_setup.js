// Lets the book's widget manager (scripts/widget_manager/) run every widget from the book's own
// files. Loaded right after require.js (see nb_ipywidgets_js in _config.yml), only on pages with
// widgets; served through html_extra_path as _static/linalg_ai/widgets_setup.js, next to
// _static/vendor/.
(function () {
  "use strict";
  // Every URL is computed from this script's own URL, so any page depth and any sub-path works.
  var vendor = new URL("../vendor/", document.currentScript.src).href;

  // require.js finds the widget manager and anywidget's front end in the book. The manager's one
  // file also defines @jupyter-widgets/base, which anywidget needs: `bundles` says so, or
  // require.js would ask for a file of its own (404).
  window.require.config({
    paths: {
      anywidget: vendor + "anywidget/index",
      "linalg-ai/widget-manager": vendor + "widget-manager/widget-manager",
    },
    bundles: { "linalg-ai/widget-manager": ["@jupyter-widgets/base"] },
  });
  // The widgets' styles, asked for now so that they are there before the manager has loaded.
  var styles = document.createElement("link");
  styles.rel = "stylesheet";
  styles.href = vendor + "widget-manager/widget-manager.css";
  document.head.appendChild(styles);

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

  // Load the widget manager asynchronously through require.js instead of a blocking <script>,
  // together with anywidget's front end (which the manager would otherwise ask for only once it
  // runs), and render as soon as the page is parsed (readyState "interactive"): neither at "load"
  // (which waits for every font and image) nor at DOMContentLoaded, which waits for the deferred
  // scripts (the theme's 1.5 MB of Font Awesome) to run first.
  window.require(["linalg-ai/widget-manager", "anywidget"], function (manager) {
    var rendered = false;
    function render() {
      if (rendered || document.readyState === "loading") return;
      rendered = true;
      manager.renderWidgets().catch(function (err) {
        console.error("The widgets of this page could not be rendered", err);
      });
    }
    document.addEventListener("readystatechange", render);
    render();
  });
})();
