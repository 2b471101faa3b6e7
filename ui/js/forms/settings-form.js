// The Settings dialog: the player ▶ Play starts, the bookmark shortcut, and
// the TMDB token and language. They are kept in the app's settings file,
// not in the library. The token is typed in and never shown back: the
// dialog only says whether one is saved.

import { api } from "../api.js";
import { toast } from "../dom.js";
import { clearErrors, showErrors } from "./errors.js";
import { runDialog } from "./modal.js";

const TOKEN_STATE = {
  environment: "A token comes from DRAKOR_TMDB_TOKEN; it wins over one saved here.",
  settings: "A token is saved. Paste a new one to replace it.",
};

export async function openSettings() {
  const dialog = document.getElementById("settings-dialog");
  const form = dialog.querySelector("form");
  if (dialog.open) return null;
  const settings = await api.getSettings();
  clearErrors(form);
  const f = form.elements;
  f.player.value = settings.player ?? "";
  f.bookmark_shortcut.value = settings.bookmark_shortcut ?? "";
  f.tmdb_language.value = settings.tmdb_language ?? "";
  f.tmdb_token.value = "";
  let forget = false;
  const state = form.querySelector("[data-token-state]");
  const forgetButton = form.querySelector("[data-forget-token]");
  const showState = () => {
    const saved = settings.tmdb_token === "settings" && !forget;
    state.textContent = forget
      ? "The saved token will be forgotten when you save."
      : (TOKEN_STATE[settings.tmdb_token] ?? "Optional: with one, adding a drama starts with a TMDB search. Get yours free at themoviedb.org → Settings → API.");
    forgetButton.hidden = !saved;
  };
  forgetButton.onclick = () => {
    forget = true;
    showState();
  };
  // A token typed after "Forget" is the one to keep.
  f.tmdb_token.oninput = () => {
    if (forget && f.tmdb_token.value.trim()) {
      forget = false;
      showState();
    }
  };
  showState();
  const read = () => ({
    player: f.player.value || null,
    bookmark_shortcut: f.bookmark_shortcut.value.trim() || null,
    tmdb_language: f.tmdb_language.value.trim() || null,
    tmdb_token: f.tmdb_token.value.trim() || null,
    forget_tmdb_token: forget,
  });
  return runDialog(dialog, {
    onOpen: () => f.player.focus(),
    snapshot: () => JSON.stringify(read()),
    onSubmit: async () => {
      try {
        const saved = await api.saveSettings(read());
        f.tmdb_token.value = "";
        toast("Settings saved");
        return saved;
      } catch (err) {
        showErrors(form, err);
        return undefined;
      }
    },
  });
}

/** The About dialog: version, library file, and TMDB's attribution. */
export async function openAbout() {
  const dialog = document.getElementById("about-dialog");
  if (dialog.open) return;
  const info = await api.appInfo();
  document.getElementById("about-version").textContent = `Version ${info.version}`;
  document.getElementById("about-library").textContent = info.library_path || "not opened";
  dialog.showModal();
}
