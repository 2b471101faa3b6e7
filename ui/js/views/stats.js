// Stats: a year (or all time) in figures, episodes and hours by month, an
// activity calendar, and what stood out. The charts are hand-written SVG:
// twelve bars and a grid of days need no charting library, and SVG keeps
// them sharp, themeable through CSS variables, and readable at 800×600.
// Every chart's numbers are also text: a <title> on each bar and cell, and
// a table beside the bars.

import { api } from "../api.js";
import { countOf, formatDate, h } from "../dom.js";
import { go } from "../router.js";
import { openWrapped } from "./wrapped.js";

const SVG = "http://www.w3.org/2000/svg";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An SVG element; `title` becomes its tooltip and its accessible name. */
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const child of children) if (child) el.append(child);
  return el;
}

function tip(text) {
  const t = document.createElementNS(SVG, "title");
  t.textContent = text;
  return t;
}

export async function renderStats(root, params) {
  const year = params.year === "all" ? null : Number(params.year) || new Date().getFullYear();
  const [stats, all] = await Promise.all([api.stats(year), year === null ? null : api.stats(null)]);
  const years = yearsOf(all ?? stats, year);
  const picker = h(
    "select",
    { "aria-label": "Year", dataset: { stat: "year" }, onchange: (e) => go("stats", { year: e.target.value }) },
    years.map((y) => h("option", { value: String(y), selected: y === year }, String(y))),
    h("option", { value: "all", selected: year === null }, "All time"),
  );
  const review = year === null ? null : h("button", { type: "button", class: "ghost", dataset: { action: "wrapped" }, onclick: () => openWrapped(stats) }, "Year in review");
  root.append(h("div", { class: "toolbar" }, h("h1", {}, year === null ? "All time" : `${year} in Drakor`), h("span", { class: "spacer" }), review, picker));
  if (!stats.episodes_watched && !stats.scenes_bookmarked) {
    root.append(h("p", { class: "empty-note" }, year === null ? "Nothing watched yet. Mark an episode watched and it counts here." : `Nothing watched or bookmarked in ${year}.`));
    return;
  }
  root.append(figures(stats));
  if (stats.by_month) root.append(monthsPanel(stats.by_month));
  root.append(calendarPanel(stats, year), topsPanel(stats));
}

/** The years to pick from: those with a watch, and this one. */
function yearsOf(all, year) {
  const years = new Set(all.by_day.map((d) => Number(d.date.slice(0, 4))));
  years.add(new Date().getFullYear());
  if (year) years.add(year);
  return [...years].sort((a, b) => b - a);
}

function hours(minutes) {
  return minutes >= 600 ? `${Math.round(minutes / 60)} h` : `${(minutes / 60).toFixed(1)} h`;
}

function figures(s) {
  const figure = (key, value, label, detail = null) =>
    h("div", { class: "figure", dataset: { stat: key } }, h("span", { class: "figure-value" }, value), h("span", { class: "figure-label" }, label), detail ? h("span", { class: "muted small" }, detail) : null);
  const estimated = s.minutes_estimated_episodes ? `${countOf(s.minutes_estimated_episodes, "episode")} at an estimated runtime` : "every runtime known";
  return h(
    "section",
    { class: "figures", "aria-label": "The year in figures" },
    figure("episodes_watched", String(s.episodes_watched), "episodes watched"),
    figure("minutes_watched", hours(s.minutes_watched), "watched", estimated),
    figure("rewatches", String(s.rewatches), "rewatches"),
    figure("dramas_started", String(s.dramas_started), "dramas started"),
    figure("dramas_completed", String(s.dramas_completed), "completed"),
    figure("dramas_dropped", String(s.dramas_dropped), "dropped"),
    figure("scenes_bookmarked", String(s.scenes_bookmarked), "scenes bookmarked"),
    figure("longest_streak_days", countOf(s.longest_streak_days, "day"), "longest streak"),
    s.busiest_day ? figure("busiest_day", formatDate(s.busiest_day.date), "busiest day", countOf(s.busiest_day.episodes, "episode")) : null,
  );
}

