//! Writing the library, or a filtered list of it, as format version 1.

use std::io::{self, Write};

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::drama::{Drama, Status};
use crate::episode::Episode;
use crate::error::{Error, Result};
use crate::exchange::drama_json::{DRAMA_DEPTH, DramaJson};
use crate::exchange::format::{DramaV1, EpisodeV1, FORMAT, LibraryFile, SceneV1, VERSION};
use crate::exchange::pretty;
use crate::scene::Scene;
use crate::store::{DramaRecord, EpisodeRow, Library, SceneRow, Scope, Visitor};
use rusqlite::Connection;

/// What to export. Empty means the whole library.
///
/// `status` and `drama_id` pick whole dramas. `tag` keeps a drama whole when
/// the drama itself has the tag; otherwise it keeps only the drama's scenes
/// with that tag and the episodes they are in ("all my kiss scenes").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportFilter {
    pub tag: Option<String>,
    pub status: Option<Status>,
    pub drama_id: Option<Uuid>,
}

impl ExportFilter {
    pub fn is_everything(&self) -> bool {
        self.tag.is_none() && self.status.is_none() && self.drama_id.is_none()
    }
}

impl Library {
    /// The library (or the filtered part of it) as an export file.
    pub fn export(&self, filter: &ExportFilter, now: DateTime<Utc>) -> Result<LibraryFile> {
        let selection = Selection::of(self, filter)?;
        let mut dramas = Vec::new();
        crate::store::each_record(self.conn(), selection.scope, |record| {
            dramas.extend(selection.keep(record).map(drama_v1));
            Ok(())
        })?;
        Ok(file_of(dramas, now))
    }

    /// The export as pretty JSON text.
    pub fn export_json(&self, filter: &ExportFilter, now: DateTime<Utc>) -> Result<String> {
        let mut json = Vec::new();
        self.write_json(filter, now, &mut json, "the export")?;
        // Every text in it came from a `str`, and everything else is ASCII.
        String::from_utf8(json).map_err(|e| {
            Error::io(
                "cannot write the export",
                io::Error::new(io::ErrorKind::InvalidData, e),
            )
        })
    }

    /// Writes the export as pretty JSON to `out` (standard output, say).
    pub fn write_export_json(
        &self,
        filter: &ExportFilter,
        now: DateTime<Utc>,
        out: &mut dyn Write,
    ) -> Result<()> {
        self.write_json(filter, now, out, "the export").map(drop)
    }

    /// Writes the export as pretty JSON to `out`, named `name` in errors,
    /// and says how much it held. The text is serde_json's pretty printing
    /// of [`Library::export`], byte for byte.
    ///
    /// A large library is read and written on two threads at once, in
    /// parts of a few thousand scenes (`store::split`): each part is
    /// written into a buffer of its own at the depth the dramas sit at in
    /// the file, and this thread sends the parts on to `out` in order.
    pub(crate) fn write_json(
        &self,
        filter: &ExportFilter,
        now: DateTime<Utc>,
        out: &mut dyn Write,
        name: &str,
    ) -> Result<Tally> {
        let failed = |e: io::Error| Error::io(format!("cannot write {name}"), e);
        let selection = Selection::of(self, filter)?;
        let status = selection.status;
        out.write_all(&head_of(now)?).map_err(failed)?;
        let tally = match self.parts(selection.scope)? {
            None => {
                let items = Items::new(Buffered::new(&mut *out), name, status);
                selection.write(self.conn(), selection.scope, items)?.tally
            }
            Some(parts) => {
                let mut tally = Tally::default();
                parts.run(
                    || Items::new(Vec::new(), name, status),
                    |conn, scope, items| selection.write(conn, scope, items),
                    |mut part| {
                        if part.tally.dramas > 0 {
                            if tally.dramas > 0 {
                                out.write_all(b",").map_err(failed)?;
                            }
                            out.write_all(&part.sink).map_err(failed)?;
                            tally.add(part.tally);
                        }
                        part.sink.clear();
                        part.tally = Tally::default();
                        Ok(part)
                    },
                )?;
                tally
            }
        };
        let tail: &[u8] = if tally.dramas == 0 {
            b"]\n}"
        } else {
            b"\n  ]\n}"
        };
        out.write_all(tail).map_err(failed)?;
        Ok(tally)
    }
}

/// How much an export holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub dramas: usize,
    pub episodes: usize,
    pub scenes: usize,
}

impl Tally {
    pub fn of(file: &LibraryFile) -> Self {
        Tally {
            dramas: file.dramas.len(),
            episodes: file.dramas.iter().map(|d| d.episodes.len()).sum(),
            scenes: file.dramas.iter().map(|d| d.scenes.len()).sum(),
        }
    }

