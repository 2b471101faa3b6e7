//! Reading a drama's folder: which video file is which episode. Files that
//! name no episode, and episodes two files claim, are listed rather than
//! guessed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::names::{episode_of, is_video};

/// What a folder holds, episode by episode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FolderScan {
    /// (season, episode, file name), by season and episode.
    pub matched: Vec<(u32, u32, String)>,
    /// Video files whose names say no episode.
    pub unmatched: Vec<String>,
    /// Episodes more than one file claims: none of them is linked.
    pub doubles: Vec<(u32, u32, Vec<String>)>,
}

/// Reads the video files directly in `folder` (not in folders inside it).
/// A name without a season is season 1.
pub fn scan(folder: &Path) -> std::io::Result<FolderScan> {
    let mut names: Vec<String> = std::fs::read_dir(folder)?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let is_file = entry.file_type().ok()?.is_file() || entry.path().is_file();
            (is_file && is_video(&name)).then_some(name)
        })
        .collect();
    names.sort();
    Ok(sort_names(names))
}

/// [`scan`] on names already read.
pub fn sort_names(names: impl IntoIterator<Item = String>) -> FolderScan {
    let mut by_episode: BTreeMap<(u32, u32), Vec<String>> = BTreeMap::new();
    let mut scan = FolderScan::default();
    for name in names {
        match episode_of(&name) {
            Some(mark) => by_episode
                .entry((mark.season.unwrap_or(1), mark.episode))
                .or_default()
                .push(name),
            None => scan.unmatched.push(name),
        }
    }
    for ((season, episode), mut files) in by_episode {
        if files.len() == 1 {
            scan.matched.push((season, episode, files.remove(0)));
        } else {
            scan.doubles.push((season, episode, files));
        }
    }
    scan
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_read_into_matches_strays_and_doubles() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "Goblin.S01E01.1080p.mkv",
            "Goblin.S01E02.1080p.mkv",
            "Goblin.S01E02.720p.mp4",
            "Goblin.S00E01.Special.mkv",
            "Goblin OST.mp4",
            "Goblin.S01E01.srt",
            "notes.txt",
        ] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        std::fs::create_dir(dir.path().join("Goblin E03.mkv")).unwrap();
        let scan = scan(dir.path()).unwrap();
        assert_eq!(
            scan.matched,
            [
                (0, 1, "Goblin.S00E01.Special.mkv".to_owned()),
                (1, 1, "Goblin.S01E01.1080p.mkv".to_owned())
            ]
        );
        assert_eq!(scan.unmatched, ["Goblin OST.mp4"]);
        assert_eq!(
            scan.doubles,
            [(
                1,
                2,
                vec![
                    "Goblin.S01E02.1080p.mkv".to_owned(),
                    "Goblin.S01E02.720p.mp4".to_owned()
                ]
            )]
        );
    }
}
