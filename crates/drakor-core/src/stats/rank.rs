//! Top lists: the largest counts first, equals in a reader's order.

use uuid::Uuid;

use super::TOP_SCENES;

/// A drama or an episode with its scenes and title, for the "most scenes"
/// lists: `(scenes, title, drama id, (season, episode))`.
pub(super) type Ranked<'a> = (u32, &'a str, Uuid, (u32, u32));

/// The dramas or episodes with most scenes; equals by title (case left
/// aside, then as written), drama id, season and episode.
pub(super) fn most(items: Vec<Ranked<'_>>) -> Vec<Ranked<'_>> {
    best(items, TOP_SCENES, |r| r.0, |r| (folded(r.1), r.1, r.2, r.3))
}

/// A title as a reader orders it: case left aside.
fn folded(title: &str) -> String {
    title.chars().flat_map(char::to_lowercase).collect()
}

/// The `n` largest counts, most first, equal counts by name.
pub(super) fn top<T>(
    counts: Vec<(String, u32)>,
    n: usize,
    make: impl Fn(String, u32) -> T,
) -> Vec<T> {
    best(counts, n, |c| c.1, |c| c.0.clone())
        .into_iter()
        .map(|(name, count)| make(name, count))
        .collect()
}

/// The `n` items with the largest counts, most first, equal counts in the
/// order of `tie`. Only the items whose count reaches the `n`-th largest
/// are sorted: a year's episodes with scenes number in the thousands, the
/// list five.
pub(super) fn best<T, K: Ord>(
    mut items: Vec<T>,
    n: usize,
    count: impl Fn(&T) -> u32,
    tie: impl Fn(&T) -> K,
) -> Vec<T> {
    if items.len() > n && n > 0 {
        let mut counts: Vec<u32> = items.iter().map(&count).collect();
        let (_, &mut floor, _) = counts.select_nth_unstable_by(n - 1, |a, b| b.cmp(a));
        items.retain(|item| count(item) >= floor);
    }
    items.sort_by_cached_key(|item| (std::cmp::Reverse(count(item)), tie(item)));
    items.truncate(n);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_keeps_the_largest_counts_and_orders_equals_by_name() {
        let counts = [("rain", 2), ("kiss", 3), ("ost", 2), ("sad", 1), ("bus", 2)];
        let named = counts.iter().map(|&(t, n)| (t.to_owned(), n)).collect();
        let top = top(named, 3, |tag, n| format!("{tag} {n}"));
        assert_eq!(top, ["kiss 3", "bus 2", "ost 2"]);
    }

    #[test]
    fn titles_tie_without_regard_to_case() {
        let id = Uuid::nil();
        let items = vec![
            (1, "alpha", id, (1, 2)),
            (1, "Beta", id, (1, 1)),
            (1, "Alpha", id, (1, 1)),
        ];
        let titles: Vec<&str> = most(items).iter().map(|r| r.1).collect();
        assert_eq!(titles, ["Alpha", "alpha", "Beta"]);
    }
}
