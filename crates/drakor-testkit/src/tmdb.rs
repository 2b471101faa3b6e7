//! A fake TMDB: a real HTTP server on 127.0.0.1 answering the API v3 paths
//! Drakor asks, from the fixtures in `tests/fixtures/tmdb/` (TMDB's own
//! response shapes), plus posters at `/t/p/<size>/<file>` like TMDB's image
//! server. Tests point the client at [`FakeTmdb::url`] (`DRAKOR_TMDB_URL`
//! for the CLI and the app), so nothing ever reaches the network.
//!
//! It behaves as TMDB does where Drakor cares: 401 without [`TOKEN`], 404
//! for unknown shows and paths, search on titles (alternative titles too,
//! so "goblin" finds 도깨비), and on request a 429 or a show still airing.
//! It records what was asked, so tests can count requests.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{Value, json};

/// The only token the fake accepts (as `Authorization: Bearer …`).
pub const TOKEN: &str = "drakor-test-token";
/// Goblin (도깨비, tvN, 2016): 16 episodes, one without a runtime, 2 specials.
pub const GOBLIN: u64 = 67915;
/// My Liberation Notes (나의 해방일지, JTBC, 2022): 16 episodes.
pub const LIBERATION_NOTES: u64 = 135157;
/// Squid Game (오징어 게임, Netflix): seasons 1 (9) and 2 (7), 1 special.
pub const SQUID_GAME: u64 = 93405;
/// Spring of the Reed Field (갈대밭의 봄, SBS), made up and still airing: 12
/// episodes, the last 4 in 2027.
pub const REED_FIELD: u64 = 250000;
/// Every show the fake knows.
pub const SHOWS: [u64; 4] = [GOBLIN, LIBERATION_NOTES, SQUID_GAME, REED_FIELD];

/// A fixture's name and content, embedded so the server needs no path at
/// run time.
macro_rules! fixture {
    ($include:ident, $name:literal) => {
        (
            $name,
            $include!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../tests/fixtures/tmdb/",
                $name
            )),
        )
    };
}

/// The JSON fixtures, by their API path under `/3` (plus `.json`).
const JSON: &[(&str, &str)] = &[
    fixture!(include_str, "configuration.json"),
    fixture!(include_str, "tv/67915.json"),
    fixture!(include_str, "tv/67915/external_ids.json"),
    fixture!(include_str, "tv/67915/alternative_titles.json"),
    fixture!(include_str, "tv/67915/season/0.json"),
    fixture!(include_str, "tv/67915/season/1.json"),
    fixture!(include_str, "tv/135157.json"),
    fixture!(include_str, "tv/135157/external_ids.json"),
    fixture!(include_str, "tv/135157/alternative_titles.json"),
    fixture!(include_str, "tv/135157/season/1.json"),
    fixture!(include_str, "tv/93405.json"),
    fixture!(include_str, "tv/93405/external_ids.json"),
    fixture!(include_str, "tv/93405/alternative_titles.json"),
    fixture!(include_str, "tv/93405/season/0.json"),
    fixture!(include_str, "tv/93405/season/1.json"),
    fixture!(include_str, "tv/93405/season/2.json"),
    fixture!(include_str, "tv/250000.json"),
    fixture!(include_str, "tv/250000/external_ids.json"),
    fixture!(include_str, "tv/250000/alternative_titles.json"),
    fixture!(include_str, "tv/250000/season/1.json"),
];

/// The posters, by file name (the shows' `poster_path` without the slash).
const POSTERS: &[(&str, &[u8])] = &[
    fixture!(include_bytes, "images/goblin.jpg"),
    fixture!(include_bytes, "images/liberation.jpg"),
    fixture!(include_bytes, "images/squid-game.jpg"),
    fixture!(include_bytes, "images/reed-field.jpg"),
];

/// A running fake TMDB. Dropping it stops the server.
#[derive(Debug)]
pub struct FakeTmdb {
    addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct Shared {
    stop: AtomicBool,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    pending_429: Option<u32>,
    airing: HashMap<u64, u32>,
    images: HashMap<String, Vec<u8>>,
    requests: Vec<String>,
    authorizations: Vec<String>,
}

/// An answer: status, extra headers, content type, body.
type Reply = (u16, Vec<(&'static str, String)>, &'static str, Vec<u8>);

impl FakeTmdb {
    /// Starts the server on a free port of 127.0.0.1. Panics if it cannot,
    /// as a test should.
    pub fn start() -> FakeTmdb {
        let listener = TcpListener::bind("127.0.0.1:0")
            .unwrap_or_else(|e| panic!("cannot start the fake TMDB: {e}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("fake TMDB has no address: {e}"));
        let shared = Arc::new(Shared::default());
        let serving = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if serving.stop.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    // One thread per connection, so a slow or idle client
                    // (an app asking several things at once) holds up no one.
                    let serving = Arc::clone(&serving);
                    std::thread::spawn(move || {
                        // A client that hung up mid-request is not the test's concern.
                        let _ = serve(stream, &serving, addr);
                    });
                }
            }
        });
        FakeTmdb {
            addr,
            shared,
            thread: Some(thread),
        }
    }

