//! Reading dramas, episodes and scenes back: one query per kind of row,
//! each walked in the order the dramas and their scenes are visited, so the
//! rows of every owner are merged in as they come, with no lookups; a whole
//! library reads as a stream, one drama at a time.

use rusqlite::{CachedStatement, Connection, OptionalExtension, Row, ToSql, params_from_iter};

use crate::drama::{Drama, DramaDraft, ExternalIds, Status};
use crate::episode::Episode;
use crate::error::Result;
use crate::link::{Link, LinkKind};
use crate::scene::Scene;
use crate::scene_time::SceneTime;
use crate::store::sql;
use uuid::Uuid;

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
/// at once: an export serializes each drama while the next is read.
///
/// The queries are stepped side by side inside one read transaction, so
/// they all see one snapshot of the library. `take` may stop the walk by
/// returning an error, which is then returned.
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
    let (on_episode, _) = scope.on("e.drama_pk");
    let [dramas, drama_tags, drama_links, episodes, watches] = &mut prepare(
        conn,
        [
            format!("{DRAMA_ROWS} WHERE {on_drama} ORDER BY d.pk"),
            format!("{DRAMA_TAGS} WHERE {on_owner} ORDER BY drama_pk"),
            format!("{DRAMA_LINKS} AND {on_owner} ORDER BY drama_pk, position"),
            format!(
                "SELECT e.drama_pk, e.pk, e.season, e.number, e.title, e.runtime_min, e.rating, e.notes
                 FROM episodes e WHERE {on_episode} ORDER BY e.drama_pk, e.season, e.number"
            ),
            format!(
                "SELECT w.episode_pk, w.watched_at
                 FROM episodes e JOIN watch_events w ON w.episode_pk = e.pk
                 WHERE {on_episode} ORDER BY e.drama_pk, e.season, e.number, w.watched_at"
            ),
        ],
    )?;
    let mut scene_statements =
        SceneRows::prepare(conn, &scope.on("s.drama_pk").0, DramaOfScene::Known)?;
    let mut dramas = Rows::of(dramas, &params, |row| Ok((row.get(0)?, drama_row(row)?)))?;
    let mut drama_tags = Rows::of(drama_tags, &params, positioned_text)?;
    let mut drama_links = Rows::of(drama_links, &params, owned_link)?;
    let mut episodes = Rows::of(episodes, &params, episode_row)?;
    let mut watches = Rows::of(watches, &params, |row| {
        Ok((row.get(0)?, sql::from_instant(row.get(1)?)?))
    })?;
    let mut scenes = SceneRows::of(&mut scene_statements, &params)?;

    while let Some((pk, mut drama)) = dramas.next_row()? {
        // Rows of a drama that is gone (only a tool writing with foreign
        // keys off can leave them) come before this one's: pass them by.
        drama_tags.skip_before(pk)?;
        drama_links.skip_before(pk)?;
        while let Some((_, (episode_pk, _))) = episodes.next_row_before(pk)? {
            watches.take(episode_pk)?;
        }
        scenes.skip_before(pk)?;
        drama.fields.tags = in_position_order(drama_tags.take(pk)?);
        drama.fields.links = drama_links.take(pk)?;
        let mut episodes = episodes.take(pk)?;
        for (episode_pk, episode) in &mut episodes {
            episode.watched_at = watches.take(*episode_pk)?;
        }
        let mut scenes = scenes.of_drama(pk)?;
        for scene in &mut scenes {
            scene.drama_id = drama.id;
        }
        take(DramaRecord {
            drama,
            episodes: episodes.into_iter().map(|(_, episode)| episode).collect(),
            scenes,
        })?;
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
    drama.fields.tags = in_position_order(Rows::of(tags, &[pk], positioned_text)?.take(pk)?);
    drama.fields.links = Rows::of(links, &[pk], owned_link)?.take(pk)?;
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
    while let Some(stored) = rows.next_scene()? {
        out.push(stored);
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

/// Whether a scene query looks up the id of each scene's drama.
#[derive(Clone, Copy)]
enum DramaOfScene {
    Known,
    LookedUp,
}

/// Scenes in [`SCENE_ORDER`], each with its tags, people and links: four
/// queries on the same condition and in the same order, merged in step.
struct SceneRows<'s> {
    scenes: Rows<'s, (i64, Scene)>,
    tags: Rows<'s, (i64, String)>,
    people: Rows<'s, String>,
    links: Rows<'s, Link>,
}

impl<'s> SceneRows<'s> {
    /// The four statements for scenes matching `cond` (on `scenes s`).
    /// A walk over dramas knows each scene's drama and skips looking up its
    /// id (`DramaOfScene::Known`); the scenes' `drama_id` is filled in after.
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
                // without sorting; tags are keyed by tag, and sorted here.
                format!(
                    "SELECT s.pk, p.name FROM scenes s JOIN scene_people p ON p.scene_pk = s.pk
                     WHERE {cond} ORDER BY {SCENE_ORDER}, p.position"
                ),
                // Few scenes have links: walking the links and sorting the
                // few found beats looking for links under every scene.
                format!(
                    "SELECT s.pk, l.url, l.label, l.kind FROM links l CROSS JOIN scenes s ON s.pk = l.scene_pk
                     WHERE l.scene_pk IS NOT NULL AND {cond} ORDER BY {SCENE_ORDER}, l.position"
                ),
            ],
        )
    }

    fn of(statements: &'s mut [CachedStatement<'_>; 4], params: &[impl ToSql]) -> Result<Self> {
        let [scenes, tags, people, links] = statements;
        Ok(SceneRows {
            scenes: Rows::of(scenes, params, scene_row)?,
            tags: Rows::of(tags, params, positioned_text)?,
            people: Rows::of(people, params, |row| Ok((row.get(0)?, row.get(1)?)))?,
            links: Rows::of(links, params, owned_link)?,
        })
    }

    fn next_scene(&mut self) -> Result<Option<StoredScene>> {
        let Some((_, (pk, mut scene))) = self.scenes.next_row()? else {
            return Ok(None);
        };
        scene.tags = in_position_order(self.tags.take(pk)?);
        scene.people = self.people.take(pk)?;
        scene.links = self.links.take(pk)?;
        Ok(Some(StoredScene { pk, scene }))
    }

    /// Passes by the scenes (with their lists) of dramas before `drama_pk`.
    fn skip_before(&mut self, drama_pk: i64) -> Result<()> {
        while self
            .scenes
            .owner_ahead()
            .is_some_and(|owner| owner < drama_pk)
        {
            self.next_scene()?;
        }
        Ok(())
    }

    /// The scenes of `drama_pk` if they come next; none if it has none.
    fn of_drama(&mut self, drama_pk: i64) -> Result<Vec<Scene>> {
        let mut out = Vec::new();
        while self.scenes.owner_ahead() == Some(drama_pk) {
            if let Some(stored) = self.next_scene()? {
                out.push(stored.scene);
            }
        }
        Ok(out)
    }
}

