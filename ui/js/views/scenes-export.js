// "Export this list" on the Scenes screen: the scenes the screen lists (its
// tag, drama and "★ only"), as Drakor JSON, CSV or Markdown. The format is
// picked, or follows the file's extension: a file named kisses.md gets
// Markdown whatever the picker said, and picking another format changes
// the extension of the name typed.

import { api, dialogs } from "../api.js";
import { h, toast } from "../dom.js";
import { confirmAction } from "../forms/modal.js";
import { extensionFor, formatForPath } from "./io.js";

const FORMATS = [
  ["json", "Drakor JSON (imports again)"],
  ["csv_scenes", "CSV: one row per scene"],
  ["markdown", "Markdown list, to share"],
];

/**
 * The export panel for `filter` (the Scenes screen's), hidden until its
 * button opens it. `name` is the file name offered ("drakor-kiss-scenes").
 */
export function sceneExportPanel(filter, name) {
  const format = h(
    "select",
    { name: "export-format", "aria-label": "File format" },
    FORMATS.map(([value, label]) => h("option", { value }, label)),
  );
  const path = h("input", { name: "export-path", autocomplete: "off", spellcheck: "false", "aria-label": "File to write" });
  const status = h("p", { class: "muted small", role: "status" });
  const offer = () => (path.placeholder = `/home/you/${name}.${extensionFor(format.value)}`);
  path.addEventListener("input", () => {
    format.value = formatForPath(path.value, format.value);
    offer();
  });
  format.addEventListener("change", () => {
    offer();
    const typed = path.value.trim();
    const known = typed.match(/\.(json|csv|md|markdown)$/i);
    if (known) path.value = `${typed.slice(0, known.index)}.${extensionFor(format.value)}`;
  });
  // Exactly the scenes listed: a drama with the tag itself does not go whole.
  const exportFilter = { tag: filter.tag, drama_id: filter.drama_id, status: null, favourites: filter.favourites_only, scene_tag_only: true };
  const write = async (replace = false) => {
    const target = path.value.trim();
    if (!target) return choose();
    const as = formatForPath(target, format.value);
    format.value = as;
    status.dataset.state = "busy";
    try {
      const done = await api.exportFile(target, exportFilter, as, replace);
      status.dataset.state = "exported";
      status.textContent = `Wrote ${done.scenes} ${done.scenes === 1 ? "scene" : "scenes"} from ${done.dramas} ${done.dramas === 1 ? "drama" : "dramas"} to ${done.path}`;
      toast("Exported this list");
    } catch (err) {
      if (err.code === "file_exists" && !replace) {
        const yes = await confirmAction(["A file named ", h("bdi", {}, target), " is already there. Replace it?"], { action: "Replace" });
        if (yes) return write(true);
        status.dataset.state = "kept";
        status.textContent = "Nothing was written; the file is as it was.";
        return;
      }
      status.dataset.state = "error";
      status.textContent = err.message;
    }
  };
  const choose = async () => {
    const extension = extensionFor(format.value);
    const chosen = await dialogs.saveExport(`${name}.${extension}`, extension, FORMATS.find(([v]) => v === format.value)[1]);
    if (!chosen) return;
    path.value = chosen;
    write(true); // the native dialog already asked about replacing
  };
  path.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      write();
    }
  });
  offer();
  return h(
    "section",
    { class: "panel scene-export", hidden: true },
    h("h2", {}, "Export this list"),
    h(
      "p",
      { class: "muted small" },
      "The scenes listed here, with their dramas and the episodes they are in. The format follows the file's extension (.json, .csv, .md), else the one picked.",
    ),
    h(
      "div",
      { class: "row" },
      format,
      path,
      h("button", { type: "button", class: "ghost", onclick: choose }, "Choose…"),
      h("button", { type: "button", class: "primary", dataset: { action: "export" }, onclick: () => write() }, "Export"),
    ),
    status,
  );
}
