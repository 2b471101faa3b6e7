// The <datalist>s of tags and of people in use, for autocomplete in every
// tag box and name box.

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

/**
 * Fills the people list: every name and alias, most scenes first. On a
 * person's page (`person`), their own names are left out: they are the
 * names that could not be added.
 */
export async function refreshPeopleOptions(person = null) {
  const list = document.getElementById("people-options");
  try {
    const people = await api.people();
    const own = person ? new Set([person.name, ...person.aliases]) : new Set();
    const options = [];
    for (const p of people) {
      if (own.has(p.name)) continue;
      const scenes = p.scenes === 1 ? "1 scene" : `${p.scenes} scenes`;
      options.push(h("option", { value: p.name, label: scenes }));
      for (const alias of p.aliases) options.push(h("option", { value: alias, label: `another name of ${p.name}` }));
    }
    list.replaceChildren(...options);
    return people;
  } catch {
    return [];
  }
}
