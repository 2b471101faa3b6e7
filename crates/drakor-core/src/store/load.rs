//! Reading dramas, episodes and scenes back: one query per kind of row,
//! each walked in the order the dramas and their scenes are visited, so the
//! rows of every owner are merged in as they come, with no lookups.
//!
//! A whole library reads as a stream, one drama at a time ([`walk`]), and
//! its episodes and scenes are handed out borrowed from SQLite's rows
//! ([`EpisodeRow`], [`SceneRow`]): an export writes them out as text with
//! nothing copied in between, and [`each_record`] makes owned records of
//! them for everything else.

use chrono::{DateTime, Utc};
use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::types::FromSql;
use rusqlite::{CachedStatement, Connection, OptionalExtension, Row, ToSql, params_from_iter};
use uuid::Uuid;

use crate::drama::{Drama, DramaDraft, ExternalIds, Status};
use crate::episode::Episode;
use crate::error::Result;
use crate::link::{Link, LinkKind};
use crate::scene::Scene;
use crate::scene_time::SceneTime;
use crate::store::sql;

/// Which dramas to read.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    All,
    Drama(i64),
    /// The dramas whose pk is in this range, both ends included.
    Between(i64, i64),
}

impl Scope {
    /// A condition on a `drama_pk` column, and its parameter.
    fn on(self, column: &str) -> (String, Vec<i64>) {
        match self {
            Scope::All => ("1".into(), vec![]),
            Scope::Drama(pk) => (format!("{column} = ?1"), vec![pk]),
            Scope::Between(first, last) => {
                (format!("{column} BETWEEN ?1 AND ?2"), vec![first, last])
            }
        }
    }
}

/// What a [`walk`] hands out, drama by drama: the drama, then its
/// episodes, then its scenes, then the end of the drama.
pub trait Visitor {
    /// A drama's own fields, with its tags and links. `Ok(false)` passes by
    /// its episodes and scenes, and its [`Visitor::drama_end`].
    fn drama(&mut self, drama: Drama) -> Result<bool>;
    /// One of its episodes, in season and number order.
    fn episode(&mut self, episode: EpisodeRow<'_>) -> Result<()>;
    /// One of its scenes, in season, episode and start order.
    fn scene(&mut self, scene: SceneRow<'_>) -> Result<()>;
    /// After its last scene.
    fn drama_end(&mut self) -> Result<()>;
}

/// An episode as stored, borrowed from the walk: its fields from the row
/// it was read from, its watches from a buffer the walk keeps.
pub struct EpisodeRow<'r> {
    pub season: u32,
    pub number: u32,
    pub title: Option<&'r str>,
    pub runtime_min: Option<u32>,
    pub rating: Option<f64>,
    pub notes: &'r str,
    /// Every time it was watched, oldest first.
    pub watched_at: &'r [DateTime<Utc>],
}

impl EpisodeRow<'_> {
    pub fn to_episode(&self) -> Episode {
        Episode {
            season: self.season,
            number: self.number,
            title: self.title.map(str::to_owned),
            runtime_min: self.runtime_min,
            rating: self.rating,
            notes: self.notes.to_owned(),
            watched_at: self.watched_at.to_vec(),
        }
    }
}

/// A scene as stored, borrowed from the walk: its fields from the row it
/// was read from, its lists from buffers the walk keeps.
pub struct SceneRow<'r> {
    pub pk: i64,
    pub id: Uuid,
    pub drama_id: Uuid,
    pub season: u32,
    pub episode: u32,
    pub start: SceneTime,
    pub end: Option<SceneTime>,
    pub title: &'r str,
    pub notes: &'r str,
    pub favourite: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub tags: &'r Texts,
    pub people: &'r Texts,
    pub links: &'r [Link],
}

