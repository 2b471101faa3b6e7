// The one door to the backend. Every call goes through `call`, which wraps
// window.__TAURI__.core.invoke and turns failures into ApiError, carrying
// the core's stable `code` and per-field `problems`.

export class ApiError extends Error {
  constructor({ code = "unknown", message = "Something went wrong", problems = [] } = {}) {
    super(message);
    this.code = code;
    this.problems = problems;
  }
}

export async function call(command, args = {}) {
  const tauri = window.__TAURI__;
  if (!tauri?.core?.invoke) {
    throw new ApiError({ code: "no_bridge", message: "Open this page inside the Drakor app." });
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (err) {
    if (err && typeof err === "object" && "code" in err) throw new ApiError(err);
    throw new ApiError({ message: String(err) });
  }
}

export const api = {
  appInfo: () => call("app_info"),
  listDramas: (filter) => call("list_dramas", { filter }),
  getDrama: (id) => call("get_drama", { id }),
  addDrama: (draft) => call("add_drama", { draft }),
  updateDrama: (id, draft) => call("update_drama", { id, draft }),
  /** Deletes a drama, keeping a copy: resolves with { id, title, copy }. */
  deleteDrama: (id) => call("delete_drama", { id }),
  /** Brings back a deleted drama from the copy `deleteDrama` kept. */
  restoreDrama: (copy) => call("restore_drama", { copy }),
  markWatched: (dramaId, season, episodes) => call("mark_watched", { dramaId, season, episodes }),
  recordRewatch: (dramaId, season, episodes) => call("record_rewatch", { dramaId, season, episodes }),
  /** `which`: "latest" (the most recent watch of each) or "all". Resolves with what was removed. */
  unmarkWatched: (dramaId, season, episodes, which = "latest") => call("unmark_watched", { dramaId, season, episodes, which }),
  /** The Undo of a mark: takes out exactly the watches it wrote (its `added`). */
  takeBackWatches: (dramaId, mark) => call("take_back_watches", { dramaId, watches: mark.added, moved: mark.moved ?? null }),
  /** Puts back what `unmarkWatched` removed. */
  restoreWatches: (dramaId, watches) => call("restore_watches", { dramaId, watches }),
  annotateEpisode: (dramaId, season, number, notes) =>
    call("annotate_episode", { dramaId, season, number, notes }),
  upNext: () => call("up_next"),
  addScene: (dramaId, draft) => call("add_scene", { dramaId, draft }),
  updateScene: (id, draft) => call("update_scene", { id, draft }),
  deleteScene: (id) => call("delete_scene", { id }),
  /** The dramas that have scenes, by title: [{ id, title }]. */
  dramasWithScenes: () => call("dramas_with_scenes"),
  /** One page ({ offset, limit }) of scenes: { scenes, total, offset }. */
  listScenes: (filter, page) => call("list_scenes", { filter, page }),
  search: (text) => call("search", { text, limit: 100 }),
  tags: () => call("tags"),
  /** `format`: "auto" (told by content), "drakor", "trakt", "yamtrack" or "watcharr". */
  importFile: (path, dryRun, format = "auto") => call("import_file", { path, dryRun, format }),
  /** Refuses an existing file (code "file_exists") unless `replace`. */
  exportFile: (path, filter, format = "json", replace = false) => call("export_file", { path, filter, format, replace }),
  backup: (path) => call("backup_library", { path }),
  loadSample: () => call("load_sample"),
  openLink: (url) => call("open_link", { url }),
  /** A drama's video folder and episode files: { folder, files: [{ season, episode, file, by_hand }] }. */
  videoLinks: (dramaId) => call("video_links", { dramaId }),
  /** Links a folder; also says what it left: { folder, files, unmatched, doubles }. */
  linkFolder: (dramaId, folder) => call("link_folder", { dramaId, folder }),
  linkEpisodeFile: (dramaId, season, episode, file) => call("link_episode_file", { dramaId, season, episode, file }),
  /** Plays a scene from its start: { program, seeks, start_ms }. */
  playScene: (id) => call("play_scene", { id }),
  /** A year's figures (`year` null: all time), as `drakor stats --json` gives them. */
  stats: (year = null) => call("stats", { year }),
  /** Writes PNG bytes (an array of numbers) to `path`. */
  savePng: (path, bytes) => call("save_png", { path, bytes }),
  /** Every list, by name: [{ id, name, description, entries, dropped, … }]. */
  lists: () => call("lists"),
  createList: (draft) => call("create_list", { draft }),
  updateList: (id, draft) => call("update_list", { id, draft }),
  deleteList: (id) => call("delete_list", { id }),
  /** A list with its items in order: { …summary, items: [{ position, target, note, drama_id, drama_title, scene }] }. */
  getList: (id) => call("get_list", { id }),
  /** `target`: { scene: id } or { drama: id }; resolves with the position. */
  addToList: (id, target, note = "", at = null) => call("add_to_list", { id, target, note, at }),
  /** Resolves with the list in its new order. */
  moveInList: (id, from, to) => call("move_in_list", { id, from, to }),
  dropFromList: (id, position) => call("drop_from_list", { id, position }),
  /** `format`: "markdown", "csv" or "json"; refuses an existing file unless `replace`. */
  exportList: (id, format, path, replace = false) => call("export_list", { id, format, path, replace }),
  /** Everyone in a scene, most scenes first: [{ name, aliases, scenes }]. */
  people: () => call("people"),
  /** A person by any of their names: { name, aliases, scenes, dramas: [{ drama_id, drama_title, drama_original_title, scenes }] }. */
  person: (name) => call("person", { name }),
  /** Makes `alias` another name of `name`'s person; resolves with { name, aliases, scenes }. */
  addAlias: (name, alias) => call("add_alias", { name, alias }),
  removeAlias: (alias) => call("remove_alias", { alias }),
  /** { token: "environment" | "settings" | null, attribution }. */
  tmdbStatus: () => call("tmdb_status"),
  /** TMDB's matches: [{ tmdb_id, name, original_name, first_air_date, origin_country, overview, poster_path }]. */
  tmdbSearch: (query, year = null) => call("tmdb_search", { query, year }),
  /** A show's form values and counts: { draft, episodes, specials, network, poster, existing }. */
  tmdbPreview: (tmdbId) => call("tmdb_preview", { tmdbId }),
  /** Adds the reviewed draft with the show's episodes: { drama_id, title, added, episodes_added, … }. */
  addFromTmdb: (tmdbId, draft) => call("add_from_tmdb", { tmdbId, draft }),
  linkTmdb: (dramaId, tmdbId) => call("link_tmdb", { dramaId, tmdbId }),
  refreshFromTmdb: (dramaId) => call("refresh_from_tmdb", { dramaId }),
  /** { changed: [Filled], unchanged, failed: ["Title: reason"] }. */
  refreshAllFromTmdb: () => call("refresh_all_from_tmdb"),
  /** { player, bookmark_shortcut, tmdb_language, tmdb_token: where the token comes from or null }. */
  getSettings: () => call("get_settings"),
  saveSettings: (settings) => call("save_settings", { settings }),
  /**
   * Saves a scene where the player is: resolves with the scene. `pageDrama`
   * is used only when what plays names no drama; `picked` is the user's
   * choice for such a show, and is remembered.
   */
  bookmarkNow: ({ pageDrama = null, picked = null } = {}) => call("bookmark_now", { pageDrama, picked }),
};

/** The native file dialogs (tauri-plugin-dialog); null when cancelled. */
export const dialogs = {
  async openImport() {
    return window.__TAURI__.dialog.open({
      multiple: false,
      directory: false,
      filters: [
        { name: "Drakor, Trakt, Yamtrack or Watcharr export", extensions: ["json", "zip", "csv"] },
        { name: "Any file", extensions: ["*"] },
      ],
    });
  },
  async openFolder() {
    return window.__TAURI__.dialog.open({ multiple: false, directory: true });
  },
  async saveExport(defaultPath, extension, name) {
    return window.__TAURI__.dialog.save({ defaultPath, filters: [{ name, extensions: [extension] }] });
  },
  async saveJson(defaultPath) {
    return window.__TAURI__.dialog.save({
      defaultPath,
      filters: [{ name: "Drakor library", extensions: ["json"] }],
    });
  },
  async saveBackup(defaultPath) {
    return window.__TAURI__.dialog.save({
      defaultPath,
      filters: [{ name: "SQLite database", extensions: ["sqlite3"] }],
    });
  },
};
