//! Scene timestamps: a point in an episode with millisecond precision.
//!
//! Fans type times the way players show them, so [`SceneTime::parse`] takes
//! `48:12`, `0:48:12`, `1:02:03.250`, `2893` (seconds) and `48m12s`/`1h2m3s`.
//! [`SceneTime`]'s `Display` gives what a player shows (`48:12`, `1:02:03`),
//! and [`SceneTime::canonical`] the export form (`00:48:12`, `01:02:03.250`).

use std::fmt;
use std::str::FromStr;

const SECOND: u32 = 1_000;
const MINUTE: u32 = 60 * SECOND;
const HOUR: u32 = 60 * MINUTE;
/// No episode runs a day; a larger time is a typing mistake.
const LIMIT: u32 = 24 * HOUR;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SceneTime(u32);

/// Why a text is not a scene time. Its message quotes the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TimeError(String);

impl SceneTime {
    pub const ZERO: SceneTime = SceneTime(0);

    pub fn from_millis(ms: u32) -> Option<Self> {
        (ms < LIMIT).then_some(SceneTime(ms))
    }

    pub fn as_millis(self) -> u32 {
        self.0
    }

    /// Reads a time as a user types it.
    pub fn parse(input: &str) -> Result<Self, TimeError> {
        let text = input.trim();
        let fail = |why: &str| TimeError(format!("{input:?} is not a time: {why}"));
        if text.is_empty() {
            return Err(TimeError(
                "is empty; type a time such as 48:12 or 1:02:03".into(),
            ));
        }
        if text.starts_with('-') {
            return Err(fail("times cannot be negative"));
        }
        let ms = if text.contains(':') {
            parse_clock(text).map_err(|why| fail(&why))?
        } else if text.contains(|c: char| c.is_ascii_alphabetic()) {
            parse_units(text).map_err(|why| fail(&why))?
        } else {
            parse_seconds(text).map_err(|why| fail(&why))?
        };
        if ms >= u64::from(LIMIT) {
            return Err(fail("it is longer than a day"));
        }
        Ok(SceneTime(
            u32::try_from(ms).map_err(|_| fail("it is longer than a day"))?,
        ))
    }

    /// The export form: `HH:MM:SS`, or `HH:MM:SS.mmm` when there are milliseconds.
    ///
    /// Written digit by digit: an export writes one or two per scene, and
    /// `format!` took a tenth of reading a large library.
    pub fn canonical(self) -> String {
        let mut text = Vec::with_capacity(12);
        self.write_canonical(&mut text);
        text.into_iter().map(char::from).collect()
    }

    /// Appends the export form to `out`, as ASCII.
    pub fn write_canonical(self, out: &mut Vec<u8>) {
        let (h, m, s, ms) = self.parts();
        push_digits(out, h, 2);
        out.push(b':');
        push_digits(out, m, 2);
        out.push(b':');
        push_digits(out, s, 2);
        if ms > 0 {
            out.push(b'.');
            push_digits(out, ms, 3);
        }
    }

    fn parts(self) -> (u32, u32, u32, u32) {
        let t = self.0;
        (t / HOUR, t % HOUR / MINUTE, t % MINUTE / SECOND, t % SECOND)
    }
}

/// `value`'s last `width` decimal digits, zero-padded.
fn push_digits(out: &mut Vec<u8>, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = value / 10u32.pow(place) % 10;
        out.push(b'0' + digit as u8);
    }
}

impl fmt::Display for SceneTime {
    /// `48:12` under an hour, `1:02:03` from an hour up; milliseconds only
    /// when there are some (`48:12.250`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s, ms) = self.parts();
        if h > 0 {
            write!(f, "{h}:{m:02}:{s:02}")?;
        } else {
            write!(f, "{m}:{s:02}")?;
        }
        if ms > 0 {
            write!(f, ".{ms:03}")?;
        }
        Ok(())
    }
}

impl FromStr for SceneTime {
    type Err = TimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SceneTime::parse(s)
    }
}

impl serde::Serialize for SceneTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for SceneTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        SceneTime::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// `SS[.mmm]` with digits only.
fn parse_seconds(text: &str) -> Result<u64, String> {
    let (whole, frac) = split_fraction(text)?;
    let seconds = number(whole, "seconds")?;
    Ok(seconds * u64::from(SECOND) + frac)
}

