// The filters of a list screen (Library, Scenes), one way on both: a
// screen keeps its last filters while the user browses elsewhere (a bare
// #/library or #/scenes shows them again), and says which are on, each
// removable, with "Clear filters" beside them. The sort is a preference,
// not a filter: it survives Clear filters and links that set a filter.

import { h } from "../dom.js";
import { go } from "../router.js";

/**
 * The filters of the screen `route`, kept for the app's session. `defaults`
 * holds every filter's "off" value and the default sort.
 */
export function keptFilters(route, defaults) {
  const saved = { ...defaults };
  const url = () => Object.fromEntries(Object.entries(saved).filter(([, v]) => v));
  return {
    saved,
    /** Takes the address's filters; with none (a bare #/route), keeps the last ones. */
    arrive(params) {
      if (Object.keys(params).length) Object.assign(saved, defaults, { sort: saved.sort }, params);
      return saved;
    },
    /** Changes some filters (or the sort) and shows the screen with them. */
    set(change) {
      Object.assign(saved, change);
      go(route, url());
    },
    /** Turns every filter off, keeping the sort. */
    clear() {
      Object.assign(saved, defaults, { sort: saved.sort });
      go(route, url());
    },
  };
}

/**
 * "Filtered by [#kiss ×] [★ only ×]  Clear filters" under the toolbar, or
 * null when no filter is on. `active`: [{ label, remove }]; user text in a
 * label (a tag, a drama's title) is text, never markup.
 */
export function filterBar(active, clearAll) {
  if (!active.length) return null;
  return h(
    "div",
    { class: "filter-bar", dataset: { activeFilters: String(active.length) } },
    h("span", { class: "muted" }, "Filtered by"),
    active.map(({ label, remove }) =>
      h(
        "button",
        { type: "button", class: "chip filter-chip", title: "Remove this filter", dataset: { filter: label }, onclick: remove },
        h("bdi", {}, label),
        h("span", { class: "filter-x", "aria-hidden": "true" }, "×"),
      ),
    ),
    h("button", { type: "button", class: "ghost small", dataset: { clearFilters: "" }, onclick: clearAll }, "Clear filters"),
  );
}

/** Marks a filter's control as on, so the toolbar shows it too. */
export function markActive(control, on) {
  control.classList.toggle("filter-on", Boolean(on));
  return control;
}
