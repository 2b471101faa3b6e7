// Library: every drama as a card with its progress, filtered by status and
// tag, sorted by recently watched, title or rating.

import { api } from "../api.js";
import { posterImage } from "../forms/tmdb-search.js";
import { ago, airsText, countOf, h, progressBar, progressText, rating, STATUS_LABELS, statusChip, toast } from "../dom.js";
import { openDramaForm } from "../forms/drama-form.js";
import { go, refresh } from "../router.js";
import { paged } from "../windowed-list.js";
import { filterBar, keptFilters, markActive } from "./filter-bar.js";

const filters = keptFilters("library", { status: "", tag: "", sort: "recent" });

/** Filters live in the URL (#/library?tag=fantasy); a bare #/library shows the last ones used. */
export async function renderLibrary(root, params = {}) {
  const saved = filters.arrive(params);
  const filter = {
    status: saved.status || null,
    tag: saved.tag || null,
    sort: saved.sort,
  };
  const filtered = filter.status || filter.tag;
  // The first screen waits for one call: unfiltered, the list itself holds
  // every drama's tags. Filtered, it does not, and the tag counts come along.
  const [dramas, tags] = await Promise.all([api.listDramas(filter), filtered ? api.tags() : null]);

  if (!dramas.length && !filtered) {
    root.append(emptyLibrary());
    return;
  }

  const select = (name, options, value, label) => {
    const el = h(
      "select",
      { "aria-label": label, name },
      options.map(([v, text]) => h("option", { value: v }, text)),
    );
    el.value = value;
    el.addEventListener("change", () => filters.set({ [name]: el.value }));
    return name === "sort" ? el : markActive(el, value);
  };

  const dramaTags = tags ? tags.filter((t) => t.dramas > 0) : tagsOf(dramas);
  // Most used first, as counted by dramas (what this screen filters).
  dramaTags.sort((a, b) => b.dramas - a.dramas || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  if (saved.tag && !dramaTags.some((t) => t.tag === saved.tag)) dramaTags.push({ tag: saved.tag, dramas: 0 });
  root.append(
    h(
      "div",
      { class: "toolbar" },
      h("h1", {}, "Library"),
      h("span", { class: "muted count" }, countOf(dramas.length, "drama")),
      h("span", { class: "spacer" }),
      select("status", [["", "All statuses"], ...Object.entries(STATUS_LABELS)], saved.status, "Status"),
      select("tag", [["", "All tags"], ...dramaTags.map((t) => [t.tag, `#${t.tag}`])], saved.tag, "Tag"),
      select(
        "sort",
        [
          ["recent", "Recently watched"],
          ["title", "Title"],
          ["rating", "Rating"],
          ["next_airing", "Next episode's air date"],
        ],
        saved.sort,
        "Sort",
      ),
    ),
  );
  const bar = filterBar(
    [
      saved.status ? { label: STATUS_LABELS[saved.status] ?? saved.status, remove: () => filters.set({ status: "" }) } : null,
      saved.tag ? { label: `#${saved.tag}`, remove: () => filters.set({ tag: "" }) } : null,
    ].filter(Boolean),
    () => filters.clear(),
  );
  if (bar) root.append(bar);

  if (!dramas.length) {
    root.append(h("p", { class: "empty-note" }, "No drama matches these filters."));
    return;
  }
  const grid = h("div", { class: "cards" });
  root.append(grid);
  paged(grid, dramas, dramaCard);
}

/** Every tag of these dramas with how many carry it, as `api.tags()` counts them. */
function tagsOf(dramas) {
  const counts = new Map();
  for (const d of dramas) for (const tag of d.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, dramas: count }));
}

function dramaCard(d) {
  const airs = d.progress.next_episode ? airsText(d.progress.next_episode, d.next_air_date) : null;
  const next = (d.status === "watching" && d.progress.next_episode ? `Next: episode ${d.progress.next_episode}` : null);
  return h(
    "a",
    { class: "card drama-card", href: `#/drama/${encodeURIComponent(d.id)}`, dataset: { dramaId: d.id } },
    posterImage(d.tmdb_id, d.title, "card-poster"),
    h("div", { class: "card-titles" }, h("h2", { class: "title" }, d.title), d.original_title ? h("p", { class: "original", lang: "ko" }, d.original_title) : null),
    h("div", { class: "card-meta" }, statusChip(d.status), rating(d.rating), d.year ? h("span", { class: "muted" }, String(d.year)) : null),
    h("div", { class: "card-progress" }, progressBar(d.progress), h("span", { class: "progress-text" }, progressText(d.progress))),
    h(
      "p",
      { class: "card-foot muted small" },
      [airs ? h("span", { class: "airs" }, airs) : next, d.last_watched_at ? ago(d.last_watched_at, "watched ") : null, d.scene_count ? countOf(d.scene_count, "scene") : null]
        .filter(Boolean)
        .flatMap((part, i) => (i ? [" · ", part] : [part])),
    ),
  );
}

function emptyLibrary() {
  return h(
    "section",
    { class: "empty-state" },
    h("p", { class: "empty-mark", "aria-hidden": "true" }, "드"),
    h("h1", {}, "Your library is empty"),
    h("p", { class: "muted" }, "Add the drama you are watching, log episodes as you go, and bookmark the scenes you love."),
    h(
      "div",
      { class: "actions center" },
      h(
        "button",
        {
          type: "button",
          class: "primary",
          onclick: async () => {
            const drama = await openDramaForm();
            if (drama) go("drama", { id: drama.id });
          },
        },
        "Add your first drama",
      ),
      h(
        "button",
        {
          type: "button",
          class: "ghost",
          onclick: async () => {
            const summary = await api.loadSample();
            toast(`Loaded the sample library: ${summary.dramas_added} dramas, ${summary.scenes_added} scenes`);
            refresh();
          },
        },
        "Load a sample library",
      ),
    ),
  );
}