/// `M:SS[.mmm]` or `H:MM:SS[.mmm]`.
fn parse_clock(text: &str) -> Result<u64, String> {
    let parts: Vec<&str> = text.split(':').collect();
    let (hours, minutes, seconds) = match parts.as_slice() {
        [m, s] => ("0", *m, *s),
        [h, m, s] => {
            if m.len() != 2 {
                return Err("minutes need two digits, as in 1:02:03".into());
            }
            (*h, *m, *s)
        }
        _ => return Err("use minutes:seconds or hours:minutes:seconds".into()),
    };
    let (seconds, frac) = split_fraction(seconds)?;
    if seconds.len() != 2 {
        return Err("seconds need two digits, as in 48:05".into());
    }
    let h = number(hours, "hours")?;
    let m = number(minutes, "minutes")?;
    let s = number(seconds, "seconds")?;
    if parts.len() == 3 && m >= 60 {
        return Err(format!("minutes must be below 60, not {m}"));
    }
    if s >= 60 {
        return Err(format!("seconds must be below 60, not {s}"));
    }
    Ok(((h * 60 + m) * 60 + s) * u64::from(SECOND) + frac)
}

/// `1h2m3s`, `48m12s`, `90s`, `1h 5m`, `12.5s`: units in order, each once.
fn parse_units(text: &str) -> Result<u64, String> {
    if text
        .chars()
        .any(|c| c.is_alphabetic() && !matches!(c.to_ascii_lowercase(), 'h' | 'm' | 's'))
    {
        return Err("type it as 48:12, 1:02:03, 2892 or 48m12s".into());
    }
    let mut total = 0u64;
    let mut rest = text;
    let mut last_unit: Option<char> = None;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let digits_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or("a number needs a unit: h, m or s")?;
        let (value, tail) = rest.split_at(digits_end);
        let unit = tail.chars().next().unwrap_or(' ').to_ascii_lowercase();
        let (scale, rank) = match unit {
            'h' => (HOUR, 0),
            'm' => (MINUTE, 1),
            's' => (SECOND, 2),
            _ => return Err(format!("unknown unit {unit:?}; use h, m and s")),
        };
        if value.is_empty() {
            return Err(format!("{unit:?} needs a number before it"));
        }
        if let Some(prev) = last_unit {
            let prev_rank = match prev {
                'h' => 0,
                'm' => 1,
                _ => 2,
            };
            if rank <= prev_rank {
                return Err("give hours, minutes and seconds once each, in that order".into());
            }
        }
        let amount = if unit == 's' {
            let (whole, frac) = split_fraction(value)?;
            number(whole, "seconds")? * u64::from(SECOND) + frac
        } else {
            number(value, "the number")? * u64::from(scale)
        };
        if last_unit.is_some() && amount >= 60 * u64::from(scale) {
            return Err(format!("{value}{unit} must be below 60{unit}"));
        }
        total += amount;
        last_unit = Some(unit);
        rest = &tail[unit.len_utf8()..];
    }
    Ok(total)
}

/// Splits `12.250` into `12` and 250 ms (`.5` is 500 ms).
fn split_fraction(text: &str) -> Result<(&str, u64), String> {
    match text.split_once('.') {
        None => Ok((text, 0)),
        Some((whole, frac)) => {
            if frac.is_empty() || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return Err("milliseconds take one to three digits after the dot".into());
            }
            let scale = 10u64.pow(3 - frac.len() as u32);
            Ok((whole, number(frac, "milliseconds")? * scale))
        }
    }
}

