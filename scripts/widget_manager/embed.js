// The book's widget manager: renders the widget state saved in a page, with no kernel.
//
// It does what @jupyter-widgets/html-manager's embed bundle does for the widgets the book uses
// (ipywidgets 8 base and controls, and anywidget through require.js), without what the book does
// not use (the Output widget and JupyterLab's rendermime, ipywidgets 7 models, JSON-schema
// validation of the state, CSS source maps). Executing that bundle took about half of the time
// before the first playground could draw. Adapted from html-manager's htmlmanager.ts and
// libembed.ts (BSD-3-Clause, Jupyter Development Team).
//
// Bundled by scripts/build_widget_manager.py into _static/vendor/widget-manager/; defines
// the AMD modules "@jupyter-widgets/base" (anywidget's front end needs it) and
// "linalg-ai/widget-manager" (what widgets_setup.js loads).
import * as base from "@jupyter-widgets/base";
import * as controls from "@jupyter-widgets/controls";
import { ManagerBase } from "@jupyter-widgets/base-manager";
import { MessageLoop } from "@lumino/messaging";
import { Widget } from "@lumino/widgets";

const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";
const BUILT_IN = { "@jupyter-widgets/base": base, "@jupyter-widgets/controls": controls };

// Any other widget module (anywidget) comes through require.js, mapped to the book's own copy.
function requireModule(name) {
  return new Promise((resolve, reject) => window.requirejs([name], resolve, reject));
}

class BookWidgetManager extends ManagerBase {
  constructor() {
    super();
    this.views = new Set();
    window.addEventListener("resize", () => {
      this.views.forEach((view) => MessageLoop.postMessage(view.luminoWidget, Widget.ResizeMessage.UnknownSize));
    });
  }

  async loadClass(className, moduleName, moduleVersion) {
    const module = BUILT_IN[moduleName] || (await requireModule(moduleName));
    if (!module[className]) throw new Error(`Class ${className} not found in module ${moduleName}@${moduleVersion}`);
    return module[className];
  }

  async display_view(view, el) {
    let shown;
    try {
      shown = await view;
    } catch (error) {
      const message = `Could not create a view for ${view}`;
      console.error(message, error);
      const ErrorModel = base.createErrorWidgetModel(error, message);
      shown = new base.ErrorWidgetView({ model: new ErrorModel() });
      shown.render();
    }
    Widget.attach(shown.luminoWidget, el);
    this.views.add(shown);
    shown.once("remove", () => this.views.delete(shown));
  }

  // A static page has no kernel: comms do nothing.
  _get_comm_info() {
    return Promise.resolve({});
  }

  _create_comm() {
    return Promise.resolve({ on_close() {}, on_msg() {}, close() {} });
  }
}

// Replace every widget-view <script> of the page whose model is in the saved state by the view.
async function renderState(state, root) {
  const manager = new BookWidgetManager();
  const models = await manager.set_state(state);
  const byId = new Map(models.map((model) => [model.model_id, model]));
  await Promise.all(Array.from(root.querySelectorAll(`script[type="${VIEW_TYPE}"]`), async (tag) => {
    const model = byId.get(JSON.parse(tag.textContent).model_id);
    if (model === undefined || tag.parentElement === null) return;
    const area = document.createElement("div");
    area.className = "widget-subarea";
    tag.parentElement.insertBefore(area, tag);
    await manager.display_view(manager.create_view(model), area);
  }));
}

export function renderWidgets(root = document.documentElement) {
  const states = Array.from(root.querySelectorAll(`script[type="${STATE_TYPE}"]`));
  return Promise.all(states.map((tag) => renderState(JSON.parse(tag.textContent), root)));
}

window.define("@jupyter-widgets/base", [], () => base);
window.define("linalg-ai/widget-manager", [], () => ({ renderWidgets }));
