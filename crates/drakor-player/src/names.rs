//! The episode a video file's name stands for, as real releases and fans
//! name them: `My.Liberation.Notes.S01E11.1080p.WEB-DL.mkv`,
//! `[Group] My Liberation Notes - 11 [1080p].mkv`, `나의 해방일지 11화.mkv`,
//! `Goblin E03.mp4`, `goblin.ep03.mp4`, `S00E01` for a special.
//!
//! The marks are tried from the most explicit to the least: `S01E11` (and
//! `1x11`), then `E11`/`EP11`/`Episode 11`, then `11화`/`11회`, then a number
//! after a ` - `, and last a number standing alone. Before the loose marks
//! are tried, what only looks like a number is taken out: bracketed tags
//! (CRCs like `[A1B2C3D4]`, `[1080p]`), resolutions (`1080p`, `1920x1080`),
//! years, codecs and audio (`x265`, `H.264`, `10bit`, `DDP5.1`, `AAC2.0`).
//! A name with two loose numbers is not guessed: it matches nothing.

use std::sync::LazyLock;

use regex::Regex;

/// Where in a drama a file belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EpisodeMark {
    /// The season, when the name says it (`S00` is specials); `None` when
    /// it names only an episode.
    pub season: Option<u32>,
    pub episode: u32,
}

/// The video files Drakor links, by extension (compared without case).
pub const VIDEO_EXTENSIONS: [&str; 6] = ["mkv", "mp4", "avi", "webm", "m4v", "ts"];

/// True when `name` ends in one of [`VIDEO_EXTENSIONS`].
pub fn is_video(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        VIDEO_EXTENSIONS
            .iter()
            .any(|known| ext.eq_ignore_ascii_case(known))
    })
}

fn re(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("the patterns are written here and tested")
}

// `S01E11`, `s1e3`, `S01.E11`, `S01 E11`: season and episode.
static SEASON_EPISODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:^|[^a-z0-9])s(\d{1,2})[ ._-]?e(\d{1,4})(?:[^0-9]|$)"));
// `1x11`, but not `1920x1080`.
static CROSS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:^|[^a-z0-9])(\d{1,2})x(\d{2,3})(?:[^0-9a-z]|$)"));
// `E11`, `EP11`, `Ep.11`, `Episode 11`, `ep 3`.
static EPISODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:^|[^a-z0-9])(?:episode|ep|e)[ ._-]?(\d{1,4})(?:[^0-9]|$)"));
// `11화`, `제11화`, `11회`, `11 화`.
static HWA: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{1,4})\s?[화회]"));
// Tags in brackets: `[A1B2C3D4]`, `[1080p]`, `(2022)`, `{x265}`.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| re(r"\[[^\]]*\]|\([^)]*\)|\{[^}]*\}"));
// Tokens that carry digits but are no episode.
static NOT_EPISODES: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:^|[^a-z0-9])(?:",
        r"\d{3,4}[pi]|\d{3,4}x\d{3,4}|[12]\d{3}|[48]k|",
        r"[xh][ .]?26[45]|hevc|avc|av1|vp9|\d{1,2}[ -]?bits?|",
        r"(?:ddp?|dd\+|aac|ac3|eac3|dts|truehd|atmos|opus|flac|mp3)[ .]?\d(?:[ .]\d)?|",
        r"\d(?:\.\d)?ch|v\d|part[ .]?\d|web[ .-]?dl|webrip",
        r")(?:[^a-z0-9]|$)"
    ))
});
// A number after a dash: `Show - 11`, `Show - 11v2`.
static DASHED: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|\s)-\s+(\d{1,4})(?:v\d)?(?:\s|$)"));
// Any number standing alone.
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:^|[^0-9a-z])(\d{1,4})(?:[^0-9a-z]|$)"));

/// The episode `file_name` stands for, or `None` when it does not say (or
/// says it twice in different ways). The extension, if any, is ignored.
pub fn episode_of(file_name: &str) -> Option<EpisodeMark> {
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _)) if is_video(file_name) => stem,
        _ => file_name,
    };
    let number = |m: Option<regex::Match<'_>>| m.and_then(|m| m.as_str().parse::<u32>().ok());

    if let Some(caps) = SEASON_EPISODE
        .captures(stem)
        .or_else(|| CROSS.captures(stem))
    {
        let (season, episode) = (number(caps.get(1))?, number(caps.get(2))?);
        return Some(EpisodeMark {
            season: Some(season),
            episode,
        });
    }
    let cleaned = clean(stem);
    let only = |re: &Regex| -> Option<u32> {
        let found: Vec<u32> = re
            .captures_iter(&cleaned)
            .filter_map(|c| number(c.get(1)))
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            [first, rest @ ..] if rest.iter().all(|n| n == first) => Some(*first),
            _ => None,
        }
    };
    let episode = [&*EPISODE, &*HWA, &*DASHED, &*NUMBER]
        .into_iter()
        .find_map(|re| {
            if re.is_match(&cleaned) {
                Some(only(re))
            } else {
                None
            }
        })??;
    Some(EpisodeMark {
        season: None,
        episode,
    })
}

