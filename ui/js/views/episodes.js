// A drama's episodes: the progress line with its next episode, the grid
// (a click marks watched, with Undo; Shift-click marks a range from the
// ringed anchor; O or the note dot opens an episode without marking it;
// the arrow keys move), and the selected episode's log and notes.
//
// A marking button acts once per draw: a second click before the page is
// drawn again, or the second click of a double-click, does nothing, so a
// double-click never marks two episodes.

import { api } from "../api.js";
import { airsText, formatDate, formatDateTime, h, progressBar, progressText, toast, toastError } from "../dom.js";
import { confirmAction } from "../forms/modal.js";
import { guardLeaving, refresh } from "../router.js";

/** The selected episode and the anchor of a shift-click range, per drama. */
export const selection = { dramaId: null, episode: null, anchor: null };

/**
 * What is typed into episode panels and not saved yet, by "<drama id>/<n>":
 * { label, typed: { title, rating, notes } }. The page is redrawn from the
 * database after every action (marking, choosing another episode, adding a
 * scene); the panel shows the typed text again instead of the stored one,
 * and leaving the page with any of it asks first.
 */
export const drafts = new Map();
guardLeaving({
  unsaved: () => (drafts.size ? [...drafts.values()].map((d) => d.label).join(" and ") : null),
  discard: () => drafts.clear(),
});

/**
 * One guard for a draw of the page: `run(event, action)` runs the first
 * action and drops every later one (the page is drawn again after it), and
 * drops the second click of a double-click whenever it comes.
 */
export function oncePerDraw() {
  let acted = false;
  return async (event, action) => {
    if (acted || event?.detail > 1) return;
    acted = true;
    await action();
  };
}

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const episodes = (from, to) => (from === to ? `E${from}` : `E${from}–E${to}`);

/** Runs a change; says so when it worked, shows the error when not, then redraws. */
export async function change(action, message) {
  try {
    await action();
    toast(message);
  } catch (err) {
    toastError(err);
  }
  await refresh();
}

/** Marks `numbers` watched; the message's Undo takes out exactly the watches written. */
export async function mark(drama, numbers, label = episodes(numbers[0], numbers.at(-1))) {
  try {
    const done = await api.markWatched(drama.id, 1, numbers);
    const statusNote = done.status !== drama.status ? ` · now ${done.status.replaceAll("_", " ")}` : "";
    const undo = done.added.length
      ? { label: "Undo", run: () => change(() => api.takeBackWatches(drama.id, done), `${label}: the mark is undone`) }
      : null;
    toast(done.added.length ? `Marked ${label} watched${statusNote}` : `${label} was already watched`, "info", undo);
  } catch (err) {
    toastError(err);
  }
  await refresh();
}

/** Takes watches of episode `n` out of the log, with Undo in the toast. */
async function unmark(drama, n, which, message) {
  try {
    const unmarked = await api.unmarkWatched(drama.id, 1, [n], which);
    toast(message, "info", {
      label: "Undo",
      run: () => change(() => api.restoreWatches(drama.id, unmarked.removed), `E${n}: the watch log is back`),
    });
  } catch (err) {
    toastError(err);
  }
  await refresh();
}

export function progressPanel(drama, once) {
  const next = drama.progress.next_episode;
  const nextEpisode = drama.episodes.find((e) => e.season === 1 && e.number === next);
  const airs = next ? airsText(next, nextEpisode?.air_date) : null;
  return h(
    "section",
    { class: "panel progress-panel" },
    progressBar(drama.progress),
    h("span", { class: "progress-text big", "data-progress": "" }, progressText(drama.progress)),
    h("span", { class: "muted" }, "watched"),
    airs ? h("span", { class: "airs" }, airs) : null,
    h("span", { class: "spacer" }),
    next
      ? h("button", { type: "button", class: "primary", dataset: { markNext: next }, onclick: (event) => once(event, () => mark(drama, [next])) }, `Mark E${next} watched`)
      : drama.progress.total
        ? h("span", { class: "chip status status-completed" }, "All watched")
        : null,
  );
}

/** Opens episode `n`'s panel without marking it. */
async function open(n) {
  selection.anchor = n;
  selection.episode = n;
  await refresh();
}

/** Focus back on tile `n` after a redraw, when it was on the grid before. */
function keepFocus(n, hadFocus) {
  if (hadFocus) document.querySelector(`.episode[data-episode="${n}"]`)?.focus();
}