impl SceneRow<'_> {
    pub fn to_scene(&self) -> Scene {
        Scene {
            id: self.id,
            drama_id: self.drama_id,
            season: self.season,
            episode: self.episode,
            start: self.start,
            end: self.end,
            title: self.title.to_owned(),
            tags: self.tags.to_vec(),
            notes: self.notes.to_owned(),
            people: self.people.to_vec(),
            favourite: self.favourite,
            links: self.links.to_vec(),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// One owner's short texts (tags, people) in position order. The strings
/// are kept from owner to owner and written over, not made anew.
#[derive(Debug, Default)]
pub struct Texts {
    items: Vec<(i64, String)>,
    len: usize,
}

impl Texts {
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> {
        self.items[..self.len].iter().map(|(_, text)| text.as_str())
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }

    /// Reads `owner`'s rows of `(owner, text, position)` from `rows`.
    fn read(&mut self, rows: &mut Cursor<'_>, owner: i64) -> Result<()> {
        self.len = 0;
        while let Some(row) = rows.row_of(owner)? {
            let (text, position) = (text(row, 1)?, row.get(2)?);
            match self.items.get_mut(self.len) {
                Some((at, kept)) => {
                    *at = position;
                    kept.clear();
                    kept.push_str(text);
                }
                None => self.items.push((position, text.to_owned())),
            }
            self.len += 1;
            rows.advance()?;
        }
        // Tags are keyed by (owner, tag), not read in position order:
        // sorting an owner's few here spares SQLite sorting every row.
        self.items[..self.len].sort_unstable_by_key(|(position, _)| *position);
        Ok(())
    }
}

/// A drama with everything under it, as stored.
#[derive(Debug, Clone)]
pub struct DramaRecord {
    pub drama: Drama,
    pub episodes: Vec<Episode>,
    pub scenes: Vec<Scene>,
}

/// Every drama in `scope` with everything under it, in pk order.
pub fn records(conn: &Connection, scope: Scope) -> Result<Vec<DramaRecord>> {
    let mut out = Vec::new();
    each_record(conn, scope, |record| {
        out.push(record);
        Ok(())
    })?;
    Ok(out)
}

/// Hands each drama in `scope`, with everything under it, to `take`, one
/// at a time and in pk order. `take` may stop the walk by returning an
/// error, which is then returned.
pub fn each_record(
    conn: &Connection,
    scope: Scope,
    take: impl FnMut(DramaRecord) -> Result<()>,
) -> Result<()> {
    struct Records<F> {
        take: F,
        record: Option<DramaRecord>,
    }
    impl<F: FnMut(DramaRecord) -> Result<()>> Visitor for Records<F> {
        fn drama(&mut self, drama: Drama) -> Result<bool> {
            self.record = Some(DramaRecord {
                drama,
                episodes: Vec::new(),
                scenes: Vec::new(),
            });
            Ok(true)
        }
        fn episode(&mut self, episode: EpisodeRow<'_>) -> Result<()> {
            if let Some(record) = &mut self.record {
                record.episodes.push(episode.to_episode());
            }
            Ok(())
        }
        fn scene(&mut self, scene: SceneRow<'_>) -> Result<()> {
            if let Some(record) = &mut self.record {
                record.scenes.push(scene.to_scene());
            }
            Ok(())
        }
        fn drama_end(&mut self) -> Result<()> {
            self.record.take().map_or(Ok(()), &mut self.take)
        }
    }
    walk(conn, scope, &mut Records { take, record: None })
}

/// Hands each drama in `scope`, with everything under it, to `visitor`,
/// in pk order, so a whole library never has to be in memory at once: an
/// export writes out each drama while the next is read.
///
/// The queries are stepped side by side inside one read transaction, so
/// they all see one snapshot of the library.
pub fn walk(conn: &Connection, scope: Scope, visitor: &mut impl Visitor) -> Result<()> {
    let snapshot = if conn.is_autocommit() {
        Some(conn.unchecked_transaction()?)
    } else {
        None
    };
    let (on_drama, params) = scope.on("d.pk");
    let (on_owner, _) = scope.on("drama_pk");
    let [dramas, drama_tags, drama_links] = &mut prepare(
        conn,
        [
            format!("{DRAMA_ROWS} WHERE {on_drama} ORDER BY d.pk"),
            format!("{DRAMA_TAGS} WHERE {on_owner} ORDER BY drama_pk"),
            format!("{DRAMA_LINKS} AND {on_owner} ORDER BY drama_pk, position"),
        ],
    )?;
    let mut episode_statements = EpisodeRows::prepare(conn, &scope.on("e.drama_pk").0)?;
    let mut scene_statements =
        SceneRows::prepare(conn, &scope.on("s.drama_pk").0, DramaOfScene::Known)?;
    let mut dramas = Cursor::of(dramas, &params)?;
    let mut drama_tags = Cursor::of(drama_tags, &params)?;
    let mut drama_links = Cursor::of(drama_links, &params)?;
    let mut episodes = EpisodeRows::of(&mut episode_statements, &params)?;
    let mut scenes = SceneRows::of(&mut scene_statements, &params)?;
    let mut tags = Texts::default();

    while let Some(row) = dramas.row() {
        let pk = row.get(0)?;
        let mut drama = drama_row(row)?;
        dramas.advance()?;
        // Rows of a drama that is gone (only a tool writing with foreign
        // keys off can leave them) come before this one's: pass them by.
        drama_tags.skip_while(|owner| owner < pk)?;
        drama_links.skip_while(|owner| owner < pk)?;
        episodes.skip_while(|owner| owner < pk)?;
        scenes.skip_while(|owner| owner < pk)?;
        tags.read(&mut drama_tags, pk)?;
        drama.fields.tags = tags.to_vec();
        drama.fields.links = links_of(&mut drama_links, pk)?;
        let id = drama.id;
        if !visitor.drama(drama)? {
            episodes.skip_while(|owner| owner == pk)?;
            scenes.skip_while(|owner| owner == pk)?;
            continue;
        }
        while let Some(episode) = episodes.read_current(pk)? {
            visitor.episode(episode)?;
            episodes.step()?;
        }
        while let Some(scene) = scenes.read_current(Owner::Drama { pk, id })? {
            visitor.scene(scene)?;
            scenes.step()?;
        }
        visitor.drama_end()?;
    }
    if let Some(snapshot) = snapshot {
        snapshot.commit()?;
    }
    Ok(())
}

/// One drama's own fields, tags and links, without its episodes and scenes.
pub fn drama(conn: &Connection, pk: i64) -> Result<Option<Drama>> {
    let [row, tags, links] = &mut prepare(
        conn,
        [
            format!("{DRAMA_ROWS} WHERE d.pk = ?1"),
            format!("{DRAMA_TAGS} WHERE drama_pk = ?1"),
            format!("{DRAMA_LINKS} AND drama_pk = ?1 ORDER BY position"),
        ],
    )?;
    let Some(mut drama) = row.query_row([pk], drama_row).optional()? else {
        return Ok(None);
    };
    let mut texts = Texts::default();
    texts.read(&mut Cursor::of(tags, &[pk])?, pk)?;
    drama.fields.tags = texts.to_vec();
    drama.fields.links = links_of(&mut Cursor::of(links, &[pk])?, pk)?;
    Ok(Some(drama))
}

/// A scene with the keys it is stored under.
pub struct StoredScene {
    pub pk: i64,
    pub scene: Scene,
}

/// Scenes matching `cond` (a condition on `scenes s`), sorted by drama,
/// season, episode and start.
pub fn scenes(conn: &Connection, cond: &str, params: &[impl ToSql]) -> Result<Vec<StoredScene>> {
    let mut statements = SceneRows::prepare(conn, cond, DramaOfScene::LookedUp)?;
    let mut rows = SceneRows::of(&mut statements, params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.read_current(Owner::Any)? {
        out.push(StoredScene {
            pk: row.pk,
            scene: row.to_scene(),
        });
        rows.step()?;
    }
    Ok(out)
}

/// The scenes with these pks (a page of a list). The keys go in as one
/// JSON array, so the statement is the same for every page.
pub fn scenes_by_pk(conn: &Connection, pks: &[i64]) -> Result<Vec<StoredScene>> {
    if pks.is_empty() {
        return Ok(Vec::new());
    }
    let keys = serde_json::Value::from(pks).to_string();
    scenes(conn, "s.pk IN (SELECT value FROM json_each(?1))", &[keys])
}

/// A drama's own row, as [`drama_row`] reads it.
const DRAMA_ROWS: &str =
    "SELECT d.pk, d.id, d.title, d.original_title, d.country, d.year, d.network,
        d.total_episodes, d.status, d.rating, d.started_on, d.finished_on, d.rewatch_count, d.notes,
        d.tmdb_id, d.imdb_id, d.mdl_url, d.created_at, d.updated_at, d.trakt_id
    FROM dramas d";
const DRAMA_TAGS: &str = "SELECT drama_pk, tag, position FROM drama_tags";
const DRAMA_LINKS: &str = "SELECT drama_pk, url, label, kind FROM links WHERE drama_pk IS NOT NULL";

/// The order scenes are read in, and with them their tags, people and links.
const SCENE_ORDER: &str = "s.drama_pk, s.season, s.episode, s.start_ms, s.pk";

fn prepare<const N: usize>(
    conn: &Connection,
    sql: [String; N],
) -> Result<[CachedStatement<'_>; N]> {
    let statements = sql
        .iter()
        .map(|sql| conn.prepare_cached(sql))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(statements
        .try_into()
        .unwrap_or_else(|_| unreachable!("one statement per query")))
}

/// A query's rows, each led by its owner's pk, stepped one at a time and
/// read where they lie. The rows of one owner are next to each other, and
/// owners come in the order the walk visits them, so an owner's rows are
/// the ones at hand when the walk reaches it.
struct Cursor<'s> {
    rows: rusqlite::Rows<'s>,
}

impl<'s> Cursor<'s> {
    fn of(statement: &'s mut CachedStatement<'_>, params: &[impl ToSql]) -> Result<Self> {
        let mut rows = statement.query(params_from_iter(params))?;
        rows.advance()?;
        Ok(Cursor { rows })
    }

    /// The row at hand; `None` past the last.
    fn row(&self) -> Option<&Row<'s>> {
        self.rows.get()
    }

    fn owner(&self) -> Result<Option<i64>> {
        Ok(self.row().map(|row| row.get(0)).transpose()?)
    }

    /// The row at hand if it is `owner`'s.
    fn row_of(&self, owner: i64) -> Result<Option<&Row<'s>>> {
        match self.row() {
            Some(row) if row.get::<_, i64>(0)? == owner => Ok(Some(row)),
            _ => Ok(None),
        }
    }

    fn advance(&mut self) -> Result<()> {
        Ok(self.rows.advance()?)
    }

    /// Steps past the rows whose owner passes `test`.
    fn skip_while(&mut self, test: impl Fn(i64) -> bool) -> Result<()> {
        while self.owner()?.is_some_and(&test) {
            self.advance()?;
        }
        Ok(())
    }
}

