//! The window's commands. Each takes its arguments, calls one `drakor-core`
//! function on the blocking pool, and returns data or a `CommandError`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use drakor_core::{
    Deleted, Drama, DramaDetail, DramaDraft, DramaFilter, DramaName, DramaSummary, EpisodeNotes,
    ExportFilter, ExportFormat, ExportOptions, ExportWritten, Format, IfExists, ImportDone,
    ImportOptions, ImportSource, ImportSummary, Link, LinkKind, Page, RemovedWatch, Scene,
    SceneDraft, SceneFilter, ScenePage, SearchHit, StatusMove, TagCount, Unmark, Unmarked, UpNext,
    WatchChange,
};
use serde::Serialize;
use tauri::State;
use tauri_plugin_opener::OpenerExt;
use uuid::Uuid;

use crate::state::{AppState, CommandError, CommandResult};

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub library_path: String,
    /// Why the library could not be opened, if it could not.
    pub open_error: Option<CommandError>,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: drakor_core::VERSION,
        library_path: state
            .library_path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        open_error: state.open_error(),
    }
}

#[tauri::command]
pub async fn list_dramas(
    state: State<'_, AppState>,
    mut filter: DramaFilter,
) -> CommandResult<Vec<DramaSummary>> {
    // "Next air date" puts what airs from the user's today first.
    filter
        .today
        .get_or_insert_with(|| chrono::Local::now().date_naive());
    state.run(move |lib| lib.list_dramas(&filter)).await
}

#[tauri::command]
pub async fn dramas_with_scenes(state: State<'_, AppState>) -> CommandResult<Vec<DramaName>> {
    state.run(|lib| lib.dramas_with_scenes()).await
}

#[tauri::command]
pub async fn get_drama(state: State<'_, AppState>, id: Uuid) -> CommandResult<DramaDetail> {
    state.run(move |lib| lib.get_drama(id)).await
}

#[tauri::command]
pub async fn add_drama(state: State<'_, AppState>, draft: DramaDraft) -> CommandResult<Drama> {
    state
        .run(move |lib| lib.add_drama(&draft, Utc::now()))
        .await
}

#[tauri::command]
pub async fn update_drama(
    state: State<'_, AppState>,
    id: Uuid,
    draft: DramaDraft,
) -> CommandResult<Drama> {
    state
        .run(move |lib| lib.update_drama(id, &draft, Utc::now()))
        .await
}

/// Deletes a drama after writing a copy of it to the backups folder; the
/// window's Undo passes that copy to `restore_drama`.
#[tauri::command]
pub async fn delete_drama(state: State<'_, AppState>, id: Uuid) -> CommandResult<Deleted> {
    state
        .run(move |lib| lib.delete_drama_keeping_copy(id, Utc::now()))
        .await
}

#[tauri::command]
pub async fn restore_drama(state: State<'_, AppState>, copy: PathBuf) -> CommandResult<()> {
    state
        .run(move |lib| lib.restore_deleted(&copy, Utc::now()).map(drop))
        .await
}

#[tauri::command]
pub async fn mark_watched(
    state: State<'_, AppState>,
    drama_id: Uuid,
    season: u32,
    episodes: Vec<u32>,
    at: Option<DateTime<Utc>>,
) -> CommandResult<WatchChange> {
    let now = Utc::now();
    state
        .run(move |lib| lib.mark_watched(drama_id, season, &episodes, at.unwrap_or(now), now))
        .await
}

#[tauri::command]
pub async fn record_rewatch(
    state: State<'_, AppState>,
    drama_id: Uuid,
    season: u32,
    episodes: Vec<u32>,
    at: Option<DateTime<Utc>>,
) -> CommandResult<WatchChange> {
    let now = Utc::now();
    state
        .run(move |lib| lib.record_rewatch(drama_id, season, &episodes, at.unwrap_or(now), now))
        .await
}

#[tauri::command]
pub async fn unmark_watched(
    state: State<'_, AppState>,
    drama_id: Uuid,
    season: u32,
    episodes: Vec<u32>,
    which: Option<Unmark>,
) -> CommandResult<Unmarked> {
    let which = which.unwrap_or_default();
    state
        .run(move |lib| lib.unmark_watched(drama_id, season, &episodes, which))
        .await
}

/// The Undo of an unmark: puts the removed watches back at their times.
#[tauri::command]
pub async fn restore_watches(
    state: State<'_, AppState>,
    drama_id: Uuid,
    watches: Vec<RemovedWatch>,
) -> CommandResult<WatchChange> {
    state
        .run(move |lib| lib.restore_watches(drama_id, &watches, Utc::now()))
        .await
}

/// The Undo of a mark: takes out exactly the watches the mark wrote (its
/// `added`), and no watch logged before or since; a status the mark moved
/// goes back with them (its `moved`).
#[tauri::command]
pub async fn take_back_watches(
    state: State<'_, AppState>,
    drama_id: Uuid,
    watches: Vec<RemovedWatch>,
    moved: Option<StatusMove>,
) -> CommandResult<Unmarked> {
    state
        .run(move |lib| lib.take_back_watches(drama_id, &watches, moved.as_ref(), Utc::now()))
        .await
}

#[tauri::command]
pub async fn annotate_episode(
    state: State<'_, AppState>,
    drama_id: Uuid,
    season: u32,
    number: u32,
    notes: EpisodeNotes,
) -> CommandResult<()> {
    state
        .run(move |lib| lib.annotate_episode(drama_id, season, number, &notes, Utc::now()))
        .await
}

