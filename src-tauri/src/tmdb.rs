//! The window's TMDB commands: search, a preview of a show for the Add
//! form, adding, linking and refreshing, and the `poster:` protocol that
//! shows the posters kept on disk. The window itself never loads a remote
//! image: everything it shows comes from this folder.
//!
//! A show previewed is kept (in memory, for this run) so that picking it and
//! saving needs no second round of requests.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use drakor_core::{DramaDraft, Filled, Relink, Settings, paths};
use drakor_tmdb::{Client, Config, Match, Show, TmdbError, TokenSource};
use serde::Serialize;
use tauri::State;
use tauri::http::{Request, Response, StatusCode};
use uuid::Uuid;

use crate::state::{AppState, CommandError, CommandResult};

impl From<TmdbError> for CommandError {
    fn from(err: TmdbError) -> Self {
        // The core's words name the environment variable the CLI reads;
        // the window says where its own token goes.
        let message = match err {
            TmdbError::NoToken => "There is no TMDB token yet: save your read access token in \
                                   Settings (get one free at themoviedb.org → Settings → API)"
                .to_owned(),
            ref other => other.to_string(),
        };
        CommandError {
            code: err.code(),
            message,
            problems: Vec::new(),
        }
    }
}

/// The shows previewed in this run, by TMDB id, and the one client, kept
/// while the token, language and address stay the same, so TMDB's image
/// configuration is asked once a run.
#[derive(Debug, Default)]
pub struct Shows(
    Mutex<HashMap<u64, Show>>,
    Mutex<Option<(String, Arc<Client>)>>,
);

impl Shows {
    fn client(&self) -> CommandResult<Arc<Client>> {
        let settings = Settings::load_or_default();
        let config = Config::from_env(
            settings.tmdb_token.as_deref(),
            settings.tmdb_language.as_deref(),
        )?;
        let key = format!("{}\n{}\n{}", config.base_url, config.language, config.token);
        let mut kept = self
            .1
            .lock()
            .map_err(|_| CommandError::internal("the TMDB client was lost"))?;
        match kept.as_ref() {
            Some((k, client)) if *k == key => Ok(Arc::clone(client)),
            _ => {
                let client = Arc::new(Client::new(config));
                *kept = Some((key, Arc::clone(&client)));
                Ok(client)
            }
        }
    }

    fn get(&self, id: u64) -> Option<Show> {
        self.0.lock().ok()?.get(&id).cloned()
    }

    /// Drops a kept show, so the next use asks TMDB again (a refresh).
    fn forget(&self, id: u64) {
        if let Ok(mut shows) = self.0.lock() {
            shows.remove(&id);
        }
    }

    fn keep(&self, show: &Show) {
        if let Ok(mut shows) = self.0.lock() {
            shows.insert(show.info.tmdb_id, show.clone());
        }
    }
}

fn posters(state: &AppState) -> CommandResult<PathBuf> {
    state
        .library_path
        .as_deref()
        .map(paths::posters_folder)
        .ok_or_else(|| CommandError::internal("the library has no folder to keep posters in"))
}

/// Whether TMDB can be asked, and with which token; for the Add dialog.
#[derive(Debug, Serialize)]
pub struct TmdbStatus {
    pub token: Option<TokenSource>,
    pub attribution: &'static str,
}

#[tauri::command]
pub fn tmdb_status() -> TmdbStatus {
    let settings = Settings::load_or_default();
    TmdbStatus {
        token: Config::token_source(settings.tmdb_token.as_deref()),
        attribution: drakor_tmdb::ATTRIBUTION,
    }
}

#[tauri::command]
pub async fn tmdb_search(
    shows: State<'_, Shows>,
    query: String,
    year: Option<i32>,
) -> CommandResult<Vec<Match>> {
    let client = shows.client()?;
    blocking(move || Ok(client.search(&query, year)?)).await
}

/// What the Add form is filled with, and what the match list shows.
#[derive(Debug, Serialize)]
pub struct Preview {
    pub draft: DramaDraft,
    pub episodes: u32,
    pub specials: u32,
    pub network: Option<String>,
    pub poster: bool,
    /// The drama already linked to this show, if any.
    pub existing: Option<Uuid>,
}

/// The show with its episodes, and its poster fetched into the posters
/// folder; kept for [`add_from_tmdb`].
#[tauri::command]
pub async fn tmdb_preview(
    state: State<'_, AppState>,
    shows: State<'_, Shows>,
    tmdb_id: u64,
) -> CommandResult<Preview> {
    let show = fetched(&state, &shows, tmdb_id).await?;
    let existing = state.run(move |lib| lib.drama_by_tmdb(tmdb_id)).await?;
    let specials = show.info.episodes.iter().filter(|e| e.season == 0).count();
    Ok(Preview {
        draft: show.info.draft(),
        episodes: show.episode_count,
        specials: u32::try_from(specials).unwrap_or(u32::MAX),
        network: show.info.network.clone(),
        poster: drakor_tmdb::poster_file(&posters(&state)?, tmdb_id).is_file(),
        existing,
    })
}

