//! What a metadata source (TMDB) says about a show, and how it fills a
//! drama without overwriting the user.
//!
//! The core never talks to the network: a client (`drakor-tmdb`) turns the
//! source's answers into a [`ShowInfo`], and the store applies it
//! ([`crate::Library::add_from_show`], [`crate::Library::fill_from_show`]).
//! What a source sends is untrusted text, so [`ShowInfo::cleaned`] drops
//! whatever would not pass Drakor's own checks (an overlong title, a runtime
//! of 0, a year of 1066) before anything is written.
//!
//! The fill-in rule is the one imports from other trackers follow: a field
//! the user has is kept, an empty one is filled. Episodes the source lists
//! that the library lacks are added with their titles, runtimes and air
//! dates; an episode's title and runtime are filled only where empty. Air
//! dates are the source's alone (nothing in Drakor edits them), so they
//! follow the source as broadcasters move them.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::drama::DramaDraft;
use crate::episode::check_episode_ref;
use crate::text;

/// A show as a metadata source describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ShowInfo {
    pub tmdb_id: u64,
    pub imdb_id: Option<String>,
    /// The title in the language asked for (`name`).
    pub name: String,
    /// The title in the show's own language (`original_name`): Hangul for
    /// a Korean drama.
    pub original_name: Option<String>,
    pub first_air_date: Option<NaiveDate>,
    /// The first of the source's countries of origin, e.g. `KR`.
    pub origin_country: Option<String>,
    /// The first network that airs it.
    pub network: Option<String>,
    /// Every episode of every season, specials (season 0) included.
    pub episodes: Vec<EpisodeInfo>,
}

/// One episode as a metadata source describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EpisodeInfo {
    pub season: u32,
    pub number: u32,
    pub title: Option<String>,
    pub runtime_min: Option<u32>,
    pub air_date: Option<NaiveDate>,
}

impl ShowInfo {
    /// The show with whatever Drakor would refuse taken out: text over its
    /// limits or with control characters, years outside 1900–2100,
    /// runtimes outside 1–1000 minutes, episodes with impossible numbers,
    /// and a second copy of an episode.
    pub fn cleaned(&self) -> ShowInfo {
        let line =
            |t: &Option<String>, max: usize| text::optional_line(t.as_deref(), max).ok().flatten();
        let mut seen = BTreeSet::new();
        let episodes = self
            .episodes
            .iter()
            .filter(|e| check_episode_ref(e.season, e.number).is_ok())
            .filter(|e| seen.insert((e.season, e.number)))
            .map(|e| EpisodeInfo {
                season: e.season,
                number: e.number,
                title: line(&e.title, text::MAX_TITLE_CHARS),
                runtime_min: e.runtime_min.filter(|m| (1..=1_000).contains(m)),
                air_date: e.air_date,
            })
            .collect();
        ShowInfo {
            tmdb_id: self.tmdb_id,
            imdb_id: line(&self.imdb_id, 32),
            name: text::title(&self.name).unwrap_or_default(),
            original_name: line(&self.original_name, text::MAX_TITLE_CHARS),
            first_air_date: self.first_air_date,
            origin_country: line(&self.origin_country, 64),
            network: line(&self.network, 100),
            episodes,
        }
    }