/// `owner`'s links, read from rows of `(owner, url, label, kind)`.
fn links_of(rows: &mut Cursor<'_>, owner: i64) -> Result<Vec<Link>> {
    let mut links = Vec::new();
    while let Some(row) = rows.row_of(owner)? {
        links.push(Link {
            url: row.get(1)?,
            label: row.get(2)?,
            kind: LinkKind::from_sql(text(row, 3)?),
        });
        rows.advance()?;
    }
    Ok(links)
}

/// Episodes of dramas in pk order, each with its watches: two queries on
/// the same condition and in the same order, merged in step.
struct EpisodeRows<'s> {
    episodes: Cursor<'s>,
    watches: Cursor<'s>,
    /// The watches of the episode at hand.
    watched: Vec<DateTime<Utc>>,
}

impl<'s> EpisodeRows<'s> {
    /// The two statements for episodes matching `cond` (on `episodes e`).
    fn prepare<'c>(conn: &'c Connection, cond: &str) -> Result<[CachedStatement<'c>; 2]> {
        prepare(
            conn,
            [
                format!(
                    "SELECT e.drama_pk, e.pk, e.season, e.number, e.title, e.runtime_min, e.rating, e.notes
                     FROM episodes e WHERE {cond} ORDER BY e.drama_pk, e.season, e.number"
                ),
                format!(
                    "SELECT w.episode_pk, w.watched_at
                     FROM episodes e JOIN watch_events w ON w.episode_pk = e.pk
                     WHERE {cond} ORDER BY e.drama_pk, e.season, e.number, w.watched_at"
                ),
            ],
        )
    }

    fn of(statements: &'s mut [CachedStatement<'_>; 2], params: &[impl ToSql]) -> Result<Self> {
        let [episodes, watches] = statements;
        Ok(EpisodeRows {
            episodes: Cursor::of(episodes, params)?,
            watches: Cursor::of(watches, params)?,
            watched: Vec::new(),
        })
    }

    /// The episode at hand, if it is one of `drama_pk`'s, with its
    /// watches. The watches are read here, past: call it once per episode,
    /// then [`EpisodeRows::step`] to the next.
    fn read_current(&mut self, drama_pk: i64) -> Result<Option<EpisodeRow<'_>>> {
        let Some(row) = self.episodes.row_of(drama_pk)? else {
            return Ok(None);
        };
        let pk = row.get(1)?;
        self.watched.clear();
        while let Some(watch) = self.watches.row_of(pk)? {
            self.watched.push(column(watch, 1, sql::from_instant)?);
            self.watches.advance()?;
        }
        Ok(Some(EpisodeRow {
            season: row.get(2)?,
            number: row.get(3)?,
            title: optional_text(row, 4)?,
            runtime_min: row.get(5)?,
            rating: row.get(6)?,
            notes: text(row, 7)?,
            watched_at: &self.watched,
        }))
    }

    fn step(&mut self) -> Result<()> {
        self.episodes.advance()
    }

    /// Steps past the episodes (and their watches) of the dramas that
    /// pass `test`.
    fn skip_while(&mut self, test: impl Fn(i64) -> bool) -> Result<()> {
        while let Some(row) = self.episodes.row() {
            if !test(row.get(0)?) {
                break;
            }
            let pk: i64 = row.get(1)?;
            self.watches.skip_while(|owner| owner == pk)?;
            self.episodes.advance()?;
        }
        Ok(())
    }
}

