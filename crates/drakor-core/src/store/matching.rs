//! How the dramas of a file being imported are found in the library: by
//! id, by an external id, and (for files of other trackers, and dramas
//! without an id) by title and year.

use std::collections::{HashMap, HashSet};

use rusqlite::Transaction;
use uuid::Uuid;

use crate::drama::ExternalIds;
use crate::error::Result;
use crate::merge::{MergeRule, ValidDrama};
use crate::store::sql;

/// How the dramas already in the library are found.
#[derive(Default)]
pub(super) struct DramaIndex {
    by_id: HashMap<Uuid, i64>,
    by_tmdb: HashMap<u64, i64>,
    by_imdb: HashMap<String, i64>,
    by_mdl: HashMap<String, i64>,
    by_trakt: HashMap<u64, i64>,
    by_title_year: HashMap<(String, Option<i32>), i64>,
    /// Every drama of a title with its year, for files that know no year.
    by_title: HashMap<String, Vec<(i64, Option<i32>)>>,
    pub updated_at: HashMap<i64, i64>,
    /// Each drama's id and title, to name it in problems.
    names: HashMap<i64, (Uuid, String)>,
    /// Dramas an earlier drama of the file being imported matched or added.
    /// Another drama of the same file (another id) never merges into one of
    /// them: the file holds them apart, so the library must too, or a
    /// second import of the file, or a restore of the library's export,
    /// would not give the same dramas.
    pub claimed: HashSet<i64>,
}

impl DramaIndex {
    pub fn load(tx: &Transaction<'_>) -> Result<Self> {
        let mut index = DramaIndex::default();
        let mut stmt = tx.prepare(
            "SELECT pk, id, title, year, tmdb_id, imdb_id, mdl_url, updated_at, trakt_id FROM dramas",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let pk: i64 = row.get(0)?;
            let id: String = row.get(1)?;
            let title: String = row.get(2)?;
            let ids = ExternalIds {
                tmdb: row.get::<_, Option<i64>>(4)?.map(|v| v as u64),
                imdb: row.get(5)?,
                mdl: row.get(6)?,
                trakt: row.get::<_, Option<i64>>(8)?.map(|v| v as u64),
            };
            let id = sql::uuid(&id)?;
            index.add(pk, id, &title, row.get(3)?, &ids, row.get(7)?);
        }
        Ok(index)
    }

    pub fn add(
        &mut self,
        pk: i64,
        id: Uuid,
        title: &str,
        year: Option<i32>,
        ids: &ExternalIds,
        updated_at: i64,
    ) {
        self.by_id.insert(id, pk);
        self.names.insert(pk, (id, title.to_owned()));
        if let Some(v) = ids.tmdb {
            self.by_tmdb.entry(v).or_insert(pk);
        }
        if let Some(v) = &ids.imdb {
            self.by_imdb.entry(v.clone()).or_insert(pk);
        }
        if let Some(v) = &ids.mdl {
            self.by_mdl.entry(v.clone()).or_insert(pk);
        }
        if let Some(v) = ids.trakt {
            self.by_trakt.entry(v).or_insert(pk);
        }
        let title = title.to_lowercase();
        self.by_title
            .entry(title.clone())
            .or_default()
            .push((pk, year));
        self.by_title_year.entry((title, year)).or_insert(pk);
        self.updated_at.insert(pk, updated_at);
    }

    /// Our drama `pk` as problems name it: `"Goblin" (id …)`.
    pub fn named(&self, pk: i64) -> String {
        match self.names.get(&pk) {
            Some((id, title)) => format!("{} (id {id})", crate::text::shown(title)),
            None => format!("drama {pk}"),
        }
    }

    /// A drama of ours, not matched yet by this file, with `drama`'s title
    /// (in any case) and its year, or no year on one side.
    pub fn same_title(&self, drama: &ValidDrama) -> Option<i64> {
        let year = drama.fields.year;
        self.by_title
            .get(&drama.fields.title.to_lowercase())?
            .iter()
            .find(|(pk, theirs)| {
                !self.claimed.contains(pk)
                    && (year.is_none() || theirs.is_none() || *theirs == year)
            })
            .map(|&(pk, _)| pk)
    }

    pub fn find(&self, drama: &ValidDrama, rule: MergeRule) -> Option<i64> {
        if let Some(&pk) = self.by_id.get(&drama.id) {
            return Some(pk);
        }
        let ids = &drama.fields.external_ids;
        let title = drama.fields.title.to_lowercase();
        let free = |pk: &&i64| !self.claimed.contains(*pk);
        ids.tmdb
            .and_then(|v| self.by_tmdb.get(&v))
            .filter(free)
            .or_else(|| {
                ids.imdb
                    .as_ref()
                    .and_then(|v| self.by_imdb.get(v))
                    .filter(free)
            })
            .or_else(|| {
                ids.mdl
                    .as_ref()
                    .and_then(|v| self.by_mdl.get(v))
                    .filter(free)
            })
            .or_else(|| ids.trakt.and_then(|v| self.by_trakt.get(&v)).filter(free))
            .or_else(|| {
                // A Drakor file's drama with an id of its own that only
                // shares a title with ours is refused (see `merge_tx`).
                (rule == MergeRule::FillIn || !drama.id_given)
                    .then(|| self.by_title_year.get(&(title.clone(), drama.fields.year)))
                    .flatten()
                    .filter(free)
            })
            .copied()
            .or_else(|| match rule {
                // Other trackers often know no year (Yamtrack, Watcharr): a
                // title then matches when one drama alone has it, and one
                // side or the other lacks the year.
                MergeRule::FillIn => {
                    let mut fits = self.by_title.get(&title)?.iter().filter(|(pk, year)| {
                        !self.claimed.contains(pk)
                            && (drama.fields.year.is_none() || year.is_none())
                    });
                    match (fits.next(), fits.next()) {
                        (Some(&(pk, _)), None) => Some(pk),
                        _ => None,
                    }
                }
                MergeRule::NewerWins => None,
            })
    }
}
