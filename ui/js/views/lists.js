// Lists: "The best drakor kiss scenes", "Comfort rewatches". The index shows
// every list; a list's page shows its entries in order, reordered by drag
// and drop or by keyboard (Alt+↑/↓ on an entry), each change saved at once,
// and exports it as Markdown, CSV or a Drakor file.

import { api, dialogs } from "../api.js";
import { countOf, h, sceneWhere, setChildren, toast, toastError } from "../dom.js";
import { clearErrors, showErrors } from "../forms/errors.js";
import { confirmAction, confirmDelete } from "../forms/modal.js";
import { go, refresh } from "../router.js";
import { play, song } from "./scene-item.js";

export async function renderLists(root) {
  const lists = await api.lists();
  const name = h("input", { name: "name", autocomplete: "off", placeholder: "The best drakor kiss scenes", "aria-label": "Name of the new list" });
  const form = h(
    "form",
    { class: "new-list", novalidate: true },
    name,
    h("button", { type: "submit", class: "primary" }, "Make a list"),
    h("span", { class: "field-error", dataset: { field: "name" } }),
    h("p", { class: "form-error", dataset: { field: "" } }),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    try {
      const list = await api.createList({ name: name.value, description: "" });
      go("list", { id: list.id });
    } catch (err) {
      showErrors(form, err);
    }
  });
  root.append(h("div", { class: "toolbar" }, h("h1", {}, "Lists"), h("span", { class: "muted count" }, countOf(lists.length, "list"))), form);
  if (!lists.length) {
    root.append(h("p", { class: "empty-note" }, "No lists yet. Name one above, then add scenes and dramas to it with “Add to list…” on any scene or drama."));
    return;
  }
  root.append(
    h(
      "ul",
      { class: "lists" },
      lists.map((l) =>
        h(
          "li",
          {},
          h("a", { class: "card list-card", href: `#/list/${encodeURIComponent(l.id)}` }, h("h2", { class: "title" }, l.name), l.description ? h("p", { class: "muted" }, l.description) : null, h("p", { class: "muted small" }, countOf(l.entries, "entry", "entries"))),
        ),
      ),
    ),
  );
}

export async function renderList(root, params) {
  const list = await api.getList(params.id);
  root.append(head(list));
  if (list.dropped) {
    root.append(h("p", { class: "notice" }, `${countOf(list.dropped, "entry", "entries")} left this list when their scene or drama was deleted.`));
  }
  const items = h("ol", { class: "list-items", "aria-label": `${list.name}, in order` });
  root.append(h("section", { class: "panel" }, h("div", { class: "section-head" }, h("h2", { dataset: { count: "" } }, countOf(list.items.length, "entry", "entries")), h("span", { class: "muted small" }, "Drag to reorder, or Alt+↑/↓ on an entry")), items), exportPanel(list));
  draw(items, list);
}

function head(list) {
  return h(
    "section",
    { class: "drama-head" },
    h("div", { class: "drama-titles" }, h("h1", { class: "title" }, list.name), list.description ? h("p", { class: "notes" }, list.description) : null),
    h(
      "div",
      { class: "head-actions" },
      h("button", { type: "button", class: "ghost", dataset: { action: "rename" }, onclick: (event) => rename(event.currentTarget.closest(".drama-head"), list) }, "Rename"),
      h(
        "button",
        {
          type: "button",
          class: "ghost danger-text",
          onclick: async () => {
            if (!(await confirmDelete(["Delete the list “", h("bdi", {}, list.name), "”? The scenes and dramas in it stay in your library."]))) return;
            try {
              await api.deleteList(list.id);
              toast(`Deleted the list “${list.name}”`);
              go("lists");
            } catch (err) {
              toastError(err);
            }
          },
        },
        "Delete",
      ),
    ),
  );
}

/** Renaming in place: the title becomes a field; Enter saves, Esc cancels. */
function rename(headEl, list) {
  const titles = headEl.querySelector(".drama-titles");
  if (titles.querySelector("form")) return;
  const name = h("input", { name: "name", value: list.name, autocomplete: "off", "aria-label": "Name of the list" });
  const description = h("textarea", { name: "description", rows: "2", "aria-label": "Description", placeholder: "What the list is about" }, list.description);
  const form = h(
    "form",
    { class: "rename-list", novalidate: true },
    name,
    h("span", { class: "field-error", dataset: { field: "name" } }),
    description,
    h("span", { class: "field-error", dataset: { field: "description" } }),
    h("p", { class: "form-error", dataset: { field: "" } }),
    h("div", { class: "actions" }, h("button", { type: "button", class: "ghost", onclick: () => refresh() }, "Cancel"), h("button", { type: "submit", class: "primary" }, "Save")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api.updateList(list.id, { name: name.value, description: description.value });
      refresh();
    } catch (err) {
      showErrors(form, err);
    }
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      refresh();
    }
  });
  titles.replaceChildren(form);
  name.select();
}

