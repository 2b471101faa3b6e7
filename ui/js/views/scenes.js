// Scenes: every bookmark across dramas, grouped under drama headings,
// filtered by tag, drama, person (under any of their names), "★ only" and
// "Untitled", with "Export this list".
//
// The orders: by drama (A–Z by title, as the drama picker is: a fan looks a
// scene up by its drama), each drama's scenes in episode and time order;
// favourites first (the same groups, each drama's ★ scenes leading it); or
// newest first, a flat list with each scene naming its drama, since a
// drama's scenes added on different days would break its group apart.

import { api } from "../api.js";
import { countOf, h, toast, toastError } from "../dom.js";
import { confirmDelete } from "../forms/modal.js";
import { openSceneForm } from "../forms/scene-form.js";
import { refresh } from "../router.js";
import { pagedRemote } from "../windowed-list.js";
import { filterBar, keptFilters, markActive } from "./filter-bar.js";
import { sceneExportPanel } from "./scenes-export.js";
import { sceneItem } from "./scene-item.js";

/** Scenes fetched per page: a tag like `kiss` can hold tens of thousands. */
const PAGE = 100;

const SORTS = [
  ["drama", "By drama (A–Z)"],
  ["favourites", "Favourites first"],
  ["newest", "Newest first"],
];

const filters = keptFilters("scenes", { tag: "", drama: "", favourites: "", untitled: "", person: "", sort: "drama" });

export async function renderScenes(root, params) {
  const saved = filters.arrive(params);
  if (!SORTS.some(([value]) => value === saved.sort)) saved.sort = "drama";
  const filter = {
    tag: saved.tag || null,
    drama_id: saved.drama || null,
    favourites_only: saved.favourites === "1",
    untitled_only: saved.untitled === "1",
    person: saved.person || null,
    sort: saved.sort,
  };
  const [first, tags, dramas] = await Promise.all([
    api.listScenes(filter, { offset: 0, limit: PAGE }),
    api.tags(),
    api.dramasWithScenes(),
  ]);
  const set = (change) => filters.set(change);

  const select = (name, label, options, value) => {
    const el = h("select", { "aria-label": label, name, onchange: (e) => set({ [name]: e.target.value }) }, options.map(([v, text]) => h("option", { value: v }, text)));
    el.value = value;
    return el;
  };
  const sceneTags = tags.filter((t) => t.scenes > 0).map((t) => [t.tag, `#${t.tag} (${t.scenes})`]);
  if (filter.tag && !sceneTags.some(([t]) => t === filter.tag)) sceneTags.push([filter.tag, `#${filter.tag} (0)`]);
  const tagSelect = markActive(select("tag", "Tag", [["", "All tags"], ...sceneTags], saved.tag), filter.tag);
  const dramaSelect = markActive(select("drama", "Drama", [["", "All dramas"], ...dramas.map((d) => [d.id, d.title])], saved.drama), filter.drama_id);
  const check = (name, on, label, title) =>
    markActive(
      h("label", { class: "inline", title }, h("input", { type: "checkbox", name, checked: on, onchange: (e) => set({ [name]: e.target.checked ? "1" : "" }) }), label),
      on,
    );

  const dramaTitle = dramas.find((d) => d.id === filter.drama_id)?.title ?? "one drama";
  const active = [
    filter.tag ? { label: `#${filter.tag}`, remove: () => set({ tag: "" }) } : null,
    filter.drama_id ? { label: dramaTitle, remove: () => set({ drama: "" }) } : null,
    filter.favourites_only ? { label: "★ only", remove: () => set({ favourites: "" }) } : null,
    filter.untitled_only ? { label: "Untitled only", remove: () => set({ untitled: "" }) } : null,
    filter.person ? { label: `with ${filter.person}`, remove: () => set({ person: "" }) } : null,
  ].filter(Boolean);

  const name = ["drakor", filter.tag, filter.favourites_only ? "favourite" : null, "scenes"].filter(Boolean).join("-");
  const exportPanel = sceneExportPanel(filter, name);
  root.append(
    h(
      "div",
      { class: "toolbar" },
      h("h1", {}, filter.tag ? `#${filter.tag} scenes` : "Scenes"),
      h("span", { class: "muted count" }, countOf(first.total, "scene")),
      filter.person
        ? h("a", { class: "chip person-filter", href: `#/person/${encodeURIComponent(filter.person)}`, title: "Open their page" }, "with ", h("bdi", {}, filter.person))
        : null,
      h("span", { class: "spacer" }),
      tagSelect,
      dramaSelect,
      check("favourites", filter.favourites_only, "★ only"),
      check("untitled", filter.untitled_only, "Untitled", "Bookmarks saved while watching, still to be named"),
      select("sort", "Sort", SORTS, saved.sort),
      h(
        "button",
        {
          type: "button",
          class: "ghost",
          dataset: { exportList: "" },
          "aria-expanded": "false",
          disabled: !first.total || filter.untitled_only || Boolean(filter.person),
          title: filter.person ? "Clear the person to export: an export keeps whole tags and dramas, not one person's scenes" : filter.untitled_only ? "Name these bookmarks first: an export of untitled scenes says little" : "Save the scenes listed here as Drakor JSON, CSV or Markdown",
          onclick: (event) => {
            exportPanel.hidden = !exportPanel.hidden;
            event.currentTarget.setAttribute("aria-expanded", String(!exportPanel.hidden));
            if (!exportPanel.hidden) exportPanel.querySelector("[name=export-path]").focus();
          },
        },
        "Export this list…",
      ),
    ),
  );
  const bar = filterBar(active, () => filters.clear());
  if (bar) root.append(bar);
  root.append(exportPanel);

  if (!first.total) {
    root.append(
      h(
        "p",
        { class: "empty-note" },
        active.length ? "No scene matches these filters." : "No scenes yet. Open a drama and press “+ Scene” to bookmark a moment.",
      ),
    );
    return;
  }

  const list = h("div", { class: "scene-list", dataset: { sort: saved.sort } });
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
  const grouped = saved.sort !== "newest";
  // Each scene comes with the one before it, so a page knows where a
  // drama's group starts even when the page before was never shown.
  const withPrevious = (scenes, before = null) => scenes.map((scene, i) => ({ scene, previous: i ? scenes[i - 1] : before }));
  const fetchFrom = async (offset) => {
    if (offset === 0) return withPrevious((await api.listScenes(filter, { offset, limit: PAGE })).scenes);
    const [before, ...scenes] = (await api.listScenes(filter, { offset: offset - 1, limit: PAGE + 1 })).scenes;
    return withPrevious(scenes, before);
  };
  const render = ({ scene, previous }) => {
    const row = sceneItem(scene, { dramaTitle: grouped ? null : scene.drama_title, onEdit: edit, onDelete: remove, onTag: (tag) => set({ tag }) });
    return grouped && previous?.drama_id !== scene.drama_id ? [dramaHeading(scene), row] : row;
  };
  pagedRemote(list, { items: withPrevious(first.scenes), total: first.total }, fetchFrom, render);
}

/** A drama's heading over its scenes, linking to the drama. */
function dramaHeading(scene) {
  return h(
    "h2",
    { class: "scene-group", dataset: { dramaId: scene.drama_id } },
    h("a", { class: "scene-drama", href: `#/drama/${encodeURIComponent(scene.drama_id)}` }, scene.drama_title),
    scene.drama_original_title ? h("span", { class: "original", lang: "ko" }, scene.drama_original_title) : null,
  );
}
