//! Exports for people, not for Drakor: CSV for spreadsheets and Markdown
//! lists to share, with the awkward text fans actually type.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::{
    DramaDraft, ExportFilter, Library, Link, LinkKind, Ost, Quote, SceneDraft, Status,
};
use uuid::Uuid;

/// A library whose text has everything that breaks naive writers.
fn awkward_library() -> (tempfile::TempDir, Library, Uuid) {
    let (dir, mut lib) = temp_library();
    let mut cafe = DramaDraft::titled("Coffee Prince, \"1st Shop\"");
    cafe.original_title = Some("커피프린스 1호점".into());
    cafe.year = Some(2007);
    let cafe = lib.add_drama(&cafe, now()).unwrap().id;
    lib.add_scene(
        cafe,
        &SceneDraft {
            season: 1,
            episode: 7,
            start: "48:12".into(),
            end: Some("49:40".into()),
            title: "*The* [kiss](javascript:x) <b>#1</b> | 💚".into(),
            tags: vec!["kiss".into(), "rain, night".into()],
            notes: "Line one, with \"quotes\"\n- not a list\n1. not either\n=SUM(A1)".into(),
            people: vec!["Gong Yoo".into(), "Yoon Eun-hye".into()],
            favourite: true,
            links: vec![Link {
                url: "https://en.wikipedia.org/wiki/Coffee_Prince_(TV_series)".into(),
                label: "Wiki [en]".into(),
                kind: LinkKind::Article,
            }],
            ost: Some(Ost {
                title: "Stay With Me (Remix) | 1".into(),
                artist: "=Chanyeol & Punch".into(),
            }),
            quote: Some(Quote {
                text: "# 사랑해 <i>진짜</i>".into(),
                translation: Some("- I love you [really](x)".into()),
            }),
        },
        now(),
    )
    .unwrap();
    lib.add_scene(
        cafe,
        &SceneDraft {
            episode: 1,
            start: "1:02:03.250".into(),
            title: "=HYPERLINK(\"http://evil\")".into(),
            ..SceneDraft::default()
        },
        now(),
    )
    .unwrap();
    lib.mark_watched(cafe, 1, &[1, 2], at("2024-02-01T21:30:00Z"), now())
        .unwrap();
    lib.record_rewatch(cafe, 1, &[1], at("2025-02-01T21:30:00Z"), now())
        .unwrap();
    let other = lib.add_drama(&liberation(), now()).unwrap().id;
    lib.add_scene(other, &reed_field_kiss(), now()).unwrap();
    (dir, lib, cafe)
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("the CSV starts with a BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn a_scenes_csv_has_one_row_per_scene_and_reads_back_exactly() {
    let (_dir, lib, _) = awkward_library();
    let csv = lib
        .export_text(&ExportFilter::default(), ExportFormat::CsvScenes)
        .unwrap();
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");
    let rows = rows(&csv);
    assert_eq!(
        rows[0],
        vec![
            "drama_title",
            "original_title",
            "season",
            "episode",
            "start",
            "end",
            "title",
            "tags",
            "people",
            "favourite",
            "notes",
            "link",
            "ost_title",
            "ost_artist",
            "quote",
            "quote_translation"
        ]
    );
    assert_eq!(rows.len(), 4, "a header and three scenes");
    let kiss = rows.iter().find(|r| r[3] == "7").unwrap();
    assert_eq!(kiss[0], "Coffee Prince, \"1st Shop\"");
    assert_eq!(kiss[1], "커피프린스 1호점");
    assert_eq!(
        (kiss[4].as_str(), kiss[5].as_str()),
        ("00:48:12", "00:49:40")
    );
    assert_eq!(kiss[6], "*The* [kiss](javascript:x) <b>#1</b> | 💚");
    assert_eq!(kiss[7], "kiss, rain, night");
    assert_eq!(kiss[8], "Gong Yoo, Yoon Eun-hye");
    assert_eq!(kiss[9], "yes");
    assert_eq!(
        kiss[10], "Line one, with \"quotes\"\n- not a list\n1. not either\n=SUM(A1)",
        "notes keep their lines and quotes"
    );
    assert_eq!(
        kiss[11],
        "https://en.wikipedia.org/wiki/Coffee_Prince_(TV_series)"
    );
    assert_eq!(
        kiss[12..],
        [
            "Stay With Me (Remix) | 1",
            "'=Chanyeol & Punch",
            "# 사랑해 <i>진짜</i>",
            "'- I love you [really](x)"
        ],
        "the song and the line, guarded like every other text"
    );
    let plain = rows.iter().find(|r| r[3] == "1").unwrap();
    assert_eq!(plain[12..], ["", "", "", ""], "a scene without them");
}

#[test]
fn csv_cells_a_spreadsheet_would_run_as_formulas_are_guarded() {
    let (_dir, lib, _) = awkward_library();
    let csv = lib
        .export_text(&ExportFilter::default(), ExportFormat::CsvScenes)
        .unwrap();
    let rows = rows(&csv);
    let formula = rows.iter().find(|r| r[3] == "1").unwrap();
    assert_eq!(formula[6], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(formula[4], "01:02:03.250", "times are written as they are");
}

#[test]
fn the_watch_log_csv_has_one_row_per_watch() {
    let (_dir, lib, cafe) = awkward_library();
    let filter = ExportFilter {
        drama_id: Some(cafe),
        ..ExportFilter::default()
    };
    let rows = rows(&lib.export_text(&filter, ExportFormat::CsvWatchLog).unwrap());
    assert_eq!(
        rows[0],
        vec![
            "drama_title",
            "original_title",
            "season",
            "episode",
            "episode_title",
            "watched_at"
        ]
    );
    let watched: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[3].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        watched,
        vec![
            ("1", "2024-02-01T21:30:00Z"),
            ("1", "2025-02-01T21:30:00Z"),
            ("2", "2024-02-01T21:30:00Z")
        ],
        "the rewatch is its own row"
    );
}

#[test]
fn a_markdown_list_groups_scenes_by_drama_with_player_times_songs_lines_and_links() {
    let (_dir, lib, _) = awkward_library();
    let filter = ExportFilter {
        tag: Some("kiss".into()),
        ..ExportFilter::default()
    };
    let md = lib
        .export_markdown(&filter, Some("My favourite kiss scenes"))
        .unwrap();
    let expected = "\
# My favourite kiss scenes

## Coffee Prince, \"1st Shop\" · 커피프린스 1호점 (2007)

- **E7 48:12–49:40** \\*The\\* \\[kiss\\](javascript:x) \\<b>#1\\</b> | 💚 ★
  > \\# 사랑해 \\<i>진짜\\</i> (- I love you \\[really\\](x))
  - ♪ Stay With Me (Remix) | 1 — =Chanyeol & Punch
  - Tags: rain, night
  - With: Gong Yoo, Yoon Eun-hye
  - Line one, with \"quotes\"\\
    \\- not a list\\
    1\\. not either\\
    =SUM(A1)
  - [Wiki \\[en\\]](https://en.wikipedia.org/wiki/Coffee_Prince_%28TV_series%29)

## My Liberation Notes · 나의 해방일지 (2022)

- **E11 48:12–49:40** Reed field kiss ★
  - Tags: reed-field
  - With: Kim Ji-won, Son Seok-koo
  - They agreed on the timing of turning their heads before the take.
  - [Behind the scenes](https://www.youtube.com/watch?v=example)
";
    assert_eq!(md, expected);
}

#[test]
fn a_list_picked_by_a_tag_says_the_tag_once_when_its_title_does_not() {
    let (_dir, lib, _) = awkward_library();
    let filter = ExportFilter {
        tag: Some(" Kiss ".into()),
        ..ExportFilter::default()
    };
    let md = lib.export_markdown(&filter, Some("Best moments")).unwrap();
    assert!(
        md.starts_with("# Best moments\n\nEvery scene here is tagged kiss.\n\n## "),
        "{md}"
    );
    assert!(!md.contains("Tags: kiss"), "no scene repeats the tag: {md}");
    let derived = lib.export_markdown(&filter, None).unwrap();
    assert!(
        derived.starts_with("# Kiss scenes\n\n## "),
        "a title made from the tag says it already: {derived}"
    );
    let unfiltered = lib.export_markdown(&ExportFilter::default(), None).unwrap();
    assert!(
        unfiltered.contains("  - Tags: kiss, reed-field\n"),
        "without a tag filter every tag is listed: {unfiltered}"
    );
}

#[test]
fn the_markdown_title_comes_from_the_flag_or_else_from_the_filter() {
    let (_dir, lib, cafe) = awkward_library();
    let title = |filter: ExportFilter, given: Option<&str>| {
        lib.export_markdown(&filter, given)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(title(ExportFilter::default(), None), "# My scenes");
    assert_eq!(
        title(
            ExportFilter {
                tag: Some("kiss".into()),
                ..Default::default()
            },
            None
        ),
        "# Kiss scenes"
    );
    assert_eq!(
        title(
            ExportFilter {
                drama_id: Some(cafe),
                ..Default::default()
            },
            None
        ),
        "# Scenes from Coffee Prince, \"1st Shop\""
    );
    assert_eq!(
        title(
            ExportFilter {
                tag: Some("kiss".into()),
                status: Some(Status::Completed),
                ..Default::default()
            },
            None
        ),
        "# Kiss scenes from dramas I finished"
    );
    assert_eq!(
        title(ExportFilter::default(), Some("  ")),
        "# My scenes",
        "a blank title is no title"
    );
    assert_eq!(
        title(ExportFilter::default(), Some("# *mine*")),
        "# \\# \\*mine\\*"
    );
}

#[test]
fn a_list_without_scenes_says_so() {
    let (_dir, lib) = temp_library();
    let md = lib.export_markdown(&ExportFilter::default(), None).unwrap();
    assert_eq!(md, "# My scenes\n\n_No scenes._\n");
}
