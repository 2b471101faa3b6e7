//! People and their aliases: the list of people, a person's page, adding
//! and removing an alias, and the file's aliases merged on import.
//!
//! Aliases are resolved when names are read, not written into scenes: a
//! scene keeps the names as the user typed them (`Gong Yoo`), and the
//! person it shows under is found through `people_aliases` each time.
//! That is the simpler design that stays correct:
//! - merging is one row per alias, whatever the number of scenes, and
//!   removing an alias undoes it exactly: nothing the user typed is lost;
//! - a scene's content never changes behind its `updated_at`, so exports
//!   and merges between machines see the scenes as they were written;
//! - a scene added, edited or imported with an alias name is the person's
//!   at once, with nothing to keep up on every write.
//!
//! What it costs is a read of the distinct names in scenes (one walk of the
//! `scene_people_by_name` index) where a person is resolved to spellings.

use std::collections::BTreeMap;

use rusqlite::{Connection, Transaction, params};

use crate::error::{Error, Result};
use crate::merge::{ImportSummary, ValidPerson};
use crate::person::{PersonDrama, PersonPage, PersonSummary, clean_name, name_key};
use crate::store::names::{Aliases, Group, Names};
use crate::store::{Library, load};

impl Library {
    /// Every person in a scene or with aliases, most scenes first (ties by
    /// name), each with their aliases and how many scenes name them.
    pub fn people(&self) -> Result<Vec<PersonSummary>> {
        let tx = self.conn().unchecked_transaction()?;
        let names = Names::read(&tx)?;
        let mut out = Vec::new();
        for (key, group) in names.groups() {
            out.push((key, group.summary(&tx)?));
        }
        out.sort_by(|(ka, a), (kb, b)| b.scenes.cmp(&a.scenes).then_with(|| ka.cmp(kb)));
        Ok(out.into_iter().map(|(_, person)| person).collect())
    }

