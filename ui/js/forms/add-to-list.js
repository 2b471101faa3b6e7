// "Add to list…" on a scene or a drama: pick a list (or make one by its
// name) and an optional note. Resolves with { list, position } or null.

import { api } from "../api.js";
import { h, setChildren, toast } from "../dom.js";
import { clearErrors, showErrors } from "./errors.js";
import { runDialog } from "./modal.js";

const NEW = "__new__";

/** `target` is { scene: id } or { drama: id }; `label` says what it is. */
export async function openAddToList(target, label) {
  const dialog = document.getElementById("add-to-list-dialog");
  if (dialog.open) return null;
  const form = dialog.querySelector("form");
  const f = form.elements;
  const lists = await api.lists();
  clearErrors(form);
  form.querySelector("[data-adding]").textContent = label;
  setChildren(
    f.list,
    ...lists.map((l) => h("option", { value: l.id }, `${l.name} (${l.entries})`)),
    h("option", { value: NEW }, "New list…"),
  );
  f.list.value = lists[0]?.id ?? NEW;
  f.new_name.value = "";
  f.note.value = "";
  const newRow = form.querySelector("[data-new-list]");
  const showNew = () => (newRow.hidden = f.list.value !== NEW);
  f.list.onchange = showNew;
  showNew();
  const read = () => JSON.stringify([f.list.value, f.new_name.value, f.note.value]);
  return runDialog(dialog, {
    onOpen: () => (f.list.value === NEW ? f.new_name.focus() : f.list.focus()),
    snapshot: read,
    onSubmit: async () => {
      try {
        let list = lists.find((l) => l.id === f.list.value);
        if (!list) {
          list = await api.createList({ name: f.new_name.value, description: "" });
          // Made: a retry (after a refused note, say) adds to it, not makes it again.
          lists.push(list);
          f.list.prepend(h("option", { value: list.id }, `${list.name} (0)`));
          f.list.value = list.id;
          showNew();
        }
        const position = await api.addToList(list.id, target, f.note.value);
        toast(`Added to “${list.name}” at ${position}`, "info", { label: "Open list", run: () => (location.hash = `#/list/${list.id}`) });
        return { list, position };
      } catch (err) {
        showErrors(form, err);
        return undefined;
      }
    },
  });
}