/// Whether a scene query looks up the id of each scene's drama.
#[derive(Clone, Copy)]
enum DramaOfScene {
    Known,
    LookedUp,
}

/// Which scenes [`SceneRows::current`] hands out.
#[derive(Clone, Copy)]
enum Owner {
    /// Only those of this drama, which the walk knows.
    Drama { pk: i64, id: Uuid },
    /// Any, with the id of its drama looked up by the query.
    Any,
}

/// Scenes in [`SCENE_ORDER`], each with its tags, people and links: four
/// queries on the same condition and in the same order, merged in step.
struct SceneRows<'s> {
    scenes: Cursor<'s>,
    tags: Cursor<'s>,
    people: Cursor<'s>,
    links: Cursor<'s>,
    /// The lists of the scene at hand.
    scene_tags: Texts,
    scene_people: Texts,
    scene_links: Vec<Link>,
}

impl<'s> SceneRows<'s> {
    /// The four statements for scenes matching `cond` (on `scenes s`).
    /// A walk over dramas knows each scene's drama and skips looking up its
    /// id (`DramaOfScene::Known`).
    fn prepare<'c>(
        conn: &'c Connection,
        cond: &str,
        drama: DramaOfScene,
    ) -> Result<[CachedStatement<'c>; 4]> {
        let (drama_id, join) = match drama {
            DramaOfScene::Known => ("NULL", ""),
            DramaOfScene::LookedUp => ("d.id", "JOIN dramas d ON d.pk = s.drama_pk"),
        };
        prepare(
            conn,
            [
                format!(
                    "SELECT s.drama_pk, s.pk, s.id, {drama_id}, s.season, s.episode, s.start_ms,
                            s.end_ms, s.title, s.notes, s.favourite, s.created_at, s.updated_at
                     FROM scenes s {join}
                     WHERE {cond} ORDER BY {SCENE_ORDER}"
                ),
                format!(
                    "SELECT s.pk, t.tag, t.position FROM scenes s JOIN scene_tags t ON t.scene_pk = s.pk
                     WHERE {cond} ORDER BY {SCENE_ORDER}"
                ),
                // People are keyed by position, so SQLite keeps this order
                // without sorting; tags are keyed by tag, and sorted after.
                format!(
                    "SELECT s.pk, p.name, p.position FROM scenes s JOIN scene_people p ON p.scene_pk = s.pk
                     WHERE {cond} ORDER BY {SCENE_ORDER}, p.position"
                ),
                // Looked for under each scene: walking every scene link
                // instead would be done again for every part of a split
                // export (`store::split`).
                format!(
                    "SELECT s.pk, l.url, l.label, l.kind FROM scenes s JOIN links l ON l.scene_pk = s.pk
                     WHERE {cond} ORDER BY {SCENE_ORDER}, l.position"
                ),
            ],
        )
    }

    fn of(statements: &'s mut [CachedStatement<'_>; 4], params: &[impl ToSql]) -> Result<Self> {
        let [scenes, tags, people, links] = statements;
        Ok(SceneRows {
            scenes: Cursor::of(scenes, params)?,
            tags: Cursor::of(tags, params)?,
            people: Cursor::of(people, params)?,
            links: Cursor::of(links, params)?,
            scene_tags: Texts::default(),
            scene_people: Texts::default(),
            scene_links: Vec::new(),
        })
    }

    /// The scene at hand, if `owner` takes it, with its lists. The lists
    /// are read here, past: call it once per scene, then
    /// [`SceneRows::step`] to the next.
    fn read_current(&mut self, owner: Owner) -> Result<Option<SceneRow<'_>>> {
        let Some(row) = self.scenes.row() else {
            return Ok(None);
        };
        let drama_id = match owner {
            Owner::Drama { pk, id } if row.get::<_, i64>(0)? == pk => id,
            Owner::Drama { .. } => return Ok(None),
            Owner::Any => id_at(row, 3)?,
        };
        let pk = row.get(1)?;
        self.scene_tags.read(&mut self.tags, pk)?;
        self.scene_people.read(&mut self.people, pk)?;
        self.scene_links = links_of(&mut self.links, pk)?;
        Ok(Some(SceneRow {
            pk,
            id: id_at(row, 2)?,
            drama_id,
            season: row.get(4)?,
            episode: row.get(5)?,
            start: column(row, 6, scene_time)?,
            end: column(row, 7, |ms: Option<u32>| ms.map(scene_time).transpose())?,
            title: text(row, 8)?,
            notes: text(row, 9)?,
            favourite: row.get(10)?,
            created_at: column(row, 11, sql::from_instant)?,
            updated_at: column(row, 12, sql::from_instant)?,
            tags: &self.scene_tags,
            people: &self.scene_people,
            links: &self.scene_links,
        }))
    }

    fn step(&mut self) -> Result<()> {
        self.scenes.advance()
    }

    /// Steps past the scenes (and their lists) of the dramas that pass
    /// `test`.
    fn skip_while(&mut self, test: impl Fn(i64) -> bool) -> Result<()> {
        while let Some(row) = self.scenes.row() {
            if !test(row.get(0)?) {
                break;
            }
            let pk: i64 = row.get(1)?;
            for list in [&mut self.tags, &mut self.people, &mut self.links] {
                list.skip_while(|owner| owner == pk)?;
            }
            self.scenes.advance()?;
        }
        Ok(())
    }
}

