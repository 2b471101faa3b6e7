//! Realistic libraries of any size, for benchmarks, crash tests and trying
//! the app at scale (`drakor-dev generate`).
//!
//! A library comes out as an export file ([`LibraryFile`], format version
//! 1), so it goes in through the same import as a user's file. Everything is
//! drawn from one seeded generator ([`SplitMix64`]): the same [`Spec`] and
//! base instant give the same file, byte for byte, on every machine and
//! every run.
//!
//! What it looks like:
//! - titles composed from word lists, in Latin letters with a Hangul
//!   original title; every title is unique, and so is every external id;
//! - 12–24 episodes per drama (more or fewer when the spec's average asks
//!   for it); every episode row has a runtime, and watch events run from the
//!   first episode up (completed, watching, on hold, dropped, planned), with
//!   whole or partial rewatches of favourites making up the rest;
//! - scenes spread over dramas with a skew (a few dramas hold thousands, most
//!   a few dozen), in watched episodes, with start < end;
//! - tags from a Zipf-like distribution (`kiss` first, then `confession`,
//!   `ost`, `funny`, …), notes mostly short, some long, many empty.
//!
//! The clock is passed in: every instant lies before `base`.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use drakor_core::drama::{ExternalIds, Status};
use drakor_core::exchange::format::{DramaV1, EpisodeV1, FORMAT, LibraryFile, SceneV1, VERSION};
use drakor_core::link::{Link, LinkKind};
use drakor_core::ost_quote::Ost;
use drakor_core::scene_time::SceneTime;

/// Why a library cannot be made as asked: the field of the spec, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub field: &'static str,
    pub reason: String,
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for SpecError {}

type Result<T> = std::result::Result<T, SpecError>;

fn refused(field: &'static str, reason: impl Into<String>) -> SpecError {
    SpecError {
        field,
        reason: reason.into(),
    }
}

/// How much a library file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub dramas: usize,
    pub episodes: usize,
    pub watch_events: usize,
    pub scenes: usize,
}

impl Sizes {
    pub fn of(file: &LibraryFile) -> Self {
        let episodes = file.dramas.iter().flat_map(|d| &d.episodes);
        Sizes {
            dramas: file.dramas.len(),
            episodes: episodes.clone().count(),
            watch_events: episodes.map(|e| e.watched_at.len()).sum(),
            scenes: file.dramas.iter().map(|d| d.scenes.len()).sum(),
        }
    }
}

impl std::fmt::Display for Sizes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} dramas, {} episodes, {} watch events and {} scenes",
            self.dramas, self.episodes, self.watch_events, self.scenes
        )
    }
}

/// How large a library to make, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub dramas: usize,
    /// Episode rows in all, spread over the dramas.
    pub episodes: usize,
    /// Watch events in all: first viewings, then rewatches. Fewer when the
    /// dramas leave no room for more rewatches before `base`.
    pub watch_events: usize,
    pub scenes: usize,
    pub seed: u64,
}

impl Spec {
    /// The heavy user of the hardening issue: 2,000 dramas, 40,000
    /// episodes, 60,000 watch events and 100,000 scenes.
    pub const HEAVY_USER: Spec = Spec {
        dramas: 2_000,
        episodes: 40_000,
        watch_events: 60_000,
        scenes: 100_000,
        seed: 1,
    };

    /// `dramas` dramas of 20 episodes on average, 1.5 watch events per
    /// episode (the heavy user's proportions) and `scenes` scenes.
    pub fn new(dramas: usize, scenes: usize, seed: u64) -> Self {
        Spec {
            dramas,
            episodes: dramas * 20,
            watch_events: dramas * 30,
            scenes,
            seed,
        }
    }

    fn check(&self) -> Result<()> {
        if self.dramas == 0 && (self.scenes > 0 || self.episodes > 0) {
            return Err(refused(
                "dramas",
                "episodes and scenes need at least one drama",
            ));
        }
        if self.episodes < self.dramas {
            return Err(refused(
                "episodes",
                format!(
                    "{} episodes cannot be spread over {} dramas (at least one each)",
                    self.episodes, self.dramas
                ),
            ));
        }
        if self.episodes > self.dramas.saturating_mul(MAX_EPISODES) {
            return Err(refused(
                "episodes",
                format!("a drama holds at most {MAX_EPISODES} episodes"),
            ));
        }
        Ok(())
    }
}

