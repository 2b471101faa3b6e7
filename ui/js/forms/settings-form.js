// The Settings dialog: the player ▶ Play starts, and the bookmark shortcut.
// They are kept in the app's settings file, not in the library.

import { api } from "../api.js";
import { toast } from "../dom.js";
import { clearErrors, showErrors } from "./errors.js";
import { runDialog } from "./modal.js";

export async function openSettings() {
  const dialog = document.getElementById("settings-dialog");
  const form = dialog.querySelector("form");
  if (dialog.open) return null;
  const settings = await api.getSettings();
  clearErrors(form);
  form.elements.player.value = settings.player ?? "";
  form.elements.bookmark_shortcut.value = settings.bookmark_shortcut ?? "";
  const read = () => ({
    player: form.elements.player.value || null,
    bookmark_shortcut: form.elements.bookmark_shortcut.value.trim() || null,
  });
  return runDialog(dialog, {
    onOpen: () => form.elements.player.focus(),
    snapshot: () => JSON.stringify(read()),
    onSubmit: async () => {
      try {
        const saved = await api.saveSettings(read());
        toast("Settings saved");
        return saved;
      } catch (err) {
        showErrors(form, err);
        return undefined;
      }
    },
  });
}
