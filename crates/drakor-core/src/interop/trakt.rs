//! Trakt's data export: the ZIP that "export your data" gives, the folder it
//! unpacks to, or one of its JSON files on its own.
//!
//! Read, by file name wherever they sit in the ZIP or folder:
//! - `watched-history.json` (or `watched-history-1.json`, `-2`, … when
//!   Trakt splits it): every entry is one watch of an episode; a repeat is
//!   a rewatch;
//! - `ratings-shows.json`, `ratings-episodes.json`: ratings 1–10;
//! - `lists-watchlist.json`: shows the user plans to watch, with notes.
//!
//! No other file is opened: not the profile or settings (personal data),
//! not movie, season or list files. Movies anywhere are skipped and counted.
//!
//! A show becomes a drama: its title and year, `aired_episodes` as the
//! total, its Trakt, TMDB and IMDb ids. Its status follows from the
//! history: every aired episode watched is `completed`, some is `watching`;
//! a show only rated is `completed`, one only on the watchlist
//! `plan_to_watch`. Started and finished dates are the first and last
//! watch; the rewatch count is how many times every watched episode was
//! seen, less one. A show's `updated_at` is its latest watch, rating or
//! listing, so a newer export updates it and the same export twice
//! changes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::common::{
    self, Skips, UNDATED, checked_drama, checked_episode, drama_id, halves, kind_of, list_at, ms,
    parse_at,
};
use super::{Format, Parsed};
use crate::drama::{DramaDraft, ExternalIds, Status};
use crate::episode::EpisodeNotes;
use crate::error::{Error, Problems, Result};
use crate::merge::{ValidDrama, ValidLibrary};

/// Files larger than this (unpacked) are refused rather than read into
/// memory: a real history is a few megabytes.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The files of an export that are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    History,
    Ratings,
    Watchlist,
}

/// One of the export's files, read into memory.
#[derive(Debug)]
struct File {
    /// Its name as shown in problems: its path inside the ZIP or folder.
    name: String,
    kind: Kind,
    /// 0 for `watched-history.json`, 2 for `watched-history-2.json`.
    part: u32,
    bytes: Vec<u8>,
}

/// The kind of file a name is, and its part number; `None` for files that
/// are not read.
fn kind_of_name(path: &str) -> Option<(Kind, u32)> {
    let base = path.rsplit(['/', '\\']).next()?.strip_suffix(".json")?;
    let (stem, part) = match base.rsplit_once('-') {
        Some((stem, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            (stem, n.parse().ok()?)
        }
        _ => (base, 0),
    };
    let kind = match stem {
        "watched-history" => Kind::History,
        "ratings-shows" | "ratings-episodes" => Kind::Ratings,
        "lists-watchlist" => Kind::Watchlist,
        _ => return None,
    };
    Some((kind, part))
}

const EXPECTED_FILES: &str =
    "watched-history.json, ratings-shows.json, ratings-episodes.json or lists-watchlist.json";

/// Reads a Trakt export's ZIP, or one of its JSON files on its own.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Parsed, Problems> {
    if super::detect::is_zip(bytes) {
        return read_zip(bytes);
    }
    let kind = match kind_of_name(name) {
        Some((kind, _)) => kind,
        None => kind_by_content(bytes).ok_or_else(|| {
            Problems::one(
                "",
                format!(
                    "this is not one of Trakt's export files: expected a ZIP, a folder, or \
                     {EXPECTED_FILES}"
                ),
            )
        })?,
    };
    read_files(
        vec![File {
            name: name.to_owned(),
            kind,
            part: 0,
            bytes: bytes.to_vec(),
        }],
        Skips::default(),
    )
}

/// A lone JSON file's kind, by the keys of its first entry.
fn kind_by_content(bytes: &[u8]) -> Option<Kind> {
    let text = common::text_of(bytes).ok()?;
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let first = items.iter().find_map(Value::as_object)?;
    if first.contains_key("watched_at") {
        Some(Kind::History)
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
        "only the watch history, ratings and watchlist are read",
    );
}

/// Reads the export's files; `other_files` counts those left unread.
fn read_files(mut files: Vec<File>, other_files: Skips) -> Result<Parsed, Problems> {
    files.sort_by(|a, b| (a.kind, a.part, &a.name).cmp(&(b.kind, b.part, &b.name)));
    let mut reader = Reader::default();
    for file in files {
        reader.file(file);
    }
    reader.skips.extend(other_files);
    reader.finish()
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(expecting = "an object")]
struct Ids {
    trakt: Option<u64>,
    slug: Option<String>,
    imdb: Option<String>,
    tmdb: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "an object")]
struct Show {
    title: Option<String>,
    year: Option<i32>,
    ids: Option<Ids>,
    aired_episodes: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "an object")]
