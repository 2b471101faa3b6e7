//! Reading dramas, episodes and scenes back: one query per kind of row,
//! each walked in the order the dramas and their scenes are visited, so the
//! rows of every owner are merged in as they come, with no lookups.
//!
//! A whole library reads as a stream, one drama at a time ([`each_record`]):
//! an export writes each drama out before the next is read, so memory stays
//! that of one drama however large the library.

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::types::FromSql;
use rusqlite::{CachedStatement, Connection, OptionalExtension, Row, ToSql, params_from_iter};
use uuid::Uuid;

use crate::drama::{Drama, DramaDraft, ExternalIds, Status};
use crate::episode::Episode;
use crate::error::Result;
use crate::link::{Link, LinkKind};
use crate::ost_quote::{Ost, Quote};
use crate::scene::Scene;
use crate::scene_time::SceneTime;
use crate::store::sql;

/// Which dramas to read.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    All,
    Drama(i64),
}

impl Scope {
    /// A condition on a `drama_pk` column, and its parameter.
    fn on(self, column: &str) -> (String, Vec<i64>) {
        match self {
            Scope::All => ("1".into(), vec![]),
            Scope::Drama(pk) => (format!("{column} = ?1"), vec![pk]),
        }
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
/// at a time and in pk order, so a whole library never has to be in memory
/// at once. `take` may stop the walk by returning an error, which is then
/// returned.
///
/// The queries are stepped side by side inside one read transaction, so
/// they all see one snapshot of the library.
pub fn each_record(
    conn: &Connection,
    scope: Scope,
    mut take: impl FnMut(DramaRecord) -> Result<()>,
) -> Result<()> {
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
    let mut scene_statements = SceneRows::prepare(conn, &scope.on("s.drama_pk").0, false)?;
    let mut dramas = Cursor::of(dramas, &params)?;
    let mut drama_tags = Cursor::of(drama_tags, &params)?;
    let mut drama_links = Cursor::of(drama_links, &params)?;
    let mut episodes = EpisodeRows::of(&mut episode_statements, &params)?;
    let mut scenes = SceneRows::of(&mut scene_statements, &params)?;

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
        drama.fields.tags = texts_of(&mut drama_tags, pk)?;
        drama.fields.links = links_of(&mut drama_links, pk)?;
        let mut record = DramaRecord {
            drama,
            episodes: Vec::new(),
            scenes: Vec::new(),
        };
        while let Some(episode) = episodes.next_of(pk)? {
            record.episodes.push(episode);
        }
        let owner = Owner::Drama {
            pk,
            id: record.drama.id,
        };
        while let Some((_, scene)) = scenes.next_of(owner)? {
            record.scenes.push(scene);
        }
        take(record)?;
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
    drama.fields.tags = texts_of(&mut Cursor::of(tags, &[pk])?, pk)?;
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
    let mut statements = SceneRows::prepare(conn, cond, true)?;
    let mut rows = SceneRows::of(&mut statements, params)?;
    let mut out = Vec::new();
    while let Some((pk, scene)) = rows.next_of(Owner::Any)? {
        out.push(StoredScene { pk, scene });
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

/// `owner`'s short texts (tags, people) in position order, read from rows
/// of `(owner, text, position)`.
fn texts_of(rows: &mut Cursor<'_>, owner: i64) -> Result<Vec<String>> {
    let mut items: Vec<(i64, String)> = Vec::new();
    while let Some(row) = rows.row_of(owner)? {
        items.push((row.get(2)?, row.get(1)?));
        rows.advance()?;
    }
    // Tags are keyed by (owner, tag), not read in position order: sorting
    // an owner's few here spares SQLite sorting every row.
    items.sort_unstable_by_key(|(position, _)| *position);
    Ok(items.into_iter().map(|(_, text)| text).collect())
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
}

impl<'s> EpisodeRows<'s> {
    /// The two statements for episodes matching `cond` (on `episodes e`).
    fn prepare<'c>(conn: &'c Connection, cond: &str) -> Result<[CachedStatement<'c>; 2]> {
        prepare(
            conn,
            [
                format!(
                    "SELECT e.drama_pk, e.pk, e.season, e.number, e.title, e.runtime_min, e.rating, e.notes,
                            e.updated_at, e.air_date
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
        })
    }

    /// The next episode, with its watches, if it is one of `drama_pk`'s.
    fn next_of(&mut self, drama_pk: i64) -> Result<Option<Episode>> {
        let Some(row) = self.episodes.row_of(drama_pk)? else {
            return Ok(None);
        };
        let pk = row.get(1)?;
        let mut episode = Episode {
            season: row.get(2)?,
            number: row.get(3)?,
            title: row.get(4)?,
            runtime_min: row.get(5)?,
            rating: row.get(6)?,
            notes: row.get(7)?,
            watched_at: Vec::new(),
            updated_at: column(row, 8, sql::from_instant)?,
            air_date: sql::from_date(row.get(9)?)?,
        };
        while let Some(watch) = self.watches.row_of(pk)? {
            episode
                .watched_at
                .push(column(watch, 1, sql::from_instant)?);
            self.watches.advance()?;
        }
        self.episodes.advance()?;
        Ok(Some(episode))
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

/// Whose scenes [`SceneRows::next_of`] hands out.
#[derive(Clone, Copy)]
enum Owner {
    /// Only those of this drama, which a walk knows.
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
}

impl<'s> SceneRows<'s> {
    /// The four statements for scenes matching `cond` (on `scenes s`).
    /// A walk over dramas knows each scene's drama; other reads look up
    /// its id (`look_up_drama`).
    fn prepare<'c>(
        conn: &'c Connection,
        cond: &str,
        look_up_drama: bool,
    ) -> Result<[CachedStatement<'c>; 4]> {
        let (drama_id, join) = if look_up_drama {
            ("d.id", "JOIN dramas d ON d.pk = s.drama_pk")
        } else {
            ("NULL", "")
        };
        prepare(
            conn,
            [
                format!(
                    "SELECT s.drama_pk, s.pk, s.id, {drama_id}, s.season, s.episode, s.start_ms,
                            s.end_ms, s.title, s.notes, s.favourite, s.created_at, s.updated_at,
                            s.ost_title, s.ost_artist, s.quote_text, s.quote_translation
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
        })
    }

    /// The next scene, with its pk and lists, if `owner` takes it.
    fn next_of(&mut self, owner: Owner) -> Result<Option<(i64, Scene)>> {
        let Some(row) = self.scenes.row() else {
            return Ok(None);
        };
        let drama_id = match owner {
            Owner::Drama { pk, id } if row.get::<_, i64>(0)? == pk => id,
            Owner::Drama { .. } => return Ok(None),
            Owner::Any => id_at(row, 3)?,
        };
        let pk = row.get(1)?;
        let mut scene = Scene {
            id: id_at(row, 2)?,
            drama_id,
            season: row.get(4)?,
            episode: row.get(5)?,
            start: column(row, 6, scene_time)?,
            end: column(row, 7, |ms: Option<u32>| ms.map(scene_time).transpose())?,
            title: row.get(8)?,
            tags: Vec::new(),
            notes: row.get(9)?,
            people: Vec::new(),
            favourite: row.get(10)?,
            links: Vec::new(),
            ost: match row.get::<_, Option<String>>(13)? {
                Some(title) => Some(Ost {
                    title,
                    artist: row.get(14)?,
                }),
                None => None,
            },
            quote: match row.get::<_, Option<String>>(15)? {
                Some(text) => Some(Quote {
                    text,
                    translation: row.get(16)?,
                }),
                None => None,
            },
            created_at: column(row, 11, sql::from_instant)?,
            updated_at: column(row, 12, sql::from_instant)?,
        };
        self.scenes.advance()?;
        scene.tags = texts_of(&mut self.tags, pk)?;
        scene.people = texts_of(&mut self.people, pk)?;
        scene.links = links_of(&mut self.links, pk)?;
        Ok(Some((pk, scene)))
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
