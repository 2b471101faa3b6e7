// Search results: dramas, scenes and episodes whose titles, original
// titles, notes, tags or people hold every word typed.

import { api } from "../api.js";
import { countOf, h, highlighted, sceneWhere } from "../dom.js";

export async function renderSearch(root, { q = "" }) {
  const box = document.getElementById("search");
  if (document.activeElement !== box) box.value = q;
  const hits = await api.search(q);
  const dramas = hits.filter((hit) => hit.kind === "drama");
  const scenes = hits.filter((hit) => hit.kind === "scene");
  const episodes = hits.filter((hit) => hit.kind === "episode");
  root.append(
    h("div", { class: "toolbar" }, h("h1", {}, "Search"), h("span", { class: "muted count" }, `${countOf(hits.length, "result")} for “${q}”`)),
  );
  if (!hits.length) {
    root.append(h("p", { class: "empty-note" }, "Nothing found. Try fewer words, or the start of a word."));
    return;
  }
  if (dramas.length) {
    root.append(
      h("h2", {}, "Dramas"),
      h(
        "ul",
        { class: "hits" },
        dramas.map((hit) =>
          h(
            "li",
            {},
            h(
              "a",
              { class: "hit", href: `#/drama/${encodeURIComponent(hit.drama_id)}` },
              h("strong", {}, hit.drama_title),
              hit.drama_original_title ? h("span", { class: "original", lang: "ko" }, ` ${hit.drama_original_title}`) : null,
              h("div", { class: "muted small" }, highlighted(hit.snippet)),
            ),
          ),
        ),
      ),
    );
  }
  if (scenes.length) {
    root.append(
      h("h2", {}, "Scenes"),
      h(
        "ul",
        { class: "hits" },
        scenes.map((hit) =>
          h(
            "li",
            { dataset: { sceneId: hit.scene_id } },
            h(
              "a",
              { class: "hit", href: `#/drama/${encodeURIComponent(hit.drama_id)}` },
              h("strong", {}, hit.scene_title),
              h("span", { class: "muted" }, " · ", h("bdi", {}, hit.drama_title), ` · ${sceneWhere(hit)}`),
              h("div", { class: "small" }, highlighted(hit.snippet)),
            ),
          ),
        ),
      ),
    );
  }
  if (episodes.length) {
    root.append(
      h("h2", {}, "Episodes"),
      h(
        "ul",
        { class: "hits" },
        episodes.map((hit) =>
          h(
            "li",
            { dataset: { episodeHit: `${hit.season}/${hit.episode}` } },
            h(
              "a",
              { class: "hit", href: `#/drama/${encodeURIComponent(hit.drama_id)}?episode=${hit.episode}&season=${hit.season}` },
              h("strong", {}, h("bdi", {}, hit.drama_title)),
              h("span", { class: "muted" }, ` · ${episodeLabel(hit)}`, hit.episode_title ? [" “", h("bdi", {}, hit.episode_title), "”"] : null),
              h("div", { class: "small" }, highlighted(hit.snippet)),
            ),
          ),
        ),
      ),
    );
  }
}

/** "E9", "Special 2", "S2 E3". */
function episodeLabel(hit) {
  return hit.season === 1 ? `E${hit.episode}` : hit.season === 0 ? `Special ${hit.episode}` : `S${hit.season} E${hit.episode}`;
}
