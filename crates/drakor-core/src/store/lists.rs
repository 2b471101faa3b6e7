//! Lists and their entries. Every change to a list is one transaction that
//! rewrites its entries in their new order (lists are short: a rewrite is
//! simpler than shifting positions and cannot leave two entries at one
//! place), stamps the list and clears its `dropped` count.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use uuid::Uuid;

use crate::error::{Error, Problems, Result};
use crate::list::{EntryRef, ListDetail, ListDraft, ListEntry, ListSummary, name_key, note_text};
use crate::merge::{ImportSummary, ValidList, ValidListEntry};
use crate::store::{Library, load, sql};

/// An entry as stored: what it points at, by key, and its note.
#[derive(Debug, Clone)]
struct Row {
    scene_pk: Option<i64>,
    drama_pk: Option<i64>,
    note: String,
}

impl Library {
    /// Makes a new, empty list. Its name must be free (in any case).
    pub fn create_list(&mut self, draft: &ListDraft, now: DateTime<Utc>) -> Result<ListSummary> {
        let clean = draft.validate()?;
        let id = Uuid::now_v7();
        self.write(|tx| {
            check_name_free_tx(tx, &clean.name, None)?;
            tx.prepare_cached(
                "INSERT INTO lists (id, name, name_key, description, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![
                id.to_string(),
                clean.name,
                name_key(&clean.name),
                clean.description,
                sql::instant(now)
            ])?;
            Ok(())
        })?;
        self.list_summary(id)
    }

    /// Renames a list or changes its description.
    pub fn update_list(
        &mut self,
        id: Uuid,
        draft: &ListDraft,
        now: DateTime<Utc>,
    ) -> Result<ListSummary> {
        let clean = draft.validate()?;
        self.write(|tx| {
            let pk = list_pk(tx, id)?;
            check_name_free_tx(tx, &clean.name, Some(pk))?;
            let at = sql::edited_at(now, sql::updated_at_of(tx, "lists", pk)?);
            tx.prepare_cached(
                "UPDATE lists SET name = ?2, name_key = ?3, description = ?4, dropped = 0, updated_at = ?5
                 WHERE pk = ?1",
            )?
            .execute(params![pk, clean.name, name_key(&clean.name), clean.description, sql::instant(at)])?;
            Ok(())
        })?;
        self.list_summary(id)
    }

    /// Deletes a list; what it held stays in the library.
    pub fn delete_list(&mut self, id: Uuid) -> Result<()> {
        self.write(|tx| {
            let pk = list_pk(tx, id)?;
            tx.execute("DELETE FROM lists WHERE pk = ?1", [pk])?;
            Ok(())
        })
    }

    /// Every list, by name, with its entry count.
    pub fn lists(&self) -> Result<Vec<ListSummary>> {
        summaries(self.conn(), "1", [])
    }

    /// A list by its name (in any case), its id, or a prefix of 4+ of the id.
    pub fn find_list(&self, query: &str) -> Result<Uuid> {
        let query = query.trim();
        if let Ok(id) = Uuid::parse_str(query) {
            list_pk(self.conn(), id)?;
            return Ok(id);
        }
        let found: Vec<String> = self
            .conn()
            .prepare_cached(
                "SELECT id FROM lists WHERE name_key = ?1
                 UNION SELECT id FROM lists WHERE length(?2) >= 4 AND substr(id, 1, length(?2)) = lower(?2)",
            )?
            .query_map(params![name_key(query), query], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match found.as_slice() {
            [id] => Ok(sql::uuid(id)?),
            [] => Err(Error::not_found("list", query)),
            _ => Err(Error::invalid(
                "list",
                format!("{query:?} names more than one list; give its full id"),
            )),
        }
    }

    /// A list with its entries in order, each with its drama (and scene).
    pub fn get_list(&self, id: Uuid) -> Result<ListDetail> {
        // One read transaction: the list, its entries and their scenes as
        // of one moment, whatever another window or the CLI writes.
        let tx = self.conn().unchecked_transaction()?;
        let conn: &rusqlite::Connection = &tx;
        let list = summaries(conn, "l.id = ?1", [id.to_string()])?
            .pop()
            .ok_or_else(|| Error::not_found("list", id))?;
        let pk = list_pk(conn, id)?;
        let rows = rows_of(conn, pk)?;
        let scenes: HashMap<i64, crate::scene::Scene> = load::scenes(
            conn,
            "s.pk IN (SELECT e.scene_pk FROM list_entries e JOIN lists l ON l.pk = e.list_pk WHERE l.id = ?1)",
            &[id.to_string()],
        )?
        .into_iter()
        .map(|stored| (stored.pk, stored.scene))
        .collect();
        let mut dramas =
            conn.prepare_cached("SELECT id, title, original_title FROM dramas WHERE pk = ?1")?;
        let mut drama_of = |pk: i64| -> Result<(Uuid, String, Option<String>)> {
            let (id, title, original): (String, String, Option<String>) =
                dramas.query_row([pk], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
            Ok((sql::uuid(&id)?, title, original))
        };
        let mut items = Vec::with_capacity(rows.len());
        for (n, row) in rows.into_iter().enumerate() {
            let position = u32::try_from(n + 1).unwrap_or(u32::MAX);
            let (target, scene, drama_pk) = match (row.scene_pk, row.drama_pk) {
                (Some(scene_pk), _) => {
                    let scene = scenes
                        .get(&scene_pk)
                        .cloned()
                        .ok_or_else(|| Error::not_found("scene", scene_pk))?;
                    let drama_pk: i64 = conn.query_row(
                        "SELECT drama_pk FROM scenes WHERE pk = ?1",
                        [scene_pk],
                        |r| r.get(0),
                    )?;
                    (EntryRef::Scene(scene.id), Some(scene), drama_pk)
                }
                (None, Some(drama_pk)) => (EntryRef::Drama(drama_of(drama_pk)?.0), None, drama_pk),
                (None, None) => continue, // the schema's CHECK forbids it
            };
            let (drama_id, drama_title, drama_original_title) = drama_of(drama_pk)?;
            items.push(ListEntry {
                position,
                target,
                note: row.note,
                drama_id,
                drama_title,
                drama_original_title,
                scene,
            });
        }
        Ok(ListDetail { list, items })
    }

    /// Puts a scene or drama into a list at `at` (1 for the top; the end
    /// when `None` or past it) and returns its position.
    pub fn add_to_list(
        &mut self,
        id: Uuid,
        target: EntryRef,
        note: &str,
        at: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        let note = note_text(note).map_err(|why| Error::invalid("note", why))?;
        self.write(|tx| {
            let pk = list_pk(tx, id)?;
            let mut rows = rows_of(tx, pk)?;
            let row = match target {
                EntryRef::Scene(scene) => Row {
                    scene_pk: Some(key_of(tx, "scenes", "scene", scene)?),
                    drama_pk: None,
                    note,
                },
                EntryRef::Drama(drama) => Row {
                    scene_pk: None,
                    drama_pk: Some(key_of(tx, "dramas", "drama", drama)?),
                    note,
                },
            };
            let index = match at {
                Some(0) => return Err(Error::invalid("position", "positions start at 1")),
                Some(n) => usize::try_from(n - 1).unwrap_or(usize::MAX).min(rows.len()),
                None => rows.len(),
            };
            rows.insert(index, row);
            rewrite_tx(tx, pk, &rows, now)?;
            Ok(u32::try_from(index + 1).unwrap_or(u32::MAX))
        })
    }

    /// Moves the entry at `from` to `to` (positions from 1).
    pub fn move_in_list(&mut self, id: Uuid, from: u32, to: u32, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let pk = list_pk(tx, id)?;
            let mut rows = rows_of(tx, pk)?;
            let from = index_in(&rows, from, "from")?;
            let to = index_in(&rows, to, "to")?;
            let row = rows.remove(from);
            rows.insert(to, row);
            rewrite_tx(tx, pk, &rows, now)
        })
    }

    /// Takes the entry at `position` out of the list.
    pub fn drop_from_list(&mut self, id: Uuid, position: u32, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let pk = list_pk(tx, id)?;
            let mut rows = rows_of(tx, pk)?;
            let index = index_in(&rows, position, "position")?;
            rows.remove(index);
            rewrite_tx(tx, pk, &rows, now)
        })
    }

    fn list_summary(&self, id: Uuid) -> Result<ListSummary> {
        summaries(self.conn(), "l.id = ?1", [id.to_string()])?
            .pop()
            .ok_or_else(|| Error::not_found("list", id))
    }
}

