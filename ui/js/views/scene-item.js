// One scene bookmark as a row: where it is, its title, tags, people (each
// opens the person's page), its famous line and song, notes and links. Used
// by the Drama, Scenes and person screens.

import { api, dialogs } from "../api.js";
import { h, sceneWhere, tagChips, toast, toastError } from "../dom.js";
import { openAddToList } from "../forms/add-to-list.js";

/**
 * Plays the scene from its start in the user's player, and says how it
 * went. When its episode has no file (or the file moved), the message
 * offers to link the drama's folder, then plays.
 */
export async function play(scene) {
  try {
    const started = await api.playScene(scene.id);
    toast(started.seeks ? `Playing from ${scene.start} in ${started.program}` : `Opened in the system's player, which cannot start at ${scene.start}: skip to it there`);
  } catch (err) {
    if (err.code !== "no_video_file" && err.code !== "video_missing") {
      toastError(err);
      return;
    }
    toast(err.message, "error", {
      label: "Link folder…",
      run: async () => {
        const folder = await dialogs.openFolder();
        if (!folder) return;
        try {
          await api.linkFolder(scene.drama_id, folder);
        } catch (linkErr) {
          toastError(linkErr);
          return;
        }
        await play(scene);
      },
    });
  }
}

export function sceneItem(scene, { dramaTitle = null, onEdit, onDelete, onTag } = {}) {
  return h(
    "article",
    { class: "scene", dataset: { sceneId: scene.id } },
    h(
      "header",
      { class: "scene-head" },
      h("span", { class: "scene-where" }, sceneWhere(scene)),
      scene.favourite ? h("span", { class: "star", title: "Favourite", "aria-label": "Favourite" }, "★") : null,
      h("h3", { class: "scene-title" }, scene.title),
      dramaTitle
        ? h("a", { class: "scene-drama", href: `#/drama/${encodeURIComponent(scene.drama_id)}` }, dramaTitle)
        : null,
      h(
        "span",
        { class: "scene-actions" },
        h("button", { type: "button", class: "ghost small play", dataset: { play: scene.id }, title: `Play from ${scene.start}`, onclick: () => play(scene) }, "▶ Play"),
        h("button", { type: "button", class: "ghost small", dataset: { addToList: scene.id }, onclick: () => openAddToList({ scene: scene.id }, `“${scene.title}”, ${sceneWhere(scene)}`).catch(toastError) }, "Add to list…"),
        onEdit ? h("button", { type: "button", class: "ghost small", onclick: () => onEdit(scene) }, "Edit") : null,
        onDelete
          ? h("button", { type: "button", class: "ghost small danger-text", onclick: () => onDelete(scene) }, "Delete")
          : null,
      ),
    ),
    scene.tags.length || scene.people.length
      ? h(
          "div",
          { class: "scene-meta" },
          tagChips(scene.tags, onTag),
          scene.people.length
            ? h(
                "span",
                { class: "people" },
                scene.people.map((name) =>
                  h("a", { class: "chip person", href: `#/person/${encodeURIComponent(name)}`, title: `Scenes with ${name}` }, h("bdi", {}, name)),
                ),
              )
            : null,
        )
      : null,
    scene.quote ? famousLine(scene.quote) : null,
    scene.ost ? song(scene.ost) : null,
    scene.notes ? h("p", { class: "notes" }, scene.notes) : null,
    scene.links.length ? linkList(scene.links) : null,
  );
}

/** The scene's famous line as a quote, its translation under it. */
function famousLine(quote) {
  return h(
    "blockquote",
    { class: "scene-quote" },
    h("p", { class: "quote-text" }, quote.text),
    quote.translation ? h("p", { class: "quote-translation" }, quote.translation) : null,
  );
}

/** "♪ Stay With Me — Chanyeol & Punch" (also on a list's entries). */
export function song(ost) {
  return h(
    "p",
    { class: "scene-ost", title: "Song playing in the scene (OST)" },
    h("span", { "aria-hidden": "true" }, "♪ "),
    h("bdi", { class: "ost-title" }, ost.title),
    ost.artist ? [" — ", h("bdi", { class: "ost-artist" }, ost.artist)] : null,
  );
}

const WEB_ADDRESS = /^https?:\/\//i;

const KIND_LABELS = { behind_the_scenes: "Behind the scenes", clip: "Clip", article: "Article", other: "Link" };

/** Links open in the system browser, never inside the app window. */
export function linkList(links) {
  return h(
    "ul",
    { class: "links" },
    links.map((link) =>
      h(
        "li",
        {},
        h(
          "a",
          {
            // The core keeps only http and https links; never trust that here.
            href: WEB_ADDRESS.test(link.url) ? link.url : undefined,
            class: "external",
            title: link.url,
            rel: "noopener noreferrer",
            onclick: (event) => {
              event.preventDefault();
              api.openLink(link.url).catch(toastError);
            },
            onauxclick: (event) => event.preventDefault(),
          },
          link.label || link.url,
        ),
        link.label && link.label.toLowerCase() !== (KIND_LABELS[link.kind] ?? "").toLowerCase()
          ? h("span", { class: "muted small" }, ` ${KIND_LABELS[link.kind] ?? ""}`)
          : null,
      ),
    ),
  );
}
