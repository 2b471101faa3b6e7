// Native <dialog>s as promises. Esc and Cancel resolve with null.

import { setChildren } from "../dom.js";

/**
 * Runs a form dialog until it is saved or closed. `snapshot()` reads the
 * form as a string: when it differs from the one taken at opening, Esc and
 * Cancel ask before the typed changes are dropped.
 */
export function runDialog(dialog, { onSubmit, onOpen, snapshot = () => "" }) {
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
    let initial = null;
    let asking = false;
    const closed = () => finish(null);
    /** Closes unless there are changes the user wants to keep. */
    const leave = async () => {
      if (busy || asking) return;
      if (snapshot() !== initial) {
        asking = true;
        const drop = await confirmDiscard("Discard the changes you typed?");
        asking = false;
        if (!drop) return;
      }
      finish(null);
    };
    const cancel = () => leave();
    // Esc goes through the same check; while a save is on its way, Esc
    // waits for it rather than losing it.
    const escape = (event) => {
      event.preventDefault();
      leave();
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
    emptyDates(form);
    onOpen?.();
    initial = snapshot();
  });
}

/**
 * Marks empty date fields `.empty`, so they look empty (style.css): WebKit
 * otherwise draws a grey date-shaped placeholder that reads as a value.
 */
function emptyDates(form) {
  const mark = (input) => input.classList.toggle("empty", input.value === "");
  for (const input of form.querySelectorAll('input[type="date"]')) mark(input);
  if (form.dataset.marksEmptyDates) return;
  form.dataset.marksEmptyDates = "true";
  const changed = (event) => {
    if (event.target.type === "date") mark(event.target);
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
}

/**
 * Asks before something is deleted; resolves true to go ahead. `message` is
 * text, or a list of text and nodes (user text in a <bdi>).
 */
export function confirmDelete(message, action = "Delete") {
  return confirmAction(message, { action });
}

/** Asks before typed text is dropped; resolves true to drop it. */
export function confirmDiscard(message) {
  return confirmAction(message, { action: "Discard", cancel: "Keep editing" });
}

/** The one yes/no question of the window: true when `action` is chosen. */
export function confirmAction(message, { action, cancel = "Cancel" }) {
  const dialog = document.getElementById("confirm-dialog");
  setChildren(document.getElementById("confirm-message"), message);
  document.getElementById("confirm-ok").textContent = action;
  document.getElementById("confirm-cancel").textContent = cancel;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "cancel";
    dialog.showModal();
  });
}
