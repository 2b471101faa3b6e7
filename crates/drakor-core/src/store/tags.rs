//! The tags in use, for autocomplete and the tag filters.

use serde::Serialize;

use crate::error::Result;
use crate::store::Library;

/// A tag and how often it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub tag: String,
    pub dramas: u32,
    pub scenes: u32,
}

impl Library {
    /// Every tag on a drama or a scene, most used first.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT tag, sum(d), sum(s) FROM (
                SELECT tag, 1 AS d, 0 AS s FROM drama_tags
                UNION ALL SELECT tag, 0, 1 FROM scene_tags
             ) GROUP BY tag ORDER BY sum(d) + sum(s) DESC, tag",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(TagCount {
                tag: row.get(0)?,
                dramas: row.get(1)?,
                scenes: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
