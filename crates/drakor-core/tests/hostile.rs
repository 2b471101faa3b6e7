//! Hostile content: markup, SQL and search syntax, huge notes, thousands of
//! tags, direction marks and links that are not web addresses. Text is kept
//! and given back exactly as typed (nothing runs, nothing is cut), limits
//! are refused by name, and every way in (the API, an imported file) keeps
//! the same rules.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::exchange::markdown;
use drakor_core::{
    DramaDraft, DramaFilter, EpisodeNotes, Error, ExportFilter, ExternalIds, Format, Library, Link,
    LinkKind, SceneDraft, Status,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// Text that would run, break out of markup, or mean something to SQL or
/// to the search engine if any layer took it as more than text.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "javascript:alert(1)",
    "'; DROP TABLE dramas; --",
    "\" OR 1=1 --",
    "100% _real_ %",
    "NEAR(kiss confession",
    "\"unbalanced",
    "* AND OR NOT *",
    "</textarea><iframe src=x>",
    "{{7*7}} ${7*7} &amp; &lt;b&gt;",
    "\u{202E}txet desrever\u{200B}\u{200F}",
    "Ze\u{0301}\u{0336}\u{0337}ro 나의\u{200B}해방일지",
];

/// A drama whose every text field, episode and scene holds `p`.
fn hostile_drama(lib: &mut Library, p: &str) -> Uuid {
    let draft = DramaDraft {
        title: p.into(),
        original_title: Some(p.into()),
        country: Some(p.into()),
        network: Some(p.into()),
        total_episodes: Some(16),
        status: Status::Watching,
        tags: vec![p.into()],
        notes: format!("{p}\n{p}"),
        links: vec![Link {
            url: "https://example.com/search?q=\"><script>alert(1)</script>".into(),
            label: p.into(),
            kind: LinkKind::Article,
        }],
        ..DramaDraft::default()
    };
    let id = lib.add_drama(&draft, now()).unwrap().id;
    lib.mark_watched(id, 1, &[1], now(), now()).unwrap();
    lib.annotate_episode(
        id,
        1,
        1,
        &EpisodeNotes {
            title: Some(p.into()),
            notes: p.into(),
            ..EpisodeNotes::default()
        },
        now(),
    )
    .unwrap();
    lib.add_scene(
        id,
        &SceneDraft {
            episode: 1,
            start: "48:12".into(),
            title: p.into(),
            tags: vec![p.into()],
            notes: p.into(),
            people: vec![p.into(), "<b>Son Seok-koo</b>".into()],
            links: vec![Link {
                url: "https://example.com/clip".into(),
                label: p.into(),
                kind: LinkKind::Clip,
            }],
            ..SceneDraft::default()
        },
        now(),
    )
    .unwrap();
    id
}

/// Checks that every field of the drama `id` reads back as `p`.
fn assert_literal(lib: &Library, id: Uuid, p: &str) {
    let detail = lib.get_drama(id).unwrap();
    let d = &detail.drama.fields;
    let tag = p.to_lowercase();
    assert_eq!(d.title, p, "title");
    assert_eq!(d.original_title.as_deref(), Some(p), "original title");
    assert_eq!(d.country.as_deref(), Some(p), "country");
    assert_eq!(d.network.as_deref(), Some(p), "network");
    assert_eq!(d.notes, format!("{p}\n{p}"), "notes keep their line break");
    assert_eq!(
        d.tags,
        vec![tag.clone()],
        "tags (lower-cased, nothing else)"
    );
    assert_eq!(d.links[0].label, p, "link label");
    assert_eq!(
        d.links[0].url, "https://example.com/search?q=\"><script>alert(1)</script>",
        "an http link is kept as typed, markup in its query and all"
    );
    let episode = &detail.episodes[0];
    assert_eq!(episode.title.as_deref(), Some(p), "episode title");
    assert_eq!(episode.notes, p, "episode notes");
    let scene = &detail.scenes[0];
    assert_eq!(scene.title, p, "scene title");
    assert_eq!(scene.notes, p, "scene notes");
    assert_eq!(scene.tags, vec![tag], "scene tags");
    assert_eq!(
        scene.people,
        vec![p.to_owned(), "<b>Son Seok-koo</b>".to_owned()],
        "people"
    );
    assert_eq!(scene.links[0].label, p, "scene link label");
}

