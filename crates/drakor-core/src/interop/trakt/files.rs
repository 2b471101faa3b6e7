//! Finding the export's files: in a ZIP, in the folder it unpacks to, or
//! one on its own, each known by its name (or, alone, by its content).

use std::io::Read;
use std::path::Path;

use serde_json::Value;

use super::{EXPECTED_FILES, read_files};
use crate::error::{Error, Problems, Result};
use crate::interop::Parsed;
use crate::interop::common::{self, Skips};

/// Files larger than this (unpacked) are refused rather than read into
/// memory: a real history is a few megabytes.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The files of an export that are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    History,
    /// `watched-shows.json`: how often each episode was played.
    Shows,
    Ratings,
    Watchlist,
}

/// One of the export's files, read into memory.
#[derive(Debug)]
pub(super) struct File {
    /// Its name as shown in problems: its path inside the ZIP or folder.
    pub(super) name: String,
    pub(super) kind: Kind,
    /// 0 for `watched-history.json`, 2 for `watched-history-2.json`.
    pub(super) part: u32,
    pub(super) bytes: Vec<u8>,
}

/// The kind of file a name is, and its part number; `None` for files that
/// are not read.
pub(super) fn kind_of_name(path: &str) -> Option<(Kind, u32)> {
    let base = path.rsplit(['/', '\\']).next()?.strip_suffix(".json")?;
    let (stem, part) = match base.rsplit_once('-') {
        Some((stem, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            (stem, n.parse().ok()?)
        }
        _ => (base, 0),
    };
    let kind = match stem {
        "watched-history" => Kind::History,
        "watched-shows" => Kind::Shows,
        "ratings-shows" | "ratings-episodes" => Kind::Ratings,
        "lists-watchlist" => Kind::Watchlist,
        _ => return None,
    };
    Some((kind, part))
}

/// A lone JSON file's kind, by the keys of its first entry.
pub(super) fn kind_by_content(bytes: &[u8]) -> Option<Kind> {
    let text = common::text_of(bytes).ok()?;
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let first = items.iter().find_map(Value::as_object)?;
    if first.contains_key("watched_at") {
        Some(Kind::History)
    } else if first.contains_key("last_watched_at") || first.contains_key("seasons") {
        Some(Kind::Shows)
    } else if first.contains_key("rated_at") {
        Some(Kind::Ratings)
    } else if first.contains_key("listed_at") {
        Some(Kind::Watchlist)
    } else {
        None
    }
}

/// Reads the export's ZIP: its history, ratings and watchlist files,
/// wherever they sit inside it.
pub fn read_zip(bytes: &[u8]) -> Result<Parsed, Problems> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        Problems::one(
            "",
            format!("the ZIP file is damaged or cut off, so it cannot be opened ({e})"),
        )
    })?;
    let mut problems = Problems::new();
    let mut files = Vec::new();
    let mut skips = Skips::default();
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(
                    "",
                    format!("entry {} of the ZIP cannot be read ({e})", i + 1),
                );
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let Ok(name) = entry.name().map(|n| n.into_owned()) else {
            problems.push(
                "",
                format!("entry {} of the ZIP has a name that cannot be read", i + 1),
            );
            continue;
        };
        if is_clutter(&name) {
            continue;
        }
        let Some((kind, part)) = kind_of_name(&name) else {
            skip_other_file(&mut skips);
            continue;
        };
        let mut bytes = Vec::new();
        match (&mut entry)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
        {
            Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => problems.push(
                name,
                format!("is larger than {} MB unpacked", MAX_FILE_BYTES >> 20),
            ),
            Ok(_) => files.push(File {
                name,
                kind,
                part,
                bytes,
            }),
            Err(e) => problems.push(
                name,
                format!("cannot be unpacked; the ZIP file may be damaged or cut off ({e})"),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if files.is_empty() {
        return Err(Problems::one(
            "",
            format!("the ZIP holds none of Trakt's export files ({EXPECTED_FILES})"),
        ));
    }
    read_files(files, skips)
}

/// Reads the folder a Trakt export ZIP unpacks to (its files may sit one
/// folder down).
pub fn read_folder(folder: &Path) -> Result<Parsed> {
    let mut files = Vec::new();
    let mut skips = Skips::default();
    let mut pending = vec![(folder.to_path_buf(), String::new(), 0)];
    while let Some((dir, prefix, depth)) = pending.pop() {
        let cannot = |e| Error::io(format!("cannot read {}", dir.display()), e);
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .map_err(cannot)?
            .collect::<std::io::Result<_>>()
            .map_err(cannot)?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let path = entry.path();
            if path.is_dir() {
                if depth < 1 {
                    pending.push((path, format!("{name}/"), depth + 1));
                }
                continue;
            }
            if is_clutter(&name) {
                continue;
            }
            let Some((kind, part)) = kind_of_name(&name) else {
                skip_other_file(&mut skips);
                continue;
            };
            let bytes = std::fs::read(&path)
                .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
            files.push(File {
                name,
                kind,
                part,
                bytes,
            });
        }
    }
    if files.is_empty() {
        return Err(Error::ImportRefused(Problems::one(
            "",
            format!(
                "{} holds none of Trakt's export files ({EXPECTED_FILES})",
                folder.display()
            ),
        )));
    }
    read_files(files, skips).map_err(Error::ImportRefused)
}

/// Files a ZIP made on a Mac carries along.
fn is_clutter(name: &str) -> bool {
    name.starts_with("__MACOSX/")
        || name
            .rsplit(['/', '\\'])
            .next()
            .is_some_and(|base| base.starts_with("._") || base == ".DS_Store")
}

fn skip_other_file(skips: &mut Skips) {
    skips.add(
        "other file",
        "other files",
        "only the watch history, watched shows, ratings and watchlist are read",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_files_are_known_by_name_and_part() {
        assert_eq!(
            kind_of_name("watched-history.json"),
            Some((Kind::History, 0))
        );
        assert_eq!(
            kind_of_name("export/watched-history-12.json"),
            Some((Kind::History, 12))
        );
        assert_eq!(kind_of_name("watched-shows.json"), Some((Kind::Shows, 0)));
        assert_eq!(
            kind_of_name("ratings-episodes.json"),
            Some((Kind::Ratings, 0))
        );
        assert_eq!(
            kind_of_name("lists-watchlist.json"),
            Some((Kind::Watchlist, 0))
        );
        for never in [
            "user-profile.json",
            "user-settings.json",
            "ratings-movies.json",
            "watched-movies.json",
            "watched-history.csv",
        ] {
            assert_eq!(kind_of_name(never), None, "{never}");
        }
    }
}
