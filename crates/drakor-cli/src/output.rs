//! How things look on the terminal: progress as `7/16`, times as a player
//! shows them (`48:12`), aligned tables that keep Hangul columns straight,
//! and JSON for scripts. What each command shows is in a submodule named
//! like the command's: `dramas` (the `list` table, the `show` page),
//! `scenes`, `watching` (an episode, the `next` table), `browse`
//! (`search` hits, the `tags` table) and `stats` (the year in review).
//!
//! Instants are shown in UTC (`2022-05-14 13:10`), the same clock `watch
//! --at 2022-05-14` reads dates in, so a date typed is the date shown. The
//! year in review is the exception: its days are the user's local ones.

use std::io::{self, IsTerminal, Write};

use chrono::{DateTime, NaiveDate, Utc};
use drakor_core::{Link, LinkKind, Progress, SceneTime, Status};

use crate::error::{CliError, CliResult};

mod browse;
mod dramas;
mod people;
mod scenes;
mod stats;
mod watching;

pub use browse::{search_hits, tag_table};
pub use dramas::{drama_detail, drama_table};
pub use people::people_table;
pub use scenes::{scene_list, write_scene};
pub use stats::stats_summary;
pub use watching::{episode_detail, up_next_table};

/// Writes `value` as pretty JSON and a line break.
pub fn json(out: &mut dyn Write, text: serde_json::Result<String>) -> CliResult {
    let text = text.map_err(|e| CliError::Output(io::Error::other(e)))?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// `7/16`, or `7/?` when the number of episodes is not known.
pub fn progress(progress: &Progress) -> String {
    fraction(progress.watched, progress.total)
}

/// `watched/total`, `?` standing for an unknown total.
pub fn fraction(watched: u32, total: Option<u32>) -> String {
    match total {
        Some(total) => format!("{watched}/{total}"),
        None => format!("{watched}/?"),
    }
}

/// `9.5`, `8`, or `-` when not rated.
pub fn rating(rating: Option<f64>) -> String {
    rating.map_or_else(|| "-".to_owned(), |r| r.to_string())
}

/// `plan to watch`, `on hold`, `completed`.
pub fn status(status: Status) -> String {
    status.as_str().replace('_', " ")
}

/// `E11` in the first season, `S2E3` in others, `S0E1` for a special.
pub fn episode(season: u32, number: u32) -> String {
    if season == 1 {
        format!("E{number}")
    } else {
        format!("S{season}E{number}")
    }
}

/// `episode 11`, or `S2E3` outside the first season.
pub fn episode_words(season: u32, number: u32) -> String {
    if season == 1 {
        format!("episode {number}")
    } else {
        episode(season, number)
    }
}

/// `48:12` or `48:12–49:40`.
pub fn span(start: SceneTime, end: Option<SceneTime>) -> String {
    match end {
        Some(end) => format!("{start}–{end}"),
        None => start.to_string(),
    }
}

/// `2022-05-14 13:10` (UTC).
pub fn instant(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

pub fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// `1 episode`, `8 episodes`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Sorted episode numbers written back compactly: `1-8`, `1, 3, 5-7`.
pub fn episode_set(numbers: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let first = numbers[i];
        let mut last = first;
        while i + 1 < numbers.len() && numbers[i + 1] == last + 1 {
            i += 1;
            last = numbers[i];
        }
        parts.push(if first == last {
            first.to_string()
        } else {
            format!("{first}-{last}")
        });
        i += 1;
    }
    parts.join(", ")
}

/// `episode 9` or `episodes 1-8`.
pub fn episodes_phrase(numbers: &[u32]) -> String {
    if numbers.len() == 1 {
        format!("episode {}", episode_set(numbers))
    } else {
        format!("episodes {}", episode_set(numbers))
    }
}

/// `https://… (Behind the scenes, behind_the_scenes)`.
pub fn link(link: &Link) -> String {
    let mut about = Vec::new();
    if !link.label.is_empty() {
        about.push(link.label.clone());
    }
    let kind = link.kind.as_str().replace('_', " ");
    if link.kind != LinkKind::Other && !link.label.eq_ignore_ascii_case(&kind) {
        about.push(kind);
    }
    if about.is_empty() {
        link.url.clone()
    } else {
        format!("{} ({})", link.url, about.join(", "))
    }
}

/// Whether to highlight: standard output is a terminal and `NO_COLOR` is unset.
pub fn highlight() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A search snippet: the core marks matches with `\u{2}`…`\u{3}`; on a
/// terminal they become bold, elsewhere the marks are dropped.
pub fn snippet(text: &str, highlight: bool) -> String {
    let (on, off) = if highlight {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    text.replace('\u{2}', on)
        .replace('\u{3}', off)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Columns wider than this are cut short with `…` in tables.
const MAX_CELL: usize = 40;

/// A table whose columns line up on a terminal, Hangul included.
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Self {
        Table {
            rows: vec![header.iter().map(|h| (*h).to_owned()).collect()],
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.into_iter().map(|c| fit(&c, MAX_CELL)).collect());
    }

    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| width(cell))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &self.rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if c + 1 < row.len() {
                    let pad = widths[c].saturating_sub(width(cell)) + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// The text cut to `max` columns, ending in `…` when cut.
fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Columns a text takes on a terminal.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Columns one character takes: 2 for East Asian wide characters (Hangul,
/// CJK, kana, full-width forms), 0 for combining marks, 1 otherwise. A
/// small table rather than a dependency; it covers what titles hold.
fn char_width(c: char) -> usize {
    match u32::from(c) {
        0x0300..=0x036F | 0x1160..=0x11FF | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn episode_sets_are_written_back_as_ranges() {
        assert_eq!(episode_set(&[1, 2, 3, 4, 5, 6, 7, 8]), "1-8");
        assert_eq!(episode_set(&[1, 3, 5, 6, 7]), "1, 3, 5-7");
        assert_eq!(episode_set(&[9]), "9");
        assert_eq!(episodes_phrase(&[9]), "episode 9");
    }

    #[test]
    fn hangul_takes_two_columns_so_tables_stay_aligned() {
        assert_eq!(width("나의 해방일지"), 13);
        let mut table = Table::new(&["TITLE", "X"]);
        table.row(vec!["나의".into(), "1".into()]);
        table.row(vec!["abcd".into(), "2".into()]);
        let mut out = Vec::new();
        table.write(&mut out).expect("written to memory");
        let text = String::from_utf8(out).expect("utf-8");
        let columns: Vec<usize> = text
            .lines()
            .map(|l| width(&l[..l.rfind(' ').map_or(0, |i| i + 1)]))
            .collect();
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{text}");
    }

    #[test]
    fn long_cells_are_cut_with_an_ellipsis() {
        let cut = fit(&"가".repeat(30), 10);
        assert_eq!(cut, format!("{}…", "가".repeat(4)));
        assert!(width(&cut) <= 10);
    }

    #[test]
    fn progress_shows_a_question_mark_when_the_total_is_unknown() {
        let p = Progress {
            watched: 7,
            total: None,
            next_episode: Some(8),
        };
        assert_eq!(progress(&p), "7/?");
        assert_eq!(
            progress(&Progress {
                total: Some(16),
                ..p
            }),
            "7/16"
        );
    }
}
