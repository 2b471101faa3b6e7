//! Hostile text on the command line: markup, SQL, search syntax, direction
//! marks and huge values are stored and printed back as typed; limits and
//! non-web links are refused in one line naming the field (and the flag),
//! or, in an imported file, by their place in it; nothing is half-saved.
#![allow(clippy::unwrap_used)]

mod common;

use common::TempLibrary;
use serde_json::{Value, json};

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
    "\u{202E}txet desrever\u{200B}\u{200F}",
    "Ze\u{0301}\u{0336}ro 나의\u{200B}해방일지",
];

/// Adds a drama, an episode note and a scene, every text field holding `p`;
/// gives the drama's id.
fn add_hostile(lib: &TempLibrary, p: &str) -> String {
    let link = format!("https://example.com/bts|{p}|clip");
    let id = lib.run(&[
        "add",
        p,
        "--original",
        p,
        "--country",
        p,
        "--network",
        p,
        "--notes",
        p,
        "--tag",
        p,
        "--link",
        &link,
        "--episodes",
        "16",
        "--quiet",
    ]);
    let id = id.trim().to_owned();
    lib.run(&["episode", &id, "1", "--title", p, "--notes", p]);
    lib.run(&[
        "scene",
        "add",
        &id,
        "--episode",
        "1",
        "--at",
        "48:12",
        "--title",
        p,
        "--notes",
        p,
        "--person",
        p,
        "--tag",
        p,
        "--link",
        &link,
    ]);
    id
}

#[test]
fn markup_and_sql_typed_on_the_command_line_come_back_as_typed() {
    let lib = TempLibrary::new();
    let ids: Vec<String> = PAYLOADS.iter().map(|p| add_hostile(&lib, p)).collect();

    let list = lib.run(&["list"]);
    let scenes = lib.run(&["scene", "list"]);
    for (id, p) in ids.iter().zip(PAYLOADS) {
        assert!(list.contains(p), "`list` shows {p:?}:\n{list}");
        assert!(scenes.contains(p), "`scene list` shows {p:?}:\n{scenes}");
        let shown = lib.run(&["show", id]);
        assert!(
            shown.lines().next() == Some(format!("{p}  {p}").as_str()),
            "`show` starts with the title and original title as typed: {shown}"
        );
        assert!(
            shown.matches(p).count() >= 6,
            "`show` prints {p:?} in every field: {shown}"
        );

        let detail: Value = serde_json::from_str(&lib.run(&["show", id, "--json"])).unwrap();
        for field in ["title", "original_title", "country", "network", "notes"] {
            assert_eq!(detail[field], *p, "{field}");
        }
        assert_eq!(detail["tags"][0], p.to_lowercase());
        assert_eq!(detail["links"][0]["label"], *p);
        assert_eq!(detail["episodes"][0]["title"], *p);
        assert_eq!(detail["episodes"][0]["notes"], *p);
        let scene = &detail["scenes"][0];
        for field in ["title", "notes"] {
            assert_eq!(scene[field], *p, "scene {field}");
        }
        assert_eq!(scene["people"][0], *p);
        assert_eq!(scene["tags"][0], p.to_lowercase());
        assert_eq!(scene["links"][0]["label"], *p);
    }

    // The export reads back into a fresh library unchanged.
    let export = lib.path("export.json");
    lib.run(&["export", "-o", export.to_str().unwrap()]);
    let other = TempLibrary::new();
    other.run(&["import", export.to_str().unwrap()]);
    assert_eq!(other.dramas(), lib.dramas());
}

