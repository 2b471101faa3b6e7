//! Full-text search over dramas, scenes and episodes (SQLite FTS5 with
//! trigrams): how typed words are read is in `query`, how the index is kept
//! in `index`, and the order of the results is [`SearchMatch`]'s.

mod index;
mod query;

use std::sync::LazyLock;

use rusqlite::{ToSql, params};
use serde::Serialize;
use uuid::Uuid;

use crate::error::Result;
use crate::scene_time::SceneTime;
use crate::store::{Library, sql};

pub(crate) use index::{
    DeferredIndex, forget_drama_tx, forget_scene_tx, reindex_drama_tx, reindex_episodes_of_tx,
    reindex_scene_tx,
};
pub(crate) use query::Query;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchHitKind {
    Drama,
    Scene,
    /// An episode's title or notes matched.
    Episode,
}

impl SearchHitKind {
    fn from_sql(kind: &str) -> rusqlite::Result<Self> {
        match kind {
            "drama" => Ok(SearchHitKind::Drama),
            "scene" => Ok(SearchHitKind::Scene),
            "episode" => Ok(SearchHitKind::Episode),
            other => Err(sql::bad_value(
                rusqlite::types::Type::Text,
                format!("{other:?} is no kind of search hit"),
            )),
        }
    }
}

/// Where a hit's words were found, which orders the results: every hit
/// of one kind of match comes before every hit of the next, in the order
/// listed here. A hit counts as the first kind whose fields hold every
/// word typed (a scene with `kiss` in its title and `Gong Yoo` among its
/// people is a [`TagsOrPeople`](Self::TagsOrPeople) match for
/// `kiss gong yoo`). Within one kind of match, dramas come before scenes
/// and scenes before episodes, and of each the newest (the last added)
/// first. Nothing is ordered by a relevance score: the rule is what a user
/// sees, and (measured) bm25 over a trigram index cost more than the rest
/// of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchMatch {
    /// A drama's title or original title.
    DramaTitle,
    /// A scene's or an episode's title.
    Title,
    /// A scene's tags, people, song or famous line, or a drama's tags
    /// (with its title).
    TagsOrPeople,
    /// Anything else: the words are (also) in notes.
    Notes,
}

impl SearchMatch {
    const IN_ORDER: [SearchMatch; 4] = [
        SearchMatch::DramaTitle,
        SearchMatch::Title,
        SearchMatch::TagsOrPeople,
        SearchMatch::Notes,
    ];

    fn from_sql(tier: i64) -> rusqlite::Result<Self> {
        usize::try_from(tier)
            .ok()
            .and_then(|i| Self::IN_ORDER.get(i).copied())
            .ok_or_else(|| {
                sql::bad_value(
                    rusqlite::types::Type::Integer,
                    format!("{tier} is no kind of search match"),
                )
            })
    }
}

/// One search result: a drama, a scene with its drama, or an episode with
/// its drama. Every hit names its drama (`drama_id` opens it); a scene or
/// an episode also says where it is (`season`, `episode`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: SearchHitKind,
    /// Where the words were found (the order of the results).
    pub matched: SearchMatch,
    pub drama_id: Uuid,
    pub drama_title: String,
    pub drama_original_title: Option<String>,
    pub scene_id: Option<Uuid>,
    pub scene_title: Option<String>,
    /// The season of a scene or episode hit.
    pub season: Option<u32>,
    /// The episode number of a scene or episode hit.
    pub episode: Option<u32>,
    /// The title the user gave an episode hit, if any.
    pub episode_title: Option<String>,
    pub start: Option<SceneTime>,
    /// The matching text around the words found, with each match between
    /// `\u{2}` and `\u{3}` so a UI can highlight it without parsing markup.
    pub snippet: String,
}

