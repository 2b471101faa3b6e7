//! `watched-shows.json`: every show watched, with how many times each of
//! its episodes was played and when it was played last, but not when the
//! earlier plays were.
//!
//! An episode played `plays` times becomes that many watches: the last at
//! its `last_watched_at`, the earlier ones at the fixed instants of watches
//! without a date, [`undated`]`(0)`, `(1)`, … (1970-01-01T00:00:00.000Z,
//! .001Z, …). Both follow from the file alone, so the same file gives the
//! same watches again and a second import adds none. An episode without a
//! `last_watched_at` has all its plays at those instants. `plays` missing or
//! 0 counts as one play: the file lists only what was watched.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::entries::ShowWatched;
use super::reader::Reader;
use crate::interop::common::{MAX_UNDATED, ms, undated};

/// What `watched-shows.json` says of one episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Played {
    /// 1 to [`MAX_UNDATED`].
    pub(super) plays: u32,
    pub(super) last: Option<DateTime<Utc>>,
}

impl Played {
    /// The instants of the episode's plays (see the module's doc).
    pub(super) fn instants(self) -> BTreeSet<DateTime<Utc>> {
        let undated_plays = match self.last {
            Some(_) => self.plays - 1,
            None => self.plays,
        };
        (0..undated_plays).map(undated).chain(self.last).collect()
    }

    /// The two said of one episode as one: the more plays, the later last
    /// play.
    fn and(self, other: Played) -> Played {
        Played {
            plays: self.plays.max(other.plays),
            last: self.last.max(other.last),
        }
    }
}

impl Reader {
    /// Reads an entry of `watched-shows.json` at `at`.
    pub(super) fn shown(&mut self, entry: ShowWatched, at: &str) {
        let mut played = Vec::new();
        for (s, season) in entry.seasons.unwrap_or_default().into_iter().enumerate() {
            let season_at = format!("{at}.seasons[{s}]");
            let Some(season_number) = season.number else {
                self.problems.push(
                    format!("{season_at}.number"),
                    "missing; every season needs a number",
                );
                continue;
            };
            for (e, episode) in season.episodes.unwrap_or_default().into_iter().enumerate() {
                let episode_at = format!("{season_at}.episodes[{e}]");
                let Some(number) = episode.number else {
                    self.problems.push(
                        format!("{episode_at}.number"),
                        "missing; every episode needs a number",
                    );
                    continue;
                };
                let plays = episode.plays.unwrap_or(1).max(1);
                if plays > MAX_UNDATED {
                    self.problems.push(
                        format!("{episode_at}.plays"),
                        format!(
                            "{plays} plays of one episode is more than Drakor keeps \
                             ({MAX_UNDATED})"
                        ),
                    );
                    continue;
                }
                let last = episode.last_watched_at.map(ms);
                played.push((
                    (season_number, number),
                    Played { plays, last },
                    episode_at,
                    format!("{season_at}.number"),
                ));
            }
        }
        let index = self.show(entry.show, at);
        let show = &mut self.shows[index];
        show.saw(entry.last_watched_at.map(ms));
        for (place, plays, episode_at, season_at) in played {
            show.saw(plays.last);
            let episode = show.episode(place, &episode_at, &season_at);
            episode.played = Some(episode.played.map_or(plays, |p| p.and(plays)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap_or(DateTime::UNIX_EPOCH)
    }

    #[test]
    fn earlier_plays_take_the_fixed_undated_instants_and_the_last_its_time() {
        let last = at("2025-03-01T13:00:00Z");
        let three = Played {
            plays: 3,
            last: Some(last),
        };
        assert_eq!(
            three.instants().into_iter().collect::<Vec<_>>(),
            vec![
                at("1970-01-01T00:00:00Z"),
                at("1970-01-01T00:00:00.001Z"),
                last
            ]
        );
        let once = Played {
            plays: 1,
            last: Some(last),
        };
        assert_eq!(once.instants().into_iter().collect::<Vec<_>>(), vec![last]);
        let undated = Played {
            plays: 2,
            last: None,
        };
        assert_eq!(undated.instants().len(), 2);
    }
}