/// Counts the entries about to leave with a scene (`scene_pk`) or a whole
/// drama (`drama_pk`, its scenes included) on their lists, so each list can
/// say so. Runs in the deleting transaction, before the delete.
pub(crate) fn note_dropped_tx(
    tx: &Transaction<'_>,
    scene_pk: Option<i64>,
    drama_pk: Option<i64>,
) -> Result<()> {
    // The list changed: its time moves on by a millisecond (no clock is
    // read here), so a merge with a copy from before the delete keeps it.
    tx.prepare_cached(
        "UPDATE lists SET updated_at = updated_at + 1, dropped = dropped + (
             SELECT count(*) FROM list_entries e WHERE e.list_pk = lists.pk
               AND (e.scene_pk = ?1 OR e.drama_pk = ?2
                    OR e.scene_pk IN (SELECT pk FROM scenes WHERE drama_pk = ?2)))
         WHERE pk IN (SELECT list_pk FROM list_entries e
               WHERE e.scene_pk = ?1 OR e.drama_pk = ?2
                  OR e.scene_pk IN (SELECT pk FROM scenes WHERE drama_pk = ?2))",
    )?
    .execute(params![scene_pk, drama_pk])?;
    Ok(())
}

/// Merges a file's lists, after its dramas and scenes: a list matches by
/// id and the newer one wins whole (name, description and entries); a new
/// list needs a free name. An entry naming a scene or drama that neither
/// the file nor the library has is a problem, as is a name another list
/// of ours has: the import is then refused whole.
pub(crate) fn merge_lists_tx(
    tx: &Transaction<'_>,
    lists: &[ValidList],
    merged_into: &HashMap<Uuid, i64>,
    problems: &mut Problems,
    summary: &mut ImportSummary,
) -> Result<()> {
    for (i, list) in lists.iter().enumerate() {
        let at = format!("lists[{i}]");
        let ours: Option<(i64, i64)> = tx
            .prepare_cached("SELECT pk, updated_at FROM lists WHERE id = ?1")?
            .query_row([list.id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        if let Some((_, ours_at)) = ours
            && sql::instant(list.updated_at) <= ours_at
        {
            continue; // ours is as new or newer
        }
        if let Some(existing) = name_taken_tx(tx, &list.draft.name, ours.map(|(pk, _)| pk))? {
            problems.push(
                format!("{at}.name"),
                format!(
                    "the library has another list called \"{existing}\" (the file's {} has another \
                     id); rename one of them and import again",
                    list.id
                ),
            );
            continue;
        }
        let mut rows = Vec::with_capacity(list.entries.len());
        for (j, entry) in list.entries.iter().enumerate() {
            let (table, field, id) = match entry.target {
                EntryRef::Scene(id) => ("scenes", "scene", id),
                EntryRef::Drama(id) => ("dramas", "drama", id),
            };
            let found = match (field, merged_into.get(&id)) {
                ("drama", Some(&pk)) => Ok(pk),
                _ => key_of(tx, table, field, id),
            };
            match found {
                Ok(pk) => rows.push(Row {
                    scene_pk: (field == "scene").then_some(pk),
                    drama_pk: (field == "drama").then_some(pk),
                    note: entry.note.clone(),
                }),
                Err(Error::NotFound { .. }) => problems.push(
                    format!("{at}.entries[{j}].{field}"),
                    format!("no {field} {id} is in the file or the library"),
                ),
                Err(other) => return Err(other),
            }
        }
        let (name, key, description) = (
            &list.draft.name,
            name_key(&list.draft.name),
            &list.draft.description,
        );
        let updated_at = sql::instant(list.updated_at);
        let pk = match ours {
            Some((pk, _)) => {
                tx.prepare_cached(
                    "UPDATE lists SET name = ?2, name_key = ?3, description = ?4, dropped = 0, updated_at = ?5
                     WHERE pk = ?1",
                )?
                .execute(params![pk, name, key, description, updated_at])?;
                summary.lists_updated += 1;
                pk
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO lists (id, name, name_key, description, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    list.id.to_string(),
                    name,
                    key,
                    description,
                    sql::instant(list.created_at),
                    updated_at
                ])?;
                summary.lists_added += 1;
                tx.last_insert_rowid()
            }
        };
        write_entries_tx(tx, pk, &rows)?;
    }
    Ok(())
}

/// Every list with its entries by id, oldest first: what an export carries.
pub(crate) fn all_lists(conn: &rusqlite::Connection) -> Result<Vec<ValidList>> {
    let mut lists = conn.prepare_cached(
        "SELECT pk, id, name, description, created_at, updated_at FROM lists ORDER BY pk",
    )?;
    let heads = lists
        .query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                ValidList {
                    id: sql::uuid(&row.get::<_, String>(1)?)?,
                    draft: ListDraft {
                        name: row.get(2)?,
                        description: row.get(3)?,
                    },
                    created_at: sql::from_instant(row.get(4)?)?,
                    updated_at: sql::from_instant(row.get(5)?)?,
                    entries: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut entries = conn.prepare_cached(
        "SELECT s.id, d.id, e.note FROM list_entries e
         LEFT JOIN scenes s ON s.pk = e.scene_pk LEFT JOIN dramas d ON d.pk = e.drama_pk
         WHERE e.list_pk = ?1 ORDER BY e.position",
    )?;
    let mut out = Vec::with_capacity(heads.len());
    for (pk, mut list) in heads {
        let rows = entries.query_map([pk], |row| {
            let scene: Option<String> = row.get(0)?;
            let drama: Option<String> = row.get(1)?;
            let target = match (scene, drama) {
                (Some(s), _) => EntryRef::Scene(sql::uuid(&s)?),
                (None, Some(d)) => EntryRef::Drama(sql::uuid(&d)?),
                (None, None) => {
                    return Err(sql::bad_value(
                        rusqlite::types::Type::Null,
                        "a list entry names nothing".into(),
                    ));
                }
            };
            Ok(ValidListEntry {
                target,
                note: row.get(2)?,
            })
        })?;
        list.entries = rows.collect::<rusqlite::Result<_>>()?;
        out.push(list);
    }
    Ok(out)
}

/// The list's entries become `rows`, at positions 1, 2, 3…
fn write_entries_tx(tx: &Transaction<'_>, list_pk: i64, rows: &[Row]) -> Result<()> {
    tx.prepare_cached("DELETE FROM list_entries WHERE list_pk = ?1")?
        .execute([list_pk])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO list_entries (list_pk, position, scene_pk, drama_pk, note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (n, row) in rows.iter().enumerate() {
        insert.execute(params![
            list_pk,
            n as i64 + 1,
            row.scene_pk,
            row.drama_pk,
            row.note
        ])?;
    }
    Ok(())
}

fn summaries<P: rusqlite::Params>(
    conn: &rusqlite::Connection,
    cond: &str,
    params: P,
) -> Result<Vec<ListSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.name, l.description, l.dropped, l.created_at, l.updated_at,
                (SELECT count(*) FROM list_entries e WHERE e.list_pk = l.pk)
         FROM lists l WHERE {cond} ORDER BY l.name_key, l.pk"
    ))?;
    let rows = stmt.query_map(params, |row| {
        Ok(ListSummary {
            id: sql::uuid(&row.get::<_, String>(0)?)?,
            name: row.get(1)?,
            description: row.get(2)?,
            dropped: sql::count(row.get(3)?),
            created_at: sql::from_instant(row.get(4)?)?,
            updated_at: sql::from_instant(row.get(5)?)?,
            entries: sql::count(row.get(6)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn list_pk(conn: &rusqlite::Connection, id: Uuid) -> Result<i64> {
    conn.prepare_cached("SELECT pk FROM lists WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("list", id))
}

fn key_of(tx: &Transaction<'_>, table: &str, what: &'static str, id: Uuid) -> Result<i64> {
    tx.prepare_cached(&format!("SELECT pk FROM {table} WHERE id = ?1"))?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(what, id))
}

fn check_name_free_tx(tx: &Transaction<'_>, name: &str, own: Option<i64>) -> Result<()> {
    match name_taken_tx(tx, name, own)? {
        Some(existing) => Err(Error::invalid(
            "name",
            format!("a list called \"{existing}\" already exists; pick another name"),
        )),
        None => Ok(()),
    }
}

/// The name of the list other than `own` that `name` would clash with.
fn name_taken_tx(tx: &Transaction<'_>, name: &str, own: Option<i64>) -> Result<Option<String>> {
    let taken: Option<(i64, String)> = tx
        .prepare_cached("SELECT pk, name FROM lists WHERE name_key = ?1")?
        .query_row([name_key(name)], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    Ok(taken
        .filter(|(pk, _)| Some(*pk) != own)
        .map(|(_, name)| name))
}

fn rows_of(conn: &rusqlite::Connection, list_pk: i64) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(
        "SELECT scene_pk, drama_pk, note FROM list_entries WHERE list_pk = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([list_pk], |row| {
        Ok(Row {
            scene_pk: row.get(0)?,
            drama_pk: row.get(1)?,
            note: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The index of the entry shown at `position`, or a problem naming `field`.
fn index_in(rows: &[Row], position: u32, field: &str) -> Result<usize> {
    let count = rows.len();
    match usize::try_from(position) {
        Ok(p) if (1..=count).contains(&p) => Ok(p - 1),
        _ if count == 0 => Err(Error::invalid(field, "the list is empty")),
        _ => Err(Error::invalid(
            field,
            format!("{position} is not a position in the list (1–{count})"),
        )),
    }
}

/// The list's entries become `rows`, at positions 1, 2, 3…, changed `now`.
fn rewrite_tx(tx: &Transaction<'_>, list_pk: i64, rows: &[Row], now: DateTime<Utc>) -> Result<()> {
    write_entries_tx(tx, list_pk, rows)?;
    let at = sql::edited_at(now, sql::updated_at_of(tx, "lists", list_pk)?);
    tx.prepare_cached("UPDATE lists SET dropped = 0, updated_at = ?2 WHERE pk = ?1")?
        .execute(params![list_pk, sql::instant(at)])?;
    Ok(())
}