/// A query's rows read one ahead, each as (owner pk, value). The rows of
/// one owner are next to each other, and owners come in the order the walk
/// visits them, so [`Rows::take`] hands over an owner's rows with no lookup.
struct Rows<'s, T> {
    rows: rusqlite::Rows<'s>,
    ahead: Option<(i64, T)>,
    read: fn(&Row<'_>) -> rusqlite::Result<(i64, T)>,
}

impl<'s, T> Rows<'s, T> {
    fn of(
        statement: &'s mut CachedStatement<'_>,
        params: &[impl ToSql],
        read: fn(&Row<'_>) -> rusqlite::Result<(i64, T)>,
    ) -> Result<Self> {
        let mut rows = Rows {
            rows: statement.query(params_from_iter(params))?,
            ahead: None,
            read,
        };
        rows.step()?;
        Ok(rows)
    }

    fn step(&mut self) -> Result<()> {
        self.ahead = match self.rows.next()? {
            Some(row) => Some((self.read)(row)?),
            None => None,
        };
        Ok(())
    }

    fn owner_ahead(&self) -> Option<i64> {
        self.ahead.as_ref().map(|(owner, _)| *owner)
    }

    fn next_row(&mut self) -> Result<Option<(i64, T)>> {
        let row = self.ahead.take();
        if row.is_some() {
            self.step()?;
        }
        Ok(row)
    }

    /// The next row if its owner comes before `owner`.
    fn next_row_before(&mut self, owner: i64) -> Result<Option<(i64, T)>> {
        if self.owner_ahead().is_some_and(|ahead| ahead < owner) {
            self.next_row()
        } else {
            Ok(None)
        }
    }

    /// Passes by the rows of owners before `owner` (rows ordered by owner).
    fn skip_before(&mut self, owner: i64) -> Result<()> {
        while self.next_row_before(owner)?.is_some() {}
        Ok(())
    }

    /// The rows of `owner` if they come next; none if it has none.
    fn take(&mut self, owner: i64) -> Result<Vec<T>> {
        let mut out = Vec::new();
        while self.owner_ahead() == Some(owner) {
            if let Some((_, value)) = self.next_row()? {
                out.push(value);
            }
        }
        Ok(out)
    }
}

fn drama_row(row: &Row<'_>) -> rusqlite::Result<Drama> {
    let id = row.get_ref(1)?.as_str()?;
    let status = row.get_ref(8)?.as_str()?;
    Ok(Drama {
        id: sql::uuid(id)?,
        fields: DramaDraft {
            title: row.get(2)?,
            original_title: row.get(3)?,
            country: row.get(4)?,
            year: row.get(5)?,
            network: row.get(6)?,
            total_episodes: row.get(7)?,
            status: Status::from_sql(status)?,
            rating: row.get(9)?,
            started_on: sql::from_date(row.get(10)?)?,
            finished_on: sql::from_date(row.get(11)?)?,
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
        created_at: sql::from_instant(row.get(17)?)?,
        updated_at: sql::from_instant(row.get(18)?)?,
    })
}

fn positioned_text(row: &Row<'_>) -> rusqlite::Result<(i64, (i64, String))> {
    Ok((row.get(0)?, (row.get(2)?, row.get(1)?)))
}

/// Tags are keyed by (owner, tag), not read in position order: sorting an
/// owner's few here spares SQLite sorting every row.
fn in_position_order(mut texts: Vec<(i64, String)>) -> Vec<String> {
    texts.sort_unstable_by_key(|(position, _)| *position);
    texts.into_iter().map(|(_, text)| text).collect()
}

fn owned_link(row: &Row<'_>) -> rusqlite::Result<(i64, Link)> {
    let kind = row.get_ref(3)?.as_str()?;
    Ok((
        row.get(0)?,
        Link {
            url: row.get(1)?,
            label: row.get(2)?,
            kind: LinkKind::from_sql(kind),
        },
    ))
}

/// An episode as (drama pk, (episode pk, episode)); its watches come after.
fn episode_row(row: &Row<'_>) -> rusqlite::Result<(i64, (i64, Episode))> {
    let episode = Episode {
        season: row.get(2)?,
        number: row.get(3)?,
        title: row.get(4)?,
        runtime_min: row.get(5)?,
        rating: row.get(6)?,
        notes: row.get(7)?,
        watched_at: Vec::new(),
    };
    Ok((row.get(0)?, (row.get(1)?, episode)))
}

/// A scene as (drama pk, (scene pk, scene)); its lists come after.
fn scene_row(row: &Row<'_>) -> rusqlite::Result<(i64, (i64, Scene))> {
    let scene = Scene {
        id: sql::uuid(row.get_ref(2)?.as_str()?)?,
        drama_id: match row.get_ref(3)?.as_str_or_null()? {
            Some(id) => sql::uuid(id)?,
            None => Uuid::nil(),
        },
        season: row.get(4)?,
        episode: row.get(5)?,
        start: scene_time(row.get(6)?)?,
        end: row.get::<_, Option<u32>>(7)?.map(scene_time).transpose()?,
        title: row.get(8)?,
        notes: row.get(9)?,
        favourite: row.get(10)?,
        created_at: sql::from_instant(row.get(11)?)?,
        updated_at: sql::from_instant(row.get(12)?)?,
        tags: Vec::new(),
        people: Vec::new(),
        links: Vec::new(),
    };
    Ok((row.get(0)?, (row.get(1)?, scene)))
}

fn scene_time(ms: u32) -> rusqlite::Result<SceneTime> {
    SceneTime::from_millis(ms).ok_or_else(|| {
        sql::bad_value(
            rusqlite::types::Type::Integer,
            format!("{ms} ms is no scene time"),
        )
    })
}