struct Episode {
    season: Option<u32>,
    number: Option<u32>,
    title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a history entry (an object)")]
struct Watched {
    watched_at: DateTime<Utc>,
    episode: Episode,
    show: Show,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a rating (an object)")]
struct Rated {
    rated_at: Option<DateTime<Utc>>,
    rating: f64,
    episode: Option<Episode>,
    show: Show,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a watchlist entry (an object)")]
struct Listed {
    listed_at: Option<DateTime<Utc>>,
    notes: Option<String>,
    show: Show,
}

/// A show as the files tell it so far.
#[derive(Debug)]
struct ShowSoFar {
    /// Where it first appeared, for problems (`watched-history.json[0].show`).
    at: String,
    show: Show,
    ids: Ids,
    episodes: BTreeMap<(u32, u32), EpisodeSoFar>,
    /// The latest rating, with when it was given.
    rating: Option<(Option<DateTime<Utc>>, f64)>,
    listed: bool,
    notes: Vec<String>,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
}

#[derive(Debug, Default)]
struct EpisodeSoFar {
    /// Where it first appeared (`watched-history.json[3].episode`).
    at: String,
    title: Option<String>,
    rating: Option<(Option<DateTime<Utc>>, f64)>,
    watched: BTreeSet<DateTime<Utc>>,
}

impl ShowSoFar {
    fn saw(&mut self, at: Option<DateTime<Utc>>) {
        if let Some(at) = at {
            self.first = Some(self.first.map_or(at, |f| f.min(at)));
            self.last = Some(self.last.map_or(at, |l| l.max(at)));
        }
    }

    fn episode(&mut self, season: u32, number: u32, at: &str) -> &mut EpisodeSoFar {
        self.episodes
            .entry((season, number))
            .or_insert_with(|| EpisodeSoFar {
                at: at.to_owned(),
                ..EpisodeSoFar::default()
            })
    }
}

#[derive(Debug, Default)]
struct Reader {
    shows: Vec<ShowSoFar>,
    /// Every key a show is known by (`trakt:1`, `tmdb:2`), to its place.
    keys: HashMap<String, usize>,
    movies: HashSet<String>,
    skips: Skips,
    problems: Problems,
}

impl Reader {
    fn file(&mut self, file: File) {
        let text = match common::text_of(&file.bytes) {
            Ok(text) => text,
            Err(why) => return self.problems.push(&file.name, why),
        };
        let items = match common::parse_json(text)
            .map_err(|why| Problems::one(&file.name, why))
            .and_then(|v| list_at(v, &file.name, "entries"))
        {
            Ok(items) => items,
            Err(p) => return self.problems.extend_prefixed("", p),
        };
        for (i, item) in items.into_iter().enumerate() {
            self.entry(file.kind, item, &format!("{}[{i}]", file.name));
        }
    }

    fn entry(&mut self, kind: Kind, value: Value, at: &str) {
        let Value::Object(object) = &value else {
            return self.problems.push(
                at,
                format!("expected an entry (an object), found {}", kind_of(&value)),
            );
        };
        let has = |key: &str| object.get(key).is_some_and(|v| !v.is_null());
        let of_type = match object.get("type").and_then(Value::as_str) {
            Some(t) => t.to_owned(),
            None if has("movie") => "movie".into(),
            None if has("episode") => "episode".into(),
            None if has("season") => "season".into(),
            None if has("show") => "show".into(),
            None => String::new(),
        };
        match (kind, of_type.as_str()) {
            (_, "movie") => self.movie(object.get("movie")),
            (Kind::History, "episode") => {
                if let Some(w) = parse_at::<Watched>(value, at, &mut self.problems) {
                    self.watched(w, at);
                }
            }
            (Kind::Ratings, "show" | "episode") => {
                if let Some(r) = parse_at::<Rated>(value, at, &mut self.problems) {
                    self.rated(r, at);
                }
            }
            (Kind::Ratings, "season") => self.skips.add(
                "season rating",
                "season ratings",
                "Drakor rates dramas and episodes",
            ),
            (Kind::Watchlist, "show" | "season" | "episode") => {
                if let Some(l) = parse_at::<Listed>(value, at, &mut self.problems) {
                    self.listed(l, at);
                }
            }
            _ => self.skips.add(
                "entry of another kind",
                "entries of other kinds",
                "neither a show nor an episode",
            ),
        }
    }

    fn movie(&mut self, movie: Option<&Value>) {
        let key = movie.map_or_else(String::new, |m| {
            match m.pointer("/ids/trakt").and_then(Value::as_u64) {
                Some(id) => format!("trakt:{id}"),
                None => format!(
                    "{}:{}",
                    m.get("title").and_then(Value::as_str).unwrap_or(""),
                    m.get("year").and_then(Value::as_i64).unwrap_or(0)
                ),
            }
        });
        if self.movies.insert(key) {
            self.skips
                .add("movie", "movies", "Drakor keeps series, not films");
        }
    }