    /// The person `name` (or an alias of theirs) names, with their scenes
    /// grouped by drama, as [`PersonPage`] orders them.
    pub fn person(&self, name: &str) -> Result<PersonPage> {
        let name = clean_name("name", name)?;
        // One read transaction: the names and the scenes of one moment.
        let tx = self.conn().unchecked_transaction()?;
        let names = Names::read(&tx)?;
        let key = names.aliases.person_of(&name_key(&name));
        let group = names
            .groups()
            .remove(&key)
            .ok_or_else(|| Error::not_found("person", &name))?;
        let person = group.summary(&tx)?;
        let scenes = load::scenes(
            &tx,
            "s.pk IN (SELECT p.scene_pk FROM scene_people p
                      WHERE p.name IN (SELECT value FROM json_each(?1)))",
            &[serde_json::Value::from(group.spellings).to_string()],
        )?;
        let mut dramas: Vec<PersonDrama> = Vec::new();
        for stored in scenes {
            let scene = stored.scene;
            match dramas.last_mut() {
                Some(d) if d.drama_id == scene.drama_id => d.scenes.push(scene),
                _ => {
                    let (title, original) = drama_titles(&tx, scene.drama_id)?;
                    dramas.push(PersonDrama {
                        drama_id: scene.drama_id,
                        drama_title: title,
                        drama_original_title: original,
                        scenes: vec![scene],
                    });
                }
            }
        }
        dramas.sort_by_cached_key(|d| (d.drama_title.to_lowercase(), d.drama_id));
        for drama in &mut dramas {
            // Stable: each part stays in episode and time order.
            drama.scenes.sort_by_key(|s| !s.favourite);
        }
        Ok(PersonPage { person, dramas })
    }

    /// Makes `alias` another name of the person `name` names, in one
    /// transaction, and gives that person as they are now.
    ///
    /// `name` may itself be an alias: the new one then goes to its person
    /// (aliases stay flat). An `alias` that has aliases of its own is
    /// merged: it and its aliases all become the person's. An alias cannot
    /// be the person's own name, nor already another person's alias. One of
    /// the two must be known (in a scene, or with aliases), so two typos
    /// make no person.
    pub fn add_alias(&mut self, name: &str, alias: &str) -> Result<PersonSummary> {
        let name = clean_name("name", name)?;
        let alias = clean_name("alias", alias)?;
        let person = self.write(|tx| {
            let names = Names::read(tx)?;
            let groups = names.groups();
            let known = |n: &str| groups.contains_key(&names.aliases.person_of(&name_key(n)));
            if !known(&name) && !known(&alias) {
                return Err(Error::not_found("person", &name));
            }
            match alias_tx(tx, &names.aliases, &name, &alias)? {
                Aliased::Added(person) | Aliased::Already(person) => Ok(person),
                Aliased::Own(person) => Err(Error::invalid(
                    "alias",
                    format!(
                        "{} is already the name of {}; an alias is another name",
                        crate::text::shown(&alias),
                        crate::text::shown(&person)
                    ),
                )),
                Aliased::Elsewhere(other) => Err(Error::invalid(
                    "alias",
                    format!(
                        "{} is already another name of {}; remove it from them first",
                        crate::text::shown(&alias),
                        crate::text::shown(&other)
                    ),
                )),
            }
        })?;
        self.person_summary(&person)
    }

    /// Removes an alias, in one transaction, and gives the person it was
    /// another name of, as they are now. The scenes written with it keep
    /// that name and show under it again.
    pub fn remove_alias(&mut self, alias: &str) -> Result<PersonSummary> {
        let alias = clean_name("alias", alias)?;
        let key = name_key(&alias);
        let person = self.write(|tx| {
            let aliases = Aliases::read(tx)?;
            let Some((_, person_key)) = aliases.aliases.get(&key) else {
                if let Some(person) = aliases.people.get(&key) {
                    return Err(Error::invalid(
                        "alias",
                        format!(
                            "{} is no alias: it is the name its aliases are of; remove those instead",
                            crate::text::shown(person)
                        ),
                    ));
                }
                return Err(Error::not_found("alias", &alias));
            };
            let person = aliases.people.get(person_key).cloned().unwrap_or_default();
            tx.prepare_cached("DELETE FROM people_aliases WHERE alias_key = ?1")?
                .execute([&key])?;
            tx.prepare_cached(
                "DELETE FROM people WHERE key = ?1
                 AND NOT EXISTS (SELECT 1 FROM people_aliases WHERE person_key = ?1)",
            )?
            .execute([person_key])?;
            Ok(person)
        })?;
        self.person_summary(&person)
    }

    /// The person `name` names as the list of people shows them; a name
    /// no scene uses and without aliases is a person of no scenes.
    fn person_summary(&self, name: &str) -> Result<PersonSummary> {
        let tx = self.conn().unchecked_transaction()?;
        let names = Names::read(&tx)?;
        let key = names.aliases.person_of(&name_key(name));
        match names.groups().remove(&key) {
            Some(group) => group.summary(&tx),
            None => Ok(PersonSummary {
                name: name.to_owned(),
                aliases: Vec::new(),
                scenes: 0,
            }),
        }
    }
}

/// Every spelling scenes use for the person `name` names, under any of
/// their names: what a filter by person matches. An unknown name matches
/// itself.
pub(crate) fn spellings_of(conn: &Connection, name: &str) -> Result<Vec<String>> {
    let names = Names::read(conn)?;
    let key = names.aliases.person_of(&name_key(name));
    Ok(names
        .groups()
        .remove(&key)
        .map(|g| g.spellings)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| vec![name.trim().to_owned()]))
}

/// Counts by name as scenes spell them, gathered by person under the name
/// the list of people shows (what Stats' top people counts). A scene that
/// names one person in two spellings counts twice here; that is rare, and
/// a person's page counts it once.
pub(crate) fn by_person(
    conn: &Connection,
    counts: Vec<(String, u32)>,
) -> Result<Vec<(String, u32)>> {
    let names = Names::read(conn)?;
    let groups = names.groups();
    let mut out: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for (spelling, n) in counts {
        let key = names.aliases.person_of(&name_key(&spelling));
        let entry = out.entry(key.clone()).or_insert_with(|| {
            let shown = groups
                .get(&key)
                .map_or_else(|| spelling.clone(), Group::name);
            (shown, 0)
        });
        entry.1 += n;
    }
    Ok(out.into_values().collect())
}

