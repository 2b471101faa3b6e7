//! Benchmarks on the heavy user's library: 2,000 dramas, 40,000 episodes,
//! 60,000 watch events and 100,000 scenes (`generate::Spec::HEAVY_USER`).
//!
//! Run: `cargo bench -p drakor-core --bench library`. The library is
//! generated and imported once per run, outside the timed parts. Import and
//! export are each measured next to a baseline of the same work done the
//! plainest way (a prepared-statement insert loop in one transaction with
//! no validation; `serde_json::to_writer` of the same structs), and the run
//! ends with a table of every figure, its target and its ratio to the
//! baseline. `docs/performance.md` records the figures.
//!
//! Under `cargo test --benches` (criterion's test mode: each benchmark runs
//! once) a small library stands in, so the check stays quick.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_debug_implementations
)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};
use drakor_core::{
    DramaDraft, DramaFilter, ExportOptions, ImportOptions, ImportSource, Library, LibraryFile,
    Page, SceneFilter, SceneTime, Status, Unmark,
};
use drakor_testkit::generate;
use rusqlite::{Connection, params};
use tempfile::TempDir;
use uuid::Uuid;

/// Per benchmark, every measured run's time (warm-up included; the table
/// shows medians, which a warm-up run does not move).
static TIMES: Mutex<BTreeMap<&'static str, Vec<Duration>>> = Mutex::new(BTreeMap::new());

fn record(name: &'static str, took: Duration) {
    if let Ok(mut times) = TIMES.lock() {
        times.entry(name).or_default().push(took);
    }
}

/// Times `work` once per iteration, after an untimed `setup`, and keeps
/// every time for the summary.
fn timed<S, O>(
    c: &mut BenchmarkGroup<'_, WallTime>,
    name: &'static str,
    mut setup: impl FnMut() -> S,
    mut work: impl FnMut(S) -> O,
) {
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let input = setup();
                let start = Instant::now();
                let output = black_box(work(input));
                let took = start.elapsed();
                drop(output);
                record(name, took);
                total += took;
            }
            total
        });
    });
}

fn base() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).unwrap()
}

/// Whether criterion was asked to measure (`cargo bench`) rather than to
/// run each benchmark once (`cargo test --benches`).
fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

struct Fixture {
    dir: TempDir,
    file: LibraryFile,
    json: String,
    /// The library the reads and the range mark run on.
    library: Library,
    /// The drama with the most scenes (the drama page).
    busiest: Uuid,
    /// A planned drama of 16+ episodes, none watched (the range mark).
    planned: (Uuid, DramaDraft),
}

impl Fixture {
    fn new() -> Self {
        let spec = if measuring() {
            generate::Spec::HEAVY_USER
        } else {
            generate::Spec::new(60, 3_000, 1)
        };
        let file = generate::library(&spec, base()).unwrap();
        let json = serde_json::to_string_pretty(&file).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path().join("library.sqlite3")).unwrap();
        import(&mut library, &json);
        let busiest = file
            .dramas
            .iter()
            .max_by_key(|d| d.scenes.len())
            .and_then(|d| d.id)
            .unwrap();
        let planned = file
            .dramas
            .iter()
            .find(|d| d.status == Status::PlanToWatch && d.total_episodes >= Some(16))
            .and_then(|d| d.id)
            .unwrap();
        let draft = library.get_drama(planned).unwrap().drama.fields;
        Fixture {
            dir,
            file,
            json,
            library,
            busiest,
            planned: (planned, draft),
        }
    }

    fn fresh_path(&self, name: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        path
    }
}

/// Imports Drakor JSON text, as a user's file is imported.
fn import(library: &mut Library, json: &str) {
    let source = ImportSource::Bytes {
        name: "library.json",
        bytes: json.as_bytes(),
    };
    library
        .import(source, ImportOptions::default(), base())
        .unwrap();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
}