    /// The show's place in `shows`, matched by any of its ids (by title and
    /// year only when it has none), added when new.
    fn show(&mut self, show: Show, at: &str) -> usize {
        let ids = show.ids.clone().unwrap_or_default();
        let mut keys = Vec::new();
        if let Some(v) = ids.trakt {
            keys.push(format!("trakt:{v}"));
        }
        if let Some(v) = ids.tmdb {
            keys.push(format!("tmdb:{v}"));
        }
        if let Some(v) = ids.imdb.as_deref().filter(|v| !v.is_empty()) {
            keys.push(format!("imdb:{v}"));
        }
        if let Some(v) = ids.slug.as_deref().filter(|v| !v.is_empty()) {
            keys.push(format!("slug:{v}"));
        }
        if keys.is_empty() {
            keys.push(title_key(show.title.as_deref(), show.year));
        }
        let found = keys.iter().find_map(|k| self.keys.get(k).copied());
        let index = match found {
            Some(index) => {
                let known = &mut self.shows[index];
                let ids_so_far = &mut known.ids;
                ids_so_far.trakt = ids_so_far.trakt.or(ids.trakt);
                ids_so_far.tmdb = ids_so_far.tmdb.or(ids.tmdb);
                ids_so_far.imdb = ids_so_far.imdb.take().or(ids.imdb);
                ids_so_far.slug = ids_so_far.slug.take().or(ids.slug);
                if known
                    .show
                    .title
                    .as_deref()
                    .is_none_or(|t| t.trim().is_empty())
                {
                    known.show.title = show.title;
                }
                known.show.year = known.show.year.or(show.year);
                if let Some(aired) = show.aired_episodes {
                    known.show.aired_episodes =
                        Some(known.show.aired_episodes.map_or(aired, |a| a.max(aired)));
                }
                index
            }
            None => {
                self.shows.push(ShowSoFar {
                    at: format!("{at}.show"),
                    show,
                    ids,
                    episodes: BTreeMap::new(),
                    rating: None,
                    listed: false,
                    notes: Vec::new(),
                    first: None,
                    last: None,
                });
                self.shows.len() - 1
            }
        };
        for key in keys {
            self.keys.entry(key).or_insert(index);
        }
        index
    }

    /// The episode's season and number, or a problem naming the field.
    fn episode_ref(&mut self, episode: &Episode, at: &str) -> Option<(u32, u32)> {
        match episode.number {
            Some(number) => Some((episode.season.unwrap_or(1), number)),
            None => {
                self.problems.push(
                    format!("{at}.episode.number"),
                    "missing; every episode needs a number",
                );
                None
            }
        }
    }

    fn watched(&mut self, entry: Watched, at: &str) {
        let Some((season, number)) = self.episode_ref(&entry.episode, at) else {
            return;
        };
        let when = ms(entry.watched_at);
        let index = self.show(entry.show, at);
        let show = &mut self.shows[index];
        show.saw(Some(when));
        let episode = show.episode(season, number, &format!("{at}.episode"));
        episode.watched.insert(when);
        if episode.title.is_none() {
            episode.title = entry.episode.title;
        }
    }

    fn rated(&mut self, entry: Rated, at: &str) {
        if !(1.0..=10.0).contains(&entry.rating) {
            return self.problems.push(
                format!("{at}.rating"),
                format!("{} is not a Trakt rating (1–10)", entry.rating),
            );
        }
        let when = entry.rated_at.map(ms);
        let rating = (when, halves(entry.rating));
        let newer = |old: &Option<(Option<DateTime<Utc>>, f64)>| {
            old.is_none_or(|(old_when, _)| when >= old_when)
        };
        let place = match &entry.episode {
            Some(episode) => match self.episode_ref(episode, at) {
                Some(place) => Some(place),
                None => return,
            },
            None => None,
        };
        let index = self.show(entry.show, at);
        let show = &mut self.shows[index];
        show.saw(when);
        match place {
            Some((season, number)) => {
                let episode = show.episode(season, number, &format!("{at}.episode"));
                if newer(&episode.rating) {
                    episode.rating = Some(rating);
                }
            }
            None if newer(&show.rating) => show.rating = Some(rating),
            None => {}
        }
    }

    fn listed(&mut self, entry: Listed, at: &str) {
        let index = self.show(entry.show, at);
        let show = &mut self.shows[index];
        show.saw(entry.listed_at.map(ms));
        show.listed = true;
        if let Some(notes) = entry.notes.map(|n| n.trim().to_owned())
            && !notes.is_empty()
            && !show.notes.contains(&notes)
        {
            show.notes.push(notes);
        }
    }