fn payload_library() -> (tempfile::TempDir, Library, Vec<(Uuid, &'static str)>) {
    let (dir, mut lib) = temp_library();
    let ids = PAYLOADS
        .iter()
        .map(|p| (hostile_drama(&mut lib, p), *p))
        .collect();
    (dir, lib, ids)
}

#[test]
fn every_text_field_keeps_markup_and_sql_literally_after_reopening() {
    let (dir, lib, ids) = payload_library();
    drop(lib);
    let lib = Library::open(dir.path().join("drakor.sqlite3")).unwrap();
    for (id, p) in &ids {
        assert_literal(&lib, *id, p);
    }
    let all = lib.list_dramas(&DramaFilter::default()).unwrap();
    assert_eq!(all.len(), PAYLOADS.len(), "no drama lost, no table dropped");
    for summary in &all {
        assert!(PAYLOADS.contains(&summary.title.as_str()), "{summary:?}");
    }
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn exports_hold_the_literal_text_and_import_it_back_unchanged() {
    let (_dir, lib, ids) = payload_library();

    // JSON: every field as typed, and a fresh library reads it back the same.
    let json = lib.export_json(&ExportFilter::default(), now()).unwrap();
    let whole = lib.export(&ExportFilter::default(), now()).unwrap();
    assert_eq!(
        json,
        serde_json::to_string_pretty(&whole).unwrap() + "\n",
        "the export is serde's pretty text of the whole file, and a line break"
    );
    let file: Value = serde_json::from_str(&json).unwrap();
    for (drama, p) in file["dramas"].as_array().unwrap().iter().zip(PAYLOADS) {
        assert_eq!(drama["title"], *p);
        assert_eq!(drama["network"], *p);
        assert_eq!(drama["episodes"][0]["notes"], *p);
        assert_eq!(drama["scenes"][0]["people"][0], *p);
        assert_eq!(drama["scenes"][0]["links"][0]["label"], *p);
    }
    let (_other_dir, mut other) = temp_library();
    other.import_json(&json, now(), false).unwrap();
    for (id, p) in &ids {
        assert_literal(&other, *id, p);
    }
    assert_eq!(
        content(&other),
        content(&lib),
        "the round trip changes nothing"
    );

    // CSV: each cell is the text itself (a spreadsheet formula would get a
    // leading ', but none of these starts like one).
    let csv_text = lib
        .export_text(&ExportFilter::default(), ExportFormat::CsvScenes)
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), PAYLOADS.len());
    for p in PAYLOADS {
        let row = rows
            .iter()
            .find(|r| &r[column("drama_title")] == *p)
            .unwrap_or_else(|| panic!("no CSV row for {p:?}"));
        assert_eq!(&row[column("title")], *p);
        assert_eq!(&row[column("notes")], *p);
    }

    // Markdown: the text escaped, so no tag survives as markup.
    let md = lib
        .export_markdown(&ExportFilter::default(), Some("<script>alert(1)</script>"))
        .unwrap();
    for p in PAYLOADS {
        assert!(
            md.contains(&markdown::escape(p)),
            "the Markdown holds {p:?} escaped"
        );
    }
    // A < opens a tag, comment or autolink only before a letter, / ! or ?.
    let unescaped: Vec<&str> = md
        .match_indices('<')
        .filter(|(i, _)| !md[..*i].ends_with('\\'))
        .filter(|(i, _)| {
            md[i + 1..]
                .starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
        })
        .map(|(i, _)| &md[i..md.len().min(i + 20)])
        .collect();
    assert!(
        unescaped.is_empty(),
        "every < that could open a tag is escaped, so no tag survives: {unescaped:?}"
    );
}

/// What people type into a search box when they mean the characters, and
/// what an attacker types to break a query built from strings.
const QUERIES: &[&str] = &[
    "'; DROP TABLE dramas; --",
    "\" OR 1=1 --",
    "%",
    "_",
    "%%%%",
    "NEAR(",
    "NEAR(kiss confession, 2)",
    "\"unbalanced",
    "\"",
    "*",
    "kiss*",
    "AND OR NOT",
    "NOT",
    "title:kiss",
    "{title notes}: kiss",
    "^kiss",
    "kiss + -confession",
    "(kiss",
    "a\"b\"c",
    "'",
    "\\",
    "\u{202E}",
    "\u{200B}",
    "😀",
    "<script>",
];