#[tauri::command]
pub async fn up_next(state: State<'_, AppState>) -> CommandResult<Vec<UpNext>> {
    state.run(|lib| lib.up_next()).await
}

#[tauri::command]
pub async fn add_scene(
    state: State<'_, AppState>,
    drama_id: Uuid,
    draft: SceneDraft,
) -> CommandResult<Scene> {
    state
        .run(move |lib| lib.add_scene(drama_id, &draft, Utc::now()))
        .await
}

#[tauri::command]
pub async fn update_scene(
    state: State<'_, AppState>,
    id: Uuid,
    draft: SceneDraft,
) -> CommandResult<Scene> {
    state
        .run(move |lib| lib.update_scene(id, &draft, Utc::now()))
        .await
}

#[tauri::command]
pub async fn delete_scene(state: State<'_, AppState>, id: Uuid) -> CommandResult<()> {
    state.run(move |lib| lib.delete_scene(id)).await
}

#[tauri::command]
pub async fn list_scenes(
    state: State<'_, AppState>,
    filter: SceneFilter,
    page: Page,
) -> CommandResult<ScenePage> {
    state.run(move |lib| lib.list_scenes(&filter, page)).await
}

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    text: String,
    limit: Option<usize>,
) -> CommandResult<Vec<SearchHit>> {
    state
        .run(move |lib| lib.search(&text, limit.unwrap_or(100)))
        .await
}

#[tauri::command]
pub async fn tags(state: State<'_, AppState>) -> CommandResult<Vec<TagCount>> {
    state.run(|lib| lib.tags()).await
}

/// Imports a file or folder: a Drakor export, a Trakt export, a Yamtrack CSV
/// or a Watcharr JSON, told apart by content. Once the file is read and
/// checked, and just before it writes, a real import (not a check) takes an
/// automatic backup of the library; the newest ten are kept. The window picks
/// `path` with the native dialog (or the user types it), and `format` with
/// its Format picker when the content does not say (`unknown_format`).
#[tauri::command]
pub async fn import_file(
    state: State<'_, AppState>,
    path: PathBuf,
    dry_run: bool,
    format: Option<Format>,
) -> CommandResult<ImportDone> {
    let options = ImportOptions {
        format: format.unwrap_or(Format::Auto),
        dry_run,
    };
    state
        .run(move |lib| lib.import_with_backup(ImportSource::Path(&path), options, Utc::now()))
        .await
}

/// Writes an export. An existing file is refused (`file_exists`) unless
/// `replace`: the window passes it when the native save dialog already
/// asked, or when the user said yes to its own question.
#[tauri::command]
pub async fn export_file(
    state: State<'_, AppState>,
    path: PathBuf,
    filter: ExportFilter,
    format: Option<ExportFormat>,
    replace: Option<bool>,
) -> CommandResult<ExportWritten> {
    let options = ExportOptions {
        filter,
        format: format.unwrap_or_default(),
        title: None,
    };
    let if_exists = if replace.unwrap_or(false) {
        IfExists::Replace
    } else {
        IfExists::Refuse
    };
    state
        .run(move |lib| lib.export_file_with(&path, &options, if_exists, Utc::now()))
        .await
}

#[tauri::command]
pub async fn backup_library(state: State<'_, AppState>, path: PathBuf) -> CommandResult<()> {
    state.run(move |lib| lib.backup_to(&path)).await
}

#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> CommandResult<ImportSummary> {
    state
        .run(|lib| {
            let report =
                lib.import(ImportSource::sample(), ImportOptions::default(), Utc::now())?;
            Ok(report.summary)
        })
        .await
}

/// Opens a link in the system browser, after the same http/https check
/// every stored link passed. The window itself holds no opener permission.
#[tauri::command]
pub fn open_link(app: tauri::AppHandle, url: String) -> CommandResult<()> {
    let link = Link::validate(&url, "", LinkKind::Other)
        .map_err(|p| CommandError::from(drakor_core::Error::Invalid(p)))?;
    app.opener()
        .open_url(link.url, None::<&str>)
        .map_err(|e| CommandError::internal(format!("cannot open the browser: {e}")))
}

/// A year's figures (`None`: all time), counted in the system's time zone,
/// as `drakor stats --json` gives them.
#[tauri::command]
pub async fn stats(
    state: State<'_, AppState>,
    year: Option<i32>,
) -> CommandResult<drakor_core::stats::Stats> {
    state.run(move |lib| lib.stats(year, &chrono::Local)).await
}

/// Saves the year in review the window drew: PNG bytes only, to the path
/// the native save dialog gave (which already asked before replacing a
/// file), written whole or not at all.
#[tauri::command]
pub async fn save_png(
    state: State<'_, AppState>,
    path: PathBuf,
    bytes: Vec<u8>,
) -> CommandResult<()> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(PNG) || bytes.len() > 20 * 1024 * 1024 {
        return Err(CommandError::internal(
            "the picture is not a PNG image Drakor drew",
        ));
    }
    let is_png = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if !is_png {
        return Err(CommandError::internal(format!(
            "{} does not end in .png; choose a name for a picture",
            path.display()
        )));
    }
    state
        .run(move |lib| {
            // Never over the library, whatever name leads to it.
            lib.refuse_own_files(&path)?;
            drakor_core::write_atomically(&path, &bytes)
        })
        .await
}
