// Scenes: every bookmark across dramas, filtered by tag, drama and person
// (under any of their names), with "Export this list".

import { api, dialogs } from "../api.js";
import { countOf, h, toast, toastError } from "../dom.js";
import { confirmDelete } from "../forms/modal.js";
import { openSceneForm } from "../forms/scene-form.js";
import { go, refresh } from "../router.js";
import { pagedRemote } from "../windowed-list.js";
import { sceneItem } from "./scene-item.js";

/** Scenes fetched per page: a tag like `kiss` can hold tens of thousands. */
const PAGE = 100;

export async function renderScenes(root, params) {
  const filter = {
    tag: params.tag || null,
    drama_id: params.drama || null,
    favourites_only: params.favourites === "1",
    untitled_only: params.untitled === "1",
    person: params.person || null,
  };
  const [first, tags, dramas] = await Promise.all([
    api.listScenes(filter, { offset: 0, limit: PAGE }),
    api.tags(),
    api.dramasWithScenes(),
  ]);

  const update = (change) => {
    const next = { tag: filter.tag ?? "", drama: filter.drama_id ?? "", favourites: filter.favourites_only ? "1" : "", untitled: filter.untitled_only ? "1" : "", person: filter.person ?? "", ...change };
    go("scenes", Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
  };

  const tagSelect = h(
    "select",
    { "aria-label": "Tag", name: "tag", onchange: (e) => update({ tag: e.target.value }) },
    h("option", { value: "" }, "All tags"),
    tags.filter((t) => t.scenes > 0).map((t) => h("option", { value: t.tag }, `#${t.tag} (${t.scenes})`)),
  );
  tagSelect.value = filter.tag ?? "";
  const dramaSelect = h(
    "select",
    { "aria-label": "Drama", name: "drama", onchange: (e) => update({ drama: e.target.value }) },
    h("option", { value: "" }, "All dramas"),
    dramas.map((d) => h("option", { value: d.id }, d.title)),
  );
  dramaSelect.value = filter.drama_id ?? "";
  const favourites = h("input", {
    type: "checkbox",
    name: "favourites",
    checked: filter.favourites_only,
    onchange: (e) => update({ favourites: e.target.checked ? "1" : "" }),
  });

  const untitled = h("input", {
    type: "checkbox",
    name: "untitled",
    checked: filter.untitled_only,
    onchange: (e) => update({ untitled: e.target.checked ? "1" : "" }),
  });

  root.append(
    h(
      "div",
      { class: "toolbar" },
      h("h1", {}, filter.tag ? `#${filter.tag} scenes` : "Scenes"),
      h("span", { class: "muted count" }, countOf(first.total, "scene")),
      filter.person
        ? h(
            "span",
            { class: "chip removable person-filter" },
            h("a", { href: `#/person/${encodeURIComponent(filter.person)}` }, "with ", h("bdi", {}, filter.person)),
            h("button", { type: "button", class: "chip-remove", "aria-label": "Show everyone's scenes", title: "Show everyone's scenes", text: "×", onclick: () => update({ person: "" }) }),
          )
        : null,
      h("span", { class: "spacer" }),
      tagSelect,
      dramaSelect,
      h("label", { class: "inline" }, favourites, "★ only"),
      h("label", { class: "inline", title: "Bookmarks saved while watching, still to be named" }, untitled, "Untitled"),
      h(
        "button",
        {
          type: "button",
          class: "ghost",
          disabled: !first.total || filter.favourites_only || filter.untitled_only || Boolean(filter.person),
          title: filter.person
            ? "Clear the person to export: exports keep whole tags and dramas"
            : filter.favourites_only
            ? "Turn off “★ only” to export: exports keep whole tags and dramas"
            : "Save these scenes as a Drakor JSON file (a drama tagged like this goes whole)",
          onclick: () => exportList(filter),
        },
        "Export this list",
      ),
    ),
  );

  if (!first.total) {
    root.append(
      h(
        "p",
        { class: "empty-note" },
        filter.tag || filter.drama_id || filter.favourites_only || filter.untitled_only || filter.person
          ? "No scene matches these filters."
          : "No scenes yet. Open a drama and press “+ Scene” to bookmark a moment.",
      ),
    );
    return;
  }

  const list = h("div", { class: "scene-list" });
  root.append(list);
  const edit = async (scene) => {
    const drama = { id: scene.drama_id, title: scene.drama_title, original_title: scene.drama_original_title };
    if (await openSceneForm({ drama, scene })) refresh();
  };
  const remove = async (scene) => {
    if (!(await confirmDelete(`Delete the scene “${scene.title}”?`))) return;
    try {
      await api.deleteScene(scene.id);
      toast(`Deleted “${scene.title}”`);
    } catch (err) {
      toastError(err);
    }
    refresh();
  };
  const fetchFrom = async (offset) => (await api.listScenes(filter, { offset, limit: PAGE })).scenes;
  pagedRemote(list, { items: first.scenes, total: first.total }, fetchFrom, (scene) =>
    sceneItem(scene, { dramaTitle: scene.drama_title, onEdit: edit, onDelete: remove, onTag: (tag) => update({ tag }) }),
  );
}

async function exportList(filter) {
  const name = filter.tag ? `drakor-${filter.tag}-scenes.json` : "drakor-scenes.json";
  try {
    const path = await dialogs.saveJson(name);
    if (!path) return;
    // The save dialog asked before replacing a file.
    const file = await api.exportFile(path, { tag: filter.tag, drama_id: filter.drama_id, status: null }, "json", true);
    toast(`Exported ${file.dramas} dramas, ${file.scenes} scenes to ${path}`);
  } catch (err) {
    toastError(err);
  }
}