export function episodeGrid(drama, watched, count, once) {
  const grid = h("div", { class: "episode-grid", role: "group", "aria-label": "Episodes" });
  // One tab stop for the grid (roving tabindex): the selected episode, else
  // the next to watch, else the first.
  const stop = selection.episode ?? drama.progress.next_episode ?? 1;
  for (let n = 1; n <= count; n++) {
    const episode = watched.get(n);
    const views = episode?.watched_at.length ?? 0;
    const noted = Boolean(episode?.notes || episode?.rating != null);
    const anchor = selection.anchor === n;
    const says = [views ? `watched${views > 1 ? ` ${views} times` : ""}` : "not watched", noted ? "has notes" : null, anchor ? "range anchor" : null];
    const cell = h(
      "button",
      {
        type: "button",
        class: `episode${views ? " watched" : ""}${selection.episode === n ? " selected" : ""}${noted ? " annotated" : ""}${anchor ? " anchor" : ""}`,
        tabindex: n === Math.min(stop, count) ? "0" : "-1",
        "aria-pressed": views ? "true" : "false",
        "aria-label": `Episode ${n}, ${says.filter(Boolean).join(", ")}`,
        title: [
          episode?.title ? `“${episode.title}”` : null,
          views ? `Watched ${formatDate(episode.watched_at.at(-1))}` : (airsText(n, episode?.air_date) ?? "Not watched"),
          anchor ? "Shift-click another episode to mark the range from here" : null,
        ]
          .filter(Boolean)
          .join(" · "),
        dataset: { episode: n, watched: views ? "true" : "false" },
      },
      String(n),
      views > 1 ? h("span", { class: "rewatch-dot", "aria-hidden": "true", title: `Watched ${views} times` }, `×${views}`) : null,
    );
    cell.addEventListener("click", (event) => once(event, () => onEpisodeClick(drama, watched, n, event.shiftKey)));
    cell.addEventListener("keydown", (event) => onEpisodeKey(event, grid, n, once));
    const what = episode?.notes ? "notes" : `rating (${episode?.rating})`;
    const dot = noted
      ? h("button", {
          type: "button",
          class: "note-dot",
          tabindex: "-1",
          dataset: { openEpisode: n },
          title: `Episode ${n} has ${what}: open it without marking it`,
          "aria-label": `Open episode ${n}'s ${episode?.notes ? "notes" : "rating"} without marking it`,
          onclick: (event) => once(event, () => open(n)),
        })
      : null;
    grid.append(h("span", { class: "tile" }, cell, dot));
  }
  return grid;
}

/** Arrow keys, Home and End move along the grid; O opens without marking. */
function onEpisodeKey(event, grid, n, once) {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const tiles = [...grid.querySelectorAll(".episode")];
  if (event.key === "o" || event.key === "O") {
    event.preventDefault();
    once(event, async () => {
      await open(n);
      keepFocus(n, true);
    });
    return;
  }
  const perRow = tiles.filter((t) => t.offsetTop === tiles[0].offsetTop).length || 1;
  const to = { ArrowLeft: n - 1, ArrowRight: n + 1, ArrowUp: n - perRow, ArrowDown: n + perRow, Home: 1, End: tiles.length }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  const target = tiles[Math.min(Math.max(to, 1), tiles.length) - 1];
  for (const tile of tiles) tile.tabIndex = tile === target ? 0 : -1;
  target.focus();
}

async function onEpisodeClick(drama, watched, n, shift) {
  const hadFocus = document.activeElement?.closest(".episode-grid") != null;
  if (shift && selection.anchor) {
    const [from, to] = [Math.min(selection.anchor, n), Math.max(selection.anchor, n)];
    selection.anchor = n;
    selection.episode = n;
    await mark(drama, range(from, to));
  } else {
    selection.anchor = n;
    selection.episode = n;
    if (watched.get(n)?.watched_at.length) await refresh();
    else await mark(drama, [n]);
  }
  keepFocus(n, hadFocus);
}