/// Adds the drama the user reviewed (`draft`) with the show's episodes, or
/// finds the one already linked to it.
#[tauri::command]
pub async fn add_from_tmdb(
    state: State<'_, AppState>,
    shows: State<'_, Shows>,
    tmdb_id: u64,
    draft: DramaDraft,
) -> CommandResult<Filled> {
    let show = fetched(&state, &shows, tmdb_id).await?;
    let now = chrono::Utc::now();
    state
        .run(move |lib| lib.add_from_show(&draft, &show.info, now))
        .await
}

/// Links a drama to a TMDB entry ("Find on TMDB") and fills it.
#[tauri::command]
pub async fn link_tmdb(
    state: State<'_, AppState>,
    shows: State<'_, Shows>,
    drama_id: Uuid,
    tmdb_id: u64,
) -> CommandResult<Filled> {
    fill(&state, &shows, drama_id, tmdb_id, Relink::Replace).await
}

/// "Update from TMDB": new episodes and what is still empty.
#[tauri::command]
pub async fn refresh_from_tmdb(
    state: State<'_, AppState>,
    shows: State<'_, Shows>,
    drama_id: Uuid,
) -> CommandResult<Filled> {
    let tmdb_id = state
        .run(move |lib| Ok(lib.get_drama(drama_id)?.drama.fields.external_ids.tmdb))
        .await?
        .ok_or_else(|| CommandError {
            code: "not_linked",
            message: "this drama is not linked to TMDB yet: use Find on TMDB".into(),
            problems: Vec::new(),
        })?;
    // A refresh asks TMDB again, even for a show seen in this run.
    shows.forget(tmdb_id);
    fill(&state, &shows, drama_id, tmdb_id, Relink::Keep).await
}

/// What refreshing every linked drama did.
#[derive(Debug, Serialize)]
pub struct RefreshedAll {
    pub changed: Vec<Filled>,
    pub unchanged: u32,
    /// `Title: reason` for each drama TMDB could not give.
    pub failed: Vec<String>,
}

/// Refreshes every drama linked to TMDB (after an import, or a restore).
/// A refused token or no network stops at once, as every drama would fail.
#[tauri::command]
pub async fn refresh_all_from_tmdb(
    state: State<'_, AppState>,
    shows: State<'_, Shows>,
) -> CommandResult<RefreshedAll> {
    let linked = state.run(|lib| lib.linked_dramas()).await?;
    let mut done = RefreshedAll {
        changed: Vec::new(),
        unchanged: 0,
        failed: Vec::new(),
    };
    for drama in linked {
        shows.forget(drama.tmdb_id);
        match fill(&state, &shows, drama.id, drama.tmdb_id, Relink::Keep).await {
            Ok(filled) if filled.changed() => done.changed.push(filled),
            Ok(_) => done.unchanged += 1,
            Err(e) if matches!(e.code, "not_found" | "bad_response" | "invalid") => {
                done.failed.push(format!("{}: {}", drama.title, e.message));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

async fn fill(
    state: &AppState,
    shows: &Shows,
    drama_id: Uuid,
    tmdb_id: u64,
    relink: Relink,
) -> CommandResult<Filled> {
    let show = fetched(state, shows, tmdb_id).await?;
    let now = chrono::Utc::now();
    state
        .run(move |lib| lib.fill_from_show(drama_id, &show.info, relink, now))
        .await
}

/// The show from this run's previews, else from TMDB (with its poster).
async fn fetched(state: &AppState, shows: &Shows, tmdb_id: u64) -> CommandResult<Show> {
    if let Some(show) = shows.get(tmdb_id) {
        return Ok(show);
    }
    let folder = posters(state)?;
    let client = shows.client()?;
    let show = blocking(move || {
        let show = client.show(tmdb_id)?;
        fetch_poster(&client, &show, &folder);
        Ok(show)
    })
    .await?;
    shows.keep(&show);
    Ok(show)
}

/// Fetches the show's poster once; a poster that cannot be had leaves the
/// tidy placeholder, and is said on stderr.
fn fetch_poster(client: &Client, show: &Show, folder: &std::path::Path) {
    if let Some(path) = &show.poster_path
        && let Err(e) = client.download_poster(show.info.tmdb_id, path, folder)
    {
        eprintln!("drakor: no poster for TMDB {}: {e}", show.info.tmdb_id);
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| CommandError::internal(format!("the TMDB task failed: {e}")))?
}

/// Serves `poster://localhost/<tmdb id>` from the posters folder: digits
/// only, so no request can name any other file.
pub fn poster_response(
    library: Option<&std::path::Path>,
    request: &Request<Vec<u8>>,
) -> Response<Vec<u8>> {
    let id = request.uri().path().trim_start_matches('/');
    let file = library
        .filter(|_| !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|lib| id.parse::<u64>().ok().map(|id| (lib, id)))
        .map(|(lib, id)| drakor_tmdb::poster_file(&paths::posters_folder(lib), id));
    let bytes = file.and_then(|f| std::fs::read(f).ok());
    let response = match bytes {
        Some(bytes) => Response::builder()
            .header("Content-Type", "image/jpeg")
            .header("Cache-Control", "no-cache")
            .body(bytes),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Vec::new()),
    };
    response.unwrap_or_default()
}