    fn finish(mut self) -> Result<Parsed, Problems> {
        let shows = std::mem::take(&mut self.shows);
        let mut dramas = Vec::with_capacity(shows.len());
        for show in shows {
            if let Some(drama) = self.drama(show) {
                dramas.push(drama);
            }
        }
        let Reader {
            skips, problems, ..
        } = self;
        problems.into_result(Parsed {
            format: Format::Trakt,
            library: ValidLibrary { dramas },
            skipped: skips.into_list(),
        })
    }

    fn drama(&mut self, show: ShowSoFar) -> Option<ValidDrama> {
        let total = show.show.aired_episodes.filter(|&n| n > 0);
        let watched: Vec<&EpisodeSoFar> = show
            .episodes
            .iter()
            .filter(|((season, _), e)| *season >= 1 && !e.watched.is_empty())
            .map(|(_, e)| e)
            .collect();
        let any_watched = show.episodes.values().any(|e| !e.watched.is_empty());
        let all_watched = total.is_some_and(|t| watched.len() >= t as usize);
        let status = if all_watched {
            Status::Completed
        } else if any_watched {
            Status::Watching
        } else if show.rating.is_some() {
            Status::Completed
        } else if show.listed {
            Status::PlanToWatch
        } else {
            Status::Watching
        };
        let watches = show.episodes.values().flat_map(|e| e.watched.iter());
        let started_on = watches.clone().min().map(|at| at.date_naive());
        let finished_on = watches
            .max()
            .filter(|_| status == Status::Completed)
            .map(|at| at.date_naive());
        let rewatch_count = if all_watched {
            watched
                .iter()
                .map(|e| e.watched.len() as u32)
                .min()
                .unwrap_or(1)
                .saturating_sub(1)
        } else {
            0
        };
        let ids = &show.ids;
        let draft = DramaDraft {
            title: show.show.title.clone().unwrap_or_default(),
            year: show.show.year.filter(|&y| y > 0),
            total_episodes: total,
            status,
            rating: show.rating.map(|(_, r)| r),
            started_on,
            finished_on,
            rewatch_count,
            notes: show.notes.join("\n\n"),
            external_ids: ExternalIds {
                tmdb: ids.tmdb,
                imdb: ids.imdb.clone().filter(|v| !v.trim().is_empty()),
                mdl: None,
                trakt: ids.trakt,
            },
            ..DramaDraft::default()
        };
        let fields = checked_drama(
            draft,
            &show.at,
            ".",
            &[
                ("total_episodes", "aired_episodes"),
                ("external_ids.imdb", "ids.imdb"),
            ],
            &mut self.problems,
        );
        let mut episodes = Vec::with_capacity(show.episodes.len());
        for ((season, number), episode) in show.episodes {
            let notes = EpisodeNotes {
                title: episode.title,
                rating: episode.rating.map(|(_, r)| r),
                ..EpisodeNotes::default()
            };
            let at = episode.at;
            let name = |field: &str| match field {
                "episode" => format!("{at}.number"),
                other => format!("{at}.{other}"),
            };
            if let Some(e) = checked_episode(
                season,
                number,
                notes,
                episode.watched,
                &name,
                &mut self.problems,
            ) {
                episodes.push(e);
            }
        }
        let key = best_key(ids, show.show.title.as_deref(), show.show.year);
        let created_at = show.first.unwrap_or(UNDATED);
        Some(ValidDrama {
            id: drama_id(&key),
            id_given: false,
            fields: fields?,
            created_at,
            updated_at: show.last.unwrap_or(created_at),
            episodes,
            scenes: Vec::new(),
        })
    }
}

fn title_key(title: Option<&str>, year: Option<i32>) -> String {
    format!(
        "title:{}:{}",
        title.unwrap_or("").trim().to_lowercase(),
        year.unwrap_or(0)
    )
}

/// The key a show's drama id is named by: its Trakt id, else TMDB, IMDb,
/// slug, else its title and year.
fn best_key(ids: &Ids, title: Option<&str>, year: Option<i32>) -> String {
    if let Some(v) = ids.trakt {
        format!("trakt:{v}")
    } else if let Some(v) = ids.tmdb {
        format!("tmdb:{v}")
    } else if let Some(v) = ids.imdb.as_deref().filter(|v| !v.is_empty()) {
        format!("imdb:{v}")
    } else if let Some(v) = ids.slug.as_deref().filter(|v| !v.is_empty()) {
        format!("trakt-slug:{v}")
    } else {
        title_key(title, year)
    }
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
            "watched-shows.json",
            "watched-history.csv",
        ] {
            assert_eq!(kind_of_name(never), None, "{never}");
        }
    }
}
