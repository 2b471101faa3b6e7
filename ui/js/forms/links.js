// Editing a list of links: address, label and kind on each row.

import { h } from "../dom.js";

const KINDS = [
  ["behind_the_scenes", "Behind the scenes"],
  ["clip", "Clip"],
  ["article", "Article"],
  ["other", "Other"],
];

export function linksEditor(container) {
  const rows = h("div", { class: "link-rows" });
  const add = h("button", { type: "button", class: "ghost small", text: "Add a link" });
  container.replaceChildren(rows, add);

  const addRow = (link = { url: "", label: "", kind: "behind_the_scenes" }) => {
    const url = h("input", { type: "url", placeholder: "https://…", autocomplete: "off", "aria-label": "Link address" });
    const label = h("input", { placeholder: "Label", autocomplete: "off", "aria-label": "Link label" });
    const kind = h(
      "select",
      { "aria-label": "Link kind" },
      KINDS.map(([value, text]) => h("option", { value }, text)),
    );
    url.value = link.url;
    label.value = link.label ?? "";
    kind.value = link.kind ?? "other";
    const row = h(
      "div",
      { class: "link-row" },
      url,
      label,
      kind,
      h("button", {
        type: "button",
        class: "ghost small",
        "aria-label": "Remove link",
        text: "×",
        onclick: () => {
          row.remove();
          renumber();
        },
      }),
      h("span", { class: "field-error span-all" }),
    );
    row.fields = { url, label, kind };
    rows.append(row);
    renumber();
    return row;
  };

  // Error spans follow the row's place, so `links[1].url` lands on row 2.
  const renumber = () => {
    [...rows.children].forEach((row, i) => {
      row.querySelector(".field-error").dataset.field = `links[${i}].url`;
      row.dataset.index = i;
    });
  };

  add.addEventListener("click", () => addRow().fields.url.focus());

  return {
    get: () => {
      // Blank rows go first, so the core's links[i] is the i-th row on screen.
      for (const row of [...rows.children]) {
        if (!row.fields.url.value.trim() && !row.fields.label.value.trim()) row.remove();
      }
      renumber();
      return [...rows.children].map((row) => ({
          url: row.fields.url.value.trim(),
          label: row.fields.label.value.trim(),
        kind: row.fields.kind.value,
      }));
    },
    set: (links) => {
      rows.replaceChildren();
      for (const link of links ?? []) addRow(link);
    },
  };
}