#[test]
fn search_takes_sql_and_search_syntax_as_plain_words_and_never_errs() {
    let (_dir, lib, ids) = payload_library();
    let long_query = "kiss ".repeat(2_000);
    for q in QUERIES.iter().copied().chain([long_query.as_str()]) {
        lib.search(q, 50)
            .unwrap_or_else(|e| panic!("search {q:?} failed: {e}"));
        let filter = DramaFilter {
            text: Some(q.into()),
            ..DramaFilter::default()
        };
        lib.list_dramas(&filter)
            .unwrap_or_else(|e| panic!("the library filtered by {q:?} failed: {e}"));
        let filter = DramaFilter {
            tag: Some(q.into()),
            ..DramaFilter::default()
        };
        lib.list_dramas(&filter)
            .unwrap_or_else(|e| panic!("the library filtered by tag {q:?} failed: {e}"));
    }
    assert_eq!(
        lib.list_dramas(&DramaFilter::default()).unwrap().len(),
        PAYLOADS.len(),
        "nothing was dropped"
    );
    assert_eq!(lib.integrity_check().unwrap(), "ok");

    // The words in the payloads are found like any words.
    let finds = |q: &str, title: &str| {
        let hits = lib.search(q, 100).unwrap();
        assert!(
            hits.iter().any(|h| h.drama_title == title),
            "searching {q:?} should find {title:?}: {hits:?}"
        );
    };
    finds("DROP TABLE", "'; DROP TABLE dramas; --");
    finds("'; DROP TABLE dramas; --", "'; DROP TABLE dramas; --");
    finds("onerror", "<img src=x onerror=alert(1)>");
    finds("\"unbalanced", "\"unbalanced");
    finds("NEAR(", "NEAR(kiss confession");
    finds("AND OR NOT", "* AND OR NOT *");
    finds("real", "100% _real_ %");
    finds(
        "해방일지",
        "Ze\u{0301}\u{0336}\u{0337}ro 나의\u{200B}해방일지",
    );

    // A tag filter is an exact tag, never a pattern.
    let by_tag = |tag: &str| {
        lib.list_dramas(&DramaFilter {
            tag: Some(tag.into()),
            ..DramaFilter::default()
        })
        .unwrap()
    };
    assert!(by_tag("%").is_empty(), "% is not a wildcard");
    assert!(by_tag("_").is_empty(), "_ is not a wildcard");
    assert_eq!(by_tag("100% _real_ %").len(), 1);

    // Looking a drama up by name never treats % or _ as wildcards either.
    for wild in ["%%%%", "____", "____-%", "%-%-", "0%%%"] {
        let err = lib.find_drama(wild).unwrap_err();
        assert_eq!(err.code(), "not_found", "{wild:?}: {err}");
    }
    let (drop_id, _) = ids[4];
    assert_eq!(lib.find_drama("'; DROP TABLE dramas; --").unwrap(), drop_id);
}

/// `bytes` bytes of notes mixing Hangul (3 bytes each) and ASCII.
fn notes_of(bytes: usize) -> String {
    let mut notes = "나의 해방일지 <script>alert(1)</script>\n".repeat(bytes / 64);
    while notes.len() < bytes {
        notes.push('x');
    }
    assert_eq!(notes.len(), bytes);
    notes
}

#[test]
fn notes_of_exactly_100_kb_are_kept_byte_for_byte() {
    let (dir, mut lib) = temp_library();
    let notes = notes_of(100 * 1024);
    let id = lib
        .add_drama(
            &DramaDraft {
                notes: notes.clone(),
                ..liberation()
            },
            now(),
        )
        .unwrap()
        .id;
    lib.annotate_episode(
        id,
        1,
        11,
        &EpisodeNotes {
            notes: notes.clone(),
            ..EpisodeNotes::default()
        },
        now(),
    )
    .unwrap();
    lib.add_scene(
        id,
        &SceneDraft {
            notes: notes.clone(),
            ..reed_field_kiss()
        },
        now(),
    )
    .unwrap();
    drop(lib);
    let lib = Library::open(dir.path().join("drakor.sqlite3")).unwrap();
    let detail = lib.get_drama(id).unwrap();
    assert!(detail.drama.fields.notes == notes, "drama notes");
    assert!(detail.episodes[0].notes == notes, "episode notes");
    assert!(detail.scenes[0].notes == notes, "scene notes");
}