#[test]
fn searching_with_sql_and_search_syntax_never_fails() {
    let lib = TempLibrary::new();
    for p in PAYLOADS {
        add_hostile(&lib, p);
    }
    let before = lib.dramas();
    for q in [
        "'; DROP TABLE dramas; --",
        "\" OR 1=1 --",
        "%",
        "_",
        "NEAR(",
        "\"unbalanced",
        "\"",
        "*",
        "AND OR NOT",
        "title:kiss",
        "{title}: x",
        "^kiss",
        "(",
        "\u{202E}",
    ] {
        lib.run(&["search", q]);
        lib.run(&["list", "--search", q]);
        lib.run(&["list", "--tag", q]);
        lib.run(&["scene", "list", "--tag", q]);
    }
    let found = lib.run(&["search", "DROP", "TABLE"]);
    assert!(found.contains("'; DROP TABLE dramas; --"), "{found}");
    let found = lib.run(&["search", "\"unbalanced"]);
    assert!(found.contains("\"unbalanced"), "{found}");
    assert_eq!(lib.dramas(), before, "nothing changed, nothing was dropped");

    // % and _ are not wildcards when a drama is named.
    for wild in ["%%%%", "____", "%-%-"] {
        let stderr = lib.fail(&["show", wild], 1);
        assert_eq!(
            stderr,
            format!("drakor: no drama matches {wild:?} (see `drakor list`)\n")
        );
    }
}

/// Runs `args`, which must fail, and gives its one line of stderr.
fn one_line(lib: &TempLibrary, args: &[&str]) -> String {
    let stderr = lib.fail(args, 1);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr.trim_end().to_owned()
}

