// Native <dialog>s as promises. Esc and Cancel resolve with null.

import { setChildren } from "../dom.js";

export function runDialog(dialog, { onSubmit, onOpen }) {
  const form = dialog.querySelector("form");
  if (dialog.open) return Promise.resolve(null); // a second press while it is open
  return new Promise((resolve) => {
    let busy = false;
    const finish = (value) => {
      form.removeEventListener("submit", submit);
      dialog.removeEventListener("close", closed);
      cancelButton?.removeEventListener("click", cancel);
      form.removeEventListener("keydown", ctrlEnter);
      dialog.removeEventListener("cancel", escape);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const submit = async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      try {
        const value = await onSubmit();
        if (value !== undefined) finish(value);
      } finally {
        busy = false;
      }
    };
    const closed = () => finish(null);
    const cancel = () => {
      if (!busy) finish(null);
    };
    // While a save is on its way, Esc waits for it rather than losing it.
    const escape = (event) => {
      if (busy) event.preventDefault();
    };
    // Enter saves from any one-line field; Ctrl+Enter from a textarea too.
    const ctrlEnter = (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    };
    const cancelButton = form.querySelector("[data-cancel]");
    form.addEventListener("submit", submit);
    dialog.addEventListener("close", closed);
    cancelButton?.addEventListener("click", cancel);
    form.addEventListener("keydown", ctrlEnter);
    dialog.addEventListener("cancel", escape);
    dialog.showModal();
    onOpen?.();
  });
}

/**
 * Asks before something is deleted; resolves true to go ahead. `message` is
 * text, or a list of text and nodes (user text in a <bdi>).
 */
export function confirmDelete(message, action = "Delete") {
  const dialog = document.getElementById("confirm-dialog");
  setChildren(document.getElementById("confirm-message"), message);
  document.getElementById("confirm-ok").textContent = action;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "cancel";
    dialog.showModal();
  });
}
