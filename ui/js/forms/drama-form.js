// The Add / Edit drama dialog. Checks are the core's: a refused save shows
// each problem beside its field and keeps the dialog open. Adding starts
// with a TMDB search when the user has a token (forms/tmdb-search.js);
// picking a match fills the form for review, and saving it brings the
// show's episodes along.

import { api } from "../api.js";
import { go } from "../router.js";
import { countOf, h, setChildren, toast } from "../dom.js";
import { chipsInput } from "./chips.js";
import { clearErrors, showErrors, unreadNumbers } from "./errors.js";
import { linksEditor } from "./links.js";
import { runDialog } from "./modal.js";
import { refreshTagOptions } from "./tag-options.js";
import { tmdbSearch } from "./tmdb-search.js";

let parts;
let opening = false;
function setup() {
  if (parts) return parts;
  const dialog = document.getElementById("drama-dialog");
  const form = dialog.querySelector("form");
  parts = {
    dialog,
    form,
    tags: chipsInput(form.querySelector('[data-chips="tags"]'), {
      placeholder: "slice-of-life, romance…",
      suggestions: "tag-options",
      lowercase: true,
    }),
    links: linksEditor(form.querySelector("[data-links]")),
    picked: null,
  };
  const section = form.querySelector("[data-tmdb]");
  const pickedLine = section.querySelector(".tmdb-picked");
  parts.search = tmdbSearch(section, {
    onPick: (preview, tmdbId) => {
      // Only what TMDB knows is set: anything typed already stays.
      const f = form.elements;
      const d = preview.draft;
      f.title.value = d.title;
      f.original_title.value = d.original_title ?? "";
      f.year.value = d.year ?? "";
      f.country.value = d.country ?? "";
      f.network.value = d.network ?? "";
      f.total_episodes.value = d.total_episodes ?? "";
      f.tmdb.value = d.external_ids.tmdb ?? "";
      f.imdb.value = d.external_ids.imdb ?? "";
      parts.picked = tmdbId;
      parts.preview = preview;
      const counts = [countOf(preview.episodes, "episode"), preview.specials ? countOf(preview.specials, "special") : null, preview.network];
      const line = [h("span", {}, `From TMDB: ${counts.filter(Boolean).join(" · ")}. Check the details, then save.`)];
      if (preview.existing) {
        line.push(
          " ",
          h("strong", {}, "Already in your library."),
          " ",
          h("button", { type: "button", class: "link-button", onclick: () => { dialog.close(); go("drama", { id: preview.existing }); } }, "Open it"),
        );
      }
      setChildren(pickedLine, ...line);
      pickedLine.hidden = false;
      form.classList.remove("searching");
      form.elements.title.focus();
    },
    onByHand: () => {
      form.classList.remove("searching");
      form.elements.title.focus();
    },
  });
  return parts;
}

const number = (value) => (value.trim() === "" ? null : Number(value));

/** Fields that take whole numbers, checked here so a typo is named at its field. */
const WHOLE = { total_episodes: "total_episodes", year: "year", rewatch_count: "rewatch_count", tmdb: "external_ids.tmdb" };

export function wholeNumberProblems(form, fields) {
  const problems = [];
  for (const [name, field] of Object.entries(fields)) {
    const input = form.elements[name];
    // Text WebKit cannot read as a number reads as "": say so rather than drop it.
    if (input.validity?.badInput) {
      problems.push({ field, message: "this is not a whole number" });
      continue;
    }
    const raw = input.value.trim();
    if (raw !== "" && !(Number.isInteger(Number(raw)) && Number(raw) >= 0)) {
      problems.push({ field, message: `${raw} is not a whole number` });
    }
  }
  return problems;
}
const text = (value) => (value.trim() === "" ? null : value.trim());