fn drama_row(row: &Row<'_>) -> rusqlite::Result<Drama> {
    let status = text(row, 8)?;
    Ok(Drama {
        id: id_at(row, 1)?,
        fields: DramaDraft {
            title: row.get(2)?,
            original_title: row.get(3)?,
            country: row.get(4)?,
            year: row.get(5)?,
            network: row.get(6)?,
            total_episodes: row.get(7)?,
            status: named(row, 8, Status::from_sql(status))?,
            rating: row.get(9)?,
            started_on: column(row, 10, sql::from_date)?,
            finished_on: column(row, 11, sql::from_date)?,
            rewatch_count: row.get(12)?,
            notes: row.get(13)?,
            external_ids: ExternalIds {
                tmdb: row.get::<_, Option<i64>>(14)?.map(|v| v as u64),
                imdb: row.get(15)?,
                mdl: row.get(16)?,
                trakt: row.get::<_, Option<i64>>(19)?.map(|v| v as u64),
            },
            tags: Vec::new(),
            links: Vec::new(),
        },
        created_at: column(row, 17, sql::from_instant)?,
        updated_at: column(row, 18, sql::from_instant)?,
    })
}

/// Column `column` of `row`, made a `T` by `convert`; a value it refuses
/// is said to be that column's.
fn column<V: FromSql, T>(
    row: &Row<'_>,
    column: usize,
    convert: impl FnOnce(V) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    named(row, column, convert(row.get(column)?))
}