export function episodePanel(drama, episode, n, once, addScene) {
  const views = episode?.watched_at ?? [];
  const key = `${drama.id}/${n}`;
  const stored = { title: episode?.title ?? "", rating: episode?.rating != null ? String(episode.rating) : "", notes: episode?.notes ?? "" };
  const shown = drafts.get(key)?.typed ?? stored;
  const notes = h("textarea", { rows: 2, "aria-label": `Notes on episode ${n}`, placeholder: "What stayed with you?" });
  notes.value = shown.notes;
  // Text, not type=number: WebKit would drop "8,5" or "x" without a word.
  const score = h("input", { name: "rating", inputmode: "decimal", autocomplete: "off", "aria-label": `Rating of episode ${n}`, placeholder: "0–10", "aria-describedby": `episode-error-${n}` });
  score.value = shown.rating;
  const title = h("input", { name: "title", "aria-label": `Title of episode ${n}`, placeholder: "Episode title" });
  title.value = shown.title;
  const error = h("span", { class: "field-error", id: `episode-error-${n}`, "aria-live": "polite" });
  const act = (label, fn, cls = "ghost", data = {}) => h("button", { type: "button", class: `${cls} small`, dataset: data, onclick: (event) => once(event, fn) }, label);

  const remember = () => {
    const typed = { title: title.value, rating: score.value, notes: notes.value };
    if (typed.title === stored.title && typed.rating === stored.rating && typed.notes === stored.notes) drafts.delete(key);
    else drafts.set(key, { label: `notes on episode ${n} of “${drama.title}”`, typed });
  };
  for (const field of [title, score, notes]) field.addEventListener("input", remember);
  // A fixed field's error goes as soon as it is typed in.
  const clear = (field) => {
    error.textContent = "";
    field.removeAttribute("aria-invalid");
  };
  for (const field of [title, score, notes]) field.addEventListener("input", () => clear(field));

  const fail = (field, message) => {
    error.textContent = message;
    field.setAttribute("aria-invalid", "true");
    field.focus();
  };
  let saving = false;
  const saveNotes = async () => {
    if (saving) return;
    const typed = score.value.trim().replace(",", ".");
    if (typed !== "" && !Number.isFinite(Number(typed))) {
      fail(score, `Rating: “${score.value.trim()}” is not a number; give one from 0 to 10, in halves`);
      return;
    }
    saving = true;
    try {
      await api.annotateEpisode(drama.id, 1, n, {
        title: title.value.trim() || null,
        rating: typed === "" ? null : Number(typed),
        notes: notes.value,
        runtime_min: episode?.runtime_min ?? null,
      });
      drafts.delete(key);
      toast(`Saved notes on episode ${n}`);
      await refresh();
    } catch (err) {
      const problem = err.problems?.find((p) => p.field === "rating" || p.field === "title" || p.field === "notes");
      if (problem) fail({ rating: score, title, notes }[problem.field], `${problem.field === "rating" ? "Rating" : problem.field === "title" ? "Title" : "Notes"}: ${problem.message}`);
      else error.textContent = err.message;
    } finally {
      saving = false;
    }
  };

  const latest = views.at(-1);
  return h(
    "div",
    { class: "episode-panel", dataset: { episodePanel: n } },
    h(
      "div",
      { class: "section-head" },
      h("h3", {}, `Episode ${n}`),
      h("span", { class: "spacer" }),
      n > 1 ? act(`Mark E1–E${n} watched`, () => mark(drama, range(1, n))) : null,
      views.length ? act(`Log a rewatch of E${n}`, () => change(() => api.recordRewatch(drama.id, 1, [n]), `Logged a rewatch of E${n}`)) : act(`Mark E${n} watched`, () => mark(drama, [n]), "ghost", { markEpisode: n }),
      views.length
        ? h(
            "button",
            {
              type: "button",
              class: "ghost danger-text small",
              dataset: { unmark: "latest" },
              title: `Removes the watch of ${formatDateTime(latest)}; earlier ones stay`,
              onclick: (event) => once(event, () => unmark(drama, n, "latest", `Removed the watch of ${formatDate(latest)} from E${n}`)),
            },
            views.length > 1 ? `Remove the latest watch of E${n}` : `Unmark E${n}`,
          )
        : null,
      views.length > 1
        ? h(
            "button",
            {
              type: "button",
              class: "ghost danger-text small",
              dataset: { unmark: "all" },
              onclick: async () => {
                const ok = await confirmAction(`Remove all ${views.length} watches of episode ${n}, rewatches and imported history included?`, { action: `Remove ${views.length} watches` });
                if (ok) await unmark(drama, n, "all", `Removed ${views.length} watches of E${n}`);
              },
            },
            `Remove all ${views.length} watches`,
          )
        : null,
      h("button", { type: "button", class: "ghost small", onclick: () => addScene(drama, n) }, `Add a scene at E${n}`),
    ),
    views.length
      ? h(
          "ol",
          { class: "watch-dates" },
          views.map((at, i) => h("li", {}, formatDateTime(at), i > 0 ? h("span", { class: "chip small" }, "rewatch") : null)),
        )
      : h("p", { class: "muted small" }, "Not watched yet."),
    h(
      "form",
      {
        class: "episode-notes",
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          saveNotes();
        },
        // Ctrl+Enter saves from the notes box, as it does in the dialogs.
        onkeydown: (event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            saveNotes();
          }
        },
      },
      title,
      score,
      notes,
      h("button", { type: "submit", class: "small" }, `Save notes on E${n}`),
      error,
    ),
  );
}
