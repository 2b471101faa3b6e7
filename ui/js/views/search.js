// Search results: dramas, scenes and episodes whose titles, original
// titles, notes, tags or people hold every word typed. They come in the
// core's order (`SearchMatch`): titles, then tags and people, then notes;
// the first is the one Enter in the search box opens.

import { api } from "../api.js";
import { countOf, h, highlighted, sceneWhere } from "../dom.js";

/** The sections of the results, in the order the core gives them. */
const SECTIONS = [
  { heading: "Titles", matched: ["drama_title", "title"] },
  { heading: "Tags, people, songs and lines", matched: ["tags_or_people"] },
  { heading: "Notes", matched: ["notes"] },
];

export async function renderSearch(root, { q = "" }) {
  const box = document.getElementById("search");
  if (document.activeElement !== box) box.value = q;
  const hits = await api.search(q);
  root.append(
    h("div", { class: "toolbar" }, h("h1", {}, "Search"), h("span", { class: "muted count" }, `${countOf(hits.length, "result")} for “${q}”`)),
  );
  if (!hits.length) {
    root.append(h("p", { class: "empty-note" }, "Nothing found. Try fewer words, or part of a word."));
    return;
  }
  for (const { heading, matched } of SECTIONS) {
    const these = hits.filter((hit) => matched.includes(hit.matched));
    if (these.length) root.append(h("h2", {}, heading), h("ul", { class: "hits" }, these.map(hitItem)));
  }
}

/** Where a hit opens, as [route, params] for `go`: its drama, at the episode of an episode hit. */
export function hitTarget(hit) {
  const drama = `drama/${encodeURIComponent(hit.drama_id)}`;
  return hit.kind === "episode" ? [drama, { episode: hit.episode, season: hit.season }] : [drama, {}];
}

function hitHref(hit) {
  const [path, params] = hitTarget(hit);
  const query = new URLSearchParams(params).toString();
  return `#/${path}${query ? `?${query}` : ""}`;
}

function hitItem(hit) {
  const link = (...children) => h("a", { class: "hit", href: hitHref(hit) }, ...children, h("div", { class: "small" }, highlighted(hit.snippet)));
  if (hit.kind === "scene") {
    return h(
      "li",
      { dataset: { sceneId: hit.scene_id } },
      link(h("strong", {}, hit.scene_title), h("span", { class: "muted" }, " · ", h("bdi", {}, hit.drama_title), ` · ${sceneWhere(hit)}`)),
    );
  }
  if (hit.kind === "episode") {
    return h(
      "li",
      { dataset: { episodeHit: `${hit.season}/${hit.episode}` } },
      link(
        h("strong", {}, h("bdi", {}, hit.drama_title)),
        h("span", { class: "muted" }, ` · ${episodeLabel(hit)}`, hit.episode_title ? [" “", h("bdi", {}, hit.episode_title), "”"] : null),
      ),
    );
  }
  return h(
    "li",
    { dataset: { dramaHit: hit.drama_id } },
    link(h("strong", {}, hit.drama_title), hit.drama_original_title ? h("span", { class: "original", lang: "ko" }, ` ${hit.drama_original_title}`) : null),
  );
}

/** "E9", "Special 2", "S2 E3". */
function episodeLabel(hit) {
  return hit.season === 1 ? `E${hit.episode}` : hit.season === 0 ? `Special ${hit.episode}` : `S${hit.season} E${hit.episode}`;
}
