// Hash routes: #/library, #/drama/<id>, #/scenes?tag=kiss, #/next, #/io,
// #/search?q=words, #/person/<name>. Each route renders into <main id="view">. Leaving a
// screen with unsaved text asks first (`guardLeaving`).

import { confirmDiscard } from "./forms/modal.js";

const routes = new Map();
let current = { name: null, params: {} };

export function route(name, render) {
  routes.set(name, render);
}

const guards = [];

/**
 * Registers what a screen keeps unsaved: `unsaved()` names it ("notes on
 * episode 3 of Goblin") or returns null; `discard()` drops it once the
 * user agreed to.
 */
export function guardLeaving(guard) {
  guards.push(guard);
}

/** True when nothing typed is left unsaved, or the user agreed to drop it. */
async function mayLeave() {
  const unsaved = guards.map((g) => g.unsaved()).filter(Boolean);
  if (!unsaved.length) return true;
  if (!(await confirmDiscard(`Discard your unsaved ${unsaved.join(" and ")}?`))) return false;
  for (const g of guards) g.discard();
  return true;
}

const hasUnsaved = () => guards.some((g) => g.unsaved());

export async function go(name, params = {}) {
  const [path, query] = [name, new URLSearchParams(params).toString()];
  const hash = `#/${path}${query ? `?${query}` : ""}`;
  if (location.hash === hash) return refresh();
  if (await mayLeave()) location.hash = hash;
}

export function currentRoute() {
  return current;
}

function parse() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const [name, ...rest] = path.split("/");
  const params = Object.fromEntries(new URLSearchParams(query));
  if (rest.length) params.id = decodeURIComponent(rest.join("/"));
  return { name: routes.has(name) ? name : "library", params };
}

let rendering = 0;
let lastHash = null;
export async function refresh() {
  const moved = location.hash !== lastHash;
  // `arrived`: this draw is for a new address, not a redraw after an action.
  current = { ...parse(), arrived: moved };
  lastHash = location.hash;
  const view = document.getElementById("view");
  const token = ++rendering;
  for (const link of document.querySelectorAll("[data-route]")) {
    // A tab is also lit for the screens under it (a list under Lists).
    const here = link.dataset.route === current.name || (link.dataset.also ?? "").split(" ").includes(current.name);
    link.classList.toggle("active", here);
    if (here) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const fragment = document.createElement("div");
  fragment.className = `page page-${current.name}`;
  try {
    await routes.get(current.name)(fragment, current.params);
  } catch (err) {
    fragment.replaceChildren(errorPanel(err));
  }
  if (token !== rendering) return; // a newer navigation won
  const scroll = view.scrollTop;
  view.replaceChildren(fragment);
  view.dataset.route = current.name;
  document.dispatchEvent(new CustomEvent("routed", { detail: current }));
  // A new screen starts at the top with focus on it; a refresh after an action stays put.
  if (moved) {
    view.scrollTop = 0;
    // Unless the user is typing (say, in the search box), focus follows the screen.
    if (!document.activeElement?.closest("input, textarea, select")) view.focus({ preventScroll: true });
  } else {
    view.scrollTop = scroll;
  }
}

function errorPanel(err) {
  const box = document.createElement("p");
  box.className = "empty-note error";
  box.textContent = `This screen could not be shown: ${err?.message ?? err}`;
  return box;
}

export function startRouter() {
  // Links (the tabs, cards, the brand) ask before they leave unsaved text.
  document.addEventListener(
    "click",
    async (event) => {
      const link = event.target.closest?.('a[href^="#/"]');
      if (!link || event.defaultPrevented || !hasUnsaved()) return;
      if (link.getAttribute("href") === location.hash) return;
      event.preventDefault();
      if (await mayLeave()) location.hash = link.getAttribute("href");
    },
    true,
  );
  // Back and Forward cannot be stopped before they happen: step back to the
  // screen with the unsaved text, ask, and go on only if the user agrees.
  window.addEventListener("hashchange", async () => {
    if (location.hash !== lastHash && lastHash !== null && hasUnsaved()) {
      const target = location.hash;
      history.replaceState(null, "", lastHash);
      if (!(await mayLeave())) return;
      history.replaceState(null, "", target);
    }
    refresh();
  });
  return refresh();
}
