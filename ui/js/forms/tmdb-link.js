// "Find on TMDB" on a drama page: pick the show the drama is, and Drakor
// links it and fills what is still empty, adding its episodes. Nothing the
// user typed is replaced (the core's fill-in rule).

import { api } from "../api.js";
import { countOf, toast } from "../dom.js";
import { runDialog } from "./modal.js";
import { tmdbSearch } from "./tmdb-search.js";

let parts;
function setup() {
  if (parts) return parts;
  const dialog = document.getElementById("tmdb-link-dialog");
  const form = dialog.querySelector("form");
  parts = { dialog, form, drama: null, done: null };
  parts.search = tmdbSearch(form.querySelector("[data-tmdb]"), {
    onPick: async (preview, tmdbId) => {
      const note = form.querySelector(".tmdb-note");
      if (preview.existing && preview.existing !== parts.drama.id) {
        note.textContent = "That show is already another drama of your library.";
        note.hidden = false;
        return;
      }
      try {
        const filled = await api.linkTmdb(parts.drama.id, tmdbId);
        toast(filledText(filled));
        parts.done = filled;
        dialog.close();
      } catch (err) {
        note.textContent = err.message;
        note.hidden = false;
      }
    },
    onByHand: () => {},
  });
  return parts;
}

/** "Updated “Goblin” from TMDB: 16 episodes added, filled year, network". */
export function filledText(filled) {
  const parts = [];
  if (filled.episodes_added) parts.push(`${countOf(filled.episodes_added, "episode")} added`);
  if (filled.episodes_filled) parts.push(`${countOf(filled.episodes_filled, "episode")} filled in`);
  if (filled.fields.length) parts.push(`filled ${filled.fields.map((f) => f.replace("external_ids.", "").replace("_", " ")).join(", ")}`);
  if (!parts.length) return `“${filled.title}” is up to date`;
  const kept = filled.kept.length ? ` (kept your ${countOf(filled.kept.length, "value")})` : "";
  return `Updated “${filled.title}” from TMDB: ${parts.join(", ")}${kept}`;
}

/** Opens the search for `drama`; resolves with what linking did, or null. */
export async function openTmdbLink(drama) {
  const p = setup();
  if (p.dialog.open) return null;
  p.drama = drama;
  p.done = null;
  p.form.querySelector("[data-link-drama]").textContent = `Which show is “${drama.title}”? Drakor fills what is still empty and adds its episodes; nothing you typed is replaced.`;
  const searching = await p.search.reset();
  const input = p.form.elements.tmdb_query;
  input.value = searching ? drama.title : "";
  const closed = runDialog(p.dialog, { onSubmit: async () => undefined, onOpen: () => input.focus() });
  if (searching) input.dispatchEvent(new Event("input"));
  await closed;
  return p.done;
}
