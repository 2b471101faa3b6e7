//! The Markdown exports read by a real CommonMark parser (with GitHub's
//! tables, strikethrough, task lists and footnotes): whatever the user
//! typed stays text, and only Drakor's own markup (headings, the list, the
//! bold episode and time, quotes of famous lines, the user's links) is
//! markup.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::{
    DramaDraft, EntryRef, ExportFilter, Library, Link, LinkKind, ListDraft, ListFormat, Ost, Quote,
    SceneDraft,
};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Text that Markdown, or a careless escaper, would turn into something else.
const PAYLOADS: &[&str] = &[
    "*emph* _emph_ **strong** __strong__",
    "[link](javascript:alert(1)) [ref][x] ![img](https://evil.example/x.png)",
    "<https://evil.example> <img src=x onerror=alert(1)> <!-- c --> <?php ?> </div>",
    "[x]: https://evil.example",
    "`code` ``code`` ~~~fence",
    "~~strike~~ ~one~",
    "&amp; &#60;script&#62; &lt;b&gt;",
    "# heading ## closing ##",
    "> not a quote",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "1) item",
    "---",
    "***",
    "___",
    "===",
    "| a | b |",
    "|---|---|",
    "[ ] not a task",
    "[^1] and [^1]: not a footnote",
    r"a \ backslash and one at the end \",
    "Goblin (first snow) | OST · 5 < 6 & 7 > 4",
];

/// The stored link every scene carries: the only link the Markdown may hold.
const OUR_LINK: &str = "https://example.com/clip";

fn hostile_library() -> (tempfile::TempDir, Library, Vec<uuid::Uuid>) {
    let (dir, mut lib) = temp_library();
    let mut scenes = Vec::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let draft = DramaDraft {
            original_title: Some(format!("원제 {p}")),
            ..DramaDraft::titled(format!("{p} {i}"))
        };
        let drama = lib.add_drama(&draft, now()).unwrap().id;
        let scene = SceneDraft {
            episode: 1,
            start: format!("{i}:00"),
            title: (*p).into(),
            tags: if p.chars().count() <= 64 {
                vec![(*p).into()]
            } else {
                Vec::new()
            },
            people: vec![(*p).into()],
            notes: PAYLOADS.join("\n"),
            links: vec![Link {
                url: OUR_LINK.into(),
                label: (*p).into(),
                kind: LinkKind::Clip,
            }],
            ost: Some(Ost {
                title: (*p).into(),
                artist: (*p).into(),
            }),
            quote: Some(Quote {
                text: (*p).into(),
                translation: Some((*p).into()),
            }),
            ..SceneDraft::default()
        };
        scenes.push(lib.add_scene(drama, &scene, now()).unwrap().id);
    }
    (dir, lib, scenes)
}

/// What a parser makes of `md`: the markup it found, and the text it shows
/// (line breaks as `\n`).
#[derive(Debug, Default)]
struct Read {
    h1: usize,
    h2: usize,
    strong: usize,
    quotes: usize,
    links: Vec<String>,
    /// Anything else: emphasis, HTML, code, images, tables, …
    other: Vec<String>,
    text: String,
}

fn read(md: &str) -> Read {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut out = Read::default();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => match level {
                HeadingLevel::H1 => out.h1 += 1,
                HeadingLevel::H2 => out.h2 += 1,
                other => out.other.push(format!("heading {other:?}")),
            },
            Event::Start(Tag::Strong) => out.strong += 1,
            Event::Start(Tag::BlockQuote(_)) => out.quotes += 1,
            Event::Start(Tag::Link { dest_url, .. }) => out.links.push(dest_url.to_string()),
            Event::Start(Tag::Paragraph | Tag::List(_) | Tag::Item) => {}
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                out.text.push('\n');
            }
            Event::End(_) => {}
            Event::Text(text) => out.text.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.text.push('\n'),
            other => out.other.push(format!("{other:?}")),
        }
    }
    out
}