function fill(form, drama) {
  const f = form.elements;
  f.title.value = drama?.title ?? "";
  f.original_title.value = drama?.original_title ?? "";
  f.status.value = drama?.status ?? "plan_to_watch";
  f.total_episodes.value = drama?.total_episodes ?? "";
  f.year.value = drama?.year ?? "";
  f.rating.value = drama?.rating ?? "";
  f.network.value = drama?.network ?? "";
  f.country.value = drama?.country ?? "";
  f.started_on.value = drama?.started_on ?? "";
  f.finished_on.value = drama?.finished_on ?? "";
  f.notes.value = drama?.notes ?? "";
  f.rewatch_count.value = drama?.rewatch_count ?? 0;
  f.tmdb.value = drama?.external_ids?.tmdb ?? "";
  f.imdb.value = drama?.external_ids?.imdb ?? "";
  f.mdl.value = drama?.external_ids?.mdl ?? "";
}

function read({ form, tags, links }, existing) {
  const f = form.elements;
  return {
    title: f.title.value,
    original_title: text(f.original_title.value),
    status: f.status.value,
    total_episodes: number(f.total_episodes.value),
    year: number(f.year.value),
    rating: number(f.rating.value),
    network: text(f.network.value),
    country: text(f.country.value),
    started_on: text(f.started_on.value),
    finished_on: text(f.finished_on.value),
    notes: f.notes.value,
    rewatch_count: number(f.rewatch_count.value) ?? 0,
    tags: tags.get(),
    links: links.get(),
    // Ids the form does not show (a Trakt id from an import) are kept as they were.
    external_ids: { ...(existing?.external_ids ?? {}), tmdb: number(f.tmdb.value), imdb: text(f.imdb.value), mdl: text(f.mdl.value) },
  };
}

/** Opens the dialog to add a drama, or to edit `existing`; resolves with the saved drama or null. */
export async function openDramaForm(existing = null) {
  const p = setup();
  if (opening || p.dialog.open) return null;
  opening = true;
  await refreshTagOptions().finally(() => (opening = false));
  clearErrors(p.form);
  fill(p.form, existing);
  p.tags.set(existing?.tags ?? []);
  p.links.set(existing?.links ?? []);
  p.form.querySelector("h2").textContent = existing ? "Edit drama" : "Add a drama";
  p.picked = null;
  const section = p.form.querySelector("[data-tmdb]");
  section.hidden = Boolean(existing);
  section.querySelector(".tmdb-picked").hidden = true;
  const searching = existing ? false : await p.search.reset();
  section.querySelector("[data-by-hand]").hidden = !searching;
  p.form.classList.toggle("searching", searching);
  return runDialog(p.dialog, {
    onOpen: () => (searching ? p.search.focus() : p.form.elements.title.focus()),
    snapshot: () => JSON.stringify(read(p, existing)),
    onSubmit: async () => {
      if (p.form.classList.contains("searching")) return undefined; // Ctrl+Enter in the search box
      const wrong = [...wholeNumberProblems(p.form, WHOLE), ...unreadNumbers(p.form, { rating: "rating" })];
      if (wrong.length) {
        showErrors(p.form, { problems: wrong });
        return undefined;
      }
      const draft = read(p, existing);
      try {
        if (!existing && p.picked !== null && draft.external_ids.tmdb === p.picked) {
          const filled = await api.addFromTmdb(p.picked, draft);
          const pv = p.preview;
          const specials = pv.specials ? ` and ${countOf(pv.specials, "special")}` : "";
          toast(filled.added ? `Added “${filled.title}” with ${countOf(pv.episodes, "episode")}${specials} from TMDB` : `“${filled.title}” is already in your library`);
          return { id: filled.drama_id, title: filled.title };
        }
        const saved = existing ? await api.updateDrama(existing.id, draft) : await api.addDrama(draft);
        toast(existing ? `Saved “${saved.title}”` : `Added “${saved.title}”`);
        return saved;
      } catch (err) {
        showErrors(p.form, err);
        return undefined; // stay open
      }
    },
  });
}
