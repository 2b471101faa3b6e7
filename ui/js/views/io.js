// Import / Export: bring a Drakor JSON file in (checked first, all or
// nothing), save the library or a part of it, and back the library up.
// Enter in a path field runs its action; an error goes once the path is
// typed in again.

import { api, dialogs } from "../api.js";
import { STATUS_LABELS, h, toast } from "../dom.js";
import { confirmAction } from "../forms/modal.js";

export async function renderIo(root) {
  const tags = await api.tags();
  root.append(h("div", { class: "toolbar" }, h("h1", {}, "Import / Export")), importPanel(), exportPanel(tags), backupPanel());
}

/** Enter in `input` runs `action`; typing in it takes away `result`'s error. */
function pathField(input, action, result) {
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      action();
    }
  });
  input.addEventListener("input", () => {
    input.removeAttribute("aria-invalid");
    if (result.dataset.state === "error") {
      result.replaceChildren();
      delete result.dataset.state;
    }
  });
}

/** What the importer reads, for its Format picker. */
const IMPORT_FORMATS = [
  ["auto", "Detect automatically"],
  ["drakor", "Drakor JSON"],
  ["trakt", "Trakt export (ZIP, folder or JSON)"],
  ["yamtrack", "Yamtrack CSV"],
  ["watcharr", "Watcharr JSON"],
];

function pathRow(input, choose) {
  return h(
    "div",
    { class: "path-row" },
    input,
    h(
      "button",
      {
        type: "button",
        class: "ghost",
        onclick: async () => {
          const path = await choose();
          if (path) input.value = path;
        },
      },
      "Choose…",
    ),
  );
}

function importPanel() {
  const path = h("input", { name: "import-path", placeholder: "/home/you/drakor-export.json", "aria-label": "File to import", spellcheck: "false" });
  const format = h("select", { name: "import-format", id: "import-format" }, IMPORT_FORMATS.map(([value, label]) => h("option", { value }, label)));
  const result = h("div", { class: "io-result", "aria-live": "polite", "data-import-result": "" });
  const buttons = [];
  let running = false;
  const run = async (dryRun) => {
    if (running) return;
    running = true;
    result.replaceChildren(h("p", { class: "muted" }, dryRun ? "Checking…" : "Importing…"));
    result.dataset.state = "busy";
    buttons.forEach((b) => (b.disabled = true));
    try {
      await attempt(dryRun);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
      running = false;
    }
  };
  const attempt = async (dryRun) => {
    result.replaceChildren();
    if (!path.value.trim()) {
      result.dataset.state = "error";
      result.append(h("p", { class: "error" }, "Choose a file to import first."));
      path.setAttribute("aria-invalid", "true");
      path.focus();
      return;
    }
    try {
      const summary = await api.importFile(path.value.trim(), dryRun, format.value);
      result.dataset.state = dryRun ? "checked" : "imported";
      result.append(h("p", { class: "ok" }, summaryLine(summary)));
      if (summary.format !== "drakor") {
        const skipped = summary.skipped.map((s) => `${s.count} ${s.what} (${s.why})`).join(", ");
        result.append(h("p", { class: "muted" }, `Read as ${FORMAT_LABELS[summary.format] ?? summary.format}${skipped ? `; skipped ${skipped}` : ""}.`));
      }
      if (summary.backup) result.append(h("p", { class: "muted small" }, `The library as it was before this import is saved in ${summary.backup}`));
      if (!dryRun) result.append(await tmdbOffer());
      if (!dryRun) toast("Import done");
    } catch (err) {
      result.dataset.state = "error";
      result.append(h("p", { class: "error" }, err.code === "import_refused" ? "The file was not imported; nothing was changed:" : err.message));
      if (err.code === "unknown_format") {
        format.setAttribute("aria-invalid", "true");
        format.focus();
      }
      if (err.problems?.length) {
        result.append(h("ul", { class: "problems" }, err.problems.map((p) => h("li", {}, h("code", {}, p.field || "file"), " ", p.message))));
      }
    }
  };
  pathField(path, () => run(false), result);
  format.addEventListener("change", () => {
    format.removeAttribute("aria-invalid");
    if (result.dataset.state === "error") result.replaceChildren();
  });
  return h(
    "section",
    { class: "panel" },
    h("h2", {}, "Import"),
    h(
      "p",
      { class: "muted" },
      "A Drakor JSON file from another machine or a backup, or your history from another tracker: a Trakt export (its ZIP or folder), a Yamtrack CSV or a Watcharr JSON. The whole file is checked first; it is imported only when every part of it is valid, and importing the same file twice changes nothing.",
    ),
    pathRow(path, () => dialogs.openImport()),
    h("label", { class: "inline io-format", for: "import-format" }, "Format", format),
    h(
      "div",
      { class: "actions" },
      (buttons[0] = h("button", { type: "button", class: "ghost", onclick: () => run(true), "data-check-import": "" }, "Check the file")),
      (buttons[1] = h("button", { type: "button", class: "primary", onclick: () => run(false), "data-import": "" }, "Import the file")),
    ),
    result,
  );
}