function monthsPanel(months) {
  const width = 600;
  const height = 160;
  const most = Math.max(1, ...months.map((m) => m.episodes));
  const slot = width / 12;
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${width} ${height + 22}`, class: "bars", role: "img", "aria-label": "Episodes watched each month, with their hours above" },
    ...months.map((m, i) => {
      const bar = Math.round((m.episodes / most) * (height - 18)); // room for the hours above
      return svg(
        "g",
        {},
        svg("rect", { x: i * slot + 6, y: height - bar, width: slot - 12, height: Math.max(bar, m.episodes ? 2 : 0), rx: 3, class: "bar" }),
        svg("text", { x: i * slot + slot / 2, y: height + 16, "text-anchor": "middle", class: "axis" }, document.createTextNode(MONTHS[i])),
        m.minutes ? svg("text", { x: i * slot + slot / 2, y: Math.max(height - bar - 4, 10), "text-anchor": "middle", class: "axis bar-hours" }, document.createTextNode(hours(m.minutes))) : null,
        tip(`${MONTHS[i]}: ${countOf(m.episodes, "episode")}, ${hours(m.minutes)}`),
      );
    }),
  );
  const table = h(
    "table",
    { class: "numbers" },
    h("thead", {}, h("tr", {}, h("th", {}, "Month"), h("th", {}, "Episodes"), h("th", {}, "Hours"))),
    h("tbody", {}, months.map((m) => h("tr", {}, h("td", {}, MONTHS[m.month - 1]), h("td", {}, String(m.episodes)), h("td", {}, hours(m.minutes))))),
  );
  return h("section", { class: "panel" }, h("h2", {}, "Episodes and hours by month"), chart, h("details", {}, h("summary", {}, "The numbers"), table));
}

/**
 * One cell a day, a column a week (Monday first), shaded by the episodes
 * watched. Days are counted as calendar dates in UTC arithmetic, so a
 * clock change never skips or repeats one.
 */
function calendarPanel(stats, year) {
  const counts = new Map(stats.by_day.map((d) => [d.date, d.episodes]));
  const today = new Date();
  const [lastY, lastM, lastD] = year === null ? [today.getFullYear(), today.getMonth(), today.getDate()] : [year, 11, 31];
  const last = Date.UTC(lastY, lastM, lastD);
  const first = year === null ? Date.UTC(lastY, lastM - 11, 1) : Date.UTC(year, 0, 1);
  const lead = (new Date(first).getUTCDay() + 6) % 7; // days back to Monday
  const cell = 11;
  const gap = 2;
  const cells = [];
  let week = 0;
  let watched = 0;
  for (let i = 0, t = first; t <= last; i++, t += 86_400_000) {
    const slot = lead + i;
    week = Math.floor(slot / 7);
    const row = slot % 7;
    const d = new Date(t);
    const iso = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
    const n = counts.get(iso) ?? 0;
    if (n) watched++;
    const level = n === 0 ? 0 : n === 1 ? 1 : n <= 3 ? 2 : n <= 5 ? 3 : 4;
    cells.push(svg("rect", { x: week * (cell + gap), y: row * (cell + gap), width: cell, height: cell, rx: 2, class: `day level-${level}`, "data-date": iso }, tip(`${formatDate(iso)}: ${countOf(n, "episode")}`)));
  }
  const chart = svg("svg", { viewBox: `0 0 ${(week + 1) * (cell + gap)} ${7 * (cell + gap)}`, class: "calendar", role: "img", "aria-label": `Days with a watch: ${watched}` }, ...cells);
  const legend = h("p", { class: "muted small calendar-legend" }, "Less ", ...[0, 1, 2, 3, 4].map((l) => h("span", { class: `swatch level-${l}`, "aria-hidden": "true" })), " more · ", countOf(watched, "day"), " with a watch");
  return h("section", { class: "panel" }, h("h2", {}, year === null ? "The last twelve months" : "Every day"), h("div", { class: "calendar-scroll" }, chart), legend);
}

function topsPanel(s) {
  const top = (title, items, text) =>
    h("div", { class: "top" }, h("h3", {}, title), items.length ? h("ol", {}, items.map((i) => h("li", {}, text(i)))) : h("p", { class: "muted small" }, "None yet."));
  return h(
    "section",
    { class: "panel tops" },
    top("Top tags", s.top_tags, (t) => [h("span", { class: "chip tag" }, `#${t.tag}`), ` ${countOf(t.scenes, "scene")}`]),
    top("Top people", s.top_people, (p) => [h("bdi", {}, p.name), ` · ${countOf(p.scenes, "scene")}`]),
    top("Top networks", s.top_networks, (n) => [h("bdi", {}, n.network), ` · ${countOf(n.dramas, "drama")}`]),
    top("Most bookmarked dramas", s.most_scenes_dramas, (d) => [h("a", { href: `#/drama/${encodeURIComponent(d.drama_id)}` }, d.title), ` · ${countOf(d.scenes, "scene")}`]),
    top("Most bookmarked episodes", s.most_scenes_episodes, (e) => [h("a", { href: `#/drama/${encodeURIComponent(e.drama_id)}?episode=${e.episode}` }, `${e.title} · ${e.season === 1 ? "" : `S${e.season}`}E${e.episode}`), ` · ${countOf(e.scenes, "scene")}`]),
  );
}
