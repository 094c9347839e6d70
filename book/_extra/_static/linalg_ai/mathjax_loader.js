// Loads the vendored MathJax (Sphinx's `mathjax_path` points here; see _config.yml).
// On a page with playgrounds, MathJax waits until they are drawn: on a slow machine its start-up
// and typesetting take the one JavaScript thread for a second or more, and a reader wants the
// sliders first. Other pages load it at once. `window.linalgAiMathsTypeset` resolves when the
// page's maths is typeset (or MathJax failed to load: that is logged as an error).
(function () {
  "use strict";
  var src = new URL("../vendor/mathjax/es5/tex-mml-chtml.js", document.currentScript.src).href;
  var typeset;
  window.linalgAiMathsTypeset = new Promise(function (resolve) { typeset = resolve; });

  function loadMathJax() {
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      // With startup.typeset left at its default, the promise resolves after the first typeset.
      window.MathJax.startup.promise
        .catch(function (err) { console.warn("MathJax could not typeset the page", err); })
        .then(typeset);
    };
    script.onerror = function () {
      console.error("MathJax could not be loaded from " + src);
      typeset();
    };
    document.head.appendChild(script);
  }

  var views = 'script[type="application/vnd.jupyter.widget-view+json"]';
  var drawn = "[data-playground][data-inputs]"; // set by each playground once it has drawn
  var wanted = document.querySelectorAll(views).length;
  if (wanted === 0) return loadMathJax();
  var deadline = Date.now() + 3000; // if a playground never draws, the maths still comes
  (function waitForPlaygrounds() {
    if (document.querySelectorAll(drawn).length >= wanted || Date.now() > deadline) loadMathJax();
    else setTimeout(waitForPlaygrounds, 25);
  })();
})();
