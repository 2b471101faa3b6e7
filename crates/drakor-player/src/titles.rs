//! Which drama a stream's title names: `My Liberation Notes: Episode 11`
//! or `나의 해방일지 11화` against the library's titles and original titles.
//! Titles are compared as words, without case or punctuation, and the
//! longest title found wins (`Reply 1988` over `Reply`).

/// Lower-case words of letters and digits (Hangul included), one space
/// apart, with a space at each end so whole words can be found.
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// What stays the same from one episode's title to the next: its words
/// without numbers and episode words (`Ep. 11 | Viki` and `Ep. 12 | Viki`
/// give the same key). Empty when nothing is left that names a show
/// (`07.mkv`, `Netflix`): such a title is never remembered.
pub fn series_key(title: &str) -> String {
    // Words that say nothing about which show: episodes, file types, sites.
    const NOT_A_SHOW: [&str; 22] = [
        "episode", "ep", "e", "화", "회", "mkv", "mp4", "avi", "webm", "m4v", "ts", "netflix",
        "viki", "youtube", "watch", "online", "free", "hd", "full", "kocowa", "tving", "wavve",
    ];
    let words = words(title);
    let kept: Vec<&str> = words
        .split(' ')
        .filter(|w| {
            !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit()) && !NOT_A_SHOW.contains(w)
        })
        .collect();
    if kept.iter().any(|w| w.chars().count() >= 2) {
        kept.join(" ")
    } else {
        String::new()
    }
}

/// The index of the title in `titles` that `playing` names, if any.
pub fn best_title<'a>(playing: &str, titles: impl IntoIterator<Item = &'a str>) -> Option<usize> {
    let playing = words(playing);
    titles
        .into_iter()
        .enumerate()
        .filter_map(|(i, title)| {
            let title = words(title);
            (title.trim().chars().count() >= 2 && playing.contains(&title))
                .then_some((title.len(), i))
        })
        .max()
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIBRARY: [&str; 5] = [
        "My Liberation Notes",
        "나의 해방일지",
        "Reply",
        "Reply 1988",
        "Goblin",
    ];

    #[test]
    fn a_streams_title_names_its_drama_by_title_or_original_title() {
        assert_eq!(
            best_title("My Liberation Notes: Episode 11", LIBRARY),
            Some(0)
        );
        assert_eq!(best_title("나의 해방일지 11화 | Netflix", LIBRARY), Some(1));
        assert_eq!(
            best_title("Watch Reply 1988 Episode 5 - Viki", LIBRARY),
            Some(3)
        );
        assert_eq!(best_title("goblin.ep03.mp4", LIBRARY), Some(4));
    }

    #[test]
    fn episodes_of_one_show_share_a_key() {
        assert_eq!(
            series_key("Twinkling Watermelon Ep. 11 | Viki"),
            series_key("Twinkling Watermelon Ep. 12 | Viki")
        );
        assert_eq!(series_key("반짝이는 워터멜론 11화"), "반짝이는 워터멜론");
        assert_ne!(series_key("Show A Ep 1"), series_key("Show B Ep 1"));
        assert_eq!(series_key("07.mkv"), "", "nothing names a show");
        assert_eq!(series_key("Netflix"), "");
    }

    #[test]
    fn a_title_inside_another_word_is_not_a_match() {
        assert_eq!(best_title("Goblins of the Deep", LIBRARY), None);
        assert_eq!(best_title("Replying to fans", LIBRARY), None);
        assert_eq!(best_title("", LIBRARY), None);
    }
}