const FORMAT_LABELS = { trakt: "a Trakt export", yamtrack: "a Yamtrack CSV", watcharr: "a Watcharr export" };

const EXPORT_FORMATS = {
  json: { label: "Drakor JSON (imports again)", extension: "json", name: "Drakor library" },
  csv_scenes: { label: "CSV: one row per scene", extension: "csv", name: "CSV" },
  csv_watch_log: { label: "CSV: the watch log", extension: "csv", name: "CSV" },
  markdown: { label: "Markdown scene list, to share", extension: "md", name: "Markdown" },
};

/**
 * The format a file's name asks for: a `.md` file is Markdown, a `.json`
 * one Drakor JSON, a `.csv` one CSV (of scenes unless the watch log was
 * picked); any other name keeps the format `chosen`.
 */
export function formatForPath(path, chosen) {
  const extension = path.trim().match(/\.([a-z]+)$/i)?.[1].toLowerCase();
  if (extension === "md" || extension === "markdown") return "markdown";
  if (extension === "json") return "json";
  if (extension === "csv") return chosen.startsWith("csv") ? chosen : "csv_scenes";
  return chosen;
}

/** The file extension of an export format: "md" for Markdown. */
export function extensionFor(format) {
  return EXPORT_FORMATS[format]?.extension ?? "json";
}

/**
 * After an import, with a token: fetch episodes, posters and missing
 * details from TMDB for the dramas that have TMDB ids (never during the
 * import itself). Empty without a token.
 */
async function tmdbOffer() {
  const status = await api.tmdbStatus().catch(() => ({ token: null }));
  if (!status.token) return "";
  const line = h("p", { class: "muted small" });
  const button = h(
    "button",
    {
      type: "button",
      class: "ghost",
      onclick: async () => {
        button.disabled = true;
        line.textContent = "Asking TMDB…";
        try {
          const done = await api.refreshAllFromTmdb();
          const failed = done.failed.length ? ` ${done.failed.length} could not be updated: ${done.failed.join("; ")}.` : "";
          line.textContent = `${done.changed.length} dramas updated from TMDB, ${done.unchanged} already up to date.${failed}`;
        } catch (err) {
          line.textContent = err.message;
        } finally {
          button.disabled = false;
        }
      },
    },
    "Fetch details and posters from TMDB",
  );
  return h("div", { class: "tmdb-offer" }, button, line);
}

function summaryLine(s) {
  const verb = s.dry_run ? "Would add" : "Added";
  return `${verb} ${s.dramas_added} dramas (${s.dramas_updated} updated, ${s.dramas_unchanged} unchanged), ${s.episodes_added} episodes (${s.episodes_updated} updated), ${s.watch_events_added} watch events, ${s.scenes_added} scenes (${s.scenes_updated} updated).`;
}