fn import_and_export(c: &mut Criterion, fx: &Fixture) {
    let mut c = c.benchmark_group("exchange");
    // Seconds per run: the same number of runs per sample, not 1, 2, 3, ….
    c.sampling_mode(SamplingMode::Flat);
    let c = &mut c;
    timed(
        c,
        IMPORT,
        || Library::open(fx.fresh_path("import.sqlite3")).unwrap(),
        |mut library| import(&mut library, &fx.json),
    );
    timed(
        c,
        IMPORT_BASELINE,
        || {
            // A library file made by Library::open: the same schema, the
            // same WAL mode; the raw connection then writes as an import does
            // (foreign keys on, synchronous FULL).
            let path = fx.fresh_path("baseline.sqlite3");
            drop(Library::open(&path).unwrap());
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "foreign_keys", true).unwrap();
            conn.pragma_update(None, "synchronous", "FULL").unwrap();
            // The episode index is filled at the end, as for the other
            // indexes, not row by row by its triggers.
            conn.execute_batch(
                "DROP TRIGGER search_episode_added; DROP TRIGGER search_episode_changed;
                 DROP TRIGGER search_episode_removed;",
            )
            .unwrap();
            conn
        },
        |mut conn| {
            let file: LibraryFile = serde_json::from_str(&fx.json).unwrap();
            raw_insert(&mut conn, &file);
            conn
        },
    );
    timed(
        c,
        EXPORT,
        || Vec::with_capacity(fx.json.len()),
        |mut out| {
            fx.library
                .export_to(&mut out, &ExportOptions::everything(), base())
                .unwrap();
            out
        },
    );
    timed(
        c,
        EXPORT_BASELINE,
        || Vec::with_capacity(fx.json.len()),
        |mut out| {
            serde_json::to_writer(&mut out, &fx.file).unwrap();
            out
        },
    );
}

fn reads(c: &mut Criterion, fx: &Fixture) {
    let mut c = c.benchmark_group("reads");
    let c = &mut c;
    let lib = &fx.library;
    timed(
        c,
        LIST,
        || (),
        |()| lib.list_dramas(&DramaFilter::default()).unwrap(),
    );
    timed(
        c,
        DRAMA_PAGE,
        || (),
        |()| lib.get_drama(fx.busiest).unwrap(),
    );
    timed(
        c,
        SEARCH_COMMON,
        || (),
        |()| lib.search(generate::COMMON_WORD, 100).unwrap(),
    );
    timed(
        c,
        SEARCH_RARE,
        || (),
        |()| lib.search(generate::RARE_WORD, 100).unwrap(),
    );
    for &(name, query) in SEARCH_KINDS {
        timed(c, name, || (), |()| lib.search(query, 100).unwrap());
    }
    let kiss = SceneFilter {
        tag: Some("kiss".into()),
        ..SceneFilter::default()
    };
    timed(
        c,
        TAG_FILTER,
        || (),
        |()| lib.list_scenes(&kiss, Page::first(100)).unwrap(),
    );
    timed(c, UP_NEXT, || (), |()| lib.up_next().unwrap());
}

/// The statistics screen: all time, and the last whole year of the
/// generated history (every instant is before `base()`, 2026-01-01), in
/// Seoul's zone.
fn stats(c: &mut Criterion, fx: &Fixture) {
    let mut c = c.benchmark_group("stats");
    let c = &mut c;
    let lib = &fx.library;
    let seoul = FixedOffset::east_opt(9 * 3600).unwrap();
    timed(c, STATS_ALL, || (), |()| lib.stats(None, &seoul).unwrap());
    timed(
        c,
        STATS_YEAR,
        || (),
        |()| lib.stats(Some(2025), &seoul).unwrap(),
    );
}

fn range_mark(c: &mut Criterion, fx: &mut Fixture) {
    let (id, draft) = fx.planned.clone();
    let episodes: Vec<u32> = (1..=16).collect();
    let lib = RefCell::new(&mut fx.library);
    let mut c = c.benchmark_group("writes");
    let c = &mut c;
    timed(
        c,
        RANGE_MARK,
        || {
            // Back to planned with nothing watched, so every run does the
            // same work (status and start date change too).
            let mut lib = lib.borrow_mut();
            lib.unmark_watched(id, 1, &episodes, Unmark::All).unwrap();
            lib.update_drama(id, &draft, base()).unwrap();
        },
        |()| {
            lib.borrow_mut()
                .mark_watched(id, 1, &episodes, base(), base())
                .unwrap()
        },
    );
}