/** The entries, in order; `list` is replaced by each answer. */
function draw(ol, list, focusAt = null) {
  setChildren(ol, ...list.items.map((item) => entry(ol, list, item)));
  const count = ol.closest(".panel")?.querySelector("[data-count]");
  if (count) count.textContent = countOf(list.items.length, "entry", "entries");
  if (focusAt) ol.querySelector(`li[data-position="${focusAt}"]`)?.focus();
}

function entry(ol, list, item) {
  const what = item.scene
    ? [h("strong", {}, item.scene.title), " · ", h("bdi", {}, item.drama_title), ` · ${sceneWhere(item.scene)}`]
    : [h("strong", {}, h("bdi", {}, item.drama_title)), h("span", { class: "muted" }, " (the drama)")];
  const li = h(
    "li",
    { tabindex: "0", draggable: "true", dataset: { position: item.position }, "aria-label": `${item.position}. ${item.scene ? item.scene.title : item.drama_title}` },
    h("span", { class: "drag-handle", "aria-hidden": "true", title: "Drag to move" }, "⠿"),
    h("span", { class: "entry-text" }, h("span", { class: "entry-what" }, what), item.scene?.ost ? song(item.scene.ost) : null, item.note ? h("span", { class: "muted entry-note" }, item.note) : null),
    h(
      "span",
      { class: "entry-actions" },
      item.scene ? h("button", { type: "button", class: "ghost small", onclick: () => play(item.scene) }, "▶ Play") : h("button", { type: "button", class: "ghost small", onclick: () => go("drama", { id: item.drama_id }) }, "Open"),
      h("button", { type: "button", class: "ghost small danger-text", title: "Take it out of this list", onclick: () => change(ol, list, () => api.dropFromList(list.id, item.position)) }, "Remove"),
    ),
  );
  const move = (to) => {
    if (to < 1 || to > list.items.length || to === item.position) return;
    change(ol, list, () => api.moveInList(list.id, item.position, to), to);
  };
  li.addEventListener("keydown", (event) => {
    if (!event.altKey || event.target !== li) return;
    if (event.key === "ArrowUp") move(item.position - 1);
    else if (event.key === "ArrowDown") move(item.position + 1);
    else return;
    event.preventDefault();
  });
  li.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData("text/plain", String(item.position));
    event.dataTransfer.effectAllowed = "move";
    li.classList.add("dragging");
  });
  li.addEventListener("dragend", () => li.classList.remove("dragging"));
  li.addEventListener("dragover", (event) => event.preventDefault());
  li.addEventListener("drop", (event) => {
    event.preventDefault();
    const from = Number(event.dataTransfer.getData("text/plain"));
    if (from && from !== item.position) change(ol, list, () => api.moveInList(list.id, from, item.position), item.position);
  });
  return li;
}

/**
 * Applies a change the backend answers with the list. One at a time per
 * list: a second click or key press while one is on its way is dropped
 * before it is sent, since it was aimed at positions about to move.
 */
const busy = new WeakSet();
async function change(ol, list, request, focusAt = null) {
  if (busy.has(ol)) return;
  busy.add(ol);
  try {
    const next = await request();
    Object.assign(list, next);
    draw(ol, list, focusAt);
  } catch (err) {
    toastError(err);
  } finally {
    busy.delete(ol);
  }
}

const FORMATS = { markdown: ["md", "Markdown"], csv: ["csv", "CSV"], json: ["json", "Drakor file"] };

function exportPanel(list) {
  const format = h("select", { name: "format", "aria-label": "Format" }, Object.entries(FORMATS).map(([value, [, label]]) => h("option", { value }, label)));
  const path = h("input", { name: "path", autocomplete: "off", spellcheck: "false", placeholder: "/home/you/kisses.md", "aria-label": "File to write" });
  const status = h("p", { class: "muted small", role: "status" });
  // A path typed for one format is not silently reused for another.
  format.addEventListener("change", () => (path.value = ""));
  const write = async (replace = false) => {
    if (!path.value.trim()) return choose();
    try {
      await api.exportList(list.id, format.value, path.value.trim(), replace);
      status.textContent = `Wrote “${list.name}” to ${path.value.trim()}`;
      toast(`Exported “${list.name}”`);
    } catch (err) {
      if (err.code === "file_exists" && (await confirmAction(`${path.value.trim()} already exists. Replace it?`, { action: "Replace" }))) return write(true);
      status.textContent = err.message;
    }
  };
  const choose = async () => {
    const [extension, name] = FORMATS[format.value];
    const chosen = await dialogs.saveExport(`${list.name}.${extension}`, extension, name);
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
  return h(
    "section",
    { class: "panel list-export" },
    h("h2", {}, "Share this list"),
    h("div", { class: "row" }, format, path, h("button", { type: "button", class: "ghost", onclick: choose }, "Choose…"), h("button", { type: "button", class: "primary", dataset: { action: "export" }, onclick: () => write() }, "Export")),
    status,
  );
}
