// Up next: the next unwatched episode of every drama being watched, with a
// one-click "watched" that Undo takes back. A button acts once per draw and
// never on the second click of a double-click, so one double-click marks
// one episode.

import { api } from "../api.js";
import { ago, airsText, countOf, h, progressBar, toast, toastError } from "../dom.js";
import { refresh } from "../router.js";
import { change, oncePerDraw } from "./episodes.js";

export async function renderUpNext(root) {
  const next = await api.upNext();
  const once = oncePerDraw();
  root.append(h("div", { class: "toolbar" }, h("h1", {}, "Up next"), h("span", { class: "muted count" }, `${countOf(next.length, "drama")} in progress`)));
  if (!next.length) {
    root.append(h("p", { class: "empty-note" }, "Nothing in progress. Mark an episode of a drama watched and it shows up here."));
    return;
  }
  root.append(
    h(
      "div",
      { class: "up-next" },
      next.map((item) =>
        h(
          "article",
          { class: "card up-next-item", dataset: { dramaId: item.drama_id } },
          h(
            "div",
            { class: "card-titles" },
            h("a", { class: "title", href: `#/drama/${encodeURIComponent(item.drama_id)}` }, item.title),
            item.original_title ? h("p", { class: "original", lang: "ko" }, item.original_title) : null,
          ),
          h("p", { class: "next-episode" }, `Episode ${item.episode}`, airsText(item.episode, item.air_date) ? h("span", { class: "airs" }, ` · ${airsText(item.episode, item.air_date)}`) : null),
          h(
            "div",
            { class: "card-progress" },
            progressBar({ watched: item.watched, total: item.total }),
            h("span", { class: "progress-text" }, `${item.watched}/${item.total ?? "?"}`),
          ),
          h("p", { class: "muted small" }, item.last_watched_at ? ago(item.last_watched_at, "last watched ") : ""),
          h(
            "button",
            {
              type: "button",
              class: "primary",
              dataset: { markNext: item.episode },
              onclick: (event) =>
                once(event, async () => {
                  try {
                    const done = await api.markWatched(item.drama_id, item.season, [item.episode]);
                    const label = `${item.title}: E${item.episode}`;
                    const undo = { label: "Undo", run: () => change(() => api.takeBackWatches(item.drama_id, done), `${label}: the mark is undone`) };
                    toast(`Marked ${label} watched${done.status === "completed" ? " · completed!" : ""}`, "info", done.added.length ? undo : null);
                  } catch (err) {
                    toastError(err);
                  }
                  await refresh();
                }),
            },
            `Mark E${item.episode} watched`,
          ),
        ),
      ),
    ),
  );
}
