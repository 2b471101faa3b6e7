//! Bodies of the fuzz targets in `fuzz/`, kept here so a plain `cargo test`
//! replays the committed corpus through exactly the code the fuzzer runs
//! (`tests/fuzz_corpus.rs`).
//!
//! Each body takes arbitrary bytes, must never panic on its own, and
//! asserts what must hold for any input: a file the reader accepts always
//! merges and its export reads back (and when its dramas are all distinct,
//! importing it twice changes nothing and the export reads back as the same
//! library); a time the parser accepts is shown and read back as the same
//! time. A failed assertion is a finding, like a crash.
//!
//! Not part of the API: hidden from the docs and free to change.

use chrono::{DateTime, Utc};

use crate::error::Error;
use crate::exchange::export::ExportFilter;
use crate::exchange::import::read_library_json;
use crate::interop::{self, Format, Parsed};
use crate::scene_time::SceneTime;
use crate::store::Library;

/// The clock of every run (2026-11-21T09:30:00Z): the same input always
/// takes the same path.
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_253_400, 0).unwrap_or(DateTime::UNIX_EPOCH)
}

/// The name the bytes are read under. Trakt tells its lone files apart by
/// name; this one is none of them, so their content decides.
const FILE_NAME: &str = "fuzz-input";

/// A Drakor JSON export (format version 1), read and checked as an import
/// reads it; when accepted, merged into an empty in-memory library.
pub fn import_json(data: &[u8]) {
    match interop::read_bytes(FILE_NAME, data, Format::Drakor, now()) {
        Ok(parsed) => {
            assert_eq!(parsed.format, Format::Drakor, "read as what was asked");
            merges_cleanly(&parsed);
        }
        Err(e) => refused_with_reasons(&e),
    }
}

/// Any file an import takes: the format is told from the content (Drakor,
/// Trakt ZIP or JSON, Yamtrack CSV, Watcharr JSON), as `Library::import_path`
/// does; when accepted, merged into an empty in-memory library.
pub fn import_any(data: &[u8]) {
    match interop::read_bytes(FILE_NAME, data, Format::Auto, now()) {
        Ok(parsed) => {
            assert_ne!(
                parsed.format,
                Format::Auto,
                "a read file has a known format"
            );
            merges_cleanly(&parsed);
        }
        Err(e) => refused_with_reasons(&e),
    }
}

/// A scene time as a user types it (the bytes as text); and the first four
/// bytes as milliseconds, shown and read back.
pub fn scene_time(data: &[u8]) {
    if let Some(bytes) = data.first_chunk::<4>()
        && let Some(time) = SceneTime::from_millis(u32::from_le_bytes(*bytes))
    {
        reads_back(time, "from milliseconds");
    }
    let text = String::from_utf8_lossy(data);
    match SceneTime::parse(&text) {
        Ok(time) => {
            reads_back(time, &text);
            assert_eq!(
                SceneTime::parse(&format!(" {text}\t")),
                Ok(time),
                "{text:?}: space around a time changes nothing"
            );
        }
        Err(e) => {
            assert!(
                !e.to_string().is_empty(),
                "{text:?}: refused without a reason"
            );
            assert!(
                SceneTime::parse(&format!(" {text}\n")).is_err(),
                "{text:?}: refused, but read once spaces are added around it"
            );
        }
    }
}

/// What a refused file says: at least one problem, each with a message.
fn refused_with_reasons(error: &Error) {
    match error {
        Error::ImportRefused(problems) => {
            assert!(!problems.is_empty(), "refused without a problem: {error}");
            for p in problems.iter() {
                assert!(
                    !p.message.trim().is_empty(),
                    "a problem at {:?} has no message",
                    p.field
                );
            }
        }
        other => panic!("reading bytes failed other than by refusing them: {other}"),
    }
}

/// A file the reader accepted must merge into an empty library, and a dry
/// run must say what the import then does and write nothing; the library's
/// export must read back and merge into another empty library.
///
/// When every drama of the file is a drama of its own (none matched another
/// by id, external id or title), importing it again must change nothing and
/// the export must merge into an empty library as the same library. Files
/// whose dramas claim one another's identity (two dramas with one TMDB id
/// but other titles, ...) are merged one drama after the other against an
/// index of the library as it was before the import, so a drama renamed by
/// an earlier one is not found under its new title by a later one: the
/// library can end with two dramas of one title, which its export then
/// merges into one. For those files only the first checks hold.
fn merges_cleanly(parsed: &Parsed) {
    let everything = ExportFilter::default();
    let mut library = Library::open_in_memory().expect("an in-memory library opens");
    let empty = library.export(&everything, now()).expect("export");

    let rehearsed = library
        .import_parsed(parsed, true)
        .expect("a checked file merges (dry run)");
    assert!(rehearsed.summary.dry_run);
    assert_eq!(
        library.export(&everything, now()).expect("export"),
        empty,
        "a dry run wrote something"
    );

    let imported = library
        .import_parsed(parsed, false)
        .expect("a checked file merges");
    let mut as_rehearsed = imported.summary;
    as_rehearsed.dry_run = true;
    assert_eq!(
        as_rehearsed, rehearsed.summary,
        "the dry run said another thing than the import did"
    );
    let first = library.export(&everything, now()).expect("export");
    let text = serde_json::to_string_pretty(&first).expect("an export serializes");
    let reread = read_library_json(&text, now())
        .unwrap_or_else(|p| panic!("our own export is refused: {p}\n{text}"));
    let mut copy = Library::open_in_memory().expect("an in-memory library opens");
    copy.import(&reread, false)
        .expect("our own export merges into an empty library");

    let each_its_own = imported.summary.dramas_added as usize == parsed.library.dramas.len();
    if !each_its_own {
        return;
    }
    assert_eq!(
        copy.export(&everything, now()).expect("export"),
        first,
        "export, import into an empty library, export gave another file"
    );
    let again = library
        .import_parsed(parsed, false)
        .expect("a file merged once merges again");
    assert!(
        !again.summary.changed_anything(),
        "importing the same file twice changed something: {again}"
    );
    assert_eq!(
        library.export(&everything, now()).expect("export"),
        first,
        "importing the same file twice changed the library"
    );
}

/// A valid time reads back from both forms it is shown in.
fn reads_back(time: SceneTime, typed: &str) {
    assert!(
        SceneTime::from_millis(time.as_millis()) == Some(time),
        "{typed:?} read as {} ms, more than a day",
        time.as_millis()
    );
    let shown = time.to_string();
    assert_eq!(
        SceneTime::parse(&shown),
        Ok(time),
        "{typed:?} is shown as {shown:?}, which reads as another time"
    );
    let canonical = time.canonical();
    let b = canonical.as_bytes();
    assert!(
        (b.len() == 8 || b.len() == 12)
            && b[2] == b':'
            && b[5] == b':'
            && (b.len() == 8 || b[8] == b'.')
            && b.iter()
                .enumerate()
                .all(|(i, c)| matches!(i, 2 | 5 | 8) || c.is_ascii_digit()),
        "{typed:?}: the export form {canonical:?} is not HH:MM:SS[.mmm]"
    );
    assert_eq!(
        SceneTime::parse(&canonical),
        Ok(time),
        "{typed:?} is exported as {canonical:?}, which reads as another time"
    );
    let json = serde_json::to_string(&time).expect("a time serializes");
    let back: SceneTime = serde_json::from_str(&json).expect("a serialized time reads back");
    assert_eq!(back, time, "{typed:?} serialized as {json}");
}