    /// The API base, e.g. `http://127.0.0.1:PORT/3` (what `DRAKOR_TMDB_URL` takes).
    pub fn url(&self) -> String {
        format!("http://{}/3", self.addr)
    }

    /// The next API request is answered 429 with `Retry-After`, then all is normal.
    pub fn answer_429_once(&self, retry_after_secs: u32) {
        self.shared.lock().pending_429 = Some(retry_after_secs);
    }

    /// From now on show `tmdb_id` lists only its first `aired` regular
    /// episodes (in `/tv/{id}` and its season pages) and is in production,
    /// as a show still airing is. All of them by default.
    pub fn set_airing_episodes(&self, tmdb_id: u64, aired: u32) {
        self.shared.lock().airing.insert(tmdb_id, aired);
    }

    /// The image server answers `/t/p/<any size>/<file>` with `bytes` (a
    /// broken or oversized poster, say).
    pub fn serve_image(&self, file: &str, bytes: Vec<u8>) {
        self.shared.lock().images.insert(file.to_owned(), bytes);
    }

    /// The paths and queries asked so far (images too), in order, as sent.
    pub fn requests(&self) -> Vec<String> {
        self.shared.lock().requests.clone()
    }

    /// The `Authorization` headers seen so far, in order.
    pub fn authorizations(&self) -> Vec<String> {
        self.shared.lock().authorizations.clone()
    }
}

impl Drop for FakeTmdb {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Reads one request from `stream` and answers it; one request per
/// connection (`Connection: close`).
fn serve(stream: TcpStream, shared: &Shared, addr: SocketAddr) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut authorization = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("authorization")
        {
            authorization = Some(value.trim().to_owned());
        }
    }
    let (status, headers, content_type, body) = answer(shared, &target, authorization, addr);
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut stream = &stream;
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}

fn answer(shared: &Shared, target: &str, auth: Option<String>, addr: SocketAddr) -> Reply {
    let mut state = shared.lock();
    state.requests.push(target.to_owned());
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if let Some(image) = path.strip_prefix("/t/p/") {
        let file = image.split_once('/').map(|(_, file)| file).unwrap_or("");
        let custom = state.images.get(file).cloned();
        let poster = POSTERS
            .iter()
            .find(|(name, _)| name.strip_prefix("images/") == Some(file));
        return match custom.or_else(|| poster.map(|(_, bytes)| bytes.to_vec())) {
            Some(bytes) => (200, vec![], "image/jpeg", bytes),
            None => json_reply(404, &not_found()),
        };
    }
    if let Some(auth) = &auth {
        state.authorizations.push(auth.clone());
    }
    let Some(api) = path.strip_prefix("/3") else {
        return json_reply(404, &not_found());
    };
    if let Some(secs) = state.pending_429.take() {
        let body = json!({"status_code": 25, "success": false,
            "status_message": "Your request count (41) is over the allowed limit of (40)."});
        let (status, _, kind, body) = json_reply(429, &body);
        return (status, vec![("Retry-After", secs.to_string())], kind, body);
    }
    if auth.as_deref() != Some(&format!("Bearer {TOKEN}")) {
        let body = json!({"status_code": 7, "success": false,
            "status_message": "Invalid API key: You must be granted a valid key."});
        return json_reply(401, &body);
    }
    let params = parse_query(query);
    let found = match api {
        "/configuration" => configuration(addr),
        "/search/tv" => Some(search(&params)),
        _ => show_page(api, &state.airing),
    };
    match found {
        Some(body) => json_reply(200, &body),
        None => json_reply(404, &not_found()),
    }
}

fn json_reply(status: u16, body: &Value) -> Reply {
    (
        status,
        vec![],
        "application/json;charset=utf-8",
        body.to_string().into_bytes(),
    )
}

fn not_found() -> Value {
    json!({"status_code": 34, "success": false,
        "status_message": "The resource you requested could not be found."})
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Internal Server Error",
    }
}

/// The fixture at `name` (`tv/67915`), parsed.
fn fixture(name: &str) -> Option<Value> {
    let file = format!("{}.json", name.trim_start_matches('/'));
    let (_, text) = JSON.iter().find(|(path, _)| *path == file)?;
    serde_json::from_str(text).ok()
}