fn assert_refused(err: &Error, field: &str, says: &str) {
    let problems = err
        .problems()
        .unwrap_or_else(|| panic!("expected a refusal naming {field}, got {err}"));
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert!(fields.contains(&field), "{field} not named in {err}");
    assert!(err.to_string().contains(says), "{err} should say {says:?}");
}

#[test]
fn a_megabyte_of_notes_is_refused_by_field_and_nothing_is_stored() {
    let (_dir, mut lib) = temp_library();
    let megabyte = notes_of(1024 * 1024);
    let err = lib
        .add_drama(
            &DramaDraft {
                notes: megabyte.clone(),
                ..liberation()
            },
            now(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_refused(
        &err,
        "notes",
        "notes: are 1024 KB long; the limit is 100 KB",
    );
    assert!(lib.list_dramas(&DramaFilter::default()).unwrap().is_empty());

    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let before = content(&lib);
    let err = lib
        .add_scene(
            id,
            &SceneDraft {
                notes: megabyte.clone(),
                ..reed_field_kiss()
            },
            now(),
        )
        .unwrap_err();
    assert_refused(&err, "notes", "limit is 100 KB");
    let err = lib
        .annotate_episode(
            id,
            1,
            1,
            &EpisodeNotes {
                notes: megabyte.clone(),
                ..EpisodeNotes::default()
            },
            now(),
        )
        .unwrap_err();
    assert_refused(&err, "notes", "limit is 100 KB");
    let err = lib
        .update_drama(
            id,
            &DramaDraft {
                notes: megabyte,
                ..liberation()
            },
            now(),
        )
        .unwrap_err();
    assert_refused(&err, "notes", "limit is 100 KB");
    assert_eq!(content(&lib), before, "nothing was cut and stored");
}

#[test]
fn a_megabyte_of_notes_in_an_imported_file_is_refused_by_its_json_path() {
    let (_dir, mut lib) = temp_library();
    lib.import_json(&sample_text(), now(), false).unwrap();
    let before = content(&lib);
    let megabyte = notes_of(1024 * 1024);
    let file = json!({
        "format": "drakor",
        "version": 1,
        "dramas": [{
            "title": "Goblin",
            "notes": megabyte,
            "episodes": [{ "season": 1, "number": 1, "notes": megabyte, "watched_at": [] }],
            "scenes": [{ "season": 1, "episode": 1, "start": "00:01:00",
                         "title": "First snow", "notes": megabyte }]
        }]
    });
    let err = lib
        .import_json(&file.to_string(), now(), false)
        .unwrap_err();
    assert_eq!(err.code(), "import_refused");
    for field in [
        "dramas[0].notes",
        "dramas[0].episodes[0].notes",
        "dramas[0].scenes[0].notes",
    ] {
        assert_refused(&err, field, "1024 KB long; the limit is 100 KB");
    }
    assert_eq!(content(&lib), before, "a refused file changes nothing");

    // Another tracker's file: Watcharr's "thoughts" are the notes.
    let watcharr = json!([{
        "id": 1, "status": "WATCHING", "thoughts": notes_of(1024 * 1024),
        "content": { "id": 2, "tmdbId": 90001, "title": "Goblin", "type": "tv" },
        "watchedEpisodes": []
    }]);
    let err = lib
        .import_bytes(
            "watcharr.json",
            watcharr.to_string().as_bytes(),
            Format::Watcharr,
            now(),
            false,
        )
        .unwrap_err();
    assert_eq!(err.code(), "import_refused");
    let problems = err.problems().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.field.ends_with("thoughts") && p.message.contains("limit is 100 KB")),
        "{err}"
    );
    assert_eq!(content(&lib), before);
}

