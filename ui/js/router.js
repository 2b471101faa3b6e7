// Hash routes: #/library, #/drama/<id>, #/scenes?tag=kiss, #/next, #/io,
// #/search?q=words. Each route renders into <main id="view">.

const routes = new Map();
let current = { name: null, params: {} };

export function route(name, render) {
  routes.set(name, render);
}

export function go(name, params = {}) {
  const [path, query] = [name, new URLSearchParams(params).toString()];
  const hash = `#/${path}${query ? `?${query}` : ""}`;
  if (location.hash === hash) refresh();
  else location.hash = hash;
}

export function currentRoute() {
  return current;
}

function parse() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const [name, ...rest] = path.split("/");
  const params = Object.fromEntries(new URLSearchParams(query));
  if (rest.length) params.id = decodeURIComponent(rest.join("/"));
  return { name: routes.has(name) ? name : "library", params };
}

let rendering = 0;
export async function refresh() {
  current = parse();
  const view = document.getElementById("view");
  const token = ++rendering;
  for (const link of document.querySelectorAll("[data-route]")) {
    link.classList.toggle("active", link.dataset.route === current.name);
    if (link.dataset.route === current.name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const fragment = document.createElement("div");
  fragment.className = `page page-${current.name}`;
  await routes.get(current.name)(fragment, current.params);
  if (token !== rendering) return; // a newer navigation won
  view.replaceChildren(fragment);
  view.dataset.route = current.name;
  view.scrollTop = 0;
}

export function startRouter() {
  window.addEventListener("hashchange", refresh);
  return refresh();
}
