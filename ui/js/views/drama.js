// Drama: details, the episode grid (click marks watched, shift-click marks a
// range), the selected episode's log and notes, the scenes, the watch log.

import { api } from "../api.js";
import {
  airsText,
  formatDate,
  formatDateTime,
  h,
  progressBar,
  progressText,
  rating,
  statusChip,
  tagChips,
  toast,
  toastError,
} from "../dom.js";
import { openDramaForm } from "../forms/drama-form.js";
import { openAddToList } from "../forms/add-to-list.js";
import { filledText, openTmdbLink } from "../forms/tmdb-link.js";
import { posterImage } from "../forms/tmdb-search.js";
import { confirmAction, confirmDelete } from "../forms/modal.js";
import { openSceneForm } from "../forms/scene-form.js";
import { currentRoute, go, guardLeaving, refresh } from "../router.js";
import { linkList, sceneItem } from "./scene-item.js";
import { videosPanel } from "./videos.js";
import { bookmarkNow } from "../bookmark.js";

/** The selected episode and the anchor of a shift-click range, per drama. */
const selection = { dramaId: null, episode: null, anchor: null };

/**
 * What is typed into episode panels and not saved yet, by "<drama id>/<n>":
 * { label, typed: { title, rating, notes } }. The page is redrawn from the
 * database after every action (marking, choosing another episode, adding a
 * scene); the panel shows the typed text again instead of the stored one,
 * and leaving the page with any of it asks first.
 */
const drafts = new Map();
guardLeaving({
  unsaved: () => (drafts.size ? [...drafts.values()].map((d) => d.label).join(" and ") : null),
  discard: () => drafts.clear(),
});

export async function renderDrama(root, params) {
  const { id } = params;
  let drama, links;
  try {
    [drama, links] = await Promise.all([api.getDrama(id), api.videoLinks(id).catch(() => null)]);
  } catch (err) {
    root.append(h("p", { class: "empty-note" }, err.code === "not_found" ? "This drama is no longer in your library." : err.message));
    return;
  }
  if (selection.dramaId !== drama.id) Object.assign(selection, { dramaId: drama.id, episode: null, anchor: null });
  // A search result opens the drama at its episode (#/drama/<id>?episode=9),
  // once: the redraws after the user's own clicks keep their choice.
  const asked = Number(params.episode);
  if (currentRoute().arrived && Number.isInteger(asked) && asked > 0 && (params.season ?? "1") === "1") {
    Object.assign(selection, { episode: asked, anchor: asked });
  }

  const watched = new Map(drama.episodes.filter((e) => e.season === 1).map((e) => [e.number, e]));
  const maxKnown = Math.max(0, ...drama.episodes.filter((e) => e.season === 1).map((e) => e.number), ...drama.scenes.map((s) => s.episode));
  // A show with later seasons (from TMDB) counts them in its total; the
  // grid is season 1's, so it holds season 1's episodes only.
  const later = new Map();
  for (const e of drama.episodes) if (e.season > 1) later.set(e.season, (later.get(e.season) ?? 0) + 1);
  const seasonOne = drama.episodes.filter((e) => e.season === 1).length;
  const count = later.size && seasonOne ? Math.max(seasonOne, maxKnown) : (drama.total_episodes ?? Math.max(maxKnown + 1, 8));

  const parts = [
    header(drama),
    progressPanel(drama),
    h(
      "section",
      { class: "panel" },
      h("div", { class: "section-head" }, h("h2", {}, "Episodes"), h("span", { class: "muted small" }, "Click marks watched · Shift-click marks a range · Click a watched one to see its log")),
      episodeGrid(drama, watched, count),
      later.size
        ? h("p", { class: "muted small" }, `Season 1 above. ${[...later].map(([s, n]) => `Season ${s}: ${n} episodes`).join(" · ")}; their watches show in the watch log.`)
        : null,
      selection.episode ? episodePanel(drama, watched.get(selection.episode), selection.episode) : null,
    ),
    scenesSection(drama),
    videosPanel(drama, links),
    watchLog(drama),
  ];
  root.append(...parts.filter(Boolean));
}

