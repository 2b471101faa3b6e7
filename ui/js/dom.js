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

export function formatDate(iso) {
  return iso ? dateFormat.format(new Date(iso)) : "";
}

export function formatDateTime(iso) {
  return iso ? dateTimeFormat.format(new Date(iso)) : "";
}

/** "today", "yesterday", "3 days ago", else the date. */
export function relativeDay(iso) {
  if (!iso) return "";
  // Calendar days in the local time zone, so 23:00 yesterday is "yesterday".
  const day = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(new Date()) - day(new Date(iso))) / 86_400_000);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 30) return `${days} days ago`;
  return formatDate(iso);
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
export function toast(message, kind = "info") {
  const el = document.getElementById("toast");
  el.textContent = message;
  el.dataset.kind = kind;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), kind === "error" ? 6000 : 3000);
}

/** Shows an ApiError (or any error) as a toast. */
export function toastError(err) {
  toast(err?.message ?? String(err), "error");
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/**
 * Shows `items` (all in memory) in pages of `size`, like `pagedRemote`:
 * never more than `keep` of them in the document at once.
 */
export function paged(container, items, render, size = 120, { keep = 480 } = {}) {
  pagedRemote(
    container,
    { items: items.slice(0, size), total: items.length },
    async (offset) => items.slice(offset, offset + size),
    render,
    { keep },
  );
}

/** How near (px) the view a "Show more" or "Show earlier" button loads its page by itself. */
const REACH = 400;

/**
 * Shows a list too long to fetch or show whole, page by page: `first` is
 * the first page ({ items, total }), `fetchFrom(offset)` fetches the items
 * from `offset` (a page of them). The next page comes when "Show more" is
 * pressed or scrolls near the view; reading on, the pages far above are
 * dropped and a "Show earlier" button brings them back the same way. So at
 * most `keep` items (rounded up to whole pages, so a grid keeps its columns)
 * are ever in the document, however far down 100,000 of them one reads.
 */
export function pagedRemote(container, first, fetchFrom, render, { keep = 600 } = {}) {
  const size = Math.max(first.items.length, 1);
  const limit = Math.max(2, Math.ceil(keep / size)) * size;
  let total = first.total;
  let start = 0; // offset of the first item shown
  let end = 0; // offset just after the last item shown
  let loading = false;
  const earlier = h("button", { type: "button", class: "ghost show-more show-earlier" });
  const more = h("button", { type: "button", class: "ghost show-more" });
  const view = () => container.closest("#view") ?? document.scrollingElement;

  const label = () => {
    earlier.hidden = start === 0;
    earlier.textContent = `Show earlier (${start} before)`;
    more.hidden = end >= total;
    more.textContent = `Show more (${total - end} left)`;
  };
  const shown = () => {
    const nodes = [];
    for (let node = earlier.nextElementSibling; node && node !== more; node = node.nextElementSibling) nodes.push(node);
    return nodes;
  };
  // Changes what is above `anchor` without moving what the reader sees.
  const keepingPlace = (anchor, change) => {
    const before = anchor?.getBoundingClientRect().top;
    change();
    if (anchor?.isConnected) view().scrollTop += anchor.getBoundingClientRect().top - before;
  };
  const append = (items) => {
    if (!items.length) total = end; // the list got shorter meanwhile
    more.before(...items.map(render));
    end += items.length;
    const over = end - start - limit;
    if (over > 0) {
      const nodes = shown();
      const drop = Math.min(Math.ceil(over / size) * size, nodes.length);
      keepingPlace(nodes[drop], () => {
        for (const node of nodes.slice(0, drop)) node.remove();
        start += drop;
        label();
      });
    }
    label();
  };
  const prepend = (items) => {
    keepingPlace(shown()[0], () => {
      earlier.after(...items.map(render));
      start -= items.length;
      label();
    });
    const nodes = shown();
    const over = end - start - limit;
    if (over > 0) {
      for (const node of nodes.slice(nodes.length - over)) node.remove();
      end -= over;
    }
    label();
  };
  const near = (button) => {
    if (button.hidden || !container.isConnected) return false;
    const area = view().getBoundingClientRect();
    const box = button.getBoundingClientRect();
    return box.bottom > area.top - REACH && box.top < area.bottom + REACH;
  };
  const load = async (down) => {
    if (loading) return;
    loading = true;
    more.disabled = earlier.disabled = true;
    let failed = false;
    try {
      if (down) append(await fetchFrom(end));
      else {
        const from = Math.max(0, start - size);
        prepend((await fetchFrom(from)).slice(0, start - from));
      }
    } catch (err) {
      failed = true;
      toastError(err);
    } finally {
      loading = false;
      more.disabled = earlier.disabled = false;
    }
    // A long scroll can leave the button in reach after its page came: go on.
    if (!failed) pump();
  };
  const pump = () => {
    if (near(more)) load(true);
    else if (near(earlier)) load(false);
  };
  more.addEventListener("click", () => load(true));
  earlier.addEventListener("click", () => load(false));
  // A button that comes into view asks for its page. Watching its
  // visibility alone misses a fast scroll that brings it back within a
  // frame of being pushed away by the page before; so look on scroll too
  // (once a frame), until the list leaves the document.
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) pump();
  }).observe(more);
  let seen = false;
  let queued = false;
  const onScroll = () => {
    if (!container.isConnected) {
      if (seen) document.removeEventListener("scroll", onScroll, true);
      return;
    }
    seen = true;
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      pump();
    });
  };
  document.addEventListener("scroll", onScroll, { capture: true, passive: true });
  container.append(earlier, more);
  append(first.items);
}

const NUMBER = new Intl.NumberFormat("en");

/** "1 scene", "10,000 scenes": a count with its noun, grouped by thousands. */
export function countOf(n, one, many = `${one}s`) {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}
