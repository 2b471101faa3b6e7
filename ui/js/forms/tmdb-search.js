// The search at the top of the Add dialog: a title in English or Hangul
// lists TMDB's matches with poster, year, network and episode count, and
// picking one fills the form below for review. Posters come from the
// posters folder through the app's `poster:` protocol, never from the web.

import { api } from "../api.js";
import { clear, countOf, debounce, h, setChildren } from "../dom.js";

/** How many matches get their details (episodes, network, poster) asked. */
const DETAILED = 5;

/** The image of a TMDB show's poster kept on disk, or a tidy placeholder. */
export function posterImage(tmdbId, title, className = "poster") {
  const placeholder = () =>
    h("div", { class: `${className} poster-none`, "aria-hidden": "true" }, (title || "?").trim().slice(0, 1));
  if (!tmdbId) return placeholder();
  const img = h("img", { class: className, alt: "", src: posterUrl(tmdbId), loading: "lazy", decoding: "async" });
  img.addEventListener("error", () => img.replaceWith(placeholder()), { once: true });
  return img;
}

/** `poster://localhost/ID` on Linux and macOS, `http://poster.localhost/ID` on Windows. */
export function posterUrl(tmdbId) {
  const windows = navigator.userAgent.includes("Windows");
  return windows ? `http://poster.localhost/${tmdbId}` : `poster://localhost/${tmdbId}`;
}

/**
 * Wires the search panel `section` of a form. `onPick(preview, tmdbId)` is
 * called with the show's draft when the user picks a match; `onByHand()`
 * when they choose to type it all.
 */
export function tmdbSearch(section, { onPick, onByHand }) {
  const input = section.querySelector("[name=tmdb_query]");
  const list = section.querySelector(".tmdb-results");
  const note = section.querySelector(".tmdb-note");
  let asked = 0; // the latest search; older answers are dropped
  let picking = false; // one pick at a time

  const say = (text) => {
    note.textContent = text;
    note.hidden = !text;
  };

  async function search() {
    const query = input.value.trim();
    const mine = ++asked;
    if (query.length < 1) {
      clear(list);
      say("");
      return;
    }
    say("Searching TMDB…");
    try {
      const matches = await api.tmdbSearch(query);
      if (mine !== asked) return;
      say(matches.length ? "" : `TMDB has nothing called “${query}”. Try the other title, or enter it by hand.`);
      const rows = matches.map((m) => matchRow(m));
      setChildren(list, ...rows.map((r) => r.el));
      for (const row of rows.slice(0, DETAILED)) {
        if (mine !== asked) return;
        await row.detail();
      }
    } catch (err) {
      if (mine !== asked) return;
      clear(list);
      say(err.message);
    }
  }

  function matchRow(match) {
    const year = match.first_air_date?.slice(0, 4);
    const facts = h("span", { class: "muted small tmdb-facts" }, [year, match.origin_country.join(", ")].filter(Boolean).join(" · "));
    const poster = h("div", { class: "tmdb-poster-slot" }, posterImage(null, match.name, "poster-thumb"));
    let preview = null;
    const button = h(
      "button",
      {
        type: "button",
        class: "tmdb-match",
        onclick: async () => {
          if (picking) return;
          const mine = asked;
          picking = true;
          list.querySelectorAll("button").forEach((b) => (b.disabled = true));
          try {
            preview ??= await api.tmdbPreview(match.tmdb_id);
            // A pick that comes back after the search moved on (or the
            // dialog was closed and opened again) is dropped.
            if (mine === asked) await onPick(preview, match.tmdb_id);
          } catch (err) {
            if (mine === asked) say(err.message);
          } finally {
            picking = false;
            list.querySelectorAll("button").forEach((b) => (b.disabled = false));
          }
        },
      },
      poster,
      h(
        "span",
        { class: "tmdb-names" },
        h("bdi", { class: "tmdb-name" }, match.name),
        match.original_name && match.original_name !== match.name
          ? h("bdi", { class: "tmdb-original", lang: "ko" }, match.original_name)
          : null,
        facts,
      ),
    );
    const detail = async () => {
      try {
        preview ??= await api.tmdbPreview(match.tmdb_id);
      } catch {
        return; // the row still works: picking asks again, and says why
      }
      const parts = [year, match.origin_country.join(", "), preview.network, preview.episodes ? countOf(preview.episodes, "episode") : null];
      facts.textContent = parts.filter(Boolean).join(" · ");
      if (preview.existing) facts.append(h("span", { class: "badge" }, "In your library"));
      if (preview.poster) setChildren(poster, posterImage(match.tmdb_id, match.name, "poster-thumb"));
    };
    return { el: h("li", {}, button), detail };
  }

  const later = debounce(search, 400);
  input.addEventListener("input", later);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault(); // a search, not a save
      search();
    }
  });
  section.querySelector("[data-by-hand]").addEventListener("click", () => onByHand());

  return {
    /** Shows the panel, or the how-to when there is no token; true when searching. */
    async reset() {
      asked++;
      input.value = "";
      clear(list);
      say("");
      const status = await api.tmdbStatus().catch(() => ({ token: null }));
      const howTo = section.querySelector(".tmdb-how-to");
      howTo.hidden = Boolean(status.token);
      input.disabled = !status.token;
      return Boolean(status.token);
    },
    focus: () => input.focus(),
  };
}