    fn add(&mut self, other: Tally) {
        self.dramas += other.dramas;
        self.episodes += other.episodes;
        self.scenes += other.scenes;
    }
}

/// Where the text of a run of dramas goes: a buffer that holds the whole
/// run (a part of a large export), or a writer, each drama's text held in
/// a buffer until it goes out in one write.
trait Sink {
    /// Where the next text is written.
    fn buffer(&mut self) -> &mut Vec<u8>;
    /// Sends what the buffer holds on, if it goes further.
    fn flush(&mut self) -> io::Result<()>;
}

impl Sink for Vec<u8> {
    fn buffer(&mut self) -> &mut Vec<u8> {
        self
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct Buffered<'w> {
    out: &'w mut dyn Write,
    held: Vec<u8>,
}

impl<'w> Buffered<'w> {
    fn new(out: &'w mut dyn Write) -> Self {
        Buffered {
            out,
            held: Vec::new(),
        }
    }
}

impl Sink for Buffered<'_> {
    fn buffer(&mut self) -> &mut Vec<u8> {
        &mut self.held
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.held)?;
        self.held.clear();
        Ok(())
    }
}

/// A run of dramas written as items of the file's `dramas` list: each
/// on a new line, after a comma unless it is the run's first.
///
/// Dramas come either whole ([`Items::push`]) or from a walk over the
/// library's rows, as its [`Visitor`], written as they are read.
struct Items<'n, S> {
    sink: S,
    /// What the text goes to, for errors: a file's path, or "the export".
    name: &'n str,
    tally: Tally,
    /// The status of the dramas kept from a walk, if not all.
    status: Option<Status>,
    /// The drama of a walk being written, and what it holds so far.
    open: Option<(DramaJson, Tally)>,
}

impl<'n, S: Sink> Items<'n, S> {
    fn new(sink: S, name: &'n str, status: Option<Status>) -> Self {
        Items {
            sink,
            name,
            tally: Tally::default(),
            status,
            open: None,
        }
    }

    fn push(&mut self, drama: &DramaV1) -> Result<()> {
        self.start();
        pretty::write_at(drama, DRAMA_DEPTH, self.sink.buffer()).map_err(|e| self.failed(e))?;
        self.finish(Tally {
            dramas: 1,
            episodes: drama.episodes.len(),
            scenes: drama.scenes.len(),
        })
    }

    /// Starts the next item's text.
    fn start(&mut self) {
        let first = self.tally.dramas == 0;
        let buffer = self.sink.buffer();
        if !first {
            buffer.push(b',');
        }
        pretty::line_break(buffer, DRAMA_DEPTH);
    }

    /// Ends the item's text.
    fn finish(&mut self, held: Tally) -> Result<()> {
        self.sink.flush().map_err(|e| self.failed(e))?;
        self.tally.add(held);
        Ok(())
    }

    fn failed(&self, e: impl Into<io::Error>) -> Error {
        Error::io(format!("cannot write {}", self.name), e.into())
    }
}

impl<S: Sink> Visitor for Items<'_, S> {
    fn drama(&mut self, drama: Drama) -> Result<bool> {
        if self.status.is_some_and(|s| drama.fields.status != s) {
            return Ok(false);
        }
        self.start();
        let drama = drama_v1(DramaRecord {
            drama,
            episodes: Vec::new(),
            scenes: Vec::new(),
        });
        let open = DramaJson::begin(&drama, self.sink.buffer()).map_err(|e| self.failed(e))?;
        let held = Tally {
            dramas: 1,
            ..Tally::default()
        };
        self.open = Some((open, held));
        Ok(true)
    }

    fn episode(&mut self, episode: EpisodeRow<'_>) -> Result<()> {
        debug_assert!(self.open.is_some(), "an episode comes within a drama");
        if let Some((open, held)) = &mut self.open {
            let written = open.episode(self.sink.buffer(), &episode);
            held.episodes += 1;
            written.map_err(|e| self.failed(e))?;
        }
        Ok(())
    }

    fn scene(&mut self, scene: SceneRow<'_>) -> Result<()> {
        debug_assert!(self.open.is_some(), "a scene comes within a drama");
        if let Some((open, held)) = &mut self.open {
            let written = open.scene(self.sink.buffer(), &scene);
            held.scenes += 1;
            written.map_err(|e| self.failed(e))?;
        }
        Ok(())
    }

    fn drama_end(&mut self) -> Result<()> {
        match self.open.take() {
            Some((open, held)) => {
                open.end(self.sink.buffer());
                self.finish(held)
            }
            None => Ok(()),
        }
    }
}

