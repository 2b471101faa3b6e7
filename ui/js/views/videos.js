// The drama page's Videos panel: the folder its episodes are in, which file
// is which episode, and what linking could not decide (files that name no
// episode, episodes two files claim), fixed with one click.

import { api, dialogs } from "../api.js";
import { countOf, h, toast, toastError } from "../dom.js";
import { refresh } from "../router.js";

/** What the last linking left undecided, by drama id. */
const undecided = new Map();

const label = (season, episode) => (season === 1 ? `E${episode}` : season === 0 ? `Special ${episode}` : `S${season} E${episode}`);

export function videosPanel(drama, links) {
  const link = async () => {
    const folder = await dialogs.openFolder();
    if (!folder) return;
    try {
      const linked = await api.linkFolder(drama.id, folder);
      undecided.set(drama.id, { unmatched: linked.unmatched, doubles: linked.doubles });
      toast(`Linked ${countOf(linked.files.length, "episode file")} in ${linked.folder}`);
    } catch (err) {
      toastError(err);
    }
    refresh();
  };
  const choose = async (season, episode, file) => {
    try {
      await api.linkEpisodeFile(drama.id, season, episode, file);
      const left = undecided.get(drama.id);
      if (left) {
        left.doubles = left.doubles.filter(([s, e]) => !(s === season && e === episode));
        left.unmatched = left.unmatched.filter((name) => name !== file);
      }
      toast(`${label(season, episode)} plays ${file}`);
    } catch (err) {
      toastError(err);
    }
    refresh();
  };
  const left = undecided.get(drama.id);
  const button = h("button", { type: "button", class: "ghost small", dataset: { linkFolder: "" }, onclick: link }, links?.folder ? "Link again…" : "Link folder…");
  return h(
    "section",
    { class: "panel videos", dataset: { videos: "" } },
    h("div", { class: "section-head" }, h("h2", {}, "Videos"), h("span", { class: "spacer" }), button),
    links?.folder
      ? h("p", { class: "muted small" }, `${countOf(links.files.length, "episode file")} in `, h("bdi", { class: "path" }, links.folder))
      : h("p", { class: "muted" }, "Link the folder this drama's episodes are in, and ▶ Play starts each scene where it happens."),
    links?.files.length
      ? h(
          "details",
          {},
          h("summary", {}, "Which file is which episode"),
          h(
            "ul",
            { class: "video-files" },
            links.files.map((f) => h("li", { dataset: { videoEpisode: `${f.season}/${f.episode}` } }, h("strong", {}, label(f.season, f.episode)), " ", h("bdi", {}, f.file), f.by_hand ? h("span", { class: "muted small" }, " (chosen by you)") : null)),
          ),
        )
      : null,
    left?.doubles.length
      ? h(
          "div",
          { class: "undecided" },
          h("p", {}, "Two files for one episode: pick the one to play."),
          left.doubles.map(([season, episode, files]) =>
            h(
              "p",
              { dataset: { double: `${season}/${episode}` } },
              h("strong", {}, label(season, episode)),
              " ",
              files.map((file) => h("button", { type: "button", class: "ghost small", onclick: () => choose(season, episode, file) }, h("bdi", {}, file))),
            ),
          ),
        )
      : null,
    left?.unmatched.length
      ? h(
          "div",
          { class: "undecided" },
          h("p", {}, "No episode in the name of these files. Give one its episode to play it:"),
          h(
            "ul",
            {},
            left.unmatched.map((name) => {
              const number = h("input", { type: "text", inputmode: "numeric", size: 4, "aria-label": `Episode of ${name}`, placeholder: "E" });
              const give = () => {
                const episode = Number(number.value.trim());
                if (!Number.isInteger(episode) || episode < 1) {
                  toastError({ message: `“${number.value}” is not an episode number` });
                  return;
                }
                choose(1, episode, name);
              };
              number.addEventListener("keydown", (event) => {
                if (event.key === "Enter") give();
              });
              return h("li", { dataset: { unmatched: name } }, h("bdi", {}, name), " ", number, h("button", { type: "button", class: "ghost small", onclick: give }, "Link"));
            }),
          ),
        )
      : null,
  );
}