/// The same rows an import writes, by the plainest loop: one prepared
/// statement per table, one transaction, no checks, no lookups; the search
/// index filled by one `INSERT … SELECT` per table at the end (row by row,
/// FTS5 makes the loop itself four times slower: see `DeferredIndex`).
fn raw_insert(conn: &mut Connection, file: &LibraryFile) {
    let tx = conn.transaction().unwrap();
    {
        let mut drama = tx
            .prepare(
                "INSERT INTO dramas (id, title, original_title, country, year, network, total_episodes,
                    status, rating, started_on, finished_on, rewatch_count, notes, tmdb_id, imdb_id, mdl_url,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )
            .unwrap();
        let mut drama_tag = tx
            .prepare("INSERT INTO drama_tags (drama_pk, tag, position) VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut drama_link = tx
            .prepare("INSERT INTO links (drama_pk, position, url, label, kind) VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        let mut episode = tx
            .prepare(
                "INSERT INTO episodes (drama_pk, season, number, title, runtime_min, rating, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .unwrap();
        let mut watch = tx
            .prepare("INSERT INTO watch_events (episode_pk, watched_at) VALUES (?1, ?2)")
            .unwrap();
        let mut scene = tx
            .prepare(
                "INSERT INTO scenes (id, drama_pk, season, episode, start_ms, end_ms, title, notes, favourite,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .unwrap();
        let mut scene_tag = tx
            .prepare("INSERT INTO scene_tags (scene_pk, tag, position) VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut person = tx
            .prepare("INSERT INTO scene_people (scene_pk, position, name) VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut scene_link = tx
            .prepare("INSERT INTO links (scene_pk, position, url, label, kind) VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        let ms = |at: Option<DateTime<Utc>>| at.map_or(0, |t| t.timestamp_millis());
        for d in &file.dramas {
            drama
                .execute(params![
                    d.id.map(|id| id.to_string()),
                    d.title,
                    d.original_title,
                    d.country,
                    d.year,
                    d.network,
                    d.total_episodes,
                    d.status.as_str(),
                    d.rating,
                    d.started_on.map(|x| x.to_string()),
                    d.finished_on.map(|x| x.to_string()),
                    d.rewatch_count,
                    d.notes,
                    d.external_ids.tmdb.map(|v| v as i64),
                    d.external_ids.imdb,
                    d.external_ids.mdl,
                    ms(d.created_at),
                    ms(d.updated_at),
                ])
                .unwrap();
            let pk = tx.last_insert_rowid();
            for (i, t) in d.tags.iter().enumerate() {
                drama_tag.execute(params![pk, t, i as i64]).unwrap();
            }
            for (i, l) in d.links.iter().enumerate() {
                drama_link
                    .execute(params![pk, i as i64, l.url, l.label, l.kind.as_str()])
                    .unwrap();
            }
            for e in &d.episodes {
                episode
                    .execute(params![
                        pk,
                        e.season,
                        e.number,
                        e.title,
                        e.runtime_min,
                        e.rating,
                        e.notes
                    ])
                    .unwrap();
                let episode_pk = tx.last_insert_rowid();
                for at in &e.watched_at {
                    watch
                        .execute(params![episode_pk, at.timestamp_millis()])
                        .unwrap();
                }
            }
            for s in &d.scenes {
                let start = SceneTime::parse(&s.start).unwrap().as_millis();
                let end = s
                    .end
                    .as_deref()
                    .map(|e| SceneTime::parse(e).unwrap().as_millis());
                scene
                    .execute(params![
                        s.id.map(|id| id.to_string()),
                        pk,
                        s.season,
                        s.episode,
                        start,
                        end,
                        s.title,
                        s.notes,
                        s.favourite,
                        ms(s.created_at),
                        ms(s.updated_at),
                    ])
                    .unwrap();
                let scene_pk = tx.last_insert_rowid();
                for (i, t) in s.tags.iter().enumerate() {
                    scene_tag.execute(params![scene_pk, t, i as i64]).unwrap();
                }
                for (i, name) in s.people.iter().enumerate() {
                    person.execute(params![scene_pk, i as i64, name]).unwrap();
                }
                for (i, l) in s.links.iter().enumerate() {
                    scene_link
                        .execute(params![scene_pk, i as i64, l.url, l.label, l.kind.as_str()])
                        .unwrap();
                }
            }
        }
    }
    // The search index, filled the quickest way: one statement per table.
    tx.execute_batch(
        "INSERT INTO drama_search (rowid, title, original_title, notes, tags)
         SELECT d.pk, d.title || ' ', coalesce(d.original_title, '') || ' ', d.notes || ' ',
                coalesce((SELECT group_concat(tag, ', ' ORDER BY position) FROM drama_tags t
                          WHERE t.drama_pk = d.pk), '') || ' '
         FROM dramas d;
         INSERT INTO scene_search (rowid, title, notes, tags, people)
         SELECT s.pk, s.title || ' ', s.notes || ' ',
                coalesce((SELECT group_concat(tag, ', ' ORDER BY position) FROM scene_tags t
                          WHERE t.scene_pk = s.pk), '') || ' ',
                coalesce((SELECT group_concat(name, ', ' ORDER BY position) FROM scene_people p
                          WHERE p.scene_pk = s.pk), '') || ' '
         FROM scenes s;
         INSERT INTO episode_search (rowid, title, notes)
         SELECT e.pk, coalesce(e.title, '') || ' ', e.notes || ' ' FROM episodes e
         WHERE e.title IS NOT NULL OR e.notes <> '';",
    )
    .unwrap();
    tx.commit().unwrap();
}

const IMPORT: &str = "import: whole file into an empty library";
const IMPORT_BASELINE: &str = "import baseline: serde + raw insert loop";
const EXPORT: &str = "export: whole library as JSON";
const EXPORT_BASELINE: &str = "export baseline: serde_json::to_writer";
const LIST: &str = "library list with progress";
const DRAMA_PAGE: &str = "drama page (busiest drama)";
const SEARCH_COMMON: &str = "search: common word";
const SEARCH_RARE: &str = "search: rare word";
/// What fans type, one query per kind of word: inside Hangul compounds
/// (나의 해방일지), short Hangul words, a Latin word and its prefix.
const SEARCH_KINDS: &[(&str, &str)] = &[
    ("search: one character (해)", "해"),
    ("search: two-character Hangul (일지)", "일지"),
    ("search: two-character Hangul, common (눈물)", "눈물"),
    ("search: three-character Hangul (해방일)", "해방일"),
    ("search: Hangul, common (명장면)", "명장면"),
    ("search: Latin word (umbrella)", "umbrella"),
    ("search: Latin prefixes (reed fie)", "reed fie"),
];
const TAG_FILTER: &str = "scenes tagged kiss";
const UP_NEXT: &str = "up next";
const STATS_ALL: &str = "stats: all time";
const STATS_YEAR: &str = "stats: one year (2025)";
const RANGE_MARK: &str = "mark episodes 1-16 watched";

/// What a figure must reach: a ratio to its baseline, a time, or both.
struct Target {
    name: &'static str,
    baseline: Option<&'static str>,
    max_ratio: Option<f64>,
    max_time: Option<Duration>,
}

impl Target {
    fn none(name: &'static str) -> Self {
        Target {
            name,
            baseline: None,
            max_ratio: None,
            max_time: None,
        }
    }

    fn ratio(name: &'static str, baseline: &'static str, max: f64) -> Self {
        Target {
            baseline: Some(baseline),
            max_ratio: Some(max),
            ..Target::none(name)
        }
    }

    fn under(self, max: Duration) -> Self {
        Target {
            max_time: Some(max),
            ..self
        }
    }
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn show(took: Duration) -> String {
    let ms = took.as_secs_f64() * 1_000.0;
    if ms >= 1_000.0 {
        format!("{:.2} s", ms / 1_000.0)
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// The table of figures, targets and ratios printed at the end of the run.
fn summary(fx: &Fixture) {
    let times = TIMES.lock().map(|t| t.clone()).unwrap_or_default();
    let m = |name: &str| times.get(name).map(|t| median(t));
    let scenes: usize = fx.file.dramas.iter().map(|d| d.scenes.len()).sum();
    println!();
    println!(
        "Drakor figures: {} dramas, {scenes} scenes, {} MB of JSON (medians of {} runs or more)",
        fx.file.dramas.len(),
        fx.json.len() / 1_000_000,
        times.values().map(Vec::len).min().unwrap_or(0)
    );
    if !measuring() {
        println!(
            "(test mode: a small library, each benchmark run once; the targets are for `cargo bench`)"
        );
    }
    println!("{:<44} {:>10}  {:<28} met", "what", "median", "target");
    let ms = Duration::from_millis;
    let rows = [
        Target::ratio(IMPORT, IMPORT_BASELINE, 3.0).under(Duration::from_secs(3)),
        Target::none(IMPORT_BASELINE),
        // A bound a user would notice; the baseline is measured to show
        // what serde alone costs, with no bound on the ratio.
        Target::none(EXPORT).under(ms(500)),
        Target::none(EXPORT_BASELINE),
        Target::none(LIST).under(ms(20)),
        Target::none(DRAMA_PAGE).under(ms(20)),
        Target::none(SEARCH_COMMON).under(ms(10)),
        Target::none(SEARCH_RARE).under(ms(10)),
        Target::none(SEARCH_KINDS[0].0),
        Target::none(SEARCH_KINDS[1].0).under(ms(20)),
        Target::none(SEARCH_KINDS[2].0).under(ms(20)),
        Target::none(SEARCH_KINDS[3].0).under(ms(20)),
        Target::none(SEARCH_KINDS[4].0).under(ms(20)),
        Target::none(SEARCH_KINDS[5].0).under(ms(20)),
        Target::none(SEARCH_KINDS[6].0).under(ms(20)),
        Target::none(TAG_FILTER).under(ms(20)),
        Target::none(UP_NEXT).under(ms(20)),
        Target::none(STATS_ALL).under(ms(50)),
        Target::none(STATS_YEAR).under(ms(50)),
        Target::none(RANGE_MARK),
    ];
    for Target {
        name,
        baseline,
        max_ratio,
        max_time,
    } in rows
    {
        let Some(took) = m(name) else { continue };
        let mut target = Vec::new();
        let mut met = true;
        if let (Some(baseline), Some(max_ratio)) = (baseline.and_then(m), max_ratio) {
            let ratio = took.as_secs_f64() / baseline.as_secs_f64();
            target.push(format!("{ratio:.2}x baseline (<= {max_ratio}x)"));
            met &= ratio <= max_ratio;
        }
        if let Some(max) = max_time {
            target.push(format!("< {}", show(max)));
            met &= took < max;
        }
        let met = if target.is_empty() {
            "-"
        } else if met {
            "yes"
        } else {
            "NO"
        };
        println!(
            "{name:<44} {:>10}  {:<28} {met}",
            show(took),
            target.join(", ")
        );
    }
}

/// The library file's size and the search index's share of it (`dbstat`),
/// after a checkpoint so the file holds every page.
fn index_sizes(fx: &Fixture) {
    let conn = Connection::open(fx.dir.path().join("library.sqlite3")).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let pages = |like: &str| -> i64 {
        conn.query_row(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?1",
            [like],
            |r| r.get(0),
        )
        .unwrap()
    };
    let mb = |bytes: i64| bytes as f64 / 1_000_000.0;
    println!(
        "library file {:.1} MB; search index {:.1} MB (dramas {:.1}, scenes {:.1}, episodes {:.1})",
        mb(pages("%")),
        mb(pages("%search%")),
        mb(pages("drama_search%")),
        mb(pages("scene_search%")),
        mb(pages("episode_search%")),
    );
}

fn benches(c: &mut Criterion) {
    let started = Instant::now();
    let mut fx = Fixture::new();
    println!(
        "set up the library in {:.1} s: {}",
        started.elapsed().as_secs_f64(),
        fx.dir.path().display()
    );
    index_sizes(&fx);
    reads(c, &fx);
    stats(c, &fx);
    import_and_export(c, &fx);
    range_mark(c, &mut fx);
    summary(&fx);
}

criterion_group! {
    name = library;
    config = config();
    targets = benches
}

criterion_main!(library);