function header(drama) {
  const meta = [
    drama.year ? String(drama.year) : null,
    drama.network ? h("bdi", {}, drama.network) : null,
    drama.country ? h("bdi", {}, drama.country) : null,
    drama.total_episodes ? `${drama.total_episodes} episodes` : null,
    drama.rewatch_count ? `rewatched ${drama.rewatch_count}×` : null,
  ].filter(Boolean);
  const dates = [drama.started_on ? `started ${formatDate(drama.started_on)}` : null, drama.finished_on ? `finished ${formatDate(drama.finished_on)}` : null].filter(Boolean);
  return h(
    "section",
    { class: "drama-head" },
    posterImage(drama.external_ids.tmdb, drama.title, "drama-poster"),
    h(
      "div",
      { class: "drama-titles" },
      h("h1", { class: "title" }, drama.title),
      drama.original_title ? h("p", { class: "original", lang: "ko" }, drama.original_title) : null,
      h("p", { class: "muted drama-meta" }, meta.flatMap((part, i) => (i ? [" · ", part] : [part]))),
      h("div", { class: "card-meta" }, statusChip(drama.status), rating(drama.rating), tagChips(drama.tags, (tag) => go("library", { tag })), dates.length ? h("span", { class: "muted small" }, dates.join(" · ")) : null),
      drama.notes ? h("p", { class: "notes" }, drama.notes) : null,
      drama.links.length ? linkList(drama.links) : null,
    ),
    h(
      "div",
      { class: "head-actions" },
      tmdbButton(drama),
      h("button", { type: "button", class: "ghost", dataset: { action: "add-to-list" }, onclick: () => openAddToList({ drama: drama.id }, `“${drama.title}”, the whole drama`).catch(toastError) }, "Add to list…"),
      h(
        "button",
        {
          type: "button",
          class: "ghost",
          dataset: { action: "edit" },
          onclick: async () => {
            if (await openDramaForm(drama)) refresh();
          },
        },
        "Edit",
      ),
      h(
        "button",
        {
          type: "button",
          class: "ghost danger-text",
          onclick: async () => {
            const scenes = drama.scenes.length ? ` and its ${drama.scenes.length} scenes` : "";
            if (!(await confirmDelete(["Delete “", h("bdi", {}, drama.title), `” with its watch log${scenes}? A copy is kept in the backups folder, and Undo brings it back.`]))) return;
            try {
              const deleted = await api.deleteDrama(drama.id);
              drafts.clear();
              const undo = deleted.copy
                ? {
                    label: "Undo",
                    run: async () => {
                      try {
                        await api.restoreDrama(deleted.copy);
                        toast(`“${deleted.title}” is back`);
                        go("drama", { id: deleted.id });
                      } catch (err) {
                        toastError(err);
                      }
                    },
                  }
                : null;
              toast(`Deleted “${drama.title}”`, "info", undo);
              go("library");
            } catch (err) {
              toastError(err);
            }
          },
        },
        "Delete",
      ),
    ),
  );
}

/** "Update from TMDB" for a linked drama, "Find on TMDB" for the others. */
function tmdbButton(drama) {
  const linked = drama.external_ids.tmdb;
  return h(
    "button",
    {
      type: "button",
      class: "ghost",
      dataset: { action: "tmdb" },
      title: linked ? "Add new episodes and fill what is still empty; nothing you typed is replaced" : "Link this drama to its TMDB entry and fill it in",
      onclick: async (event) => {
        if (!linked) {
          if (await openTmdbLink(drama)) refresh();
          return;
        }
        const button = event.currentTarget;
        button.disabled = true;
        try {
          toast(filledText(await api.refreshFromTmdb(drama.id)));
          refresh();
        } catch (err) {
          toastError(err);
        } finally {
          button.disabled = false;
        }
      },
    },
    linked ? "Update from TMDB" : "Find on TMDB",
  );
}

function progressPanel(drama) {
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
      ? h(
          "button",
          {
            type: "button",
            class: "primary",
            onclick: () => mark(drama, [next], `Episode ${next} watched`),
          },
          `✓ Mark episode ${next} watched`,
        )
      : drama.progress.total
        ? h("span", { class: "chip status status-completed" }, "All watched")
        : null,
  );
}