function exportPanel(tags) {
  const path = h("input", { name: "export-path", placeholder: "/home/you/drakor-export.json", "aria-label": "File to write", spellcheck: "false" });
  const status = h("select", { "aria-label": "Only dramas with status", name: "export-status" }, h("option", { value: "" }, "Every status"), Object.entries(STATUS_LABELS).map(([v, t]) => h("option", { value: v }, t)));
  const tag = h("select", { "aria-label": "Only tag", name: "export-tag" }, h("option", { value: "" }, "Every tag"), tags.map((t) => h("option", { value: t.tag }, `#${t.tag}`)));
  const format = h(
    "select",
    { "aria-label": "File format", name: "export-format" },
    Object.entries(EXPORT_FORMATS).map(([value, f]) => h("option", { value }, f.label)),
  );
  // A path chosen for one export is not kept for another, so a filtered
  // export never lands silently on the file of a full one.
  for (const select of [format, status, tag]) select.addEventListener("change", () => (path.value = ""));
  // The native save dialog asks before replacing a file; a typed path is
  // asked about here, when the export finds the file already there.
  let chosenInDialog = null;
  const choose = async () => {
    const f = EXPORT_FORMATS[format.value];
    const base = tag.value ? `drakor-${tag.value}` : "drakor-library";
    chosenInDialog = await dialogs.saveExport(`${base}.${f.extension}`, f.extension, f.name);
    return chosenInDialog;
  };
  const result = h("div", { class: "io-result", "aria-live": "polite", "data-export-result": "" });
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await exportNow();
    } finally {
      running = false;
    }
  };
  const exportNow = async () => {
    result.replaceChildren();
    if (!path.value.trim()) {
      const chosen = await choose();
      if (!chosen) return;
      path.value = chosen;
    }
    try {
      const filter = { status: status.value || null, tag: tag.value || null, drama_id: null };
      const target = path.value.trim();
      // A file named kisses.md is written as Markdown, whatever was picked.
      format.value = formatForPath(target, format.value);
      let written;
      try {
        written = await api.exportFile(target, filter, format.value, target === chosenInDialog);
      } catch (err) {
        if (err.code !== "file_exists") throw err;
        const replace = await confirmAction(["A file named ", h("bdi", {}, target), " is already there. Replace it?"], { action: "Replace" });
        if (!replace) {
          result.dataset.state = "kept";
          result.append(h("p", { class: "muted" }, "Nothing was written; the file is as it was."));
          return;
        }
        written = await api.exportFile(target, filter, format.value, true);
      }
      result.dataset.state = "exported";
      result.append(h("p", { class: "ok" }, `Wrote ${written.dramas} dramas, ${written.episodes} episodes and ${written.scenes} scenes to ${written.path}`));
    } catch (err) {
      result.dataset.state = "error";
      result.append(h("p", { class: "error" }, err.message));
    }
  };
  pathField(path, run, result);
  return h(
    "section",
    { class: "panel" },
    h("h2", {}, "Export"),
    h("p", { class: "muted" }, "Drakor JSON is open, complete and imports again; CSV opens in any spreadsheet; the Markdown list is for sharing. Leave the filters empty for the whole library; pick a tag for a list such as all your kiss scenes."),
    h("div", { class: "filters" }, format, status, tag),
    pathRow(path, choose),
    h("div", { class: "actions" }, h("button", { type: "button", class: "primary", onclick: run, "data-export": "" }, "Export")),
    result,
  );
}

function backupPanel() {
  const result = h("div", { class: "io-result", "aria-live": "polite" });
  return h(
    "section",
    { class: "panel" },
    h("h2", {}, "Back up"),
    h("p", { class: "muted" }, "A complete copy of the library database, safe to take while Drakor is open. To restore, quit Drakor and put the copy in place of the library file shown at the bottom of the window."),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "ghost",
          onclick: async () => {
            result.replaceChildren();
            const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "").replace("T", "-");
            const path = await dialogs.saveBackup(`drakor-backup-${stamp}.sqlite3`);
            if (!path) return;
            try {
              await api.backup(path);
              result.append(h("p", { class: "ok" }, `Backed up to ${path}`));
            } catch (err) {
              result.append(h("p", { class: "error" }, err.message));
            }
          },
        },
        "Back up now…",
      ),
    ),
    result,
  );
}