impl Library {
    /// Finds dramas, scenes and episodes whose titles, original titles,
    /// notes, tags or people contain every word of `text` anywhere (see
    /// `query`), in the order of [`SearchMatch`].
    ///
    /// A word as common as `kiss` matches tens of thousands of scenes in a
    /// large library, and ranking them all (bm25) and cutting a snippet of
    /// each took a third of a second. So the hits are chosen among the
    /// newest [`SEARCH_CANDIDATES`] matches of each kind of hit and match
    /// (or `limit`, if larger), and only the hits returned get a snippet: a
    /// word with fewer matches is ordered exactly, and for a common word the
    /// newest of its many good matches come first.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(query) = Query::read(self.conn(), text)? else {
            return Ok(Vec::new());
        };
        let limit = limit.clamp(1, 1_000) as i64;
        let Some(fts) = &query.fts else {
            return self.dramas_by_letters(&query, limit);
        };
        let candidates = limit.max(SEARCH_CANDIDATES);
        let mut stmt = self.conn().prepare_cached(&SEARCH_SQL)?;
        let rows = stmt.query_map(
            params![fts, limit, candidates, query.single_patterns()],
            |row| {
                let kind: String = row.get(0)?;
                let drama_id: String = row.get(2)?;
                let scene_id: Option<String> = row.get(5)?;
                Ok(SearchHit {
                    kind: SearchHitKind::from_sql(&kind)?,
                    matched: SearchMatch::from_sql(row.get(1)?)?,
                    drama_id: sql::uuid(&drama_id)?,
                    drama_title: row.get(3)?,
                    drama_original_title: row.get(4)?,
                    scene_id: scene_id.as_deref().map(sql::uuid).transpose()?,
                    scene_title: row.get(6)?,
                    season: row.get(7)?,
                    episode: row.get(8)?,
                    start: row
                        .get::<_, Option<u32>>(9)?
                        .and_then(SceneTime::from_millis),
                    episode_title: row.get(10)?,
                    snippet: row
                        .get::<_, Option<String>>(11)?
                        .map(|s| s.trim_end().to_owned())
                        .unwrap_or_default(),
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A search of single characters only: the dramas whose title or
    /// original title holds each of them (a scan of the dramas, a few
    /// thousand short rows at most), by title.
    fn dramas_by_letters(&self, query: &Query, limit: i64) -> Result<Vec<SearchHit>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT d.id, d.title, d.original_title FROM dramas d WHERE {}
                 ORDER BY d.title COLLATE NOCASE, d.pk LIMIT ?2",
            letters_in(DRAMA_NAMES, 1)
        ))?;
        let rows = stmt.query_map(params![query.single_patterns(), limit], |row| {
            let id: String = row.get(0)?;
            let title: String = row.get(1)?;
            let original: Option<String> = row.get(2)?;
            let shown = match &original {
                Some(o) if query.singles.iter().any(|c| holds(o, c)) => o.clone(),
                _ => title.clone(),
            };
            Ok(SearchHit {
                kind: SearchHitKind::Drama,
                matched: SearchMatch::DramaTitle,
                drama_id: sql::uuid(&id)?,
                drama_title: title,
                drama_original_title: original,
                scene_id: None,
                scene_title: None,
                season: None,
                episode: None,
                episode_title: None,
                start: None,
                snippet: marked(&shown, &query.singles),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// How many of the newest matches of each kind of hit and match a search
/// orders (see [`Library::search`]).
pub const SEARCH_CANDIDATES: i64 = 500;

/// What is searched, per kind of hit (in the order of the results): its
/// table, all its text (for single characters) and the columns of each kind
/// of match; the last kind (`None`) is every column.
struct Source {
    table: &'static str,
    text: &'static str,
    matches: &'static [(SearchMatch, Option<&'static str>)],
}

const SOURCES: [Source; 3] = [
    Source {
        table: "drama_search",
        text: "drama_search.title || drama_search.original_title || drama_search.notes || drama_search.tags",
        matches: &[
            (SearchMatch::DramaTitle, Some("{title original_title}")),
            (
                SearchMatch::TagsOrPeople,
                Some("{title original_title tags}"),
            ),
            (SearchMatch::Notes, None),
        ],
    },
    Source {
        table: "scene_search",
        text: "scene_search.title || scene_search.notes || scene_search.tags || scene_search.people
               || scene_search.song || scene_search.quote",
        matches: &[
            (SearchMatch::Title, Some("{title}")),
            (
                SearchMatch::TagsOrPeople,
                Some("{title tags people song quote}"),
            ),
            (SearchMatch::Notes, None),
        ],
    },
    Source {
        table: "episode_search",
        text: "episode_search.title || episode_search.notes",
        matches: &[
            (SearchMatch::Title, Some("{title}")),
            (SearchMatch::Notes, None),
        ],
    },
];

/// The search: `?1` the FTS5 expression, `?2` the limit, `?3` the
/// candidates per kind of hit and match, `?4` the single characters' LIKE
/// patterns. Each kind of match is its own query on the index (a column
/// filter); a hit found by several takes the first. Snippets are cut for
/// the hits returned only, by one pass over the index per kind of hit
/// (between the least and the greatest key returned): looked up one hit at
/// a time, they took 0.7 ms each for a word as common as `umbrella`.
static SEARCH_SQL: LazyLock<String> = LazyLock::new(|| {
    let mut found = Vec::new();
    let mut snippets = Vec::new();
    for (order, source) in SOURCES.iter().enumerate() {
        let Source { table, text, .. } = source;
        for (matched, columns) in source.matches {
            let expr = match columns {
                Some(columns) => format!("'{columns} : (' || ?1 || ')'"),
                None => "?1".to_owned(),
            };
            found.push(format!(
                "SELECT * FROM (
                    SELECT {order} AS kind, rowid AS pk, {tier} AS tier
                    FROM {table} WHERE {table} MATCH {expr} AND {letters}
                    ORDER BY rowid DESC LIMIT ?3)",
                tier = *matched as i64,
                letters = letters_in(text, 4),
            ));
        }
        snippets.push(format!(
            "SELECT {order} AS kind, rowid AS pk,
                    snippet({table}, -1, char(2), char(3), '…', 48) AS snip
             FROM {table} WHERE {table} MATCH ?1
               AND rowid BETWEEN (SELECT min(pk) FROM top WHERE kind = {order})
                             AND (SELECT max(pk) FROM top WHERE kind = {order})
               AND +rowid IN (SELECT pk FROM top WHERE kind = {order})"
        ));
    }
    format!(
        "WITH found AS ({found}),
              best AS (SELECT kind, pk, min(tier) AS tier FROM found GROUP BY kind, pk),
              top AS MATERIALIZED (SELECT * FROM best ORDER BY tier, kind, pk DESC LIMIT ?2),
              snips AS MATERIALIZED ({snippets})
         SELECT CASE top.kind WHEN 0 THEN 'drama' WHEN 1 THEN 'scene' ELSE 'episode' END,
                top.tier, d.id, d.title, d.original_title, s.id, s.title,
                coalesce(s.season, e.season), coalesce(s.episode, e.number), s.start_ms, e.title,
                snips.snip
         FROM top
         LEFT JOIN snips ON snips.kind = top.kind AND snips.pk = top.pk
         LEFT JOIN scenes s ON top.kind = 1 AND s.pk = top.pk
         LEFT JOIN episodes e ON top.kind = 2 AND e.pk = top.pk
         JOIN dramas d ON d.pk = CASE top.kind WHEN 0 THEN top.pk
                                              WHEN 1 THEN s.drama_pk ELSE e.drama_pk END
         ORDER BY top.tier, top.kind, top.pk DESC",
        found = found.join("\n UNION ALL "),
        snippets = snippets.join("\n UNION ALL "),
    )
});

/// The title and original title of a drama `d`, which single characters
/// alone are looked for in.
const DRAMA_NAMES: &str = "d.title || ' ' || coalesce(d.original_title, '')";

/// The condition that the text `expr` holds each single character whose
/// LIKE pattern is in the JSON array parameter `param`.
fn letters_in(expr: &str, param: usize) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM json_each(?{param}) w WHERE ({expr}) NOT LIKE w.value ESCAPE '\\')"
    )
}