    /// Episodes of the regular seasons (specials are not counted).
    pub fn regular_episodes(&self) -> u32 {
        let count = self.episodes.iter().filter(|e| e.season >= 1).count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// The year it first aired, if that is a year Drakor takes.
    pub fn year(&self) -> Option<i32> {
        use chrono::Datelike;
        self.first_air_date
            .map(|d| d.year())
            .filter(|y| (1900..=2100).contains(y))
    }

    /// The drama a new entry from this show starts as: its titles, year,
    /// country, network, episode count and ids. The user reviews it before
    /// it is saved; everything else keeps its default.
    pub fn draft(&self) -> DramaDraft {
        let show = self.cleaned();
        let mut draft = DramaDraft::titled(show.name.clone());
        draft.original_title = show.original_name.clone().filter(|o| *o != show.name);
        draft.year = show.year();
        draft.country = show.origin_country.clone();
        draft.network = show.network.clone();
        draft.total_episodes = Some(show.regular_episodes()).filter(|&n| (1..=5_000).contains(&n));
        draft.external_ids.tmdb = Some(show.tmdb_id);
        draft.external_ids.imdb = show.imdb_id.clone();
        draft
    }

    /// `ours` with the show's values where ours are empty, the names of the
    /// fields that were filled, and a line for each value of the source's
    /// that differs from one the user kept.
    ///
    /// One value is not the user's alone: an episode total equal to the
    /// regular episodes the library holds (`stored_regular`), as a total
    /// filled from the source while a show airs is, grows with the source's
    /// when more episodes are announced.
    pub(crate) fn fill(
        &self,
        ours: &DramaDraft,
        stored_regular: usize,
    ) -> (DramaDraft, Vec<&'static str>, Vec<String>) {
        let theirs = self.draft();
        let mut merged = ours.clone();
        let mut filled = Vec::new();
        let mut kept = Vec::new();
        if let (Some(o), Some(t)) = (ours.total_episodes, theirs.total_episodes)
            && t > o
            && usize::try_from(o).is_ok_and(|o| o == stored_regular)
        {
            merged.total_episodes = Some(t);
            filled.push("total_episodes");
        }
        fn take<T: Clone + PartialEq + std::fmt::Display>(
            field: &'static str,
            ours: &mut Option<T>,
            theirs: &Option<T>,
            filled: &mut Vec<&'static str>,
            kept: &mut Vec<String>,
        ) {
            match (ours.as_ref(), theirs) {
                (None, Some(t)) => {
                    *ours = Some(t.clone());
                    filled.push(field);
                }
                (Some(o), Some(t)) if o != t => {
                    kept.push(format!("{field}: kept yours ({o}); TMDB has {t}"));
                }
                _ => {}
            }
        }
        let (f, k) = (&mut filled, &mut kept);
        take(
            "original_title",
            &mut merged.original_title,
            &theirs.original_title,
            f,
            k,
        );
        take("year", &mut merged.year, &theirs.year, f, k);
        take("country", &mut merged.country, &theirs.country, f, k);
        take("network", &mut merged.network, &theirs.network, f, k);
        take(
            "total_episodes",
            &mut merged.total_episodes,
            &theirs.total_episodes,
            f,
            k,
        );
        take(
            "external_ids.imdb",
            &mut merged.external_ids.imdb,
            &theirs.external_ids.imdb,
            f,
            k,
        );
        if merged.external_ids.tmdb != theirs.external_ids.tmdb {
            merged.external_ids.tmdb = theirs.external_ids.tmdb;
            filled.push("external_ids.tmdb");
        }
        (merged, filled, kept)
    }
}

/// What adding or filling a drama from a show did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filled {
    pub drama_id: Uuid,
    pub title: String,
    /// A new drama was added (`false`: an existing one was filled, or was
    /// already in the library under this TMDB id).
    pub added: bool,
    /// The drama's fields that were empty and now hold the source's value.
    pub fields: Vec<&'static str>,
    /// Episodes the library did not have.
    pub episodes_added: u32,
    /// Episodes that got a title, runtime or air date.
    pub episodes_filled: u32,
    /// Values of the source that differ from the user's, which were kept.
    pub kept: Vec<String>,
}

impl Filled {
    /// Whether anything in the library changed.
    pub fn changed(&self) -> bool {
        self.added || !self.fields.is_empty() || self.episodes_added > 0 || self.episodes_filled > 0
    }
}

