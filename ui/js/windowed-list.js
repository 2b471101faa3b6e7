// The windowed list: a long list shown page by page, with never more than a
// bounded number of its items in the document (pages far behind the view are
// dropped and come back when scrolled to). `paged` for items in memory,
// `pagedRemote` for items fetched a page at a time. Items are rendered by the
// caller's `render`, as one node or several (a heading and its first row:
// they come and go together); the buttons' labels are set with textContent
// only.

import { h, toastError } from "./dom.js";

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
  // The nodes of each item shown, in order: rows[i] is item start + i.
  const rows = [];
  const draw = (item) => [render(item)].flat().filter(Boolean);
  // Changes what is above `anchor` without moving what the reader sees.
  const keepingPlace = (anchor, change) => {
    const before = anchor?.getBoundingClientRect().top;
    change();
    if (anchor?.isConnected) view().scrollTop += anchor.getBoundingClientRect().top - before;
  };
  const append = (items) => {
    if (!items.length) total = end; // the list got shorter meanwhile
    const drawn = items.map(draw);
    more.before(...drawn.flat());
    rows.push(...drawn);
    end += items.length;
    const over = end - start - limit;
    if (over > 0) {
      const drop = Math.min(Math.ceil(over / size) * size, rows.length);
      keepingPlace(rows[drop]?.[0], () => {
        for (const node of rows.splice(0, drop).flat()) node.remove();
        start += drop;
        label();
      });
    }
    label();
  };
  const prepend = (items) => {
    keepingPlace(rows[0]?.[0], () => {
      const drawn = items.map(draw);
      earlier.after(...drawn.flat());
      rows.unshift(...drawn);
      start -= items.length;
      label();
    });
    const over = end - start - limit;
    if (over > 0) {
      for (const node of rows.splice(rows.length - over).flat()) node.remove();
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
