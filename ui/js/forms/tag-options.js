// The <datalist> of tags in use, for autocomplete in every tag box.

import { api } from "../api.js";
import { h } from "../dom.js";

export async function refreshTagOptions() {
  const list = document.getElementById("tag-options");
  try {
    const tags = await api.tags();
    list.replaceChildren(...tags.map((t) => h("option", { value: t.tag })));
    return tags;
  } catch {
    return [];
  }
}