/// The stem with bracketed tags and digit-bearing non-episode tokens
/// replaced by spaces, and dots and underscores made spaces.
fn clean(stem: &str) -> String {
    let text = stem.replace(['.', '_'], " ");
    let text = BRACKETED.replace_all(&text, " ");
    // Two such tokens in a row share the separator between them, so one
    // pass misses every second one: a second pass takes those.
    let once = NOT_EPISODES.replace_all(&text, " ");
    NOT_EPISODES.replace_all(&once, " ").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(season: Option<u32>, episode: u32) -> Option<EpisodeMark> {
        Some(EpisodeMark { season, episode })
    }

    /// A season (when the name gives one) and an episode.
    type Expected = Option<(Option<u32>, u32)>;

    /// Real-world names, with the episode each stands for (or none).
    const NAMES: &[(&str, Expected)] = &[
        (
            "My.Liberation.Notes.S01E11.1080p.WEB-DL.mkv",
            Some((Some(1), 11)),
        ),
        (
            "My.Liberation.Notes.S01E11.2022.1080p.NF.WEB-DL.DDP2.0.x265-GROUP.mkv",
            Some((Some(1), 11)),
        ),
        (
            "[Group] My Liberation Notes - 11 [1080p].mkv",
            Some((None, 11)),
        ),
        (
            "[Group] My Liberation Notes - 11 [1080p][A1B2C3D4].mkv",
            Some((None, 11)),
        ),
        ("나의 해방일지 11화.mkv", Some((None, 11))),
        ("나의 해방일지 제11화.mp4", Some((None, 11))),
        ("나의.해방일지.E11.220521.1080p.mp4", Some((None, 11))),
        ("도깨비 3회.avi", Some((None, 3))),
        ("Goblin E03.mp4", Some((None, 3))),
        ("goblin.ep03.mp4", Some((None, 3))),
        ("Goblin.EP03.720p.HDTV.x264.mkv", Some((None, 3))),
        ("Goblin - Episode 3.mkv", Some((None, 3))),
        ("Goblin Ep.16 END.mkv", Some((None, 16))),
        ("goblin s1e3.mkv", Some((Some(1), 3))),
        ("Goblin.S01.E03.mkv", Some((Some(1), 3))),
        ("Goblin 1x03.mkv", Some((Some(1), 3))),
        ("Goblin.S00E01.The.Making.Of.mkv", Some((Some(0), 1))),
        (
            "Crash.Landing.on.You.S01E16.FINAL.1080p.NF.WEB-DL.AAC2.0.H.264.mkv",
            Some((Some(1), 16)),
        ),
        (
            "Crash Landing on You E16 [1080p] [H.265 10bit].mkv",
            Some((None, 16)),
        ),
        ("Reply.1988.E20.END.1080p.mkv", Some((None, 20))),
        ("Reply 1988 - 05.mkv", Some((None, 5))),
        ("Reply.1988.S01E05.mkv", Some((Some(1), 5))),
        ("[SubGroup] Signal - 07v2 [720p].mkv", Some((None, 7))),
        ("signal_07.mp4", Some((None, 7))),
        ("Signal 07.webm", Some((None, 7))),
        ("07.mkv", Some((None, 7))),
        (
            "The.Heirs.E01.131009.HDTV.H264.720p-WITH.mp4",
            Some((None, 1)),
        ),
        (
            "The Heirs (2013) - S01E01 - Episode 1.mkv",
            Some((Some(1), 1)),
        ),
        (
            "Move.to.Heaven.S01E10.2160p.NF.WEB-DL.DDP5.1.HDR.HEVC-GROUP.mkv",
            Some((Some(1), 10)),
        ),
        ("Mr. Sunshine E24 (1080p).m4v", Some((None, 24))),
        ("Hospital Playlist S2 - 12.mkv", Some((None, 12))),
        ("Extraordinary Attorney Woo - 001.ts", Some((None, 1))),
        ("우영우 1화 (1080p).mkv", Some((None, 1))),
        ("Kingdom.S02E06.4K.mkv", Some((Some(2), 6))),
        (
            "Vincenzo.E20.210502.1080p-NEXT [A1B2C3D4].mkv",
            Some((None, 20)),
        ),
        // Names that must not be guessed.
        ("My.Liberation.Notes.2022.1080p.WEB-DL.x265.mkv", None),
        ("[Group] Goblin [A1B2C3D4].mkv", None),
        ("Goblin 1080p.mkv", None),
        ("Reply 1988.mkv", None),
        ("Kingdom 4K HDR 10bit.mkv", None),
        ("Goblin OST.mp4", None),
        ("Goblin 3 and 4.mkv", None),
        ("Descendants of the Sun Special KBS2.mkv", None),
        ("Signal 07 HDR10.mkv", Some((None, 7))),
        ("Crash Landing on You 1920x1080 H.264 AAC2.0.mp4", None),
    ];

    #[test]
    fn real_release_and_fan_names_give_their_episode_or_none() {
        let mut wrong = Vec::new();
        for (name, expected) in NAMES {
            let expected = expected.and_then(|(s, e)| mark(s, e));
            let got = episode_of(name);
            if got != expected {
                wrong.push(format!("{name}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(NAMES.len() >= 40, "at least 40 names are tried");
        assert!(
            wrong.is_empty(),
            "{} of {} names read wrong:\n{}",
            wrong.len(),
            NAMES.len(),
            wrong.join("\n")
        );
    }

    #[test]
    fn only_video_files_are_linked() {
        assert!(is_video("Goblin E03.MKV"));
        assert!(is_video("a.ts"));
        assert!(!is_video("Goblin E03.srt"));
        assert!(!is_video("Goblin E03.mkv.part"));
        assert!(!is_video("mkv"));
    }
}
