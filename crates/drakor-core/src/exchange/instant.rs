//! Writing instants into export files, fast.
//!
//! Exports carry instants as RFC 3339 text (`2026-11-21T09:30:00Z`,
//! `…:00.250Z` with milliseconds), exactly as chrono writes them. chrono
//! writes through `Display` and `collect_str`, which serde_json escapes one
//! character at a time; with 260,000 instants in a heavy user's library that
//! was a third of the export's serializing time. Here the text is built in a
//! stack buffer and handed over whole. The output is byte-for-byte chrono's
//! (checked by the tests below); anything unusual (years outside 0–9999, leap
//! seconds) is left to chrono itself.

use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use serde::Serializer;

/// The longest text: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
const LONGEST: usize = 30;

/// Serializes one instant (for `#[serde(serialize_with)]`).
pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; LONGEST];
    match write(at, &mut buf) {
        Some(text) => serializer.serialize_str(text),
        None => serializer.serialize_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
    }
}

/// Appends the instant as a JSON string, as [`serialize`] writes it: its
/// text needs no escaping (digits, `-`, `:`, `.`, `T` and `Z`), so none
/// is looked for.
pub fn write_json(at: &DateTime<Utc>, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let mut buf = [0u8; LONGEST];
    match write(at, &mut buf) {
        Some(text) => {
            out.push(b'"');
            out.extend_from_slice(text.as_bytes());
            out.push(b'"');
            Ok(())
        }
        None => serialize(at, &mut serde_json::Serializer::new(out)),
    }
}

/// Serializes an optional instant.
pub fn serialize_option<S: Serializer>(
    at: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serialize(at, serializer),
        None => serializer.serialize_none(),
    }
}

/// Serializes a list of instants.
pub fn serialize_list<S: Serializer>(
    list: &[DateTime<Utc>],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    struct One<'a>(&'a DateTime<Utc>);
    impl serde::Serialize for One<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize(self.0, serializer)
        }
    }
    serializer.collect_seq(list.iter().map(One))
}

/// The RFC 3339 text of `at` in `buf`, or `None` when chrono must write it.
fn write<'a>(at: &DateTime<Utc>, buf: &'a mut [u8; LONGEST]) -> Option<&'a str> {
    // The parts read from the naive time: `DateTime`'s own accessors each
    // convert to local time first.
    let at = at.naive_utc();
    let year = u32::try_from(at.year()).ok().filter(|y| *y <= 9999)?;
    let nanos = at.nanosecond();
    if nanos >= 1_000_000_000 {
        return None;
    }
    let mut n = 0;
    // `sep` (if any), then `value` in `width` digits.
    let mut put = |sep: Option<u8>, value: u32, width: u32| {
        if let Some(sep) = sep {
            buf[n] = sep;
            n += 1;
        }
        for place in (0..width).rev() {
            buf[n] = b'0' + (value / 10u32.pow(place) % 10) as u8;
            n += 1;
        }
    };
    put(None, year, 4);
    put(Some(b'-'), at.month(), 2);
    put(Some(b'-'), at.day(), 2);
    put(Some(b'T'), at.hour(), 2);
    put(Some(b':'), at.minute(), 2);
    put(Some(b':'), at.second(), 2);
    // chrono's AutoSi: as few of 3, 6 or 9 digits as show every one.
    if nanos != 0 {
        let (value, width) = if nanos.is_multiple_of(1_000_000) {
            (nanos / 1_000_000, 3)
        } else if nanos.is_multiple_of(1_000) {
            (nanos / 1_000, 6)
        } else {
            (nanos, 9)
        };
        put(Some(b'.'), value, width);
    }
    buf[n] = b'Z';
    n += 1;
    std::str::from_utf8(&buf[..n]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(at: &DateTime<Utc>) -> String {
        let mut out = Vec::new();
        serialize(at, &mut serde_json::Serializer::new(&mut out)).expect("serializes");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn an_instant_is_written_as_chrono_writes_it() {
        for text in [
            "2026-11-21T09:30:00Z",
            "2026-11-21T09:30:00.250Z",
            "1999-01-02T03:04:05.000006Z",
            "0001-01-01T00:00:00.000000007Z",
            "9999-12-31T23:59:59.999Z",
        ] {
            let at: DateTime<Utc> = text.parse().expect(text);
            assert_eq!(
                ours(&at),
                serde_json::to_string(&at).expect("chrono"),
                "{text}"
            );
        }
        for far in [-70_000_000_000, 300_000_000_000] {
            let at = DateTime::from_timestamp(far, 0).expect("in range");
            assert_eq!(
                ours(&at),
                serde_json::to_string(&at).expect("chrono"),
                "{at:?}"
            );
        }
    }

    #[test]
    fn an_instant_written_as_json_text_is_what_serde_writes() {
        for at in [
            DateTime::from_timestamp(1_795_000_000, 250_000_000).expect("in range"),
            DateTime::from_timestamp(-70_000_000_000, 0).expect("in range"),
            DateTime::from_timestamp(300_000_000_000, 7).expect("in range"),
        ] {
            let mut out = Vec::new();
            write_json(&at, &mut out).expect("writes");
            assert_eq!(String::from_utf8(out).expect("utf-8"), ours(&at));
        }
    }

    proptest! {
        #[test]
        fn any_instant_is_written_as_chrono_writes_it(
            secs in -70_000_000_000i64..300_000_000_000i64,
            nanos in prop_oneof![Just(0u32), (0u32..1000).prop_map(|m| m * 1_000_000), 0u32..1_000_000_000],
        ) {
            let at = DateTime::from_timestamp(secs, nanos).expect("in range");
            prop_assert_eq!(ours(&at), serde_json::to_string(&at).expect("chrono"));
        }
    }
}
