//! The tags in use, for autocomplete and the tag filters.

use std::collections::BTreeMap;

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
    ///
    /// Each kind is counted on its own tag index, which walks in tag order
    /// and needs no sort (8 ms for 145,000 scene tags, against 55 ms for
    /// one `GROUP BY` over both tables together); the two are merged here.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut counts: BTreeMap<String, TagCount> = BTreeMap::new();
        for (table, of_dramas) in [("drama_tags", true), ("scene_tags", false)] {
            let mut stmt = self
                .conn()
                .prepare_cached(&format!("SELECT tag, count(*) FROM {table} GROUP BY tag"))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let tag: String = row.get(0)?;
                let n: u32 = row.get(1)?;
                let count = counts.entry(tag.clone()).or_insert(TagCount {
                    tag,
                    dramas: 0,
                    scenes: 0,
                });
                if of_dramas {
                    count.dramas = n;
                } else {
                    count.scenes = n;
                }
            }
        }
        let mut out: Vec<TagCount> = counts.into_values().collect();
        // Stable: equal totals stay in tag order.
        out.sort_by_key(|t| std::cmp::Reverse(t.dramas + t.scenes));
        Ok(out)
    }
}