/// A drama linked to a TMDB entry: what `drakor refresh --all` walks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedDrama {
    pub id: Uuid,
    pub title: String,
    pub tmdb_id: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goblin() -> ShowInfo {
        ShowInfo {
            tmdb_id: 67915,
            imdb_id: Some("tt5994346".into()),
            name: "Guardian: The Lonely and Great God".into(),
            original_name: Some("쓸쓸하고 찬란하神-도깨비".into()),
            first_air_date: NaiveDate::from_ymd_opt(2016, 12, 2),
            origin_country: Some("KR".into()),
            network: Some("tvN".into()),
            episodes: (1..=16)
                .map(|n| EpisodeInfo {
                    season: 1,
                    number: n,
                    title: Some(format!("Episode {n}")),
                    runtime_min: Some(80),
                    air_date: None,
                })
                .chain([EpisodeInfo {
                    season: 0,
                    number: 1,
                    ..EpisodeInfo::default()
                }])
                .collect(),
        }
    }

    #[test]
    fn a_show_becomes_a_draft_with_its_hangul_title_and_regular_episodes_only() {
        let draft = goblin().draft();
        assert_eq!(draft.title, "Guardian: The Lonely and Great God");
        assert_eq!(
            draft.original_title.as_deref(),
            Some("쓸쓸하고 찬란하神-도깨비")
        );
        assert_eq!(draft.year, Some(2016));
        assert_eq!(draft.total_episodes, Some(16), "the special is not counted");
        assert_eq!(draft.external_ids.tmdb, Some(67915));
        assert_eq!(draft.external_ids.imdb.as_deref(), Some("tt5994346"));
        assert!(draft.validate().is_ok());
    }

    #[test]
    fn what_drakor_would_refuse_is_taken_out_of_a_show() {
        let mut show = goblin();
        show.first_air_date = NaiveDate::from_ymd_opt(1066, 1, 1);
        show.network = Some("x".repeat(500));
        show.episodes[0].runtime_min = Some(0);
        show.episodes[1].title = Some("bad\u{7}title".into());
        show.episodes.push(show.episodes[2].clone());
        show.episodes.push(EpisodeInfo {
            season: 1,
            number: 0,
            ..EpisodeInfo::default()
        });
        let clean = show.cleaned();
        assert_eq!(clean.year(), None);
        assert_eq!(clean.network, None);
        assert_eq!(clean.episodes[0].runtime_min, None);
        assert_eq!(clean.episodes[1].title, None);
        assert_eq!(clean.episodes.len(), 17, "the copy and episode 0 are gone");
        assert!(show.draft().validate().is_ok());
    }

    #[test]
    fn filling_keeps_every_value_the_user_has_and_says_which_differ() {
        let mut ours = DramaDraft::titled("Goblin");
        ours.network = Some("tvN".into());
        ours.total_episodes = Some(15);
        let (merged, filled, kept) = goblin().fill(&ours, 0);
        assert_eq!(merged.title, "Goblin");
        assert_eq!(merged.total_episodes, Some(15));
        assert_eq!(merged.year, Some(2016));
        assert!(filled.contains(&"year") && filled.contains(&"original_title"));
        assert!(!filled.contains(&"network"), "{filled:?}");
        assert_eq!(
            kept,
            ["total_episodes: kept yours (15); TMDB has 16".to_owned()]
        );
        let (again, filled_again, _) = goblin().fill(&merged, 16);
        assert_eq!(again, merged);
        assert!(filled_again.is_empty(), "{filled_again:?}");
    }

    #[test]
    fn a_total_that_counts_the_episodes_already_had_grows_as_more_are_announced() {
        let mut ours = DramaDraft::titled("Goblin");
        ours.total_episodes = Some(8);
        let (merged, filled, kept) = goblin().fill(&ours, 8);
        assert_eq!(merged.total_episodes, Some(16));
        assert!(filled.contains(&"total_episodes") && kept.is_empty());
        let (typed, _, kept) = goblin().fill(&ours, 3);
        assert_eq!(
            typed.total_episodes,
            Some(8),
            "a total the user typed stays"
        );
        assert_eq!(kept.len(), 1);
    }
}
