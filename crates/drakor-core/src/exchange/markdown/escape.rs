//! Escaping user text for Markdown: a backslash only where CommonMark (and
//! GitHub's tables, strikethrough and autolinks) would misread the text, so
//! the file also reads well as plain text.

use std::fmt::Write as _;

/// User text, escaped to show literally inside a line, and to read well
/// as plain text: only what Markdown (CommonMark, and GitHub's
/// strikethrough, tables and autolinks) would misread gets a backslash.
///
/// - `` ` `` always (code spans);
/// - `*` unless spaces stand on both sides of it, and `_` unless spaces or
///   letters do (`snake_case` and `a * b` emphasize nothing);
/// - `[` and `]` when the text has a `[` with a `]` after it (a lone
///   bracket forms no link: the other fields' are escaped by this rule,
///   and Drakor's own links never sit next to user text);
/// - `<` before a letter, `/`, `!` or `?` (an HTML tag, comment or
///   autolink); `&` that starts an entity (`&amp;`, `&#60;`);
/// - `\` before punctuation or at the end (an escape or a hard break);
/// - `~` when there are two or more (strikethrough, a code fence);
/// - a closing run of `#` at the end (a heading would drop it).
///
/// The ends of the text count as neither space nor letter, since Drakor's
/// markup (`**`) may stand there. What starts a line is [`escape_line`]'s.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let brackets = match chars.iter().position(|&c| c == '[') {
        Some(open) => chars[open..].contains(&']'),
        None => false,
    };
    let tildes = chars.iter().filter(|&&c| c == '~').count() >= 2;
    let closing_hashes = closing_hashes(&chars);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let special = match c {
            '`' => true,
            '*' => !(is_space(before) && is_space(after)),
            '_' => {
                !((is_space(before) && is_space(after)) || (is_letter(before) && is_letter(after)))
            }
            '[' | ']' => brackets,
            '<' => after.is_some_and(|a| a.is_ascii_alphabetic() || matches!(a, '/' | '!' | '?')),
            '&' => starts_entity(&chars[i + 1..]),
            '\\' => after.is_none_or(|a| a.is_ascii_punctuation()),
            '~' => tildes,
            '#' => closing_hashes == Some(i),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn is_space(c: Option<char>) -> bool {
    c.is_some_and(char::is_whitespace)
}

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Where the run of `#` that ends `chars` starts, if a space (or nothing)
/// comes before it: an ATX heading's closing sequence.
fn closing_hashes(chars: &[char]) -> Option<usize> {
    let run = chars.iter().rev().take_while(|&&c| c == '#').count();
    let start = chars.len() - run;
    (run > 0 && (start == 0 || chars[start - 1].is_whitespace())).then_some(start)
}

/// True when `rest` (what follows a `&`) is an entity's name and `;`.
fn starts_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// User text that starts a line: [`escape`], and also what would make the
/// line a heading (`# `), a quote (`>`), a list item (`- `, `+ `, `* `,
/// `1. `, `1) `), a rule or heading underline (`---`, `===`, `___`) or a
/// table's delimiter row (`|---|`).
pub fn escape_line(text: &str) -> String {
    let escaped = escape(text);
    let mut chars = escaped.chars();
    let first = chars.next();
    let second = chars.next();
    let marker_ends = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let only = |c: char| escaped.chars().all(|x| x == c || x == ' ');
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    match first {
        Some('#' | '>') => format!("\\{escaped}"),
        Some('-' | '+' | '*' | '=' | '_') if marker_ends(second) => format!("\\{escaped}"),
        Some(c @ ('-' | '=' | '_')) if only(c) => format!("\\{escaped}"),
        Some(_) if (1..=9).contains(&digits) && escaped[digits..].starts_with(['.', ')']) => {
            let rest = &escaped[digits + 1..];
            if marker_ends(rest.chars().next()) {
                format!("{}\\{}", &escaped[..digits], &escaped[digits..])
            } else {
                escaped
            }
        }
        Some(_) if is_delimiter_row(&escaped) => escaped.replace('|', "\\|"),
        _ => escaped,
    }
}

/// A line GitHub would read as a table's delimiter row: `|---|:-:|`.
fn is_delimiter_row(line: &str) -> bool {
    line.contains('|')
        && line.contains('-')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A link's label: [`escape`], and every bracket, which would end it.
pub(crate) fn escape_label(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len());
    let mut backslashes = 0;
    for c in escaped.chars() {
        if matches!(c, '[' | ']') && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// A link address that Markdown reads whole: characters that would end
/// or confuse it are percent-encoded.
pub fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_characters_in_user_text_are_escaped() {
        assert_eq!(escape("*Goblin* [BTS](x)"), r"\*Goblin\* \[BTS\](x)");
        assert_eq!(escape("<script>"), r"\<script>");
        assert_eq!(escape("</b> <!-- x --> <?php"), r"\</b> \<!-- x --> \<?php");
        assert_eq!(escape(r"a\*b _c_ `d`"), r"a\\\*b \_c\_ \`d\`");
        assert_eq!(escape("~~gone~~"), r"\~\~gone\~\~");
        assert_eq!(escape("&amp; &#60;"), r"\&amp; \&#60;");
        assert_eq!(escape("Title #"), r"Title \#");
        assert_eq!(escape("ends in \\"), r"ends in \\");
    }

    #[test]
    fn text_markdown_would_not_misread_stays_as_typed() {
        for plain in [
            "Goblin (first snow) | OST",
            "The end. Or is it?! {really}",
            "Chanyeol & Punch",
            "snake_case_name and a * b",
            r"C:\Users\me",
            "Saranghae~ 💚",
            "#1 fan, 5 < 6 > 4",
            "[lone bracket",
            "나의 해방일지 💚",
        ] {
            assert_eq!(escape(plain), plain, "{plain:?} needs no backslash");
        }
        assert_eq!(escape_line("1.5 hours"), "1.5 hours");
        assert_eq!(escape_line("-ish, +1, =)"), "-ish, +1, =)");
        assert_eq!(escape_line("2022 was good"), "2022 was good");
    }

    #[test]
    fn a_line_that_would_start_a_list_or_heading_is_escaped() {
        assert_eq!(escape_line("- not a list"), r"\- not a list");
        assert_eq!(escape_line("+ nor this"), r"\+ nor this");
        assert_eq!(escape_line("* nor this"), r"\* nor this");
        assert_eq!(escape_line("1. not a list"), r"1\. not a list");
        assert_eq!(escape_line("2022) not either"), r"2022\) not either");
        assert_eq!(escape_line("==="), r"\===");
        assert_eq!(escape_line("---"), r"\---");
        assert_eq!(escape_line("# not a heading"), r"\# not a heading");
        assert_eq!(escape_line("#hashtag"), r"\#hashtag");
        assert_eq!(escape_line("> not a quote"), r"\> not a quote");
        assert_eq!(escape_line("|---|:-:|"), r"\|---\|:-:\|");
    }

    #[test]
    fn a_link_label_escapes_every_bracket() {
        assert_eq!(escape_label("Wiki ]"), r"Wiki \]");
        assert_eq!(escape_label("[en"), r"\[en");
        assert_eq!(escape_label("[en]"), r"\[en\]");
        assert_eq!(escape_label(r"a\["), r"a\\\[");
    }

    #[test]
    fn link_addresses_keep_markdown_from_ending_them_early() {
        assert_eq!(
            link_destination("https://en.wikipedia.org/wiki/Goblin_(TV_series)"),
            "https://en.wikipedia.org/wiki/Goblin_%28TV_series%29"
        );
        assert_eq!(
            link_destination("https://x.example/a b"),
            "https://x.example/a%20b"
        );
    }
}
