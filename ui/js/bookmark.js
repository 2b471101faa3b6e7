// "Bookmark now": a scene saved at the moment the player is at, in one
// click or with the global shortcut (Ctrl+Alt+B), titled "Untitled" to fill
// in later; the message offers "Add details".

import { api } from "./api.js";
import { h, sceneWhere, toast, toastError } from "./dom.js";
import { openSceneForm } from "./forms/scene-form.js";
import { refresh } from "./router.js";

let saving = false;

/**
 * Bookmarks what plays. `pageDrama`: the drama page the window is on, used
 * only when what plays names no drama; `picked`: the user's choice.
 */
export async function bookmarkNow({ pageDrama = null, picked = null } = {}) {
  if (saving) return; // a second click while the first is on its way
  saving = true;
  try {
    await announce(await api.bookmarkNow({ pageDrama, picked }));
  } catch (err) {
    failed(err);
  } finally {
    saving = false;
  }
}

/** A failed bookmark; when what plays is no drama of the library, offers to pick it. */
function failed(err) {
  if (err?.code !== "not_in_library") {
    toastError(err);
    return;
  }
  toast(err.message, "error", {
    label: "Choose the drama…",
    run: async () => {
      const id = await pickDrama();
      if (id) await bookmarkNow({ picked: id });
    },
  });
}

/** Asks which drama is playing; resolves with its id, or null. */
async function pickDrama() {
  const dialog = document.getElementById("pick-drama-dialog");
  const select = dialog.querySelector("select");
  const dramas = await api.listDramas({ status: null, tag: null, sort: "title" });
  select.replaceChildren(...dramas.map((d) => h("option", { value: d.id }, d.original_title ? `${d.title} · ${d.original_title}` : d.title)));
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok" && select.value ? select.value : null), { once: true });
    dialog.returnValue = "cancel";
    dialog.showModal();
  });
}

/** Says a bookmark was saved, with "Add details", and redraws. */
async function announce(scene) {
  const drama = await api.getDrama(scene.drama_id);
  toast(`Bookmarked ${sceneWhere(scene)} in “${drama.title}”`, "info", {
    label: "Add details",
    run: async () => {
      if (await openSceneForm({ drama, scene })) refresh();
    },
  });
  refresh();
}

// The global shortcut saves in the app's Rust side, then hands the result
// here (as data) so the window says so.
window.drakorBookmarked = (scene) => announce(scene).catch(toastError);
window.drakorBookmarkFailed = (error) => failed(error);