/// The file up to the opening of its `dramas` list, which comes last: the
/// file with no dramas, less the end of its empty list and closing brace.
fn head_of(now: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut json = Vec::new();
    pretty::write_at(&file_of(Vec::new(), now), 0, &mut json)
        .map_err(|e| Error::io("cannot write the export", e.into()))?;
    let head = json.len() - b"]\n}".len();
    debug_assert_eq!(
        &json[head - 1..],
        b"[]\n}",
        "dramas come last in a library file"
    );
    json.truncate(head);
    Ok(json)
}

fn file_of(dramas: Vec<DramaV1>, now: DateTime<Utc>) -> LibraryFile {
    LibraryFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: now.trunc_subsecs(0),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        dramas,
    }
}

/// Which dramas, and which of their scenes, an export filter keeps.
struct Selection {
    scope: Scope,
    status: Option<Status>,
    tag: Option<String>,
}

impl Selection {
    fn of(library: &Library, filter: &ExportFilter) -> Result<Self> {
        let scope = match filter.drama_id {
            Some(id) => Scope::Drama(crate::store::drama_pk_of(library, id)?),
            None => Scope::All,
        };
        let tag = filter
            .tag
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        Ok(Selection {
            scope,
            status: filter.status,
            tag,
        })
    }

    /// Writes the dramas of `scope` that the filter keeps to `items`.
    fn write<'n, S: Sink>(
        &self,
        conn: &Connection,
        scope: Scope,
        mut items: Items<'n, S>,
    ) -> Result<Items<'n, S>> {
        match self.tag {
            // A drama keeps only its scenes with the tag, and the episodes
            // those are in: it is read whole before it is written.
            Some(_) => crate::store::each_record(conn, scope, |record| match self.keep(record) {
                Some(record) => items.push(&drama_v1(record)),
                None => Ok(()),
            })?,
            None => crate::store::walk(conn, scope, &mut items)?,
        }
        Ok(items)
    }

    fn keep(&self, record: DramaRecord) -> Option<DramaRecord> {
        if self.status.is_some_and(|s| record.drama.fields.status != s) {
            return None;
        }
        match &self.tag {
            None => Some(record),
            Some(tag) => keep_tagged(record, tag),
        }
    }
}

/// The drama whole if it has the tag itself; else only its scenes with the
/// tag and the episodes those are in; `None` when nothing matches.
fn keep_tagged(mut record: DramaRecord, tag: &str) -> Option<DramaRecord> {
    if record.drama.fields.tags.iter().any(|t| t == tag) {
        return Some(record);
    }
    record.scenes.retain(|s| s.tags.iter().any(|t| t == tag));
    if record.scenes.is_empty() {
        return None;
    }
    let wanted: Vec<(u32, u32)> = record
        .scenes
        .iter()
        .map(|s| (s.season, s.episode))
        .collect();
    record
        .episodes
        .retain(|e| wanted.contains(&(e.season, e.number)));
    Some(record)
}

fn drama_v1(record: DramaRecord) -> DramaV1 {
    let DramaRecord {
        drama,
        episodes,
        scenes,
        ..
    } = record;
    let f = drama.fields;
    DramaV1 {
        id: Some(drama.id),
        title: f.title,
        original_title: f.original_title,
        country: f.country,
        year: f.year,
        network: f.network,
        total_episodes: f.total_episodes,
        status: f.status,
        rating: f.rating,
        started_on: f.started_on,
        finished_on: f.finished_on,
        rewatch_count: f.rewatch_count,
        tags: f.tags,
        notes: f.notes,
        external_ids: f.external_ids,
        links: f.links,
        created_at: Some(drama.created_at),
        updated_at: Some(drama.updated_at),
        episodes: episodes.into_iter().map(episode_v1).collect(),
        scenes: scenes.into_iter().map(scene_v1).collect(),
    }
}

fn episode_v1(e: Episode) -> EpisodeV1 {
    EpisodeV1 {
        season: e.season,
        number: e.number,
        title: e.title,
        runtime_min: e.runtime_min,
        rating: e.rating,
        notes: e.notes,
        watched_at: e.watched_at,
    }
}

fn scene_v1(s: Scene) -> SceneV1 {
    SceneV1 {
        id: Some(s.id),
        season: s.season,
        episode: s.episode,
        start: s.start.canonical(),
        end: s.end.map(|e| e.canonical()),
        title: s.title,
        tags: s.tags,
        notes: s.notes,
        people: s.people,
        favourite: s.favourite,
        links: s.links,
        created_at: Some(s.created_at),
        updated_at: Some(s.updated_at),
    }
}
