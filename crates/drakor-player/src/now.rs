//! What is playing, as the library knows it: the drama and episode of the
//! file or stream a player reports, and a scene bookmarked at that moment.

use chrono::{DateTime, Utc};
use drakor_core::{DramaFilter, Library, Scene, SceneDraft, SceneTime};
use serde::Serialize;
use uuid::Uuid;

use crate::playing::Playing;

pub use drakor_core::UNTITLED;

/// The drama and episode something playing is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlayingEpisode {
    pub drama_id: Uuid,
    pub drama_title: String,
    pub season: u32,
    /// `None` when only the drama could be told.
    pub episode: Option<u32>,
}

/// What `playing` is in the library: by its linked file first, then by a
/// title or original title in what it plays.
pub fn playing_episode(
    library: &Library,
    playing: &Playing,
) -> drakor_core::Result<Option<PlayingEpisode>> {
    // Folders are linked by their real path; the player may name a link.
    let file = playing
        .file
        .as_ref()
        .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()));
    if let Some(file) = &file
        && let Some((drama_id, season, episode)) = library.episode_of_video(file)?
    {
        let drama_title = library.get_drama(drama_id)?.drama.fields.title;
        return Ok(Some(PlayingEpisode {
            drama_id,
            drama_title,
            season,
            episode: Some(episode),
        }));
    }
    let Some(title) = playing.title.as_deref() else {
        return Ok(None);
    };
    let dramas = library.list_dramas(&DramaFilter::default())?;
    let names = dramas
        .iter()
        .flat_map(|d| std::iter::once(d.title.as_str()).chain(d.original_title.as_deref()));
    let owners: Vec<&drakor_core::DramaSummary> = dramas
        .iter()
        .flat_map(|d| std::iter::repeat_n(d, 1 + usize::from(d.original_title.is_some())))
        .collect();
    let mark = crate::names::episode_of(title);
    let Some(found) = crate::titles::best_title(title, names) else {
        // A title the user once said is this drama.
        let key = crate::titles::series_key(title);
        let Some(drama_id) = library.drama_of_player_title(&key)? else {
            return Ok(None);
        };
        return Ok(Some(PlayingEpisode {
            drama_id,
            drama_title: library.get_drama(drama_id)?.drama.fields.title,
            season: mark.and_then(|m| m.season).unwrap_or(1),
            episode: mark.map(|m| m.episode),
        }));
    };
    let drama = owners[found];
    Ok(Some(PlayingEpisode {
        drama_id: drama.id,
        drama_title: drama.title.clone(),
        season: mark.and_then(|m| m.season).unwrap_or(1),
        episode: mark.map(|m| m.episode),
    }))
}

/// Why a bookmark of what is playing was not saved.
#[derive(Debug, thiserror::Error)]
pub enum BookmarkError {
    #[error("what the player plays ({}) is no drama of this library; name the drama", .0.as_deref().unwrap_or("no title"))]
    UnknownDrama(Option<String>),
    #[error("the player's title names no episode of {0}; give the episode")]
    UnknownEpisode(String),
    #[error(transparent)]
    Library(#[from] drakor_core::Error),
}

/// What the user said beside "bookmark now"; each given field wins over
/// what the player tells.
#[derive(Debug, Clone, Default)]
pub struct Bookmark {
    /// The drama the user named: it wins over the player's, and a title that
    /// named no drama is remembered as this one.
    pub drama: Option<Uuid>,
    /// The drama to use only when what plays names none (the drama page the
    /// window is on); nothing is remembered from it.
    pub fallback_drama: Option<Uuid>,
    pub season: Option<u32>,
    pub episode: Option<u32>,
    /// The rest of the scene (title, tags, …); its episode and start are
    /// set here. An empty title becomes [`UNTITLED`].
    pub draft: SceneDraft,
}

/// Saves a scene at the player's position, rounded down to the second.
pub fn bookmark(
    library: &mut Library,
    playing: &Playing,
    given: Bookmark,
    now: DateTime<Utc>,
) -> Result<Scene, BookmarkError> {
    let found = playing_episode(library, playing)?;
    let drama = match (given.drama, &found, given.fallback_drama) {
        (Some(id), _, _) => id,
        (None, Some(found), _) => found.drama_id,
        (None, None, Some(id)) => id,
        (None, None, None) => return Err(BookmarkError::UnknownDrama(playing.title.clone())),
    };
    // The user named the drama of a title that named none: remember it, so
    // the next bookmark of this show finds its drama by itself.
    if found.is_none()
        && given.drama.is_some()
        && let Some(title) = playing.title.as_deref()
    {
        library.remember_player_title(&crate::titles::series_key(title), drama)?;
    }
    let episode_in_title = playing.title.as_deref().and_then(crate::names::episode_of);
    let from_player = found
        .filter(|f| f.drama_id == drama)
        .or(episode_in_title.map(|m| PlayingEpisode {
            drama_id: drama,
            drama_title: String::new(),
            season: m.season.unwrap_or(1),
            episode: Some(m.episode),
        }));
    let season = given
        .season
        .or(from_player.as_ref().map(|f| f.season))
        .unwrap_or(1);
    let episode = match given
        .episode
        .or(from_player.as_ref().and_then(|f| f.episode))
    {
        Some(episode) => episode,
        None => {
            let title = library.get_drama(drama)?.drama.fields.title;
            return Err(BookmarkError::UnknownEpisode(title));
        }
    };
    let seconds = u32::try_from(playing.position_ms / 1000).unwrap_or(u32::MAX / 1000);
    let start = SceneTime::from_millis(seconds.saturating_mul(1000))
        .map(|t| t.to_string())
        .unwrap_or_default();
    let mut draft = given.draft;
    if draft.title.trim().is_empty() {
        draft.title = UNTITLED.to_owned();
    }
    draft.season = season;
    draft.episode = episode;
    draft.start = start;
    Ok(library.add_scene(drama, &draft, now)?)
}
