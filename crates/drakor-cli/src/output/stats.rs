//! How `stats` looks: a year in review (or all time) as a short summary,
//! the months with a bar each, and the top lists as tables.

use std::io::{self, Write};

use drakor_core::Stats;

use crate::output::{self, Table};

/// The widest month bar, in characters.
const BAR: u64 = 20;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The whole review: the summary, the months (for a year), the top lists.
/// Sections with nothing in them are left out.
pub fn stats_summary(out: &mut dyn Write, s: &Stats) -> io::Result<()> {
    match s.year {
        Some(year) => writeln!(out, "{year} in Drakor")?,
        None => writeln!(out, "All time in Drakor")?,
    }
    writeln!(out)?;
    let line =
        |out: &mut dyn Write, name: &str, value: String| writeln!(out, "  {name:<16}{value}");
    let mut watched = format!(
        "{}, {}",
        output::count(s.episodes_watched as usize, "episode"),
        hours(s.minutes_watched)
    );
    if s.minutes_estimated_episodes > 0 {
        watched.push_str(&format!(
            " ({} estimated at the drama's usual or 60 min)",
            s.minutes_estimated_episodes
        ));
    }
    line(out, "Watched", watched)?;
    line(out, "Rewatches", s.rewatches.to_string())?;
    line(
        out,
        "Dramas",
        format!(
            "{} started, {} completed, {} dropped",
            s.dramas_started, s.dramas_completed, s.dramas_dropped
        ),
    )?;
    line(out, "Scenes", format!("{} bookmarked", s.scenes_bookmarked))?;
    if let Some(day) = s.busiest_day {
        line(
            out,
            "Busiest day",
            format!(
                "{}, {}",
                output::date(day.date),
                output::count(day.episodes as usize, "episode")
            ),
        )?;
        line(
            out,
            "Longest streak",
            output::count(s.longest_streak_days as usize, "day"),
        )?;
    }
    if let Some(months) = s.by_month.as_deref().filter(|_| s.episodes_watched > 0) {
        writeln!(out)?;
        let most = months.iter().map(|m| m.episodes).max().unwrap_or(0).max(1);
        for m in months {
            let name = MONTHS
                .get((m.month as usize).wrapping_sub(1))
                .unwrap_or(&"?");
            if m.episodes == 0 {
                writeln!(out, "  {name}  {:>4}", 0)?;
                continue;
            }
            let bar = bar(u64::from(m.episodes), u64::from(most));
            let time = hours(m.minutes);
            writeln!(out, "  {name}  {:>4}  {time:>7}  {bar}", m.episodes)?;
        }
    }
    let episodes = s.most_scenes_episodes.iter().map(|x| {
        let episode = format!("{} {}", x.title, output::episode(x.season, x.episode));
        (episode, x.scenes)
    });
    let tables = [
        table(
            "TOP TAGS",
            "SCENES",
            s.top_tags.iter().map(|x| (x.tag.clone(), x.scenes)),
        ),
        table(
            "TOP PEOPLE",
            "SCENES",
            s.top_people.iter().map(|x| (x.name.clone(), x.scenes)),
        ),
        table(
            "TOP NETWORKS",
            "DRAMAS",
            s.top_networks.iter().map(|x| (x.network.clone(), x.dramas)),
        ),
        table(
            "MOST SCENES",
            "SCENES",
            s.most_scenes_dramas
                .iter()
                .map(|x| (x.title.clone(), x.scenes)),
        ),
        table("EPISODES WITH MOST SCENES", "SCENES", episodes),
    ];
    for table in tables.into_iter().flatten() {
        writeln!(out)?;
        table.write(out)?;
    }
    Ok(())
}

/// A top list as a two-column table, or nothing when it is empty.
fn table(name: &str, counted: &str, rows: impl Iterator<Item = (String, u32)>) -> Option<Table> {
    let mut table = Table::new(&[name, counted]);
    let mut any = false;
    for (name, count) in rows {
        table.row(vec![name, count.to_string()]);
        any = true;
    }
    any.then_some(table)
}

/// `45 min`, `4.5 h`, `341 h`: whole hours once there are many.
fn hours(minutes: u64) -> String {
    match minutes {
        0..60 => format!("{minutes} min"),
        60..600 => format!("{:.1} h", minutes as f64 / 60.0),
        _ => format!("{} h", (minutes + 30) / 60),
    }
}

/// `count` of `most` as a bar of up to [`BAR`] blocks; anything above
/// nothing shows at least one.
fn bar(count: u64, most: u64) -> String {
    let blocks = (count * BAR).div_ceil(most.max(1));
    "█".repeat(blocks as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_read_as_minutes_tenths_or_whole_hours() {
        assert_eq!(hours(45), "45 min");
        assert_eq!(hours(285), "4.8 h");
        assert_eq!(hours(20_460), "341 h");
    }

    #[test]
    fn a_month_with_a_single_episode_still_has_a_bar() {
        assert_eq!(bar(1, 300), "█");
        assert_eq!(bar(300, 300).chars().count(), 20);
        assert_eq!(bar(0, 300), "");
    }
}