#[test]
fn what_users_type_stays_text_in_the_scene_list() {
    let (_dir, lib, _) = hostile_library();
    let md = lib
        .export_markdown(&ExportFilter::default(), Some(PAYLOADS[0]))
        .unwrap();
    let read = read(&md);
    assert!(
        read.other.is_empty(),
        "no markup but Drakor's: {:?}\n{md}",
        read.other
    );
    assert_eq!(read.h1, 1, "one title: {md}");
    assert_eq!(read.h2, PAYLOADS.len(), "a heading per drama: {md}");
    assert_eq!(
        read.strong,
        PAYLOADS.len(),
        "the bold episode and time of each scene"
    );
    assert_eq!(read.quotes, PAYLOADS.len(), "each famous line is a quote");
    assert!(
        read.links.iter().all(|l| l == OUR_LINK),
        "only the stored links link anywhere: {:?}",
        read.links
    );
    assert_eq!(read.links.len(), PAYLOADS.len());
    for p in PAYLOADS {
        assert!(
            read.text.contains(p),
            "{p:?} shows as typed:\n{}",
            read.text
        );
        assert!(
            read.text.contains(&format!("♪ {p} — {p}")),
            "the song of {p:?} shows as typed"
        );
        assert!(
            read.text.contains(&format!("{p} ({p})")),
            "the line of {p:?} and its translation show as typed"
        );
    }
    assert!(
        read.text.contains(&PAYLOADS.join("\n")),
        "notes keep their lines, each as typed"
    );
}

#[test]
fn what_users_type_stays_text_in_a_shared_list() {
    let (_dir, mut lib, scenes) = hostile_library();
    let list = lib
        .create_list(
            &ListDraft {
                name: PAYLOADS[1].into(),
                description: PAYLOADS.join("\n"),
            },
            now(),
        )
        .unwrap()
        .id;
    for (scene, p) in scenes.iter().zip(PAYLOADS) {
        lib.add_to_list(list, EntryRef::Scene(*scene), p, None, now())
            .unwrap();
    }
    let md = lib.export_list(list, ListFormat::Markdown, now()).unwrap();
    let read = read(&md);
    assert!(
        read.other.is_empty(),
        "no markup but Drakor's: {:?}\n{md}",
        read.other
    );
    assert_eq!((read.h1, read.h2), (1, 0), "{md}");
    assert_eq!(read.strong, PAYLOADS.len(), "each scene's title is bold");
    assert_eq!(read.quotes, PAYLOADS.len(), "each famous line is a quote");
    assert!(read.links.iter().all(|l| l == OUR_LINK), "{:?}", read.links);
    for p in PAYLOADS {
        assert!(
            read.text.contains(&format!("♪ {p} — {p}")),
            "{p:?}\n{}",
            read.text
        );
        assert!(read.text.contains(&format!("{p} ({p})")), "{p:?}");
    }
    assert!(
        read.text.contains(&PAYLOADS.join("\n")),
        "the description keeps its lines, each as typed:\n{}",
        read.text
    );
}

#[test]
fn plain_punctuation_is_left_as_typed_so_the_file_reads_as_text() {
    let (_dir, mut lib) = temp_library();
    let goblin = lib
        .add_drama(&DramaDraft::titled("Goblin"), now())
        .unwrap()
        .id;
    let scene = SceneDraft {
        episode: 1,
        start: "12:30".into(),
        title: "Goblin (first snow) | the end. Or is it?!".into(),
        notes: "Tom & Jerry's cameo, 5 < 6, snake_case, a * b, 100% real.".into(),
        ost: Some(Ost {
            title: "Stay With Me".into(),
            artist: "Chanyeol & Punch".into(),
        }),
        quote: Some(Quote {
            text: "날이 좋아서, 날이 좋지 않아서, 날이 적당해서, 모든 날이 좋았다.".into(),
            translation: None,
        }),
        ..SceneDraft::default()
    };
    lib.add_scene(goblin, &scene, now()).unwrap();
    let md = lib.export_markdown(&ExportFilter::default(), None).unwrap();
    assert_eq!(
        md,
        "# My scenes\n\n## Goblin\n\n\
         - **E1 12:30** Goblin (first snow) | the end. Or is it?!\n\
         \x20 > 날이 좋아서, 날이 좋지 않아서, 날이 적당해서, 모든 날이 좋았다.\n\
         \x20 - ♪ Stay With Me — Chanyeol & Punch\n\
         \x20 - Tom & Jerry's cameo, 5 < 6, snake_case, a * b, 100% real.\n"
    );
}