/// `/configuration`, with the image server at this fake.
fn configuration(addr: SocketAddr) -> Option<Value> {
    let mut config = fixture("configuration")?;
    config["images"]["base_url"] = json!(format!("http://{addr}/t/p/"));
    config["images"]["secure_base_url"] = json!(format!("http://{addr}/t/p/"));
    Some(config)
}

/// What a search result holds of a show's details (TMDB's result shape).
const RESULT_KEYS: &str = "adult backdrop_path first_air_date id name origin_country \
    original_language original_name overview popularity poster_path vote_average vote_count";

/// `/search/tv`: the shows whose titles (alternative ones too) contain
/// `query`, ignoring case, first aired in `first_air_date_year` when given,
/// most popular first.
fn search(params: &HashMap<String, String>) -> Value {
    let query = params.get("query").map(|q| q.trim().to_lowercase());
    let query = query.filter(|q| !q.is_empty());
    let year = params.get("first_air_date_year").map(String::as_str);
    let matches = |show: &Value, alternatives: &Value| {
        let alternatives = alternatives["results"].as_array().into_iter().flatten();
        let mut titles = alternatives.map(|t| &t["title"]);
        let date = show["first_air_date"].as_str().unwrap_or("");
        query.as_ref().is_some_and(|q| {
            [&show["name"], &show["original_name"]]
                .into_iter()
                .chain(&mut titles)
                .any(|t| t.as_str().is_some_and(|t| t.to_lowercase().contains(q)))
        }) && year.is_none_or(|y| date.starts_with(y))
    };
    let mut results: Vec<Value> = SHOWS
        .iter()
        .filter_map(|id| {
            Some((
                fixture(&format!("tv/{id}"))?,
                fixture(&format!("tv/{id}/alternative_titles"))?,
            ))
        })
        .filter(|(show, alternatives)| matches(show, alternatives))
        .map(|(show, _)| {
            let genres = show["genres"].as_array().into_iter().flatten();
            let mut result =
                json!({"genre_ids": genres.map(|g| g["id"].clone()).collect::<Vec<_>>()});
            for key in RESULT_KEYS.split_whitespace() {
                result[key] = show[key].clone();
            }
            result
        })
        .collect();
    let popularity = |v: &Value| v["popularity"].as_f64().unwrap_or(0.0);
    results.sort_by(|a, b| popularity(b).total_cmp(&popularity(a)));
    json!({"page": 1, "total_pages": 1, "total_results": results.len(), "results": results})
}

/// `/tv/{id}`, `/tv/{id}/…` and `/tv/{id}/season/{n}`, cut to the aired
/// episodes of a show set airing.
fn show_page(api: &str, airing: &HashMap<u64, u32>) -> Option<Value> {
    let mut page = fixture(api)?;
    let id: u64 = api
        .trim_start_matches("/tv/")
        .split('/')
        .next()?
        .parse()
        .ok()?;
    let Some(&aired) = airing.get(&id) else {
        return Some(page);
    };
    let aired = u64::from(aired);
    let number = |v: &Value| v.as_u64().unwrap_or(0);
    // The regular episodes before each regular season.
    let mut before = HashMap::new();
    let mut total = 0;
    for season in fixture(&format!("tv/{id}"))?["seasons"].as_array()? {
        if number(&season["season_number"]) >= 1 {
            before.insert(number(&season["season_number"]), total);
            total += number(&season["episode_count"]);
        }
    }
    let allowed = |season: u64, count: u64| {
        let earlier = before.get(&season).copied().unwrap_or(0);
        count.min(aired.saturating_sub(earlier))
    };
    if let Some(seasons) = page["seasons"].as_array_mut() {
        for season in seasons.iter_mut() {
            let (n, count) = (
                number(&season["season_number"]),
                number(&season["episode_count"]),
            );
            if n >= 1 {
                season["episode_count"] = json!(allowed(n, count));
            }
        }
        page["number_of_episodes"] = json!(total.min(aired));
        if aired < total {
            page["in_production"] = json!(true);
            page["status"] = json!("Returning Series");
        }
    } else if page.get("episodes").is_some() {
        let season = number(&page["season_number"]);
        if let Some(episodes) = page["episodes"].as_array_mut().filter(|_| season >= 1) {
            let keep = allowed(season, episodes.len() as u64);
            episodes.truncate(usize::try_from(keep).unwrap_or(usize::MAX));
        }
    }
    Some(page)
}

/// A query string's pairs, percent-decoded (`+` is a space).
fn parse_query(query: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}
