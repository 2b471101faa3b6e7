// Drama: details, progress and the episode grid (views/episodes.js), the
// scenes, the videos, the watch log.

import { api } from "../api.js";
import { formatDate, h, rating, statusChip, tagChips, toast, toastError } from "../dom.js";
import { openDramaForm } from "../forms/drama-form.js";
import { openAddToList } from "../forms/add-to-list.js";
import { filledText, openTmdbLink } from "../forms/tmdb-link.js";
import { posterImage } from "../forms/tmdb-search.js";
import { confirmDelete } from "../forms/modal.js";
import { openSceneForm } from "../forms/scene-form.js";
import { currentRoute, go, refresh } from "../router.js";
import { linkList, sceneItem } from "./scene-item.js";
import { videosPanel } from "./videos.js";
import { bookmarkNow } from "../bookmark.js";
import { change, drafts, episodeGrid, episodePanel, oncePerDraw, progressPanel, selection } from "./episodes.js";

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

  // Every marking button of this draw acts once (views/episodes.js).
  const once = oncePerDraw();
  const parts = [
    header(drama),
    progressPanel(drama, once),
    h(
      "section",
      { class: "panel" },
      h(
        "div",
        { class: "section-head" },
        h("h2", {}, "Episodes"),
        h("span", { class: "muted small episode-hint" }, "Click marks watched (Undo in the message) · Shift-click marks a range from the ringed episode · The dot, or O, opens an episode without marking it · Arrow keys move"),
      ),
      episodeGrid(drama, watched, count, once),
      later.size
        ? h("p", { class: "muted small" }, `Season 1 above. ${[...later].map(([s, n]) => `Season ${s}: ${n} episodes`).join(" · ")}; their watches show in the watch log.`)
        : null,
      selection.episode ? episodePanel(drama, watched.get(selection.episode), selection.episode, once, addScene) : null,
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
      h("button", { type: "button", class: "primary small", dataset: { addScene: "" }, onclick: () => addScene(drama, selection.episode) }, "Add a scene"),
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
