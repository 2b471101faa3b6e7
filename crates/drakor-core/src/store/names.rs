//! The names the library knows, read for people and aliases: the two alias
//! tables, and every spelling scenes use, gathered into people.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;

use crate::error::Result;
use crate::person::{PersonSummary, name_key};
use crate::store::sql;

/// The two alias tables, by key.
pub(super) struct Aliases {
    /// A person's key to their name, for people with aliases.
    pub(super) people: HashMap<String, String>,
    /// An alias's key to the alias as typed and its person's key.
    pub(super) aliases: HashMap<String, (String, String)>,
}

impl Aliases {
    pub(super) fn read(conn: &Connection) -> Result<Self> {
        let people = conn
            .prepare_cached("SELECT key, name FROM people")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let aliases = conn
            .prepare_cached("SELECT alias_key, alias, person_key FROM people_aliases")?
            .query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Aliases { people, aliases })
    }

    /// The key of the person a name's key resolves to.
    pub(super) fn person_of(&self, key: &str) -> String {
        self.aliases
            .get(key)
            .map_or_else(|| key.to_owned(), |(_, person)| person.clone())
    }
}

/// Every name the library knows: the spellings in scenes and the aliases.
pub(super) struct Names {
    /// Each spelling scenes use, with how many scenes use it, by spelling.
    spellings: Vec<(String, u32)>,
    pub(super) aliases: Aliases,
}

/// One person: the names they go by and the spellings scenes use.
pub(super) struct Group {
    name: Option<String>,
    aliases: Vec<(String, String)>,
    /// The spellings of any of their names in scenes, with their uses.
    used: Vec<(String, u32)>,
    pub(super) spellings: Vec<String>,
}

impl Names {
    pub(super) fn read(conn: &Connection) -> Result<Self> {
        let spellings = conn
            .prepare_cached("SELECT name, count(*) FROM scene_people GROUP BY name")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Names {
            spellings,
            aliases: Aliases::read(conn)?,
        })
    }

    /// Every person, by key.
    pub(super) fn groups(&self) -> BTreeMap<String, Group> {
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        let group = |groups: &mut BTreeMap<String, Group>, key: String| {
            groups.entry(key).or_insert_with(|| Group {
                name: None,
                aliases: Vec::new(),
                used: Vec::new(),
                spellings: Vec::new(),
            });
        };
        for (key, name) in &self.aliases.people {
            group(&mut groups, key.clone());
            if let Some(g) = groups.get_mut(key) {
                g.name = Some(name.clone());
            }
        }
        for (alias_key, (alias, person)) in &self.aliases.aliases {
            group(&mut groups, person.clone());
            if let Some(g) = groups.get_mut(person) {
                g.aliases.push((alias_key.clone(), alias.clone()));
            }
        }
        for (spelling, uses) in &self.spellings {
            let key = self.aliases.person_of(&name_key(spelling));
            group(&mut groups, key.clone());
            if let Some(g) = groups.get_mut(&key) {
                g.used.push((spelling.clone(), *uses));
                g.spellings.push(spelling.clone());
            }
        }
        groups
    }
}

impl Group {
    /// The name the person is shown by: the one their aliases are of, or
    /// else the spelling most scenes use (the first by code point of equals).
    pub(super) fn name(&self) -> String {
        self.name.clone().unwrap_or_else(|| {
            let mut used = self.used.clone();
            used.sort_by(|(a, na), (b, nb)| nb.cmp(na).then_with(|| a.cmp(b)));
            used.into_iter().next().map(|(s, _)| s).unwrap_or_default()
        })
    }

    /// The person as listed.
    pub(super) fn summary(&self, conn: &Connection) -> Result<PersonSummary> {
        let name = self.name();
        let mut aliases = self.aliases.clone();
        aliases.sort();
        let scenes = match self.used.as_slice() {
            [] => 0,
            [(_, uses)] => *uses,
            // A scene may name a person twice in two spellings: count it once.
            _ => {
                let n: i64 = conn
                    .prepare_cached(
                        "SELECT count(DISTINCT scene_pk) FROM scene_people
                         WHERE name IN (SELECT value FROM json_each(?1))",
                    )?
                    .query_row(
                        [serde_json::Value::from(self.spellings.clone()).to_string()],
                        |row| row.get(0),
                    )?;
                sql::count(n)
            }
        };
        Ok(PersonSummary {
            name,
            aliases: aliases.into_iter().map(|(_, a)| a).collect(),
            scenes,
        })
    }
}