/// A row's id, in column `column`.
fn id_at(row: &Row<'_>, column: usize) -> rusqlite::Result<Uuid> {
    named(row, column, sql::uuid(text(row, column)?))
}

/// `read` (a value of column `column`), its failure to convert put on
/// that column by name: `created_at: 9223372036854775807 is no instant`.
fn named<T>(row: &Row<'_>, column: usize, read: rusqlite::Result<T>) -> rusqlite::Result<T> {
    read.map_err(|e| match e {
        rusqlite::Error::FromSqlConversionFailure(_, kind, why) => {
            let name = row.as_ref().column_name(column).unwrap_or("?");
            rusqlite::Error::FromSqlConversionFailure(column, kind, format!("{name}: {why}").into())
        }
        other => other,
    })
}

/// A text column, read where it lies.
fn text<'r>(row: &'r Row<'_>, column: usize) -> rusqlite::Result<&'r str> {
    optional_text(row, column)?.ok_or_else(|| {
        let name = row.as_ref().column_name(column).unwrap_or("?");
        rusqlite::Error::InvalidColumnType(column, name.to_owned(), rusqlite::types::Type::Null)
    })
}

fn optional_text<'r>(row: &'r Row<'_>, column: usize) -> rusqlite::Result<Option<&'r str>> {
    let value = row.get_ref(column)?;
    value.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, value.data_type(), Box::new(e))
    })
}

fn scene_time(ms: u32) -> rusqlite::Result<SceneTime> {
    SceneTime::from_millis(ms).ok_or_else(|| {
        sql::bad_value(
            rusqlite::types::Type::Integer,
            format!("{ms} ms is no scene time"),
        )
    })
}
