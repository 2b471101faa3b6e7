//! `drakor lists`, run as a process: make a list, fill it with scenes and
//! dramas, reorder it and show it, with names in any case and hostile text.
#![allow(clippy::unwrap_used)]

mod common;

use common::TempLibrary;
use serde_json::Value;

const KISS: &str = "9a63bc59-c34b-5024-a0ab-3dbcbe512bb9"; // the reed field, in the sample
const SEA: &str = "91183eca"; // Goblin's kiss by the sea, by a prefix

#[test]
fn a_list_is_made_filled_reordered_and_shown_in_order() {
    let lib = TempLibrary::new().with_sample();
    let id = lib.run(&["--quiet", "lists", "new", "The best drakor kiss scenes"]);
    assert_eq!(id.trim().len(), 36, "--quiet prints the id: {id}");
    let list = "the BEST drakor kiss scenes";
    lib.run(&["lists", "add", list, "--scene", SEA, "--note", "By the sea"]);
    lib.run(&[
        "lists",
        "add",
        list,
        "--scene",
        KISS,
        "--note",
        "#1 because of the reeds",
        "--at",
        "1",
    ]);
    lib.run(&["lists", "add", list, "--drama", "heirs"]);
    lib.run(&["lists", "move", list, "3", "2"]);
    let shown = lib.run(&["lists", "show", list]);
    let lines: Vec<&str> = shown
        .lines()
        .filter(|l| l.trim_start().starts_with(char::is_numeric))
        .collect();
    assert_eq!(
        lines,
        [
            "  1. Reed field kiss · My Liberation Notes E11 48:12–49:40",
            "  2. The Heirs (the drama)",
            "  3. Kiss by the sea · Goblin E8 55:30–57:02",
        ]
    );
    let json: Value = serde_json::from_str(&lib.run(&["lists", "show", list, "--json"])).unwrap();
    assert_eq!(json["items"][0]["note"], "#1 because of the reeds");
    assert_eq!(
        json["items"][1]["target"]["drama"],
        "d037e6cc-dc21-59c3-9e5a-71e0574e6aaf"
    );
    let all: Value = serde_json::from_str(&lib.run(&["lists", "--json"])).unwrap();
    assert_eq!(all[0]["entries"], 3);

    lib.run(&["lists", "drop", list, "2"]);
    lib.run(&["lists", "rename", list, "Kisses"]);
    assert!(lib.run(&["lists"]).contains("Kisses"));
    lib.run(&["lists", "rm", "kisses"]);
    assert!(lib.run(&["lists"]).starts_with("no lists yet"));
}

#[test]
fn wrong_lists_positions_and_names_are_one_line_each_and_change_nothing() {
    let lib = TempLibrary::new().with_sample();
    lib.run(&["lists", "new", "Comfort rewatches"]);
    let err = lib.fail(&["lists", "new", "COMFORT REWATCHES"], 1);
    assert!(
        err.contains("a list called \"Comfort rewatches\" already exists"),
        "{err}"
    );
    let err = lib.fail(&["lists", "move", "comfort rewatches", "1", "2"], 1);
    assert!(err.contains("the list is empty"), "{err}");
    let err = lib.fail(&["lists", "show", "rainy week"], 1);
    assert!(err.contains("no list is called \"rainy week\""), "{err}");
    let err = lib.fail(&["lists", "new", "bad\u{7}name"], 1);
    assert!(err.contains("name:") && err.contains("U+0007"), "{err}");
    let odd = "<script>alert(1)</script> & \u{202e}reversed";
    lib.run(&[
        "lists",
        "add",
        "comfort rewatches",
        "--drama",
        "goblin",
        "--note",
        odd,
    ]);
    let shown = lib.run(&["lists", "show", "comfort rewatches"]);
    assert!(shown.contains(odd), "hostile text is kept as text: {shown}");
}

#[test]
fn a_list_exports_as_markdown_csv_or_json_and_never_over_a_file_unasked() {
    let lib = TempLibrary::new().with_sample();
    lib.run(&["lists", "new", "Kisses"]);
    lib.run(&["lists", "add", "kisses", "--scene", KISS, "--note", "#1"]);
    lib.run(&["lists", "add", "kisses", "--drama", "goblin"]);
    let md = lib.run(&["export", "--list", "kisses", "--format", "markdown"]);
    assert!(md.starts_with("# Kisses\n"), "{md}");
    assert!(
        md.contains("1. **Reed field kiss** ★ · My Liberation Notes"),
        "{md}"
    );
    let csv = lib.run(&["export", "--list", "kisses", "--format", "csv"]);
    assert!(csv.contains("2,drama,Goblin"), "{csv}");
    let file = lib.path("kisses.json");
    let out = lib.run(&["export", "--list", "kisses", "-o", file.to_str().unwrap()]);
    assert!(out.contains("wrote the list \"Kisses\""), "{out}");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(json["lists"][0]["name"], "Kisses");
    assert_eq!(json["dramas"].as_array().unwrap().len(), 2);
    let err = lib.fail(
        &["export", "--list", "kisses", "-o", file.to_str().unwrap()],
        1,
    );
    assert!(err.contains("already exists; --force replaces it"), "{err}");
    let err = lib.fail(&["export", "--list", "kisses", "--tag", "kiss"], 2);
    assert!(err.contains("cannot be used with"), "{err}");
}
