// Drakor's window: routes, the top bar, keyboard shortcuts.

import { api } from "./api.js";
import { debounce, h, toastError } from "./dom.js";
import { bookmarkNow } from "./bookmark.js";
import { openDramaForm } from "./forms/drama-form.js";
import { openAbout, openSettings } from "./forms/settings-form.js";
import { currentRoute, go, refresh, route, startRouter } from "./router.js";
import { renderDrama } from "./views/drama.js";
import { renderIo } from "./views/io.js";
import { renderLibrary } from "./views/library.js";
import { renderList, renderLists } from "./views/lists.js";
import { renderPerson } from "./views/person.js";
import { renderStats } from "./views/stats.js";
import { renderScenes } from "./views/scenes.js";
import { hitTarget, renderSearch } from "./views/search.js";
import { renderUpNext } from "./views/upnext.js";

route("library", renderLibrary);
route("drama", renderDrama);
route("scenes", renderScenes);
route("next", renderUpNext);
route("io", renderIo);
route("lists", renderLists);
route("list", renderList);
route("person", renderPerson);
route("stats", renderStats);
route("search", renderSearch);

const search = document.getElementById("search");

const searchSoon = debounce(() => {
  const q = search.value.trim();
  const onSearch = currentRoute().name === "search";
  if (q && onSearch) {
    // Refine the search in place: Back leaves search instead of stepping through each letter.
    history.replaceState(null, "", `#/search?${new URLSearchParams({ q })}`);
    refresh();
  } else if (q) go("search", { q });
  else if (onSearch) go("library");
}, 180);
search.addEventListener("input", searchSoon);
search.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    searchSoon.cancel();
    search.value = "";
    search.blur();
    if (currentRoute().name === "search") go("library");
  } else if (event.key === "Enter" && !event.isComposing && event.keyCode !== 229) {
    // Enter while a Hangul syllable is being composed only ends it.
    event.preventDefault();
    openTopResult().catch(toastError);
  }
});

/** Enter in the search box: the first result opens, for what is typed now. */
async function openTopResult() {
  const q = search.value.trim();
  if (!q) return;
  searchSoon.cancel();
  const [top] = await api.search(q);
  if (search.value.trim() !== q) return; // typed on meanwhile
  if (!top) return go("search", { q });
  search.blur();
  return go(...hitTarget(top));
}

// The search box holds the words of the results shown: leaving them for
// any other screen empties it.
document.addEventListener("routed", (event) => {
  if (event.detail.arrived && event.detail.name !== "search") search.value = "";
});

document.getElementById("add-drama").addEventListener("click", addDrama);
document.getElementById("open-settings").addEventListener("click", () => openSettings().catch(toastError));
document.getElementById("open-about").addEventListener("click", () => openAbout().catch(toastError));
document.getElementById("bookmark-now").addEventListener("click", () => {
  // On a drama's page, the bookmark goes to that drama.
  const route = currentRoute();
  bookmarkNow({ pageDrama: route.name === "drama" ? route.params.id : null });
});

async function addDrama() {
  const drama = await openDramaForm();
  if (drama) go("drama", { id: drama.id });
}

function typing(target) {
  return target.closest("input, textarea, select, [contenteditable]") !== null;
}

let libraryOpen = true;

document.addEventListener("keydown", (event) => {
  if (event.repeat || !libraryOpen) return;
  if (document.querySelector("dialog[open]")) return; // dialogs handle their own keys
  if ((event.key === "f" && (event.ctrlKey || event.metaKey)) || (event.key === "/" && !typing(event.target))) {
    event.preventDefault();
    search.focus();
    search.select();
  } else if (event.key === "n" && !typing(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    addDrama();
  }
});

window.addEventListener("unhandledrejection", (event) => toastError(event.reason));

// WebKit's own menu offers Reload (which drops everything typed) and Open
// Link (which would take the window away from the app). Keep it only where
// it helps: in text fields, for cut, copy and paste.
document.addEventListener("contextmenu", (event) => {
  if (!typing(event.target)) event.preventDefault();
});

async function start() {
  const version = document.getElementById("app-version");
  let info;
  try {
    info = await api.appInfo();
  } catch (err) {
    version.dataset.state = "error";
    toastError(err);
    return;
  }
  version.textContent = `Drakor ${info.version}`;
  version.dataset.state = "ready";
  document.getElementById("db-path").textContent = info.library_path;
  if (info.open_error) {
    showOpenError(info.open_error);
    return;
  }
  await startRouter();
}

/** The library could not be opened (say, written by a newer Drakor): say so, touch nothing. */
function showOpenError(error) {
  document.getElementById("view").replaceChildren(
    h(
      "section",
      { class: "empty-state", dataset: { openError: error.code } },
      h("h1", {}, "Drakor cannot open your library"),
      h("p", {}, error.message),
      h("p", { class: "muted" }, "The file was left exactly as it was."),
    ),
  );
  libraryOpen = false;
  document.querySelector(".tabs").inert = true;
  document.querySelector(".tabs").setAttribute("aria-disabled", "true");
  for (const el of document.querySelectorAll("#search, #add-drama, #bookmark-now")) el.setAttribute("disabled", "");
}

start();
export { refresh };
