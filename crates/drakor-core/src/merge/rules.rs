//! How two versions of one drama or episode become one (the rules are
//! described in [`crate::merge`]).

use chrono::{DateTime, Utc};

use crate::drama::DramaDraft;
use crate::episode::EpisodeNotes;
use crate::error::Problems;

/// The drama `ours` with what `theirs` adds (see [`crate::merge`]), or the
/// problems of a combination that would not pass the checks (notes over
/// the limit once joined, too many tags, a finish date before the start).
pub(crate) fn fill_in(
    ours: &DramaDraft,
    theirs: &DramaDraft,
    theirs_newer: bool,
) -> Result<DramaDraft, Problems> {
    fn newest<T>(ours: Option<T>, theirs: Option<T>, theirs_newer: bool) -> Option<T> {
        if theirs_newer {
            theirs.or(ours)
        } else {
            ours.or(theirs)
        }
    }
    let mut merged = ours.clone();
    merged.original_title = ours
        .original_title
        .clone()
        .or_else(|| theirs.original_title.clone());
    merged.country = ours.country.clone().or_else(|| theirs.country.clone());
    merged.network = ours.network.clone().or_else(|| theirs.network.clone());
    merged.year = ours.year.or(theirs.year);
    merged.total_episodes = newest(ours.total_episodes, theirs.total_episodes, theirs_newer);
    if theirs_newer {
        merged.status = theirs.status;
    }
    merged.rating = newest(ours.rating, theirs.rating, theirs_newer);
    merged.started_on = match (ours.started_on, theirs.started_on) {
        (Some(o), Some(t)) => Some(o.min(t)),
        (o, t) => o.or(t),
    };
    merged.finished_on = newest(ours.finished_on, theirs.finished_on, theirs_newer);
    merged.rewatch_count = ours.rewatch_count.max(theirs.rewatch_count);
    for tag in &theirs.tags {
        if !merged.tags.contains(tag) {
            merged.tags.push(tag.clone());
        }
    }
    merged.notes = joined_notes(&ours.notes, &theirs.notes);
    let (o, t) = (&ours.external_ids, &theirs.external_ids);
    merged.external_ids.tmdb = o.tmdb.or(t.tmdb);
    merged.external_ids.imdb = o.imdb.clone().or_else(|| t.imdb.clone());
    merged.external_ids.mdl = o.mdl.clone().or_else(|| t.mdl.clone());
    merged.external_ids.trakt = o.trakt.or(t.trakt);
    for link in &theirs.links {
        if !merged.links.iter().any(|l| l.url == link.url) {
            merged.links.push(link.clone());
        }
    }
    merged.validate()
}

/// An episode's notes with what the file adds: its title and runtime fill
/// gaps, its rating wins when the file is newer, its notes are appended.
/// A combination over a limit (notes too long once joined) gives its
/// problems.
pub(crate) fn fill_in_episode(
    ours: &EpisodeNotes,
    theirs: &EpisodeNotes,
    theirs_newer: bool,
) -> Result<EpisodeNotes, Problems> {
    EpisodeNotes {
        title: ours.title.clone().or_else(|| theirs.title.clone()),
        runtime_min: ours.runtime_min.or(theirs.runtime_min),
        rating: if theirs_newer {
            theirs.rating.or(ours.rating)
        } else {
            ours.rating.or(theirs.rating)
        },
        notes: joined_notes(&ours.notes, &theirs.notes),
    }
    .validate()
}

