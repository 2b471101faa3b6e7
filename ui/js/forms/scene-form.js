// The scene bookmark dialog. Times are typed in any form the core reads
// (48:12, 1:02:03, 2892, 48m12s); a bad one shows the core's message beside
// the field and nothing is saved until it is fixed. The song playing (OST)
// and the famous line are optional; a half-filled one (an artist with no
// title) is refused by the core beside its field.

import { api } from "../api.js";
import { toast } from "../dom.js";
import { chipsInput } from "./chips.js";
import { clearErrors, showErrors } from "./errors.js";
import { linksEditor } from "./links.js";
import { wholeNumberProblems } from "./drama-form.js";
import { runDialog } from "./modal.js";
import { refreshPeopleOptions, refreshTagOptions } from "./tag-options.js";

let parts;
let opening = false;
function setup() {
  if (parts) return parts;
  const dialog = document.getElementById("scene-dialog");
  const form = dialog.querySelector("form");
  parts = {
    dialog,
    form,
    tags: chipsInput(form.querySelector('[data-chips="tags"]'), {
      placeholder: "kiss, confession, ost…",
      suggestions: "tag-options",
      lowercase: true,
    }),
    people: chipsInput(form.querySelector('[data-chips="people"]'), { placeholder: "Kim Ji-won, Son Seok-koo…", suggestions: "people-options" }),
    links: linksEditor(form.querySelector("[data-links]")),
  };
  return parts;
}

/**
 * Opens the dialog for a new scene in `drama` (with `defaults` such as the
 * episode), or to edit `scene`. Resolves with the saved scene or null.
 */
export async function openSceneForm({ drama, scene = null, defaults = {} }) {
  const p = setup();
  if (opening || p.dialog.open) return null;
  opening = true;
  await Promise.all([refreshTagOptions(), refreshPeopleOptions()]).finally(() => (opening = false));
  clearErrors(p.form);
  const f = p.form.elements;
  const start = scene ?? { season: 1, episode: 1, start: "", end: null, title: "", notes: "", favourite: false, ...defaults };
  f.season.value = start.season ?? 1;
  f.episode.value = start.episode ?? "";
  f.start.value = start.start ?? "";
  f.end.value = start.end ?? "";
  f.title.value = start.title ?? "";
  f.notes.value = start.notes ?? "";
  f.favourite.checked = Boolean(start.favourite);
  f.ost_title.value = start.ost?.title ?? "";
  f.ost_artist.value = start.ost?.artist ?? "";
  f.quote_text.value = start.quote?.text ?? "";
  f.quote_translation.value = start.quote?.translation ?? "";
  p.tags.set(start.tags ?? []);
  p.people.set(start.people ?? []);
  p.links.set(start.links ?? []);
  p.form.querySelector("h2").textContent = scene ? "Edit scene" : "Bookmark a scene";
  p.form.querySelector("[data-scene-drama]").textContent = [drama.title, drama.original_title].filter(Boolean).join(" · ");
  const read = () => ({
    season: f.season.value === "" ? 1 : Number(f.season.value),
    episode: f.episode.value === "" ? 0 : Number(f.episode.value),
    start: f.start.value,
    end: f.end.value.trim() === "" ? null : f.end.value,
    title: f.title.value,
    notes: f.notes.value,
    favourite: f.favourite.checked,
    tags: p.tags.get(),
    people: p.people.get(),
    links: p.links.get(),
    ost: song(f.ost_title.value, f.ost_artist.value),
    quote: famousLine(f.quote_text.value, f.quote_translation.value),
  });
  return runDialog(p.dialog, {
    onOpen: () => (scene || !f.episode.value ? f.episode : f.start).focus(),
    snapshot: () => JSON.stringify(read()),
    onSubmit: async () => {
      const wrong = wholeNumberProblems(p.form, { episode: "episode", season: "season" });
      if (wrong.length) {
        showErrors(p.form, { problems: wrong });
        return undefined;
      }
      const draft = read();
      try {
        const saved = scene ? await api.updateScene(scene.id, draft) : await api.addScene(drama.id, draft);
        toast(`Saved “${saved.title}” at ${saved.start}`);
        return saved;
      } catch (err) {
        showErrors(p.form, err);
        return undefined;
      }
    },
  });
}

/** The song as the core takes it: null when both fields are blank. */
function song(title, artist) {
  return title.trim() || artist.trim() ? { title, artist } : null;
}

/** The famous line: null when blank; a blank translation is none. */
function famousLine(text, translation) {
  if (!text.trim() && !translation.trim()) return null;
  return { text, translation: translation.trim() ? translation : null };
}