#[test]
fn ten_thousand_tags_on_a_scene_are_kept_in_order_exported_and_searchable() {
    let (dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let tags: Vec<String> = (0..10_000).map(|i| format!("tag-{i:05}")).collect();
    let scene = lib
        .add_scene(
            id,
            &SceneDraft {
                tags: tags.clone(),
                ..reed_field_kiss()
            },
            now(),
        )
        .unwrap();
    let json = lib.export_json(&ExportFilter::default(), now()).unwrap();
    let hits = lib.search("tag-09999", 10).unwrap();
    let in_use = lib.tags().unwrap();
    assert_eq!(scene.tags, tags, "all kept, in the order given");
    assert_eq!(hits.len(), 1, "the last tag is searchable: {hits:?}");
    assert_eq!(in_use.len(), 10_000 + 1, "every tag, and the drama's own");
    drop(lib);
    let mut lib = Library::open(dir.path().join("drakor.sqlite3")).unwrap();
    assert_eq!(lib.get_scene(scene.id).unwrap().tags, tags);
    let (_other_dir, mut other) = temp_library();
    other.import_json(&json, now(), false).unwrap();
    assert_eq!(other.get_scene(scene.id).unwrap().tags, tags);

    // One more is over the limit: refused by name, the scene unchanged.
    let mut too_many = tags.clone();
    too_many.push("one-more".into());
    let err = lib
        .update_scene(
            scene.id,
            &SceneDraft {
                tags: too_many,
                ..reed_field_kiss()
            },
            now(),
        )
        .unwrap_err();
    assert_refused(&err, "tags", "10001 different tags; the limit is 10000");
    assert_eq!(lib.get_scene(scene.id).unwrap().tags, tags);
}

#[test]
fn direction_marks_zero_width_and_combining_characters_are_kept_byte_for_byte() {
    let (dir, mut lib) = temp_library();
    let texts = [
        "\u{202E}gnp.exe\u{202C} 해방",
        "Goblin\u{200B}",
        "\u{200F}도깨비\u{200F}",
        "Z\u{0351}\u{0346}a\u{0308}\u{0301}l\u{0336}g\u{0337}o",
        "\u{200D}👩\u{200D}❤\u{FE0F}\u{200D}👨",
    ];
    let mut ids = Vec::new();
    for t in texts {
        let id = lib
            .add_drama(
                &DramaDraft {
                    title: t.into(),
                    original_title: Some(t.into()),
                    notes: t.into(),
                    tags: vec![t.into()],
                    ..DramaDraft::default()
                },
                now(),
            )
            .unwrap()
            .id;
        ids.push(id);
    }
    drop(lib);
    let lib = Library::open(dir.path().join("drakor.sqlite3")).unwrap();
    let json = lib.export_json(&ExportFilter::default(), now()).unwrap();
    for (id, t) in ids.iter().zip(texts) {
        let d = lib.get_drama(*id).unwrap().drama.fields;
        assert_eq!(d.title.as_bytes(), t.as_bytes());
        assert_eq!(
            d.original_title.as_deref().map(str::as_bytes),
            Some(t.as_bytes())
        );
        assert_eq!(d.notes.as_bytes(), t.as_bytes());
        assert_eq!(d.tags, vec![t.to_lowercase()]);
        assert!(json.contains(t), "the export holds {t:?} as is");
    }
}

#[test]
fn a_title_of_only_invisible_characters_is_refused_as_empty() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    for blank in [
        "\u{200B}",
        "\u{200F}\u{202E}",
        " \u{200B}\u{FEFF} ",
        "\u{3164}\u{3164}",
        "\u{0301}",
        "\u{2060}\t\u{200C}",
    ] {
        let err = lib
            .add_drama(&DramaDraft::titled(blank), now())
            .unwrap_err();
        assert_refused(&err, "title", "title: must not be empty");
        let err = lib
            .add_scene(
                id,
                &SceneDraft {
                    title: blank.into(),
                    ..reed_field_kiss()
                },
                now(),
            )
            .unwrap_err();
        assert_refused(&err, "title", "must not be empty");
    }
    let file =
        json!({ "format": "drakor", "version": 1, "dramas": [{ "title": "\u{200B}\u{200F}" }] });
    let err = lib
        .import_json(&file.to_string(), now(), false)
        .unwrap_err();
    assert_refused(&err, "dramas[0].title", "must not be empty");
    assert_eq!(lib.list_dramas(&DramaFilter::default()).unwrap().len(), 1);
}