function episodeGrid(drama, watched, count) {
  const grid = h("div", { class: "episode-grid", role: "group", "aria-label": "Episodes" });
  for (let n = 1; n <= count; n++) {
    const episode = watched.get(n);
    const views = episode?.watched_at.length ?? 0;
    const cell = h(
      "button",
      {
        type: "button",
        class: `episode${views ? " watched" : ""}${selection.episode === n ? " selected" : ""}${episode?.notes || episode?.rating != null ? " annotated" : ""}`,
        "aria-pressed": views ? "true" : "false",
        "aria-label": `Episode ${n}${views ? `, watched${views > 1 ? ` ${views} times` : ""}` : ""}`,
        title: [episode?.title ? `“${episode.title}”` : null, views ? `Watched ${formatDate(episode.watched_at.at(-1))}` : (airsText(n, episode?.air_date) ?? "Not watched")].filter(Boolean).join(" · "),
        dataset: { episode: n, watched: views ? "true" : "false" },
      },
      String(n),
      views > 1 ? h("span", { class: "rewatch-dot", "aria-hidden": "true" }, `×${views}`) : null,
    );
    cell.addEventListener("click", (event) => onEpisodeClick(drama, watched, n, event.shiftKey));
    grid.append(cell);
  }
  return grid;
}

async function onEpisodeClick(drama, watched, n, shift) {
  if (shift && selection.anchor) {
    const [from, to] = [Math.min(selection.anchor, n), Math.max(selection.anchor, n)];
    selection.anchor = n;
    selection.episode = n;
    await mark(drama, range(from, to), `Episodes ${from}–${to} watched`);
    return;
  }
  selection.anchor = n;
  selection.episode = n;
  if (watched.get(n)?.watched_at.length) refresh();
  else await mark(drama, [n], `Episode ${n} watched`);
}

/** Runs a change; says so when it worked, shows the error when not, then redraws. */
async function change(action, message) {
  try {
    await action();
    toast(message);
  } catch (err) {
    toastError(err);
  }
  refresh();
}

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function mark(drama, episodes, message) {
  try {
    const change = await api.markWatched(drama.id, 1, episodes);
    const statusNote = change.status !== drama.status ? ` · now ${change.status.replaceAll("_", " ")}` : "";
    toast(`${message}${statusNote}`);
  } catch (err) {
    toastError(err);
  }
  refresh();
}

/** Takes watches of episode `n` out of the log, with Undo in the toast. */
async function unmark(drama, n, which, message) {
  try {
    const unmarked = await api.unmarkWatched(drama.id, 1, [n], which);
    toast(message, "info", {
      label: "Undo",
      run: () => change(() => api.restoreWatches(drama.id, unmarked.removed), `Episode ${n}: the watch log is back`),
    });
  } catch (err) {
    toastError(err);
  }
  refresh();
}

function episodePanel(drama, episode, n) {
  const views = episode?.watched_at ?? [];
  const key = `${drama.id}/${n}`;
  const stored = { title: episode?.title ?? "", rating: episode?.rating != null ? String(episode.rating) : "", notes: episode?.notes ?? "" };
  const shown = drafts.get(key)?.typed ?? stored;
  const notes = h("textarea", { rows: 2, "aria-label": `Notes on episode ${n}`, placeholder: "What stayed with you?" });
  notes.value = shown.notes;
  const score = h("input", { type: "number", min: 0, max: 10, step: 0.5, "aria-label": `Rating of episode ${n}`, placeholder: "0–10" });
  score.value = shown.rating;
  const title = h("input", { "aria-label": `Title of episode ${n}`, placeholder: "Episode title" });
  title.value = shown.title;
  const error = h("span", { class: "field-error" });
  const act = (label, fn, cls = "ghost") => h("button", { type: "button", class: `${cls} small`, onclick: fn }, label);

  const remember = () => {
    const typed = { title: title.value, rating: score.value, notes: notes.value };
    if (typed.title === stored.title && typed.rating === stored.rating && typed.notes === stored.notes) drafts.delete(key);
    else drafts.set(key, { label: `notes on episode ${n} of “${drama.title}”`, typed });
  };
  for (const field of [title, score, notes]) field.addEventListener("input", remember);

  const saveNotes = async () => {
    try {
      await api.annotateEpisode(drama.id, 1, n, {
        title: title.value.trim() || null,
        rating: score.value === "" ? null : Number(score.value),
        notes: notes.value,
        runtime_min: episode?.runtime_min ?? null,
      });
      drafts.delete(key);
      toast(`Saved notes on episode ${n}`);
      refresh();
    } catch (err) {
      error.textContent = err.message;
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
      n > 1 ? act(`Mark 1–${n} watched`, () => mark(drama, range(1, n), `Episodes 1–${n} watched`)) : null,
      views.length
        ? act("Log a rewatch", () => change(() => api.recordRewatch(drama.id, 1, [n]), `Logged a rewatch of episode ${n}`))
        : act("Mark watched", () => mark(drama, [n], `Episode ${n} watched`)),
      views.length
        ? h(
            "button",
            {
              type: "button",
              class: "ghost danger-text small",
              dataset: { unmark: "latest" },
              title: `Removes the watch of ${formatDateTime(latest)}; earlier ones stay`,
              onclick: () => unmark(drama, n, "latest", `Removed the watch of ${formatDate(latest)} from episode ${n}`),
            },
            views.length > 1 ? "Remove latest watch" : "Unmark",
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
                if (ok) await unmark(drama, n, "all", `Removed ${views.length} watches of episode ${n}`);
              },
            },
            `Remove all ${views.length} watches`,
          )
        : null,
      act("+ Scene here", () => addScene(drama, n)),
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
      h("button", { type: "submit", class: "small" }, "Save notes"),
      error,
    ),
  );
}

