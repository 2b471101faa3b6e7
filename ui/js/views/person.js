// A person's page (#/person/<name>): their name, their other names
// (aliases), and their scenes across dramas, grouped under each drama's
// heading, favourites first within each drama (the core orders them so: a
// scene is always found under its drama). Any of their names opens it.
// A name typed in "Add another name" becomes an alias; typing a person who
// has scenes or aliases of their own merges them into this one.

import { api } from "../api.js";
import { countOf, h, toast, toastError } from "../dom.js";
import { clearErrors, showErrors } from "../forms/errors.js";
import { confirmDelete } from "../forms/modal.js";
import { openSceneForm } from "../forms/scene-form.js";
import { refreshPeopleOptions } from "../forms/tag-options.js";
import { currentRoute, go, refresh } from "../router.js";
import { sceneItem } from "./scene-item.js";

export async function renderPerson(root, params) {
  const asked = params.id ?? "";
  let page;
  try {
    page = await api.person(asked);
  } catch (err) {
    if (err.code !== "not_found") throw err;
    root.append(h("p", { class: "empty-note" }, "No scene names “", h("bdi", {}, asked), "” any more."));
    return;
  }
  root.append(head(page), aliasForm(page));
  refreshPeopleOptions(page);
  if (!page.dramas.length) {
    root.append(h("p", { class: "empty-note" }, "No scene names them yet. Scenes written with any of their names will show here."));
    return;
  }
  for (const drama of page.dramas) root.append(dramaGroup(drama));
}

function head(page) {
  const dramas = page.dramas.length;
  return h(
    "section",
    { class: "drama-head person-head" },
    h(
      "div",
      { class: "drama-titles" },
      h("h1", { class: "title" }, page.name),
      h("p", { class: "muted", dataset: { count: "" } }, countOf(page.scenes, "scene"), dramas ? ` in ${countOf(dramas, "drama")}` : ""),
      page.aliases.length
        ? h(
            "p",
            { class: "aliases" },
            h("span", { class: "muted" }, "Also written "),
            page.aliases.map((alias) =>
              h(
                "span",
                { class: "chip removable alias", dataset: { alias } },
                h("bdi", {}, alias),
                h("button", { type: "button", class: "chip-remove", "aria-label": `Remove the alias ${alias}`, title: "Remove this alias", text: "×", onclick: () => removeAlias(page, alias) }),
              ),
            ),
          )
        : null,
    ),
    h("div", { class: "head-actions" }, h("button", { type: "button", class: "ghost", onclick: () => go("scenes", { person: page.name }) }, "Open in Scenes")),
  );
}

function aliasForm(page) {
  const input = h("input", {
    name: "alias",
    autocomplete: "off",
    list: "people-options",
    placeholder: "Another name, or a person to merge in",
    "aria-label": `Another name of ${page.name}`,
  });
  const form = h(
    "form",
    { class: "new-list alias-form", novalidate: true },
    input,
    h("button", { type: "submit", class: "primary" }, "Add name"),
    h("span", { class: "field-error", dataset: { field: "alias" } }),
    h("p", { class: "form-error", dataset: { field: "" } }),
  );
  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    clearErrors(form);
    const alias = input.value.trim();
    try {
      const person = await api.addAlias(page.name, input.value);
      // The core folds case and width: an alias it had already adds nothing.
      const added = person.aliases.length > page.aliases.length;
      toast(added ? `“${alias}” is another name of ${person.name} now: ${countOf(person.scenes, "scene")}` : `“${alias}” is another name of ${person.name} already`);
      refresh();
    } catch (err) {
      // What was typed stays in the box, to fix.
      showErrors(form, err);
    } finally {
      busy = false;
    }
  });
  return form;
}

async function removeAlias(page, alias) {
  try {
    const person = await api.removeAlias(alias);
    toast(`“${alias}” is no longer another name of ${person.name}`, "info", {
      label: "Undo",
      run: () =>
        api
          .addAlias(person.name, alias)
          .then(() => refresh())
          .catch(toastError),
    });
    // Opened by the name just removed? Stay with the person it was of.
    if ((currentRoute().params.id ?? "").toLowerCase() === alias.toLowerCase()) go("person", { id: person.name });
    else refresh();
  } catch (err) {
    toastError(err);
  }
}

function dramaGroup(drama) {
  const info = { id: drama.drama_id, title: drama.drama_title, original_title: drama.drama_original_title };
  const edit = async (scene) => {
    if (await openSceneForm({ drama: info, scene })) refresh();
  };
  const remove = async (scene) => {
    if (!(await confirmDelete(`Delete the scene “${scene.title}”?`))) return;
    try {
      await api.deleteScene(scene.id);
      toast(`Deleted “${scene.title}”`);
    } catch (err) {
      toastError(err);
    }
    refresh();
  };
  return h(
    "section",
    { class: "person-drama", dataset: { dramaId: drama.drama_id } },
    h(
      "h2",
      { class: "section-head" },
      h("a", { class: "title", href: `#/drama/${encodeURIComponent(drama.drama_id)}` }, drama.drama_title),
      drama.drama_original_title ? h("span", { class: "original muted", lang: "ko" }, drama.drama_original_title) : null,
      h("span", { class: "muted small" }, countOf(drama.scenes.length, "scene")),
    ),
    h(
      "div",
      { class: "scene-list" },
      drama.scenes.map((scene) => sceneItem(scene, { onEdit: edit, onDelete: remove, onTag: (tag) => go("scenes", { tag }) })),
    ),
  );
}
