// Building DOM safely. `h` creates elements; strings become text nodes, so
// user text is never parsed as HTML. There is no innerHTML in this app.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

export function setChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** "7/16", or "7/?" when the total is unknown. */
export function progressText(progress) {
  return `${progress.watched}/${progress.total ?? "?"}`;
}

export function progressBar(progress) {
  const ratio = progress.total ? Math.min(1, progress.watched / progress.total) : 0;
  const bar = h("div", {
    class: "progress",
    role: "progressbar",
    "aria-valuemin": 0,
    "aria-valuemax": progress.total ?? Math.max(progress.watched, 1),
    "aria-valuenow": progress.watched,
  });
  const fill = h("div", { class: "progress-fill" });
  fill.style.width = `${Math.round(ratio * 100)}%`;
  bar.append(fill);
  return bar;
}

export const STATUS_LABELS = {
  plan_to_watch: "Plan to watch",
  watching: "Watching",
  completed: "Completed",
  on_hold: "On hold",
  dropped: "Dropped",
};

export function statusChip(status) {
  return h("span", { class: `chip status status-${status}` }, STATUS_LABELS[status] ?? status);
}

export function tagChips(tags, onClick) {
  return h(
    "span",
    { class: "tags" },
    tags.map((tag) =>
      onClick
        ? h("button", { type: "button", class: "chip tag", onclick: () => onClick(tag) }, `#${tag}`)
        : h("span", { class: "chip tag" }, `#${tag}`),
    ),
  );
}

export function rating(value) {
  return value === null || value === undefined ? null : h("span", { class: "rating", title: "Rating" }, `★ ${value}`);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** Spaces made non-breaking: a date never breaks inside ("Oct 9, / 2026"). */
const unbroken = (text) => text.replace(/\s/g, "\u00a0");

export function formatDate(iso) {
  return iso ? unbroken(dateFormat.format(new Date(iso))) : "";
}

export function formatDateTime(iso) {
  return iso ? unbroken(dateTimeFormat.format(new Date(iso))) : "";
}

const DAY = 86_400_000;

/**
 * How long ago, in one style everywhere: "today", "yesterday", "3 days
 * ago", "2 weeks ago", "4 months ago", "3 years ago". Calendar days in the
 * local time zone, so 23:00 yesterday is "yesterday". The exact date goes
 * in a title beside it (see `ago`).
 */
export function relativeDay(iso, today = new Date()) {
  if (!iso) return "";
  const day = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(today) - day(new Date(iso))) / DAY);
  const unit = (n, one) => `${n} ${one}${n === 1 ? "" : "s"} ago`;
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 14) return unit(days, "day");
  if (days < 60) return unit(Math.floor(days / 7), "week");
  if (days < 730) return unit(Math.floor(days / 30.44), "month");
  return unit(Math.floor(days / 365.25), "year");
}

const airFormat = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short" });

/**
 * "E9 airs Fri 5 Dec" for an episode still to air ("airs today" on the
 * day), or null once it has aired. `airDate` is TMDB's "YYYY-MM-DD".
 */
export function airsText(episode, airDate, today = new Date()) {
  if (!airDate) return null;
  const [y, m, d] = airDate.split("-").map(Number);
  const day = new Date(y, m - 1, d);
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  if (day < start) return null;
  return day.getTime() === start.getTime() ? `E${episode} airs today` : `E${episode} airs ${unbroken(airFormat.format(day).replace(",", ""))}`;
}

/** `relativeDay` as a <time> whose title is the exact date. */
export function ago(iso, prefix = "") {
  return h("time", { datetime: iso, title: formatDateTime(iso), class: "ago" }, `${prefix}${relativeDay(iso)}`);
}

/** "E11 · 48:12–49:40", with "S0" for specials. */
export function sceneWhere(scene) {
  const episode = scene.season === 1 ? `E${scene.episode}` : `S${scene.season} E${scene.episode}`;
  const time = scene.end ? `${scene.start}–${scene.end}` : scene.start;
  return `${episode} · ${time}`;
}

/** Renders text in which matches sit between \u0002 and \u0003 as <mark>s. */
export function highlighted(snippet) {
  const out = h("span", { class: "snippet" });
  const parts = snippet.split(/[\u0002\u0003]/);
  parts.forEach((part, i) => {
    if (!part) return;
    out.append(i % 2 === 1 ? h("mark", {}, part) : document.createTextNode(part));
  });
  return out;
}

let toastTimer;
/**
 * Says something at the foot of the window. A success fades after a few
 * seconds (not while the pointer is on it); an error stays until it is
 * dismissed, so it can be read. `action` ({ label, run }) adds a button
 * such as Undo.
 */
export function toast(message, kind = "info", action = null) {
  const el = document.getElementById("toast");
  const dismiss = () => {
    clearTimeout(toastTimer);
    el.hidden = true;
  };
  const fade = () => {
    clearTimeout(toastTimer);
    if (kind !== "error") toastTimer = setTimeout(dismiss, action ? 8000 : 3000);
  };
  // setChildren, not replaceChildren: the latter writes a missing action as "null".
  setChildren(
    el,
    h("span", { class: "toast-text" }, message),
    action
      ? h(
          "button",
          {
            type: "button",
            class: "toast-action",
            dataset: { toastAction: action.label },
            onclick: async () => {
              dismiss();
              await action.run();
            },
          },
          action.label,
        )
      : null,
    h("button", { type: "button", class: "toast-close", "aria-label": "Dismiss", title: "Dismiss", onclick: dismiss }, "×"),
  );
  el.dataset.kind = kind;
  el.setAttribute("role", kind === "error" ? "alert" : "status");
  el.onmouseenter = () => clearTimeout(toastTimer);
  el.onmouseleave = fade;
  el.hidden = false;
  fade();
}

/** Shows an ApiError (or any error) as a toast that stays until dismissed. */
export function toastError(err) {
  toast(err?.message ?? String(err), "error");
}

export function debounce(fn, ms) {
  let timer;
  const later = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  /** Drops the call still waiting, if any. */
  later.cancel = () => clearTimeout(timer);
  return later;
}

const NUMBER = new Intl.NumberFormat("en");

/** "1 scene", "10,000 scenes": a count with its noun, grouped by thousands. */
export function countOf(n, one, many = `${one}s`) {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}