async function addScene(drama, episode) {
  const scene = await openSceneForm({ drama, defaults: { episode: episode ?? drama.progress.next_episode ?? 1 } });
  if (scene) refresh();
}

function scenesSection(drama) {
  const list = h("div", { class: "scene-list" });
  const edit = async (scene) => {
    if (await openSceneForm({ drama, scene })) refresh();
  };
  const remove = async (scene) => {
    if (!(await confirmDelete(["Delete the scene “", h("bdi", {}, scene.title), "”?"]))) return;
    await change(() => api.deleteScene(scene.id), `Deleted “${scene.title}”`);
  };
  for (const scene of drama.scenes) {
    list.append(sceneItem(scene, { onEdit: edit, onDelete: remove, onTag: (tag) => go("scenes", { tag }) }));
  }
  return h(
    "section",
    { class: "panel" },
    h(
      "div",
      { class: "section-head" },
      h("h2", {}, `Scenes (${drama.scenes.length})`),
      h("span", { class: "spacer" }),
      h("button", { type: "button", class: "ghost small", dataset: { bookmarkNow: "" }, title: "Save a scene where your player is now", onclick: () => bookmarkNow({ pageDrama: drama.id }) }, "◉ Bookmark now"),
      h("button", { type: "button", class: "primary small", onclick: () => addScene(drama, selection.episode) }, "+ Scene"),
    ),
    drama.scenes.length ? list : h("p", { class: "muted" }, "No scenes yet. Bookmark a moment you love: its episode, its time, and why."),
  );
}

function watchLog(drama) {
  if (!drama.episodes.length) return null;
  const label = (e) => (e.season === 1 ? `E${e.number}` : e.season === 0 ? `Special ${e.number}` : `S${e.season} E${e.number}`);
  return h(
    "section",
    { class: "panel" },
    h("h2", {}, "Watch log"),
    h(
      "table",
      { class: "watch-log" },
      h("thead", {}, h("tr", {}, h("th", {}, "Episode"), h("th", {}, "Watched"), h("th", {}, "Rating"), h("th", {}, "Notes"))),
      h(
        "tbody",
        {},
        drama.episodes.map((e) =>
          h(
            "tr",
            {
              class: e.season === 1 && selection.episode === e.number ? "selected" : "",
              onclick: () => {
                if (e.season !== 1) return;
                selection.episode = e.number;
                selection.anchor = e.number;
                refresh();
              },
            },
            h("td", {}, label(e), e.title ? h("span", { class: "muted small" }, ` ${e.title}`) : null),
            h(
              "td",
              {},
              e.watched_at.length
                ? e.watched_at.map((at, i) => h("span", { class: "when" }, formatDate(at), i > 0 ? " (rewatch)" : ""))
                : h("span", { class: "muted" }, "—"),
            ),
            h("td", {}, e.rating != null ? `★ ${e.rating}` : ""),
            h("td", { class: "notes-cell" }, e.notes),
          ),
        ),
      ),
    ),
  );
}