/// A word that appears in a good share of the library (scene titles, tags
/// and notes): the benchmarks search for it.
pub const COMMON_WORD: &str = "kiss";

/// A word that appears in a handful of scene notes only (about one in
/// 20,000 notes): the benchmarks search for it.
pub const RARE_WORD: &str = "persimmon";

const MAX_EPISODES: usize = 5_000;

/// SplitMix64: tiny, fast, and the same sequence everywhere, so a seed
/// names one library for good (unlike a library RNG that may change its
/// algorithm between versions).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Multiply-shift: no modulo bias worth speaking of at these sizes.
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn uuid(&mut self) -> uuid::Uuid {
        let bytes =
            ((u128::from(self.next_u64()) << 64) | u128::from(self.next_u64())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

/// Draws indexes `0..n` with weights `1 / (rank + 1)^exponent`: the first
/// is the most common, the tail long.
#[derive(Debug, Clone)]
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, exponent: f64) -> Self {
        Self::weighted((0..n).map(|r| 1.0 / ((r + 1) as f64).powf(exponent)))
    }

    fn weighted(weights: impl Iterator<Item = f64>) -> Self {
        let mut total = 0.0;
        let cumulative = weights
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn draw(&self, rng: &mut SplitMix64) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

/// Makes a library as the spec says, every instant before `base`.
pub fn library(spec: &Spec, base: DateTime<Utc>) -> Result<LibraryFile> {
    spec.check()?;
    let base = DateTime::from_timestamp(base.timestamp(), 0).unwrap_or(base);
    let mut g = Generator {
        rng: SplitMix64::new(spec.seed),
        base,
        scene_tags: Zipf::new(SCENE_TAGS.len(), 0.9),
        titles: HashSet::new(),
    };
    let totals = g.episode_totals(spec);
    let mut plans: Vec<Plan> = totals
        .iter()
        .enumerate()
        .map(|(i, &total)| g.plan(i, total))
        .collect();
    g.fit_watches(&mut plans, spec.watch_events);
    let mut dramas: Vec<DramaV1> = plans.iter().map(|p| g.drama(p)).collect();
    g.add_scenes(&plans, &mut dramas, spec.scenes);
    Ok(LibraryFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: base,
        app_version: drakor_core::VERSION.to_owned(),
        dramas,
        lists: Vec::new(),
        people: Vec::new(),
    })
}

/// The library as pretty JSON, as `drakor export` writes it.
pub fn library_json(spec: &Spec, base: DateTime<Utc>) -> Result<String> {
    let file = library(spec, base)?;
    serde_json::to_string_pretty(&file).map_err(|e| refused("library", e.to_string()))
}

/// One drama's shape before its fields are drawn.
#[derive(Debug, Clone)]
struct Plan {
    index: usize,
    total: u32,
    /// Episodes 1..=watched are watched (first viewing).
    watched: u32,
    /// When episode 1 was first watched, and days between episodes.
    first_watch: DateTime<Utc>,
    gap_hours: i64,
    /// Rewatches: each one starts at its instant and covers episodes
    /// 1..=its count.
    rewatches: Vec<(DateTime<Utc>, u32)>,
    runtime: u32,
    cast: Vec<String>,
}

impl Plan {
    fn first_watch_of(&self, episode: u32) -> DateTime<Utc> {
        self.first_watch + Duration::hours(self.gap_hours * i64::from(episode - 1))
    }

    fn last_watch(&self) -> Option<DateTime<Utc>> {
        let first = (self.watched > 0).then(|| self.first_watch_of(self.watched));
        let again = self
            .rewatches
            .last()
            .map(|&(at, n)| at + Duration::hours(self.gap_hours * i64::from(n - 1)));
        first.max(again)
    }

    fn events(&self) -> usize {
        self.watched as usize
            + self
                .rewatches
                .iter()
                .map(|&(_, n)| n as usize)
                .sum::<usize>()
    }
}

struct Generator {
    rng: SplitMix64,
    base: DateTime<Utc>,
    scene_tags: Zipf,
    titles: HashSet<String>,
}

impl Generator {
    /// Episode counts per drama, 12–24 mostly (16 the most common), summing
    /// to the spec's number of episodes.
    fn episode_totals(&mut self, spec: &Spec) -> Vec<u32> {
        const USUAL: [u32; 10] = [12, 16, 16, 16, 16, 20, 20, 24, 24, 16];
        let n = spec.dramas;
        if n == 0 {
            return Vec::new();
        }
        let average = spec.episodes / n;
        let lo = 12.min(average).max(1) as u32;
        let hi = (24.max(average) as u32).min(MAX_EPISODES as u32);
        let mut totals: Vec<u32> = (0..n)
            .map(|_| (*self.rng.pick(&USUAL)).clamp(lo, hi))
            .collect();
        let mut sum: usize = totals.iter().map(|&t| t as usize).sum();
        // Nudge random dramas up or down one episode at a time until the sum
        // fits; when all sit at a bound, widen the bound.
        let (mut lo, mut hi) = (lo, hi);
        let mut misses = 0;
        while sum != spec.episodes {
            let i = self.rng.below(n as u64) as usize;
            if sum < spec.episodes && totals[i] < hi {
                totals[i] += 1;
                sum += 1;
                misses = 0;
            } else if sum > spec.episodes && totals[i] > lo {
                totals[i] -= 1;
                sum -= 1;
                misses = 0;
            } else {
                misses += 1;
                if misses > 4 * n {
                    lo = lo.saturating_sub(1).max(1);
                    hi = (hi + 1).min(MAX_EPISODES as u32);
                    misses = 0;
                }
            }
        }
        totals
    }

    fn plan(&mut self, index: usize, total: u32) -> Plan {
        let rng = &mut self.rng;
        let watched = match rng.below(10) {
            0 => 0,
            1..=6 => total,
            _ => rng.between(1, u64::from(total.saturating_sub(1)).max(1)) as u32,
        }
        .min(total);
        let gap_hours = rng.between(6, 96) as i64;
        // The last first-viewing ends between a day and six years ago.
        let span = Duration::hours(gap_hours * i64::from(watched.max(1)));
        let last = self.base - Duration::hours(rng.between(24, 6 * 365 * 24) as i64);
        let evening = Duration::minutes(rng.between(0, 240) as i64);
        let first_watch = last - span + evening;
        let runtime = rng.between(55, 80) as u32;
        let cast = (0..6).map(|_| person(rng)).collect();
        Plan {
            index,
            total,
            watched,
            first_watch,
            gap_hours,
            rewatches: Vec::new(),
            runtime,
            cast,
        }
    }

    /// Trims first viewings or adds rewatches until the library holds the
    /// spec's number of watch events (or as many as fit before `base`).
    fn fit_watches(&mut self, plans: &mut [Plan], wanted: usize) {
        let mut have: usize = plans.iter().map(Plan::events).sum();
        while have > wanted {
            let i = self.rng.below(plans.len() as u64) as usize;
            let cut = (plans[i].watched as usize).min(have - wanted);
            let cut = self.rng.between(0, cut as u64) as u32;
            plans[i].watched -= cut;
            have -= cut as usize;
        }
        // Favourites are rewatched, some of them many times.
        let finished: Vec<usize> = (0..plans.len())
            .filter(|&i| plans[i].watched == plans[i].total)
            .collect();
        if finished.is_empty() {
            return;
        }
        let favourites = Zipf::new(finished.len(), 0.9);
        let mut misses = 0;
        while have < wanted && misses < 1_000 {
            let i = finished[favourites.draw(&mut self.rng)];
            let plan = &mut plans[i];
            let Some(last) = plan.last_watch() else {
                misses += 1;
                continue;
            };
            let start = last + Duration::days(self.rng.between(20, 500) as i64);
            let count = plan
                .total
                .min(u32::try_from(wanted - have).unwrap_or(u32::MAX));
            let end = start + Duration::hours(plan.gap_hours * i64::from(count));
            if end >= self.base {
                misses += 1;
                continue;
            }
            plan.rewatches.push((start, count));
            have += count as usize;
            misses = 0;
        }
    }

    fn drama(&mut self, plan: &Plan) -> DramaV1 {
        let title = self.unique_title();
        let rng = &mut self.rng;
        let mut episodes = Vec::with_capacity(plan.total as usize);
        for number in 1..=plan.total {
            let mut watched_at = Vec::new();
            if number <= plan.watched {
                watched_at.push(plan.first_watch_of(number));
            }
            for &(start, count) in &plan.rewatches {
                if number <= count {
                    watched_at
                        .push(start + Duration::hours(plan.gap_hours * i64::from(number - 1)));
                }
            }
            let rated = !watched_at.is_empty() && rng.chance(0.06);
            episodes.push(EpisodeV1 {
                season: 1,
                number,
                title: rng.chance(0.1).then(|| format!("Episode {number}")),
                runtime_min: Some(plan.runtime + rng.between(0, 10) as u32),
                rating: rated.then(|| rng.between(12, 20) as f64 / 2.0),
                notes: if rng.chance(0.03) {
                    notes(rng, NoteLength::Short)
                } else {
                    String::new()
                },
                watched_at,
                // As older files: the drama's `updated_at` stands in.
                updated_at: None,
            });
        }
        let status = if plan.watched == 0 && plan.rewatches.is_empty() {
            Status::PlanToWatch
        } else if plan.watched == plan.total {
            Status::Completed
        } else {
            match rng.below(20) {
                0..=10 => Status::Watching,
                11..=14 => Status::OnHold,
                _ => Status::Dropped,
            }
        };
        let last = plan.last_watch();
        let started_on = (plan.watched > 0).then(|| plan.first_watch.date_naive());
        let finished_on =
            (status == Status::Completed).then(|| plan.first_watch_of(plan.total).date_naive());
        let created_at = match plan.watched {
            0 => self.base - Duration::hours(rng.between(1, 3 * 365 * 24) as i64),
            _ => plan.first_watch - Duration::hours(rng.between(0, 30 * 24) as i64),
        };
        let updated_at = last.unwrap_or(created_at).max(created_at);
        let country = *rng.pick(&COUNTRIES);
        let year = 2005 + rng.below(21) as i32;
        let i = plan.index as u64;
        let length = NoteLength::draw(rng);
        let notes = notes(rng, length);
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.between(0, 3) {
            let tag = (*rng.pick(&DRAMA_TAGS)).to_owned();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        DramaV1 {
            id: Some(rng.uuid()),
            original_title: (country == "KR" || rng.chance(0.2)).then(|| hangul_title(rng)),
            title,
            country: Some(country.to_owned()),
            year: Some(year),
            network: Some((*rng.pick(&NETWORKS)).to_owned()),
            total_episodes: Some(plan.total),
            status,
            rating: (status == Status::Completed || rng.chance(0.2))
                .then(|| rng.between(10, 20) as f64 / 2.0),
            started_on,
            finished_on,
            rewatch_count: plan
                .rewatches
                .iter()
                .filter(|&&(_, n)| n == plan.total)
                .count() as u32,
            tags,
            notes,
            // Ids in disjoint ranges per drama, so no two dramas share one
            // (an import would merge them).
            external_ids: ExternalIds {
                tmdb: rng.chance(0.7).then(|| 60_000 + i * 10 + rng.below(10)),
                imdb: rng
                    .chance(0.4)
                    .then(|| format!("tt{}", 10_000_000 + i * 10 + rng.below(10))),
                mdl: rng
                    .chance(0.3)
                    .then(|| format!("https://mydramalist.com/{}-drama-{i}", 10_000 + i * 10)),
                ..ExternalIds::default()
            },
            links: if rng.chance(0.1) {
                vec![Link {
                    url: format!("https://www.soompi.com/article/{}", 1_000_000 + i),
                    label: "Soompi article".into(),
                    kind: LinkKind::Article,
                }]
            } else {
                Vec::new()
            },
            created_at: Some(created_at),
            updated_at: Some(updated_at),
            episodes,
            scenes: Vec::new(),
        }
    }

    /// A title no other drama has: title and year match dramas on import.
    fn unique_title(&mut self) -> String {
        let base = latin_title(&mut self.rng);
        let mut title = base.clone();
        let mut n = 2;
        while !self.titles.insert(title.to_lowercase()) {
            title = format!("{base} {n}");
            n += 1;
        }
        title
    }

    /// Spreads the scenes over dramas with a skew, mostly in watched
    /// episodes, each drama's scenes in episode and time order.
    fn add_scenes(&mut self, plans: &[Plan], dramas: &mut [DramaV1], scenes: usize) {
        if dramas.is_empty() {
            return;
        }
        // Shuffle which drama gets which rank, so heavy dramas are anywhere.
        let mut ranks: Vec<usize> = (0..dramas.len()).collect();
        for i in (1..ranks.len()).rev() {
            let j = self.rng.below(i as u64 + 1) as usize;
            ranks.swap(i, j);
        }
        let weights = Zipf::weighted(plans.iter().enumerate().map(|(i, p)| {
            let w = 1.0 / ((ranks[i] + 1) as f64).powf(0.6);
            if p.watched == 0 { w * 0.05 } else { w }
        }));
        for _ in 0..scenes {
            let d = weights.draw(&mut self.rng);
            let scene = self.scene(&plans[d]);
            dramas[d].scenes.push(scene);
        }
        for drama in dramas.iter_mut() {
            drama
                .scenes
                .sort_by(|a, b| (a.episode, &a.start).cmp(&(b.episode, &b.start)));
        }
    }

    fn scene(&mut self, plan: &Plan) -> SceneV1 {
        let rng = &mut self.rng;
        let episode = if plan.watched > 0 {
            rng.between(1, u64::from(plan.watched)) as u32
        } else {
            rng.between(1, u64::from(plan.total)) as u32
        };
        let runtime_ms = u64::from(plan.runtime) * 60_000;
        let mut start_ms = rng.between(0, runtime_ms - 6 * 60_000);
        start_ms = if rng.chance(0.1) {
            start_ms / 250 * 250
        } else {
            start_ms / 1_000 * 1_000
        };
        let end_ms = rng
            .chance(0.75)
            .then(|| start_ms + rng.between(5, 300) * 1_000);
        let time = |ms: u64| {
            SceneTime::from_millis(ms as u32)
                .unwrap_or(SceneTime::ZERO)
                .canonical()
        };
        let tag_count = match rng.below(100) {
            0..=4 => 0,
            5..=54 => 1,
            55..=89 => 2,
            _ => 3,
        };
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..tag_count {
            let tag = SCENE_TAGS[self.scene_tags.draw(rng)].to_owned();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let title = scene_title(rng, tags.first().map(String::as_str));
        let mut people: Vec<String> = Vec::new();
        for _ in 0..rng.below(4) {
            // The two leads are in most scenes.
            let who = if rng.chance(0.7) {
                rng.below(2)
            } else {
                rng.below(plan.cast.len() as u64)
            };
            let name = plan.cast[who as usize].clone();
            if !people.contains(&name) {
                people.push(name);
            }
        }
        let watched = plan.first_watch_of(episode.min(plan.watched.max(1)));
        let created_at = (watched + Duration::minutes(rng.between(0, 180) as i64))
            .min(self.base - Duration::minutes(1));
        let updated_at = if rng.chance(0.2) {
            (created_at + Duration::days(rng.between(1, 200) as i64))
                .min(self.base - Duration::minutes(1))
        } else {
            created_at
        };
        let links = if rng.chance(0.05) {
            vec![Link {
                url: format!("https://www.youtube.com/watch?v={}", video_id(rng)),
                label: (*rng.pick(&["Behind the scenes", "Clip", "Making of", "OST MV"]))
                    .to_owned(),
                kind: if rng.chance(0.5) {
                    LinkKind::BehindTheScenes
                } else {
                    LinkKind::Clip
                },
            }]
        } else {
            Vec::new()
        };
        // Scenes tagged `ost` carry their song, picked without drawing from
        // `rng`, so the rest of the library stays as it was.
        let ost = tags.iter().any(|t| t == "ost").then(|| {
            let (title, artist) = SONGS[(start_ms / 1_000) as usize % SONGS.len()];
            Ost {
                title: title.to_owned(),
                artist: artist.to_owned(),
            }
        });
        SceneV1 {
            id: Some(rng.uuid()),
            season: 1,
            episode,
            start: time(start_ms),
            end: end_ms.map(time),
            title,
            tags,
            notes: scene_notes(rng),
            people,
            favourite: rng.chance(0.15),
            links,
            ost,
            quote: None,
            created_at: Some(created_at),
            updated_at: Some(updated_at),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum NoteLength {
    Empty,
    Short,
    Medium,
    Long,
}

impl NoteLength {
    /// Mostly empty or short, some a paragraph, a few an essay.
    fn draw(rng: &mut SplitMix64) -> Self {
        match rng.below(100) {
            0..=39 => NoteLength::Empty,
            40..=84 => NoteLength::Short,
            85..=96 => NoteLength::Medium,
            _ => NoteLength::Long,
        }
    }
}

fn scene_notes(rng: &mut SplitMix64) -> String {
    if rng.below(20_000) == 0 {
        return format!(
            "The {RARE_WORD} tree in the yard again — the same one as in the first episode."
        );
    }
    let length = NoteLength::draw(rng);
    notes(rng, length)
}

fn notes(rng: &mut SplitMix64, length: NoteLength) -> String {
    let sentences = match length {
        NoteLength::Empty => return String::new(),
        NoteLength::Short => 1,
        NoteLength::Medium => rng.between(2, 6),
        NoteLength::Long => rng.between(15, 45),
    };
    let mut text = String::new();
    for i in 0..sentences {
        if i > 0 {
            text.push(if i % 6 == 0 { '\n' } else { ' ' });
        }
        let sentences: &[&str] = if rng.chance(0.25) {
            &HANGUL_SENTENCES
        } else {
            &SENTENCES
        };
        let sentence: &&str = rng.pick(sentences);
        text.push_str(sentence);
    }
    text
}

fn latin_title(rng: &mut SplitMix64) -> String {
    let adjective = rng.pick(&ADJECTIVES);
    let noun = rng.pick(&NOUNS);
    match rng.below(6) {
        0 => format!("The {noun} of {}", rng.pick(&NOUNS)),
        1 => format!("My {adjective} {noun}"),
        2 => format!("{noun} {}", rng.pick(&NOUNS)),
        _ => format!("{adjective} {noun}"),
    }
}

fn hangul_title(rng: &mut SplitMix64) -> String {
    format!(
        "{} {}",
        rng.pick(&HANGUL_MODIFIERS),
        rng.pick(&HANGUL_NOUNS)
    )
}

fn scene_title(rng: &mut SplitMix64, tag: Option<&str>) -> String {
    if rng.chance(0.2) {
        return format!("{} {}", rng.pick(&HANGUL_PLACES), rng.pick(&HANGUL_MOMENTS));
    }
    let moment = match tag {
        Some(tag) if rng.chance(0.6) => tag.replace('-', " "),
        _ => (*rng.pick(&MOMENTS)).to_owned(),
    };
    format!("{} {moment}", rng.pick(&PLACES))
}

fn person(rng: &mut SplitMix64) -> String {
    format!(
        "{} {}-{}",
        rng.pick(&FAMILY_NAMES),
        rng.pick(&SYLLABLES),
        rng.pick(&SYLLABLES).to_lowercase()
    )
}

fn video_id(rng: &mut SplitMix64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..11).map(|_| char::from(*rng.pick(ALPHABET))).collect()
}

/// Scene tags, most used first (drawn Zipf-like).
/// Songs for the scenes tagged `ost`.
const SONGS: [(&str, &str); 4] = [
    ("Stay With Me", "Chanyeol & Punch"),
    ("Beautiful", "Crush"),
    ("Start Over", "Gaho"),
    ("Everytime", "Chen & Punch"),
];

const SCENE_TAGS: [&str; 40] = [
    "kiss",
    "confession",
    "ost",
    "funny",
    "sad",
    "fight",
    "flashback",
    "cameo",
    "hug",
    "first-meeting",
    "reunion",
    "breakup",
    "cliffhanger",
    "piggyback",
    "wrist-grab",
    "back-hug",
    "rain",
    "drunk",
    "food",
    "jealousy",
    "slap",
    "revenge",
    "proposal",
    "dance",
    "airport",
    "hospital",
    "ending",
    "plot-twist",
    "villain",
    "friendship",
    "family",
    "rooftop",
    "snow",
    "crying",
    "bromance",
    "chaebol",
    "sageuk",
    "time-slip",
    "fan-service",
    "noona",
];

const DRAMA_TAGS: [&str; 14] = [
    "romance",
    "melodrama",
    "romcom",
    "thriller",
    "fantasy",
    "historical",
    "slice-of-life",
    "office",
    "medical",
    "legal",
    "youth",
    "revenge",
    "healing",
    "makjang",
];

const COUNTRIES: [&str; 10] = ["KR", "KR", "KR", "KR", "KR", "KR", "KR", "JP", "TW", "TH"];

const NETWORKS: [&str; 11] = [
    "tvN",
    "JTBC",
    "KBS2",
    "SBS",
    "MBC",
    "Netflix",
    "ENA",
    "OCN",
    "Disney+",
    "Coupang Play",
    "TVING",
];

const ADJECTIVES: [&str; 36] = [
    "Secret",
    "Moonlit",
    "Hidden",
    "Endless",
    "Little",
    "Golden",
    "Silent",
    "Broken",
    "Wandering",
    "Second",
    "Midnight",
    "Spring",
    "Winter",
    "Summer",
    "Autumn",
    "Extraordinary",
    "Strong",
    "Lovely",
    "Crash",
    "Hometown",
    "Blue",
    "Scarlet",
    "Crimson",
    "Gentle",
    "Reckless",
    "Forbidden",
    "Last",
    "First",
    "Stolen",
    "Borrowed",
    "Fated",
    "Lonely",
    "Brave",
    "Quiet",
    "Wild",
    "Starry",
];

const NOUNS: [&str; 48] = [
    "Garden",
    "Landing",
    "Notes",
    "Diary",
    "Playlist",
    "Lovers",
    "Romance",
    "Village",
    "Mister",
    "Kingdom",
    "Letter",
    "Umbrella",
    "Bakery",
    "Signal",
    "Goblin",
    "Moon",
    "Station",
    "Tale",
    "Palace",
    "Heart",
    "Promise",
    "Melody",
    "Season",
    "Doctor",
    "Attorney",
    "Detective",
    "Chef",
    "Prince",
    "Queen",
    "Spy",
    "Neighbour",
    "Bookstore",
    "Island",
    "Mountain",
    "River",
    "Rooftop",
    "Café",
    "Hospital",
    "Office",
    "Class",
    "Family",
    "Youth",
    "Night",
    "Dream",
    "Sky",
    "Flower",
    "Star",
    "Wind",
];

const HANGUL_MODIFIERS: [&str; 16] = [
    "나의",
    "사랑의",
    "비밀의",
    "달빛",
    "푸른",
    "작은",
    "슬기로운",
    "이상한",
    "눈부신",
    "그해",
    "우리들의",
    "갯마을",
    "낭만",
    "멜로가",
    "스물다섯",
    "호텔",
];

const HANGUL_NOUNS: [&str; 20] = [
    "해방일지",
    "아저씨",
    "정원",
    "도시",
    "불시착",
    "연인",
    "일기",
    "왕국",
    "약속",
    "편지",
    "여름",
    "겨울",
    "바다",
    "궁전",
    "의사생활",
    "변호사",
    "차차차",
    "블루스",
    "시그널",
    "도깨비",
];

const PLACES: [&str; 24] = [
    "Rooftop",
    "Airport",
    "Rain",
    "Umbrella",
    "Bus stop",
    "Piggyback",
    "Hospital",
    "Beach",
    "Reed field",
    "Convenience store",
    "Snow",
    "Bridge",
    "Subway",
    "Palace",
    "Library",
    "Elevator",
    "Pojangmacha",
    "Han river",
    "Office",
    "Car",
    "Kitchen",
    "Festival",
    "Train",
    "Cherry blossom",
];

const MOMENTS: [&str; 16] = [
    "kiss",
    "confession",
    "goodbye",
    "reunion",
    "fight",
    "hug",
    "first meeting",
    "breakdown",
    "slap",
    "proposal",
    "flashback",
    "dance",
    "chase",
    "stare",
    "apology",
    "promise",
];

const HANGUL_PLACES: [&str; 10] = [
    "옥상",
    "공항",
    "빗속",
    "우산",
    "버스정류장",
    "병원",
    "바닷가",
    "갈대밭",
    "편의점",
    "한강",
];

const HANGUL_MOMENTS: [&str; 8] = [
    "키스",
    "고백",
    "이별",
    "재회",
    "포옹",
    "첫 만남",
    "싸움",
    "눈물",
];

const SENTENCES: [&str; 24] = [
    "The OST starts right here.",
    "Watch his face when she turns around.",
    "I cried so much at this one.",
    "Best kiss of the whole drama.",
    "The lighting in this scene is unreal.",
    "She finally says it out loud.",
    "Rewatch this before the finale.",
    "The second lead deserved better.",
    "That wrist grab, again.",
    "Funniest moment of the show, the grandmother steals it.",
    "Callback to the first episode.",
    "The drinking scene that changes everything.",
    "He waited under the umbrella the whole time.",
    "Their first real conversation.",
    "I paused here for five minutes.",
    "The cameo nobody expected.",
    "The background music is the piano version of the theme.",
    "This is where the flashback explains the scar.",
    "Everyone in the office pretends not to see.",
    "A kiss in the rain, of course.",
    "The villain's smile here is terrifying.",
    "Send this clip to my sister.",
    "The fight choreography is better than in most films.",
    "Quiet scene, but it says everything.",
];

const HANGUL_SENTENCES: [&str; 10] = [
    "여기서 OST 시작",
    "진짜 명장면",
    "눈물 주의",
    "이 장면 때문에 다시 봄",
    "대사가 너무 좋다",
    "두 사람 케미 최고",
    "웃겨서 죽는 줄",
    "키스신 레전드",
    "복선 회수",
    "엔딩 요정",
];

const FAMILY_NAMES: [&str; 15] = [
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
    "Shin", "Kwon",
];

const SYLLABLES: [&str; 24] = [
    "Ji", "Seo", "Min", "Do", "Ha", "Jae", "Su", "Tae", "Ye", "Woo", "Hyun", "Eun", "Jun", "Yeon",
    "Won", "Bin", "Ho", "Jin", "Sung", "Hee", "Young", "Soo", "Na", "Ra",
];

#[cfg(test)]
mod tests {
    use super::*;
    use drakor_core::read_library_json;

    fn base() -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default()
    }

    fn counts(file: &LibraryFile) -> (usize, usize, usize, usize) {
        let sizes = Sizes::of(file);
        (
            sizes.dramas,
            sizes.episodes,
            sizes.watch_events,
            sizes.scenes,
        )
    }

    #[test]
    fn the_same_seed_gives_the_same_library() {
        let spec = Spec::new(30, 500, 7);
        assert_eq!(library(&spec, base()).ok(), library(&spec, base()).ok());
        let other = Spec { seed: 8, ..spec };
        assert_ne!(library(&spec, base()).ok(), library(&other, base()).ok());
    }

    #[test]
    fn the_library_has_the_sizes_asked_for() {
        let spec = Spec {
            dramas: 50,
            episodes: 1_000,
            watch_events: 1_500,
            scenes: 2_500,
            seed: 3,
        };
        let file = library(&spec, base()).expect("a valid spec");
        assert_eq!(counts(&file), (50, 1_000, 1_500, 2_500));
    }

    #[test]
    fn a_generated_library_passes_every_import_check() {
        let json = library_json(&Spec::new(40, 2_000, 11), base()).expect("a valid spec");
        let valid = read_library_json(&json, base());
        assert!(valid.is_ok(), "import refused it: {:?}", valid.err());
    }

    #[test]
    fn every_instant_lies_before_the_base_and_scenes_end_after_they_start() {
        let file = library(&Spec::new(40, 2_000, 5), base()).expect("a valid spec");
        for drama in &file.dramas {
            assert!(drama.created_at <= drama.updated_at);
            assert!(drama.updated_at <= Some(base()));
            for e in &drama.episodes {
                assert!(e.watched_at.iter().all(|&at| at < base()));
            }
            for s in &drama.scenes {
                assert!(s.updated_at < Some(base()));
                if let Some(end) = &s.end {
                    assert!(end > &s.start, "{} ends at {end}", s.start);
                }
                assert!(drama.total_episodes.is_some_and(|t| s.episode <= t));
            }
        }
    }

    #[test]
    fn kiss_is_the_most_common_scene_tag_and_the_rare_word_is_rare() {
        let file = library(&Spec::new(100, 20_000, 1), base()).expect("a valid spec");
        let scenes: Vec<&SceneV1> = file.dramas.iter().flat_map(|d| &d.scenes).collect();
        let with = |tag: &str| {
            scenes
                .iter()
                .filter(|s| s.tags.iter().any(|t| t == tag))
                .count()
        };
        assert!(with("kiss") > with("confession"));
        assert!(with("confession") > with("noona"));
        let rare = scenes
            .iter()
            .filter(|s| s.notes.contains(RARE_WORD))
            .count();
        assert!(rare < 10, "{rare} notes hold the rare word");
    }

    #[test]
    fn an_impossible_spec_is_refused() {
        let spec = Spec {
            dramas: 10,
            episodes: 5,
            watch_events: 0,
            scenes: 0,
            seed: 1,
        };
        assert!(library(&spec, base()).is_err());
        assert!(library(&Spec::new(0, 10, 1), base()).is_err());
        assert!(library(&Spec::new(0, 0, 1), base()).is_ok_and(|f| f.dramas.is_empty()));
    }
}