#[test]
fn control_characters_are_refused_where_text_enters() {
    let (_dir, mut lib) = temp_library();
    let err = lib
        .add_drama(&DramaDraft::titled("Goblin\u{1b}]0;pwned\u{7}"), now())
        .unwrap_err();
    assert_refused(&err, "title", "control character U+001B");
    let file = json!({ "format": "drakor", "version": 1, "dramas": [{
        "title": "Goblin",
        "scenes": [{ "season": 1, "episode": 1, "start": "00:01:00", "title": "Snow\u{0}" }]
    }] });
    let err = lib
        .import_json(&file.to_string(), now(), false)
        .unwrap_err();
    assert_refused(
        &err,
        "dramas[0].scenes[0].title",
        "control character U+0000",
    );
    assert!(lib.list_dramas(&DramaFilter::default()).unwrap().is_empty());
}

#[test]
fn titles_of_500_hangul_characters_fit_and_501_are_refused_by_characters() {
    let (_dir, mut lib) = temp_library();
    let fits = "가".repeat(500);
    let over = "가".repeat(501);
    assert_eq!(fits.len(), 1_500, "500 characters are 1,500 bytes");

    let id = lib
        .add_drama(
            &DramaDraft {
                title: fits.clone(),
                original_title: Some(fits.clone()),
                links: vec![Link {
                    url: "https://example.com".into(),
                    label: fits.clone(),
                    kind: LinkKind::Other,
                }],
                ..DramaDraft::default()
            },
            now(),
        )
        .unwrap()
        .id;
    let scene = lib
        .add_scene(
            id,
            &SceneDraft {
                title: fits.clone(),
                ..reed_field_kiss()
            },
            now(),
        )
        .unwrap();
    lib.annotate_episode(
        id,
        1,
        2,
        &EpisodeNotes {
            title: Some(fits.clone()),
            ..EpisodeNotes::default()
        },
        now(),
    )
    .unwrap();
    let detail = lib.get_drama(id).unwrap();
    assert_eq!(detail.drama.fields.title, fits);
    assert_eq!(
        detail.drama.fields.original_title.as_deref(),
        Some(fits.as_str())
    );
    assert_eq!(detail.drama.fields.links[0].label, fits);
    assert_eq!(scene.title, fits);
    assert_eq!(detail.episodes[0].title.as_deref(), Some(fits.as_str()));

    let says = "is 501 characters long; the limit is 500";
    let err = lib
        .add_drama(&DramaDraft::titled(over.clone()), now())
        .unwrap_err();
    assert_refused(&err, "title", says);
    let err = lib
        .add_drama(
            &DramaDraft {
                original_title: Some(over.clone()),
                ..DramaDraft::titled("Goblin")
            },
            now(),
        )
        .unwrap_err();
    assert_refused(&err, "original_title", says);
    let err = lib
        .add_drama(
            &DramaDraft {
                links: vec![Link {
                    url: "https://example.com".into(),
                    label: over.clone(),
                    kind: LinkKind::Other,
                }],
                ..DramaDraft::titled("Goblin")
            },
            now(),
        )
        .unwrap_err();
    assert_refused(&err, "links[0].label", says);
    let err = lib
        .update_scene(
            scene.id,
            &SceneDraft {
                title: over.clone(),
                ..reed_field_kiss()
            },
            now(),
        )
        .unwrap_err();
    assert_refused(&err, "title", says);
    let err = lib
        .annotate_episode(
            id,
            1,
            2,
            &EpisodeNotes {
                title: Some(over.clone()),
                ..EpisodeNotes::default()
            },
            now(),
        )
        .unwrap_err();
    assert_refused(&err, "title", says);
    let file = json!({ "format": "drakor", "version": 1, "dramas": [{ "title": over }] });
    let err = lib
        .import_json(&file.to_string(), now(), false)
        .unwrap_err();
    assert_refused(&err, "dramas[0].title", says);
    assert_eq!(lib.list_dramas(&DramaFilter::default()).unwrap().len(), 1);
}

/// Addresses that are not plain web addresses, or only look like one.
const BAD_URLS: &[&str] = &[
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "vbscript:msgbox(1)",
    "ftp://example.com/x",
    "about:blank",
    "blob:https://example.com/x",
    "http:/x",
    "https:example.com",
    "http:\\\\example.com",
    "//example.com",
    "example.com",
    "https://",
    "https://exa mple.com",
    "https://example.com/\u{202E}4pm.exe",
    "https://example.com/\u{0}",
    "",
    "   ",
];

