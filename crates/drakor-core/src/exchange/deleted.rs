//! Deleting a drama so it can be brought back: its copy is written first,
//! as a Drakor JSON file of that drama alone in the library's `backups/`
//! folder (`deleted-<UTC time>-<id>.json`), and only then is it deleted.
//! Undo imports that file, which puts the drama back with its own id, its
//! watch log, notes and scenes; the rest of the library is not touched.
//! The copies are small and never rotated away: a user can import one by
//! hand long after the toast is gone.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::exchange::export::{ExportFilter, ExportOptions};
use crate::exchange::import::{ImportOptions, ImportReport, ImportSource};
use crate::store::Library;

/// A deleted drama and where its copy is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deleted {
    pub id: Uuid,
    pub title: String,
    /// The drama as a Drakor JSON file; `None` for an in-memory library.
    pub copy: Option<PathBuf>,
}

impl Library {
    /// Writes a copy of the drama into [`Library::backups_dir`], then
    /// deletes it. When the copy cannot be written, nothing is deleted.
    pub fn delete_drama_keeping_copy(&mut self, id: Uuid, now: DateTime<Utc>) -> Result<Deleted> {
        let title = self.get_drama(id)?.drama.fields.title;
        let copy = match self.backups_dir() {
            Some(dir) => {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
                let stamp = now
                    .format("%Y%m%d-%H%M%S%.3f")
                    .to_string()
                    .replace('.', "-");
                let path = dir.join(format!("deleted-{stamp}-{id}.json"));
                let filter = ExportFilter {
                    drama_id: Some(id),
                    ..ExportFilter::default()
                };
                self.export_file(&path, &ExportOptions::of(filter), now)?;
                Some(path)
            }
            None => None,
        };
        self.delete_drama(id)?;
        Ok(Deleted { id, title, copy })
    }

    /// Brings back a drama [`Library::delete_drama_keeping_copy`] deleted,
    /// from its copy.
    pub fn restore_deleted(
        &mut self,
        copy: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<ImportReport> {
        self.import(ImportSource::Path(copy), ImportOptions::default(), now)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::drama::DramaDraft;
    use crate::scene::SceneDraft;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 20, 0, 0).unwrap()
    }

    #[test]
    fn a_deleted_drama_comes_back_whole_from_its_copy() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open_at(dir.path().join("drakor.sqlite3"), at(1)).unwrap();
        let draft = DramaDraft {
            title: "My Liberation Notes".into(),
            original_title: Some("나의 해방일지".into()),
            total_episodes: Some(16),
            ..DramaDraft::default()
        };
        let drama = lib.add_drama(&draft, at(1)).unwrap();
        let kept = lib
            .add_drama(
                &DramaDraft {
                    title: "Goblin".into(),
                    ..DramaDraft::default()
                },
                at(1),
            )
            .unwrap();
        lib.mark_watched(drama.id, 1, &[1, 2, 3], at(2), at(2))
            .unwrap();
        lib.record_rewatch(drama.id, 1, &[1], at(3), at(3)).unwrap();
        let scene = SceneDraft {
            episode: 2,
            start: "48:12".into(),
            title: "The reed field".into(),
            ..SceneDraft::default()
        };
        lib.add_scene(drama.id, &scene, at(3)).unwrap();
        let before = lib.get_drama(drama.id).unwrap();

        let deleted = lib.delete_drama_keeping_copy(drama.id, at(4)).unwrap();
        assert_eq!(deleted.title, "My Liberation Notes");
        assert!(lib.get_drama(drama.id).is_err(), "the drama is gone");
        let copy = deleted.copy.expect("a copy on disk");
        assert!(copy.starts_with(dir.path().join("backups")));

        lib.restore_deleted(&copy, at(5)).unwrap();
        let after = lib.get_drama(drama.id).unwrap();
        assert_eq!(after.drama.fields, before.drama.fields);
        assert_eq!(after.episodes, before.episodes);
        assert_eq!(after.scenes, before.scenes);
        assert_eq!(lib.get_drama(kept.id).unwrap().drama.id, kept.id);
    }

    #[test]
    fn a_drama_whose_copy_cannot_be_written_is_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open_at(dir.path().join("drakor.sqlite3"), at(1)).unwrap();
        let drama = lib
            .add_drama(
                &DramaDraft {
                    title: "Goblin".into(),
                    ..DramaDraft::default()
                },
                at(1),
            )
            .unwrap();
        // A file where the backups folder should be.
        std::fs::write(dir.path().join("backups"), b"not a folder").unwrap();
        assert!(lib.delete_drama_keeping_copy(drama.id, at(2)).is_err());
        assert_eq!(
            lib.get_drama(drama.id).unwrap().drama.fields.title,
            "Goblin"
        );
    }
}