/// Every person with aliases, as `(name, aliases)`, by key, the aliases by
/// key too: what an export carries.
pub(crate) fn all_aliases(conn: &Connection) -> Result<Vec<(String, Vec<String>)>> {
    let aliases = Aliases::read(conn)?;
    // Each alias under its person's key, both in key order.
    let mut of: BTreeMap<&str, BTreeMap<&str, String>> = BTreeMap::new();
    for (alias_key, (alias, person_key)) in &aliases.aliases {
        of.entry(person_key.as_str())
            .or_default()
            .insert(alias_key.as_str(), alias.clone());
    }
    Ok(of
        .into_iter()
        .filter_map(|(key, list)| {
            let name = aliases.people.get(key)?.clone();
            Some((name, list.into_values().collect()))
        })
        .collect())
}

/// Merges a file's aliases into ours, in the merge's transaction: each
/// person of the file in key order, each alias in key order, added as
/// [`Library::add_alias`] adds one. Where the file and the library
/// disagree (the file makes an alias of one person what the library has as
/// another's), the library's stays and the file's is counted as skipped.
/// So the same file and library always give the same result, and a second
/// import changes nothing.
pub(crate) fn merge_people_tx(
    tx: &Transaction<'_>,
    people: &[ValidPerson],
    summary: &mut ImportSummary,
) -> Result<()> {
    let mut sorted: Vec<&ValidPerson> = people.iter().collect();
    sorted.sort_by_cached_key(|p| name_key(&p.name));
    for person in sorted {
        let mut aliases: Vec<&String> = person.aliases.iter().collect();
        aliases.sort_by_cached_key(|a| name_key(a));
        for alias in aliases {
            // Read again each time: the last alias may have merged people.
            let ours = Aliases::read(tx)?;
            match alias_tx(tx, &ours, &person.name, alias)? {
                Aliased::Added(_) => summary.aliases_added += 1,
                Aliased::Elsewhere(_) => summary.aliases_skipped += 1,
                Aliased::Already(_) | Aliased::Own(_) => {}
            }
        }
    }
    Ok(())
}

/// What adding an alias did; each carries the person's name.
enum Aliased {
    Added(String),
    /// It was an alias of the person already.
    Already(String),
    /// It is the person's own name.
    Own(String),
    /// It is another person's alias (that person's name); nothing changed.
    Elsewhere(String),
}

/// Makes `alias` another name of the person `name` names (see
/// [`Library::add_alias`]), merging the alias's own aliases into theirs.
fn alias_tx(tx: &Transaction<'_>, ours: &Aliases, name: &str, alias: &str) -> Result<Aliased> {
    let target = ours.person_of(&name_key(name));
    let target_name = ours
        .people
        .get(&target)
        .cloned()
        .unwrap_or_else(|| name.to_owned());
    let key = name_key(alias);
    if key == target {
        return Ok(Aliased::Own(target_name));
    }
    if let Some((_, other)) = ours.aliases.get(&key) {
        if *other == target {
            return Ok(Aliased::Already(target_name));
        }
        let other = ours.people.get(other).cloned().unwrap_or_default();
        return Ok(Aliased::Elsewhere(other));
    }
    tx.prepare_cached("INSERT OR IGNORE INTO people (key, name) VALUES (?1, ?2)")?
        .execute(params![target, target_name])?;
    // The alias's own aliases become the person's, and it gives up its row.
    tx.prepare_cached("UPDATE people_aliases SET person_key = ?2 WHERE person_key = ?1")?
        .execute(params![key, target])?;
    tx.prepare_cached("DELETE FROM people WHERE key = ?1")?
        .execute([&key])?;
    tx.prepare_cached(
        "INSERT INTO people_aliases (alias_key, alias, person_key) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![key, alias, target])?;
    Ok(Aliased::Added(target_name))
}

fn drama_titles(conn: &Connection, id: uuid::Uuid) -> Result<(String, Option<String>)> {
    Ok(conn
        .prepare_cached("SELECT title, original_title FROM dramas WHERE id = ?1")?
        .query_row([id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))?)
}
