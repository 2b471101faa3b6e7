// A list of short texts (tags, people) typed one by one: Enter or comma
// turns the text into a chip, Backspace in an empty box removes the last.
// Chips never repeat, whatever the case: "Kiss" after "kiss" is the same
// chip, as the core keeps it. `lowercase` shows them as the core stores
// them (tags); otherwise the first spelling stays (people's names).

import { h } from "../dom.js";

export function chipsInput(container, { placeholder = "", suggestions = null, lowercase = false } = {}) {
  let values = [];
  const list = h("span", { class: "chip-list" });
  const input = h("input", {
    type: "text",
    placeholder,
    autocomplete: "off",
    list: suggestions ?? undefined,
    "aria-label": placeholder,
  });
  container.replaceChildren(list, input);
  container.addEventListener("click", (event) => {
    if (event.target === container) input.focus();
  });

  const render = () => {
    list.replaceChildren(
      ...values.map((value, i) =>
        h(
          "span",
          { class: "chip removable" },
          value,
          h("button", {
            type: "button",
            class: "chip-remove",
            "aria-label": `Remove ${value}`,
            text: "×",
            onclick: () => {
              values.splice(i, 1);
              render();
              input.focus();
            },
          }),
        ),
      ),
    );
  };

  /** Turns what is typed into chips; true when there was something. */
  const commit = () => {
    const typed = input.value
      .split(",")
      .map((v) => (lowercase ? v.trim().toLowerCase() : v.trim()))
      .filter(Boolean);
    if (!typed.length) return false;
    input.value = "";
    const known = (v) => values.some((w) => w.toLowerCase() === v.toLowerCase());
    for (const v of typed) if (!known(v)) values.push(v);
    render();
    return true;
  };

  input.addEventListener("keydown", (event) => {
    if (event.isComposing || event.keyCode === 229) return; // a Hangul syllable is still being typed
    if ((event.key === "Enter" || event.key === ",") && input.value.trim()) {
      event.preventDefault();
      commit();
    } else if (event.key === "Backspace" && !input.value && values.length) {
      values.pop();
      render();
    }
  });
  // Picking a suggestion from the list fills the box: take it at once.
  input.addEventListener("input", (event) => {
    if (!event.inputType || event.inputType === "insertReplacementText") commit();
  });
  input.addEventListener("blur", commit);

  return {
    input,
    get: () => {
      commit();
      return [...values];
    },
    set: (next) => {
      values = [...(next ?? [])];
      input.value = "";
      render();
    },
  };
}
