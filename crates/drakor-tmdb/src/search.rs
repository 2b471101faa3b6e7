//! One search result, as `drakor lookup` lists it and the app's picker shows
//! it: enough to tell two shows of the same name apart (year, country,
//! original title, overview, poster) before fetching the whole show.

use serde::Serialize;

use crate::show::{date, text};
use crate::wire;

/// A show TMDB found for a search. Serialized (by `drakor lookup --json`)
/// with these keys, in this order; `first_air_date` is `null` when TMDB has
/// none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub tmdb_id: u64,
    pub name: String,
    pub original_name: String,
    /// `YYYY-MM-DD`, as TMDB has it.
    pub first_air_date: Option<String>,
    pub origin_country: Vec<String>,
    pub overview: String,
    pub poster_path: Option<String>,
}

impl Match {
    pub(crate) fn from_wire(r: wire::SearchResult) -> Match {
        Match {
            tmdb_id: r.id,
            name: r.name.trim().to_owned(),
            original_name: r.original_name.trim().to_owned(),
            // Kept as text (the JSON shows TMDB's date), but only a real date.
            first_air_date: text(r.first_air_date).filter(|d| date(Some(d)).is_some()),
            origin_country: r
                .origin_country
                .into_iter()
                .filter_map(|c| text(Some(c)))
                .collect(),
            overview: r.overview.trim().to_owned(),
            poster_path: text(r.poster_path),
        }
    }
}