/// An episode of a Drakor file merged with ours (see [`crate::merge`]):
/// each field is the newer side's, unless the newer side has it empty, and
/// the merge is the same whichever side imports the other.
pub(crate) fn newest_episode(
    ours: &EpisodeNotes,
    ours_at: DateTime<Utc>,
    theirs: &EpisodeNotes,
    theirs_at: DateTime<Utc>,
) -> EpisodeNotes {
    // The same instant on both sides with different notes: the larger
    // notes win, so both libraries settle on the same ones.
    let key = |n: &EpisodeNotes| {
        (
            n.notes.clone(),
            n.rating.map(f64::to_bits),
            n.title.clone(),
            n.runtime_min,
        )
    };
    let theirs_win = theirs_at > ours_at || (theirs_at == ours_at && key(theirs) > key(ours));
    let (new, old) = if theirs_win {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    EpisodeNotes {
        title: new.title.clone().or_else(|| old.title.clone()),
        runtime_min: new.runtime_min.or(old.runtime_min),
        rating: new.rating.or(old.rating),
        notes: if new.notes.is_empty() {
            old.notes.clone()
        } else {
            new.notes.clone()
        },
    }
}

/// Our notes, then theirs after a blank line unless ours hold them already.
fn joined_notes(ours: &str, theirs: &str) -> String {
    let theirs = theirs.trim();
    if theirs.is_empty() || ours.contains(theirs) {
        ours.to_owned()
    } else if ours.trim().is_empty() {
        theirs.to_owned()
    } else {
        format!("{}\n\n{theirs}", ours.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drama::{ExternalIds, Status};
    use chrono::NaiveDate;

    fn day(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    fn ours() -> DramaDraft {
        DramaDraft {
            title: "나의 아저씨".into(),
            original_title: Some("나의 아저씨".into()),
            status: Status::Watching,
            rating: Some(9.0),
            started_on: day("2025-01-05"),
            tags: vec!["healing".into()],
            notes: "Watch with tissues.".into(),
            external_ids: ExternalIds {
                tmdb: Some(76662),
                ..ExternalIds::default()
            },
            ..DramaDraft::default()
        }
    }

    fn theirs() -> DramaDraft {
        DramaDraft {
            title: "My Mister".into(),
            year: Some(2018),
            total_episodes: Some(16),
            status: Status::Completed,
            rating: Some(10.0),
            started_on: day("2025-01-01"),
            finished_on: day("2025-01-16"),
            tags: vec!["healing".into(), "trakt".into()],
            notes: "Best ending.".into(),
            external_ids: ExternalIds {
                trakt: Some(130_001),
                tmdb: Some(1),
                ..ExternalIds::default()
            },
            ..DramaDraft::default()
        }
    }

    #[test]
    fn a_newer_file_updates_what_changes_and_keeps_what_only_drakor_knows() {
        let merged = fill_in(&ours(), &theirs(), true).expect("within the limits");
        assert_eq!(merged.title, "나의 아저씨", "the title stays ours");
        assert_eq!(merged.year, Some(2018), "a missing year is filled in");
        assert_eq!(merged.status, Status::Completed);
        assert_eq!(merged.rating, Some(10.0));
        assert_eq!(merged.started_on, day("2025-01-01"), "the earlier start");
        assert_eq!(merged.tags, vec!["healing", "trakt"]);
        assert_eq!(merged.notes, "Watch with tissues.\n\nBest ending.");
        assert_eq!(merged.external_ids.tmdb, Some(76662), "our ids stay");
        assert_eq!(merged.external_ids.trakt, Some(130_001));
    }

    #[test]
    fn an_older_file_only_fills_gaps() {
        let merged = fill_in(&ours(), &theirs(), false).expect("within the limits");
        assert_eq!(merged.status, Status::Watching);
        assert_eq!(merged.rating, Some(9.0));
        assert_eq!(merged.total_episodes, Some(16));
        assert_eq!(merged.finished_on, day("2025-01-16"));
    }

    #[test]
    fn merging_the_same_file_twice_gives_the_same_drama() {
        let once = fill_in(&ours(), &theirs(), true).expect("within the limits");
        assert_eq!(fill_in(&once, &theirs(), false), Ok(once.clone()));
        assert_eq!(fill_in(&once, &theirs(), true), Ok(once));
    }

    #[test]
    fn a_merge_that_would_break_a_check_names_the_field_instead_of_keeping_ours() {
        let mut ours = ours();
        ours.started_on = day("2026-01-01");
        let mut theirs = theirs();
        theirs.started_on = None;
        let problems =
            fill_in(&ours, &theirs, true).expect_err("finished 2025 before starting 2026");
        assert!(
            problems.to_string().starts_with("finished_on: "),
            "{problems}"
        );
    }

    #[test]
    fn notes_joined_over_the_limit_are_a_problem_not_our_notes_kept() {
        let mut ours = ours();
        ours.notes = "a".repeat(60 * 1024);
        let mut theirs = theirs();
        theirs.notes = "b".repeat(60 * 1024);
        let problems = fill_in(&ours, &theirs, false).expect_err("120 KB of notes");
        assert!(
            problems
                .to_string()
                .starts_with("notes: are 121 KB long; the limit is 100 KB"),
            "{problems}"
        );
        let episode = |notes: &str| EpisodeNotes {
            notes: notes.into(),
            ..EpisodeNotes::default()
        };
        let problems = fill_in_episode(&episode(&ours.notes), &episode(&theirs.notes), true)
            .expect_err("120 KB of episode notes");
        assert!(problems.to_string().starts_with("notes: "), "{problems}");
    }

    #[test]
    fn tags_united_over_the_limit_are_a_problem() {
        let mut ours = ours();
        ours.tags = (0..6_000).map(|i| format!("ours-{i}")).collect();
        let mut theirs = theirs();
        theirs.tags = (0..6_000).map(|i| format!("theirs-{i}")).collect();
        let problems = fill_in(&ours, &theirs, true).expect_err("12,000 tags");
        assert!(
            problems
                .to_string()
                .starts_with("tags: 12000 different tags"),
            "{problems}"
        );
    }

    fn episode_notes(rating: Option<f64>, notes: &str) -> EpisodeNotes {
        EpisodeNotes {
            rating,
            notes: notes.into(),
            ..EpisodeNotes::default()
        }
    }

    fn instant(ms: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(ms).expect("an instant")
    }

    #[test]
    fn a_newer_episode_without_a_rating_keeps_the_rating_it_does_not_have() {
        let ours = episode_notes(Some(9.0), "");
        let theirs = episode_notes(None, "Cried at the bus stop.");
        let merged = newest_episode(&ours, instant(1), &theirs, instant(2));
        assert_eq!(merged, episode_notes(Some(9.0), "Cried at the bus stop."));
        let merged = newest_episode(&theirs, instant(2), &ours, instant(1));
        assert_eq!(
            merged,
            episode_notes(Some(9.0), "Cried at the bus stop."),
            "either way round"
        );
    }

    #[test]
    fn the_newer_episode_wins_each_field_it_has() {
        let ours = episode_notes(Some(9.0), "First thoughts.");
        let theirs = episode_notes(Some(7.5), "Second thoughts.");
        assert_eq!(
            newest_episode(&ours, instant(1), &theirs, instant(2)),
            theirs
        );
        assert_eq!(newest_episode(&ours, instant(3), &theirs, instant(2)), ours);
        assert_eq!(
            newest_episode(&ours, instant(2), &theirs, instant(2)),
            newest_episode(&theirs, instant(2), &ours, instant(2)),
            "a tie is settled the same way on both sides"
        );
    }
}