fn link(url: &str) -> Link {
    Link {
        url: url.into(),
        label: "BTS".into(),
        kind: LinkKind::BehindTheScenes,
    }
}

#[test]
fn only_http_and_https_links_are_kept_from_the_api() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let before = content(&lib);
    for url in BAD_URLS {
        let err = lib
            .add_drama(
                &DramaDraft {
                    links: vec![link(url)],
                    ..DramaDraft::titled("Goblin")
                },
                now(),
            )
            .unwrap_err();
        assert_refused(&err, "links[0].url", "");
        if !url.trim().is_empty() {
            // A blank MyDramaList address is no address.
            let err = lib
                .add_drama(
                    &DramaDraft {
                        external_ids: ExternalIds {
                            mdl: Some((*url).into()),
                            ..ExternalIds::default()
                        },
                        ..DramaDraft::titled("Goblin")
                    },
                    now(),
                )
                .unwrap_err();
            assert_refused(&err, "external_ids.mdl", "");
        }
        let err = lib
            .add_scene(
                id,
                &SceneDraft {
                    links: vec![link(url)],
                    ..reed_field_kiss()
                },
                now(),
            )
            .unwrap_err();
        assert_refused(&err, "links[0].url", "");
    }
    assert_eq!(content(&lib), before, "nothing was stored");

    // Web addresses are kept, with the scheme in lower case.
    let kept = lib
        .add_drama(
            &DramaDraft {
                links: vec![
                    link("HTTP://example.com/A"),
                    link("  https://example.com/b  "),
                    link("https://ko.wikipedia.org/wiki/나의_해방일지"),
                ],
                external_ids: ExternalIds {
                    mdl: Some("HTTPS://mydramalist.com/49231".into()),
                    ..ExternalIds::default()
                },
                ..DramaDraft::titled("Goblin")
            },
            now(),
        )
        .unwrap();
    let urls: Vec<&str> = kept.fields.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "http://example.com/A",
            "https://example.com/b",
            "https://ko.wikipedia.org/wiki/나의_해방일지"
        ]
    );
    assert_eq!(
        kept.fields.external_ids.mdl.as_deref(),
        Some("https://mydramalist.com/49231")
    );
}

#[test]
fn only_http_and_https_links_are_kept_from_an_imported_file() {
    let (_dir, mut lib) = temp_library();
    lib.import_json(&sample_text(), now(), false).unwrap();
    let before = content(&lib);
    for url in BAD_URLS {
        let file = json!({ "format": "drakor", "version": 1, "dramas": [{
            "title": "Goblin",
            "links": [{ "url": url, "label": "x", "kind": "clip" }],
            "external_ids": { "mdl": url },
            "scenes": [{ "season": 1, "episode": 1, "start": "00:01:00", "title": "Snow",
                         "links": [{ "url": url }] }]
        }] });
        let err = lib
            .import_json(&file.to_string(), now(), false)
            .unwrap_err();
        assert_eq!(err.code(), "import_refused", "{url:?}");
        assert_refused(&err, "dramas[0].links[0].url", "");
        assert_refused(&err, "dramas[0].scenes[0].links[0].url", "");
        if !url.trim().is_empty() {
            assert_refused(&err, "dramas[0].external_ids.mdl", "");
        }
        let err = lib
            .import_bytes(
                "drakor.json",
                file.to_string().as_bytes(),
                Format::Auto,
                now(),
                false,
            )
            .unwrap_err();
        assert_refused(&err, "dramas[0].links[0].url", "");
    }
    assert_eq!(content(&lib), before, "no refused file changed anything");

    let file = json!({ "format": "drakor", "version": 1, "dramas": [{
        "title": "Links from elsewhere",
        "links": [{ "url": "HTTPS://example.com/Goblin" }]
    }] });
    lib.import_json(&file.to_string(), now(), false).unwrap();
    let id = lib.find_drama("Links from elsewhere").unwrap();
    assert_eq!(
        lib.get_drama(id).unwrap().drama.fields.links[0].url,
        "https://example.com/Goblin"
    );
}
