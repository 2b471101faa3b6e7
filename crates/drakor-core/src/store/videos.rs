//! Episodes' video files: the folder a drama is linked to, and each linked
//! episode's file name relative to it. Matching names to episodes is not
//! done here (the `drakor-player` crate reads folders); the store keeps
//! what was matched, and what the user set by hand.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use uuid::Uuid;

use crate::episode::check_episode_ref;
use crate::error::{Error, Result};
use crate::store::Library;
use crate::store::dramas::drama_pk;

/// One episode's file, relative to its drama's folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EpisodeFile {
    pub season: u32,
    pub episode: u32,
    pub file: String,
    /// Set by the user, not matched by name: kept when the folder is
    /// linked again.
    pub by_hand: bool,
}

/// A drama's folder and its episodes' files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VideoLinks {
    pub folder: Option<PathBuf>,
    pub files: Vec<EpisodeFile>,
}

impl VideoLinks {
    /// The full path of an episode's file, if it has one.
    pub fn path_of(&self, season: u32, episode: u32) -> Option<PathBuf> {
        let folder = self.folder.as_ref()?;
        self.files
            .iter()
            .find(|f| f.season == season && f.episode == episode)
            .map(|f| folder.join(&f.file))
    }
}

fn text_of<'a>(path: &'a Path, field: &str) -> Result<&'a str> {
    path.to_str().ok_or_else(|| {
        Error::invalid(
            field,
            format!(
                "{} is not valid UTF-8, which Drakor cannot store",
                path.display()
            ),
        )
    })
}

/// A file name relative to the folder: one plain name or a path inside it.
fn check_relative(file: &str) -> Result<()> {
    let path = Path::new(file);
    let inside = !file.is_empty()
        && path.is_relative()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if inside {
        Ok(())
    } else {
        Err(Error::invalid(
            "file",
            format!("{file:?} is not a file inside the linked folder"),
        ))
    }
}

impl Library {
    /// Links a drama to `folder` with the files matched in it, in one
    /// write. Files the user set by hand stay as they are; the other
    /// episodes' files are replaced by `matched`.
    pub fn link_folder(
        &mut self,
        drama: Uuid,
        folder: &Path,
        matched: &[(u32, u32, String)],
    ) -> Result<()> {
        let folder = text_of(folder, "folder")?.to_owned();
        for (season, episode, file) in matched {
            check_episode_ref(*season, *episode)?;
            check_relative(file)?;
        }
        self.write(|tx| {
            let pk = drama_pk(tx, drama)?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO video_folders (drama_pk, folder) VALUES (?1, ?2)",
            )?
            .execute(params![pk, folder])?;
            tx.prepare_cached("DELETE FROM episode_files WHERE drama_pk = ?1 AND by_hand = 0")?
                .execute([pk])?;
            // A file the user set by hand for one episode is not matched to
            // another by its name.
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO episode_files (drama_pk, season, number, file, by_hand)
                 SELECT ?1, ?2, ?3, ?4, 0 WHERE NOT EXISTS
                    (SELECT 1 FROM episode_files WHERE drama_pk = ?1 AND file = ?4 AND by_hand = 1)",
            )?;
            for (season, episode, file) in matched {
                insert.execute(params![pk, season, episode, file])?;
            }
            Ok(())
        })
    }

    /// Sets one episode's file by hand (relative to the linked folder).
    pub fn link_episode_file(
        &mut self,
        drama: Uuid,
        season: u32,
        episode: u32,
        file: &str,
    ) -> Result<()> {
        check_episode_ref(season, episode)?;
        check_relative(file)?;
        self.write(|tx| {
            let pk = drama_pk(tx, drama)?;
            let linked: Option<String> = tx
                .prepare_cached("SELECT folder FROM video_folders WHERE drama_pk = ?1")?
                .query_row([pk], |row| row.get(0))
                .optional()?;
            if linked.is_none() {
                return Err(Error::invalid(
                    "folder",
                    "the drama is linked to no folder yet: link its folder first",
                ));
            }
            tx.prepare_cached(
                "INSERT OR REPLACE INTO episode_files (drama_pk, season, number, file, by_hand)
                 VALUES (?1, ?2, ?3, ?4, 1)",
            )?
            .execute(params![pk, season, episode, file])?;
            Ok(())
        })
    }

    /// The drama's folder and files, by season and episode.
    pub fn video_links(&self, drama: Uuid) -> Result<VideoLinks> {
        let pk = drama_pk(self.conn(), drama)?;
        let folder: Option<String> = self
            .conn()
            .prepare_cached("SELECT folder FROM video_folders WHERE drama_pk = ?1")?
            .query_row([pk], |row| row.get(0))
            .optional()?;
        let files = self
            .conn()
            .prepare_cached(
                "SELECT season, number, file, by_hand FROM episode_files
                 WHERE drama_pk = ?1 ORDER BY season, number",
            )?
            .query_map([pk], |row| {
                Ok(EpisodeFile {
                    season: row.get(0)?,
                    episode: row.get(1)?,
                    file: row.get(2)?,
                    by_hand: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(VideoLinks {
            folder: folder.map(PathBuf::from),
            files,
        })
    }

    /// The drama and episode a video file is linked to, if any: it is inside
    /// a drama's folder under a linked name (in a folder inside it too). A
    /// file set by hand wins over one matched by name.
    pub fn episode_of_video(&self, path: &Path) -> Result<Option<(Uuid, u32, u32)>> {
        let folders: Vec<(i64, String)> = self
            .conn()
            .prepare_cached("SELECT drama_pk, folder FROM video_folders")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (pk, folder) in folders {
            let Some(file) = path.strip_prefix(&folder).ok().and_then(|rel| rel.to_str()) else {
                continue;
            };
            let found = self
                .conn()
                .prepare_cached(
                    "SELECT d.id, f.season, f.number FROM episode_files f JOIN dramas d ON d.pk = f.drama_pk
                     WHERE f.drama_pk = ?1 AND f.file = ?2 ORDER BY f.by_hand DESC LIMIT 1",
                )?
                .query_row(params![pk, file], |row| {
                    Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?))
                })
                .optional()?;
            if let Some((id, season, episode)) = found
                && let Ok(id) = id.parse()
            {
                return Ok(Some((id, season, episode)));
            }
        }
        Ok(None)
    }
}

impl Library {
    /// Remembers that what a player showed as `title_key` is `drama`.
    pub fn remember_player_title(&mut self, title_key: &str, drama: Uuid) -> Result<()> {
        if title_key.trim().is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            let pk = drama_pk(tx, drama)?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO player_titles (title_key, drama_pk) VALUES (?1, ?2)",
            )?
            .execute(params![title_key, pk])?;
            Ok(())
        })
    }

    /// The drama a player's `title_key` was said to be, if it was.
    pub fn drama_of_player_title(&self, title_key: &str) -> Result<Option<Uuid>> {
        let id: Option<String> = self
            .conn()
            .prepare_cached(
                "SELECT d.id FROM player_titles p JOIN dramas d ON d.pk = p.drama_pk WHERE p.title_key = ?1",
            )?
            .query_row([title_key], |row| row.get(0))
            .optional()?;
        Ok(id.and_then(|id| id.parse().ok()))
    }
}
