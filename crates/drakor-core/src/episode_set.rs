//! Episode lists as fans type them: `7`, `1-8`, `1,3,5-7`.

use crate::error::Problems;

/// The most episodes one list may name; no drama has more.
const MAX_EPISODES: u32 = 5_000;

/// Reads an episode list into sorted, distinct episode numbers.
pub fn parse_episode_set(text: &str) -> Result<Vec<u32>, Problems> {
    let fail = |why: String| Problems::one("episodes", format!("{text:?} {why}"));
    if text.trim().is_empty() {
        return Err(fail(
            "is empty; type an episode such as 7, 1-8 or 1,3,5-7".into(),
        ));
    }
    let mut numbers = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        let (first, last) = match part.split_once('-') {
            Some((a, b)) => (
                episode_number(a).map_err(&fail)?,
                episode_number(b).map_err(&fail)?,
            ),
            None => {
                let n = episode_number(part).map_err(&fail)?;
                (n, n)
            }
        };
        if first > last {
            return Err(fail(format!("has the range {first}-{last} backwards")));
        }
        numbers.extend(first..=last);
        if numbers.len() > MAX_EPISODES as usize {
            return Err(fail(format!("names more than {MAX_EPISODES} episodes")));
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    Ok(numbers)
}

fn episode_number(text: &str) -> Result<u32, String> {
    let text = text.trim();
    match text.parse::<u32>() {
        Ok(0) => Err("has episode 0; episodes start at 1".into()),
        Ok(n) if n <= MAX_EPISODES => Ok(n),
        Ok(n) => Err(format!("has episode {n}, more than any drama has")),
        Err(_) if text.is_empty() => Err("has an empty entry".into()),
        Err(_) => Err(format!("has {text:?}, which is not an episode number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_episodes_ranges_and_lists_are_read() {
        assert_eq!(parse_episode_set("7"), Ok(vec![7]));
        assert_eq!(parse_episode_set("1-8"), Ok((1..=8).collect()));
        assert_eq!(parse_episode_set("1,3,5-7"), Ok(vec![1, 3, 5, 6, 7]));
        assert_eq!(parse_episode_set(" 5 - 6 , 1 "), Ok(vec![1, 5, 6]));
    }

    #[test]
    fn overlapping_parts_give_each_episode_once() {
        assert_eq!(parse_episode_set("1-3,2-4,3"), Ok(vec![1, 2, 3, 4]));
    }

    #[test]
    fn bad_lists_are_refused_naming_the_episodes_field() {
        for (text, why) in [
            ("", "empty"),
            ("0", "episode 0"),
            ("8-1", "backwards"),
            ("1,,2", "empty entry"),
            ("one", "not an episode number"),
            ("-3", "empty entry"),
            ("1-99999", "more than any drama"),
        ] {
            let err = parse_episode_set(text).expect_err(text);
            let shown = err.to_string();
            assert!(shown.starts_with("episodes: "), "{shown}");
            assert!(
                shown.contains(why),
                "{text:?}: {shown} should mention {why:?}"
            );
        }
    }
}