/// The library list's text filter, a condition on a drama `d`: the dramas
/// a search for `query` finds, by their own entry, a scene or an episode.
pub(crate) fn drama_condition(query: &Query, params: &mut Vec<Box<dyn ToSql>>) -> String {
    params.push(Box::new(query.single_patterns()));
    let letters = params.len();
    let Some(fts) = &query.fts else {
        return letters_in(DRAMA_NAMES, letters);
    };
    params.push(Box::new(fts.clone()));
    let n = params.len();
    let [drama, scene, episode] = SOURCES.map(|source| letters_in(source.text, letters));
    format!(
        "d.pk IN (SELECT rowid FROM drama_search WHERE drama_search MATCH ?{n} AND {drama}
                  UNION SELECT s.drama_pk FROM scene_search JOIN scenes s ON s.pk = scene_search.rowid
                  WHERE scene_search MATCH ?{n} AND {scene}
                  UNION SELECT e.drama_pk FROM episode_search JOIN episodes e ON e.pk = episode_search.rowid
                  WHERE episode_search MATCH ?{n} AND {episode})"
    )
}

/// Whether `text` holds `letter`, ASCII letters in either case (as LIKE
/// compares them).
fn holds(text: &str, letter: &str) -> bool {
    text.to_lowercase().contains(letter)
}

/// `text` with each of `letters` between `\u{2}` and `\u{3}`.
fn marked(text: &str, letters: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        let lower: String = c.to_lowercase().collect();
        if letters.contains(&lower) {
            out.push('\u{2}');
            out.push(c);
            out.push('\u{3}');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_letters_are_marked_in_either_case() {
        assert_eq!(
            marked("Goblin 도깨비", &["g".into(), "깨".into()]),
            "\u{2}G\u{3}oblin 도\u{2}깨\u{3}비"
        );
    }

    #[test]
    fn the_kinds_of_match_are_ordered_as_listed() {
        let mut kinds = SearchMatch::IN_ORDER;
        kinds.sort();
        assert_eq!(kinds, SearchMatch::IN_ORDER);
        // The search writes a match's tier as its discriminant and reads it
        // back as a place in the list: the two must agree.
        for (i, kind) in SearchMatch::IN_ORDER.iter().enumerate() {
            assert_eq!(*kind as i64, i as i64, "{kind:?}");
            assert_eq!(SearchMatch::from_sql(*kind as i64).ok(), Some(*kind));
        }
        assert!(SearchMatch::from_sql(4).is_err());
    }
}
