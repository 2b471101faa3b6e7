//! Bodies of the fuzz targets in `fuzz/`, kept here so a plain `cargo test`
//! replays the committed corpus through exactly the code the fuzzer runs
//! (`crates/drakor-core/tests/fuzz_corpus.rs`).
//!
//! Each body takes arbitrary bytes, must never panic on its own, and
//! asserts what must hold for any input: a file the reader accepts always
//! merges and its export reads back (and when its dramas are all distinct,
//! importing it twice changes nothing and the export reads back as the same
//! library); a time the parser accepts is shown and read back as the same
//! time. A failed assertion is a finding, like a crash.
//!
use chrono::{DateTime, Utc};

use drakor_core::error::Error;
use drakor_core::interop::{self, Format};
use drakor_core::scene_time::SceneTime;
use drakor_core::{ExportOptions, ImportOptions, ImportSource, Library};

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
            merges_cleanly(data, Format::Drakor, parsed.library.dramas.len());
        }
        Err(e) => refused_with_reasons(&e),
    }
}

/// Any file an import takes: the format is told from the content (Drakor,
/// Trakt ZIP or JSON, Yamtrack CSV, Watcharr JSON), as `Library::import`
/// does; when accepted, merged into an empty in-memory library.
pub fn import_any(data: &[u8]) {
    match interop::read_bytes(FILE_NAME, data, Format::Auto, now()) {
        Ok(parsed) => {
            assert_ne!(
                parsed.format,
                Format::Auto,
                "a read file has a known format"
            );
            merges_cleanly(data, Format::Auto, parsed.library.dramas.len());
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
        Error::UnknownFormat { looks_like } => {
            assert!(!looks_like.trim().is_empty(), "refused without a reason");
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
fn merges_cleanly(data: &[u8], format: Format, dramas_in_file: usize) {
    let source = ImportSource::Bytes {
        name: FILE_NAME,
        bytes: data,
    };
    let import = |library: &mut Library, dry_run| {
        library.import(source, ImportOptions { format, dry_run }, now())
    };
    let mut library = Library::open_in_memory().expect("an in-memory library opens");
    let empty = export(&library);

    let rehearsed = import(&mut library, true).expect("a checked file merges (dry run)");
    assert!(rehearsed.summary.dry_run);
    assert_eq!(export(&library), empty, "a dry run wrote something");

    let imported = import(&mut library, false).expect("a checked file merges");
    let mut as_rehearsed = imported.summary;
    as_rehearsed.dry_run = true;
    assert_eq!(
        as_rehearsed, rehearsed.summary,
        "the dry run said another thing than the import did"
    );
    let first = export(&library);
    let mut copy = Library::open_in_memory().expect("an in-memory library opens");
    let own = ImportSource::Bytes {
        name: "export.json",
        bytes: first.as_bytes(),
    };
    copy.import(own, ImportOptions::default(), now())
        .unwrap_or_else(|e| panic!("our own export is refused: {e}\n{first}"));

    let each_its_own = imported.summary.dramas_added as usize == dramas_in_file;
    if !each_its_own {
        return;
    }
    assert_eq!(
        export(&copy),
        first,
        "export, import into an empty library, export gave another file"
    );
    let again = import(&mut library, false).expect("a file merged once merges again");
    assert!(
        !again.summary.changed_anything(),
        "importing the same file twice changed something: {again}"
    );
    assert_eq!(
        export(&library),
        first,
        "importing the same file twice changed the library"
    );
}

/// The whole library as Drakor JSON, exported at [`now`].
fn export(library: &Library) -> String {
    let mut out = Vec::new();
    library
        .export_to(&mut out, &ExportOptions::everything(), now())
        .expect("export");
    String::from_utf8(out).expect("an export is UTF-8")
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