#[test]
fn limits_are_refused_in_one_line_naming_the_field() {
    let lib = TempLibrary::new();
    let id = lib.run(&["add", "Goblin", "--quiet"]).trim().to_owned();
    let before = lib.dramas();

    let notes = "a".repeat(101 * 1024);
    assert_eq!(
        one_line(&lib, &["add", "Goblin 2", "--notes", &notes]),
        "drakor: notes: are 101 KB long; the limit is 100 KB (nothing was cut: shorten them)"
    );
    assert_eq!(
        one_line(
            &lib,
            &[
                "scene",
                "add",
                &id,
                "--episode",
                "1",
                "--at",
                "1:00",
                "--title",
                "Snow",
                "--notes",
                &notes
            ]
        ),
        "drakor: notes: are 101 KB long; the limit is 100 KB (nothing was cut: shorten them)"
    );
    assert_eq!(
        one_line(&lib, &["add", &"가".repeat(501)]),
        "drakor: title: is 501 characters long; the limit is 500"
    );
    assert_eq!(
        one_line(&lib, &["edit", &id, "--original", &"가".repeat(501)]),
        "drakor: original_title (--original): is 501 characters long; the limit is 500"
    );
    assert_eq!(
        one_line(&lib, &["add", "\u{200B}\u{200F}"]),
        "drakor: title: must not be empty (it has only invisible characters)"
    );
    assert_eq!(
        one_line(&lib, &["add", "Goblin\u{1b}[2J"]),
        "drakor: title: contains the control character U+001B; remove it"
    );
    let mut args: Vec<String> = [
        "scene",
        "add",
        &id,
        "--episode",
        "1",
        "--at",
        "1:00",
        "--title",
        "Tags",
    ]
    .map(String::from)
    .to_vec();
    for i in 0..10_001 {
        args.push("--tag".into());
        args.push(format!("t{i}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(
        one_line(&lib, &args),
        "drakor: tags (--tag): 10001 different tags; the limit is 10000"
    );
    assert_eq!(lib.dramas(), before, "nothing was saved");

    // At the limits, everything is kept.
    let notes = "a".repeat(100 * 1024);
    let title = "가".repeat(500);
    lib.run(&["add", &title, "--notes", &notes]);
    lib.run(&args[..args.len() - 2]);
    let dramas = lib.dramas();
    let kept = dramas
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == title.as_str())
        .unwrap();
    assert_eq!(kept["notes"], notes.as_str());
    let tags = &dramas[0]["scenes"][0]["tags"];
    assert_eq!(tags.as_array().unwrap().len(), 10_000);
}

#[test]
fn a_huge_value_is_quoted_by_its_start_in_a_short_message() {
    let lib = TempLibrary::new();
    let id = lib.run(&["add", "Goblin", "--quiet"]).trim().to_owned();
    let huge = "9".repeat(100_000);
    let huge_tag = "x".repeat(100_000);
    for args in [
        vec![
            "scene",
            "add",
            &id,
            "--episode",
            "1",
            "--at",
            &huge,
            "--title",
            "x",
        ],
        vec!["edit", &id, "--tag", &huge_tag],
        vec!["edit", &id, "--link", &huge_tag],
        vec!["show", &huge_tag],
    ] {
        let stderr = one_line(&lib, &args);
        assert!(stderr.len() < 600, "the value is cut short: {stderr}");
    }
    assert_eq!(
        one_line(&lib, &["edit", &id, "--tag", &huge_tag]),
        format!(
            "drakor: tags (--tag): \"{}\"… (100000 characters) is longer than 64 characters",
            "x".repeat(40)
        )
    );
}

#[test]
fn links_that_are_not_web_addresses_are_refused_naming_the_flag() {
    let lib = TempLibrary::new();
    let id = lib.run(&["add", "Goblin", "--quiet"]).trim().to_owned();
    let before = lib.dramas();
    for (url, says) in [
        (
            "javascript:alert(1)",
            "drakor: links[0].url (--link): javascript: links are refused; only http and https addresses are kept",
        ),
        (
            "DATA:text/html,<script>alert(1)</script>",
            "drakor: links[0].url (--link): data: links are refused; only http and https addresses are kept",
        ),
        (
            "file:///etc/passwd",
            "drakor: links[0].url (--link): file: links are refused; only http and https addresses are kept",
        ),
        (
            "http:/x",
            "drakor: links[0].url (--link): \"http:/x\" is not a web address; write it in full, like https://example.com/…",
        ),
        (
            "https://example.com/\u{202E}",
            "drakor: links[0].url (--link): \"https://example.com/\\u{202e}\" contains the invisible character U+202E; remove it",
        ),
    ] {
        assert_eq!(one_line(&lib, &["edit", &id, "--link", url]), says);
        assert_eq!(
            one_line(
                &lib,
                &[
                    "scene",
                    "add",
                    &id,
                    "--episode",
                    "1",
                    "--at",
                    "1:00",
                    "--title",
                    "x",
                    "--link",
                    url
                ]
            ),
            says
        );
    }
    assert_eq!(
        one_line(&lib, &["edit", &id, "--mdl", "javascript:alert(1)"]),
        "drakor: external_ids.mdl (--mdl): javascript: links are refused; only http and https addresses are kept"
    );
    assert_eq!(lib.dramas(), before, "nothing was saved");

    lib.run(&["edit", &id, "--link", "HTTPS://example.com/Goblin|BTS|clip"]);
    assert_eq!(
        lib.dramas()[0]["links"][0]["url"],
        "https://example.com/Goblin",
        "the scheme is kept in lower case"
    );
}

#[test]
fn an_imported_file_with_a_megabyte_of_notes_or_a_bad_link_is_refused_by_place() {
    let lib = TempLibrary::new().with_sample();
    let before = lib.dramas();
    let megabyte = "나".repeat(350_000);
    let file = lib.path("hostile.json");
    std::fs::write(
        &file,
        json!({ "format": "drakor", "version": 1, "dramas": [{
            "title": "<script>alert(1)</script>",
            "links": [{ "url": "javascript:alert(1)", "label": "x" }],
            "scenes": [{ "season": 1, "episode": 1, "start": "00:01:00",
                         "title": "'; DROP TABLE dramas; --", "notes": megabyte }]
        }] })
        .to_string(),
    )
    .unwrap();
    let stderr = lib.fail(&["import", file.to_str().unwrap()], 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!("drakor: {} was not imported, nothing was changed:", file.display()),
            "  dramas[0].links[0].url: javascript: links are refused; only http and https addresses are kept".into(),
            "  dramas[0].scenes[0].notes: are 1026 KB long; the limit is 100 KB (nothing was cut: shorten them)".into(),
        ]
    );
    assert_eq!(lib.dramas(), before, "nothing was imported");
}
