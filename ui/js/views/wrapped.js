// The year in review: one share-sized card (1080×1350) drawn on a canvas
// from the year's stats, shown in a dialog and saved as a PNG through the
// native save dialog. Nothing is posted anywhere: the file is the user's.

import { api, dialogs } from "../api.js";
import { countOf, formatDate, toast, toastError } from "../dom.js";

const W = 1080;
const H = 1350;
const MONTHS = "JFMAMJJASOND";

/** Draws the card for `stats` (a year's) onto `canvas`. */
export function drawWrapped(canvas, stats) {
  const css = getComputedStyle(document.documentElement);
  const color = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  const accent = color("--accent", "#b0335e");
  const soft = color("--accent-soft", "#f7dde6");
  const font = css.getPropertyValue("--font").trim() || "sans-serif";
  canvas.width = W;
  canvas.height = H;
  const g = canvas.getContext("2d");
  const bg = g.createLinearGradient(0, 0, W, H);
  bg.addColorStop(0, "#1d1418");
  bg.addColorStop(1, "#4a1d31");
  g.fillStyle = bg;
  g.fillRect(0, 0, W, H);
  const text = (value, x, y, size, weight = 400, fill = "#f6eef2", align = "left") => {
    g.font = `${weight} ${size}px ${font}`;
    g.fillStyle = fill;
    g.textAlign = align;
    g.fillText(value, x, y, W - 160); // condensed, never past the edge
  };
  text("드", 80, 150, 84, 700, accent);
  text(`${stats.year} in Drakor`, 80, 250, 72, 700);
  text(`${countOf(stats.episodes_watched, "episode")} watched`, 80, 400, 96, 700, soft);
  const hours = Math.round(stats.minutes_watched / 60);
  text(`${countOf(hours, "hour")}${stats.minutes_estimated_episodes ? " (some estimated)" : ""}`, 80, 480, 48, 400);
  const lines = [
    stats.longest_streak_days ? `Longest streak: ${countOf(stats.longest_streak_days, "day")} in a row` : null,
    stats.busiest_day ? `Busiest day: ${formatDate(stats.busiest_day.date)}, ${countOf(stats.busiest_day.episodes, "episode")}` : null,
    `${countOf(stats.dramas_started, "drama")} started · ${stats.dramas_completed} completed`,
    stats.rewatches ? `${countOf(stats.rewatches, "rewatch", "rewatches")}` : null,
    `${countOf(stats.scenes_bookmarked, "scene")} bookmarked`,
    stats.most_scenes_dramas[0] ? `Most bookmarked: ${stats.most_scenes_dramas[0].title}` : null,
    stats.top_tags[0] ? `Top tag: #${stats.top_tags[0].tag}` : null,
    stats.top_people[0] ? `Most seen: ${stats.top_people[0].name}` : null,
  ].filter(Boolean);
  lines.forEach((line, i) => text(line, 80, 590 + i * 62, 40, 400));
  // The months as bars along the bottom.
  const months = stats.by_month ?? [];
  const most = Math.max(1, ...months.map((m) => m.episodes));
  const base = H - 120;
  months.forEach((m, i) => {
    const x = 80 + i * 78;
    const bar = Math.round((m.episodes / most) * 200);
    g.fillStyle = m.episodes ? accent : "rgba(255,255,255,0.12)";
    g.fillRect(x, base - Math.max(bar, 4), 56, Math.max(bar, 4));
    text(MONTHS[i], x + 28, base + 44, 30, 400, "#cbb8c1", "center");
  });
  return canvas;
}

/** Opens the dialog with the card for `year`'s stats. */
export async function openWrapped(stats) {
  const dialog = document.getElementById("wrapped-dialog");
  if (dialog.open) return;
  const canvas = drawWrapped(dialog.querySelector("canvas"), stats);
  canvas.setAttribute("aria-label", `${stats.year} in Drakor: ${countOf(stats.episodes_watched, "episode")} watched`);
  const save = dialog.querySelector("[data-save]");
  save.onclick = async () => {
    try {
      const path = await dialogs.saveExport(`drakor-${stats.year}.png`, "png", "PNG image");
      if (!path) return;
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
      const bytes = Array.from(new Uint8Array(await blob.arrayBuffer()));
      await api.savePng(path, bytes);
      toast(`Saved ${path}`);
    } catch (err) {
      toastError(err);
    }
  };
  dialog.showModal();
}