fn number(text: &str, what: &str) -> Result<u64, String> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{what} must be a whole number"));
    }
    text.parse()
        .map_err(|_| format!("{what} must be a whole number"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ms(text: &str) -> u32 {
        SceneTime::parse(text)
            .map(SceneTime::as_millis)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn every_typed_form_reads_as_the_same_time() {
        let expected = 48 * MINUTE + 12 * SECOND;
        for text in [
            "48:12", "0:48:12", "00:48:12", "2892", "48m12s", "48m 12s", " 48:12 ",
        ] {
            assert_eq!(
                ms(text),
                expected,
                "{text:?} should be 48 minutes 12 seconds"
            );
        }
    }

    #[test]
    fn hours_minutes_seconds_and_milliseconds_are_read() {
        assert_eq!(ms("1:02:03.250"), HOUR + 2 * MINUTE + 3 * SECOND + 250);
        assert_eq!(ms("1h2m3s"), HOUR + 2 * MINUTE + 3 * SECOND);
        assert_eq!(ms("1h"), HOUR);
        assert_eq!(ms("90s"), 90 * SECOND);
        assert_eq!(ms("12.5"), 12 * SECOND + 500);
        assert_eq!(ms("12.5s"), 12 * SECOND + 500);
        assert_eq!(ms("75:00"), 75 * MINUTE, "minutes:seconds may pass an hour");
    }

    #[test]
    fn impossible_and_garbage_times_are_refused_with_a_reason() {
        for (text, why) in [
            ("12:75", "seconds must be below 60"),
            ("1:75:00", "minutes must be below 60"),
            ("-5", "negative"),
            ("-0:10", "negative"),
            ("", "empty"),
            ("   ", "empty"),
            ("soon", "type it as"),
            ("m", "needs a number"),
            ("12:3", "two digits"),
            ("1:2:03", "two digits"),
            ("1:02:03:04", "hours:minutes:seconds"),
            ("12.3456", "one to three digits"),
            ("1m2h", "in that order"),
            ("1h75m", "below 60"),
            ("48", ""),
            ("24:00:00", "longer than a day"),
            ("99999999999", "whole number"),
            ("4８:12", "whole number"),
        ] {
            match SceneTime::parse(text) {
                Ok(t) if why.is_empty() => assert_eq!(t.as_millis(), 48 * SECOND),
                Ok(t) => panic!("{text:?} should be refused but read as {t}"),
                Err(e) => assert!(
                    e.to_string().contains(why),
                    "{text:?}: {e} should mention {why:?}"
                ),
            }
        }
    }

    #[test]
    fn the_message_quotes_what_was_typed() {
        let err = SceneTime::parse("12:75").expect_err("12:75 is no time");
        assert!(
            err.to_string().starts_with("\"12:75\" is not a time"),
            "{err}"
        );
    }

    #[test]
    fn times_are_shown_as_a_player_shows_them() {
        assert_eq!(SceneTime(48 * MINUTE + 12 * SECOND).to_string(), "48:12");
        assert_eq!(SceneTime(5 * SECOND).to_string(), "0:05");
        assert_eq!(
            SceneTime(HOUR + 2 * MINUTE + 3 * SECOND).to_string(),
            "1:02:03"
        );
        assert_eq!(SceneTime(HOUR + 250).to_string(), "1:00:00.250");
    }

    #[test]
    fn milliseconds_are_shown_only_when_they_are_not_zero() {
        let shown = |typed: &str| SceneTime::parse(typed).map(|t| t.to_string());
        assert_eq!(shown("48:12.000").as_deref(), Ok("48:12"));
        assert_eq!(shown("48:12.250").as_deref(), Ok("48:12.250"));
        assert_eq!(shown("48:12.5").as_deref(), Ok("48:12.500"));
        assert_eq!(shown("1:02:03.001").as_deref(), Ok("1:02:03.001"));
        assert_eq!(shown("00:48:12.000").as_deref(), Ok("48:12"));
    }

    #[test]
    fn the_export_form_has_two_digit_hours() {
        assert_eq!(SceneTime(48 * MINUTE + 12 * SECOND).canonical(), "00:48:12");
        assert_eq!(
            SceneTime(HOUR + 2 * MINUTE + 3 * SECOND + 250).canonical(),
            "01:02:03.250"
        );
    }

    proptest! {
        #[test]
        fn showing_then_reading_gives_the_same_time(t in 0u32..LIMIT) {
            let time = SceneTime(t);
            prop_assert_eq!(SceneTime::parse(&time.to_string()), Ok(time));
            prop_assert_eq!(SceneTime::parse(&time.canonical()), Ok(time));
        }

        #[test]
        fn the_export_form_is_zero_padded_hours_minutes_seconds_and_millis(t in 0u32..LIMIT) {
            let (h, m, s, ms) = SceneTime(t).parts();
            let expected = if ms == 0 {
                format!("{h:02}:{m:02}:{s:02}")
            } else {
                format!("{h:02}:{m:02}:{s:02}.{ms:03}")
            };
            prop_assert_eq!(SceneTime(t).canonical(), expected);
        }

        #[test]
        fn any_text_is_read_or_refused_without_panicking(text in "\\PC{0,16}") {
            let _ = SceneTime::parse(&text);
        }

        #[test]
        fn unit_form_reads_what_it_says(h in 0u32..24, m in 0u32..60, s in 0u32..60) {
            let text = format!("{h}h{m}m{s}s");
            prop_assert_eq!(SceneTime::parse(&text).map(SceneTime::as_millis), Ok(h * HOUR + m * MINUTE + s * SECOND));
        }
    }
}
