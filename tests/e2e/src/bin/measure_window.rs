//! `measure_window`: the app's window at scale, against an empty Tauri window.
//!
//! For each of an empty Tauri window (the floor), the app on an empty library
//! and the app on a large library, in one run and interleaved: launch it
//! through tauri-driver on a private Xvfb, time from the session request
//! (which starts the app) to its first screen being in the DOM, then let it
//! settle and sum the PSS (`/proc/PID/smaps_rollup`) of the app process and
//! all its descendants (WebKit's web and network processes). One untimed
//! warm-up launch per target first; medians of the timed ones.
//!
//! After the timed runs, one more launch on the large library looks at the
//! screens: DOM size, scrolling, paging, the Scenes screen, where the
//! Library's time goes (IPC, parsing, rendering), with screenshots.
//!
//! `scripts/measure-window.sh` builds everything and runs this; by hand:
//!
//! ```sh
//! measure_window --app target/release/drakor-app \
//!     --floor target/release/drakor-window-floor --db big.sqlite3 \
//!     [--runs 5] [--settle 3] [--shots dir] [--json out.json]
//! ```

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use drakor_e2e::{App, Launch};
use fantoccini::wd::TimeoutConfiguration;
use serde_json::{Value, json};

/// How long a first screen may take before the run is called failed.
const SHOWN_LIMIT: Duration = Duration::from_secs(90);
/// How long an in-page measurement may take (the Scenes screen on a large
/// library may be slow).
const SCRIPT_LIMIT: Duration = Duration::from_secs(300);

type Result<T, E = String> = std::result::Result<T, E>;

#[derive(Debug)]
struct Options {
    app: PathBuf,
    floor: PathBuf,
    db: PathBuf,
    runs: usize,
    settle: Duration,
    shots: Option<PathBuf>,
    json: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Floor,
    AppEmpty,
    AppLarge,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Floor, Kind::AppEmpty, Kind::AppLarge];

    fn key(self) -> &'static str {
        match self {
            Kind::Floor => "empty_window",
            Kind::AppEmpty => "app_empty_library",
            Kind::AppLarge => "app_large_library",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Floor => "empty Tauri window",
            Kind::AppEmpty => "drakor-app, empty library",
            Kind::AppLarge => "drakor-app, large library",
        }
    }

    /// What "shown" means: the first screen's content is in the DOM.
    fn shown_css(self) -> &'static str {
        match self {
            Kind::Floor => "#floor",
            Kind::AppEmpty => ".empty-state",
            Kind::AppLarge => ".drama-card",
        }
    }
}

#[derive(Debug)]
struct Run {
    shown: Duration,
    pss_kib: u64,
    processes: Vec<(u32, String, u64)>,
    timeline: Value,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(e) => {
            eprintln!("measure_window: {e}");
            return ExitCode::from(2);
        }
    };
    let display = std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty());
    let own_display = std::env::var_os("DRAKOR_E2E_XVFB").is_some_and(|v| v == "1");
    if display && !own_display {
        eprintln!(
            "measure_window: measuring on $DISPLAY; set DRAKOR_E2E_XVFB=1 for a private Xvfb per launch"
        );
    }
    match measure(&options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("measure_window: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args() -> Result<Options> {
    let mut app = None;
    let mut floor = None;
    let mut db = None;
    let mut runs = 5;
    let mut settle = Duration::from_secs(3);
    let mut shots = None;
    let mut json = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--app" => app = Some(PathBuf::from(value()?)),
            "--floor" => floor = Some(PathBuf::from(value()?)),
            "--db" => db = Some(PathBuf::from(value()?)),
            "--runs" => runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--settle" => {
                settle = Duration::from_secs_f64(
                    value()?.parse().map_err(|e| format!("--settle: {e}"))?,
                );
            }
            "--shots" => shots = Some(PathBuf::from(value()?)),
            "--json" => json = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let need = |what: Option<PathBuf>, flag: &str| {
        what.ok_or_else(|| {
            format!("{flag} is required (--app BIN --floor BIN --db LIBRARY [--runs N])")
        })
    };
    let options = Options {
        app: need(app, "--app")?,
        floor: need(floor, "--floor")?,
        db: need(db, "--db")?,
        runs: runs.max(1),
        settle,
        shots,
        json,
    };
    for path in [&options.app, &options.floor, &options.db] {
        if !path.is_file() {
            return Err(format!("{} is not a file", path.display()));
        }
    }
    Ok(options)
}

async fn measure(options: &Options) -> Result<()> {
    let mut runs: Vec<(Kind, Vec<Run>)> = Kind::ALL.iter().map(|&k| (k, Vec::new())).collect();
    // Run 0 warms the page cache (binaries, WebKit, the library file) and
    // is not counted; then the targets take turns, so a busy moment of the
    // machine does not land on one of them only.
    for round in 0..=options.runs {
        for (kind, results) in &mut runs {
            let run = launch_and_measure(options, *kind).await?;
            let counted = if round == 0 {
                "warm-up, not counted"
            } else {
                "counted"
            };
            eprintln!(
                "{:<28} shown {:>6.0} ms  PSS {:>6.1} MB  ({counted})",
                kind.label(),
                ms(run.shown),
                mb(run.pss_kib)
            );
            if round > 0 {
                results.push(run);
            }
        }
    }

    let mut report = serde_json::Map::new();
    for (kind, results) in &runs {
        let shown: Vec<f64> = results.iter().map(|r| ms(r.shown)).collect();
        let pss: Vec<f64> = results.iter().map(|r| mb(r.pss_kib)).collect();
        let last = results.last();
        report.insert(
            kind.key().into(),
            json!({
                "label": kind.label(),
                "shown_ms_median": median(&shown),
                "shown_ms": shown,
                "pss_mb_median": median(&pss),
                "pss_mb": pss,
                "processes_of_last_run": last.map(|r| r.processes.iter()
                    .map(|(pid, name, kib)| json!({"pid": pid, "name": name, "pss_mb": mb(*kib)}))
                    .collect::<Vec<_>>()),
                "timeline_of_last_run": last.map(|r| r.timeline.clone()),
            }),
        );
    }
    let floor_pss = report[Kind::Floor.key()]["pss_mb_median"]
        .as_f64()
        .unwrap_or(f64::NAN);
    let large_pss = report[Kind::AppLarge.key()]["pss_mb_median"]
        .as_f64()
        .unwrap_or(f64::NAN);
    let large_shown = report[Kind::AppLarge.key()]["shown_ms_median"]
        .as_f64()
        .unwrap_or(f64::NAN);
    report.insert(
        "pss_ratio_large_to_empty_window".into(),
        json!(large_pss / floor_pss),
    );
    report.insert(
        "targets".into(),
        json!({
            "shown_within_1s": large_shown <= 1000.0,
            "pss_within_1_3x": large_pss / floor_pss <= 1.3,
        }),
    );

    eprintln!("looking at the screens of the large library…");
    let screens = inspect_screens(options).await?;
    report.insert("screens".into(), screens);

    let report = Value::Object(report);
    print_summary(&report, options);
    if let Some(path) = &options.json {
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn launch(options: &Options, kind: Kind) -> Launch {
    let launch = Launch::new();
    match kind {
        Kind::Floor => launch.binary(&options.floor),
        Kind::AppEmpty => launch.binary(&options.app),
        Kind::AppLarge => launch.binary(&options.app).db(&options.db),
    }
}

async fn launch_and_measure(options: &Options, kind: Kind) -> Result<Run> {
    let app = launch(options, kind)
        .start()
        .await
        .map_err(|e| format!("{}: {e}", kind.label()))?;
    let launched_epoch_ms = epoch_ms() - ms(app.launched_at().elapsed());
    let shown = wait_shown(&app, kind.shown_css()).await?;

    let timeline = eval(&app, TIMELINE, Vec::new()).await?;
    let timeline = json!({
        "page_start_after_launch_ms": timeline["origin"].as_f64().map(|o| o - launched_epoch_ms),
        "dom_content_loaded_ms": timeline["dcl"],
        "load_ms": timeline["load"],
        "resources": timeline["resources"],
    });

    tokio::time::sleep(options.settle).await;
    let mut samples = Vec::new();
    let mut processes = Vec::new();
    for i in 0..3 {
        if i > 0 {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        processes = app
            .app_processes()
            .into_iter()
            .filter_map(|pid| Some((pid, process_name(pid), pss_kib(pid)?)))
            .collect();
        samples.push(processes.iter().map(|p| p.2).sum::<u64>());
    }
    if processes.is_empty() {
        return Err(format!(
            "{}: the app's processes were not found",
            kind.label()
        ));
    }
    samples.sort_unstable();
    let pss_kib = samples[samples.len() / 2];

    app.close().await.map_err(|e| e.to_string())?;
    Ok(Run {
        shown,
        pss_kib,
        processes,
        timeline,
    })
}

/// Polls the page until `css` matches; returns the time since launch.
async fn wait_shown(app: &App, css: &str) -> Result<Duration> {
    let script = format!("return document.querySelector({}) !== null;", json!(css));
    loop {
        let seen = tokio::time::timeout(
            Duration::from_secs(10),
            app.client().execute(&script, Vec::new()),
        )
        .await;
        if matches!(seen, Ok(Ok(Value::Bool(true)))) {
            return Ok(app.launched_at().elapsed());
        }
        if app.launched_at().elapsed() > SHOWN_LIMIT {
            return Err(format!("`{css}` did not appear within {SHOWN_LIMIT:?}"));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// One launch on the large library: DOM size, scrolling, paging, the
/// Scenes screen, and where the Library's time goes.
async fn inspect_screens(options: &Options) -> Result<Value> {
    let app = launch(options, Kind::AppLarge)
        .start()
        .await
        .map_err(|e| e.to_string())?;
    let shown = wait_shown(&app, Kind::AppLarge.shown_css()).await?;
    let script_limit = TimeoutConfiguration::new(Some(SCRIPT_LIMIT), None, None);
    app.client()
        .update_timeouts(script_limit)
        .await
        .map_err(|e| format!("cannot set the script timeout: {e}"))?;
    tokio::time::sleep(options.settle).await;
    let mut out = serde_json::Map::new();
    out.insert("library_shown_ms".into(), json!(ms(shown)));
    out.insert(
        "library_dom_after_load".into(),
        eval(&app, DOM_COUNT, Vec::new()).await?,
    );
    shot(&app, options, "library-top")?;
    out.insert(
        "library_show_more_click".into(),
        eval_async(&app, SHOW_MORE, vec![json!(".drama-card"), json!(1)]).await?,
    );
    out.insert(
        "library_scroll_to_bottom".into(),
        eval_async(&app, SCROLL, Vec::new()).await?,
    );
    out.insert(
        "library_read_to_the_end".into(),
        eval_async(&app, KEEP_SCROLLING, vec![json!(".drama-card"), json!(40)]).await?,
    );
    shot(&app, options, "library-end")?;
    out.insert(
        "library_pss_mb_after_reading".into(),
        json!(mb(pss_of(&app))),
    );
    out.insert(
        "library_scroll_back_up".into(),
        eval_async(&app, SCROLL_UP, vec![json!(".drama-card"), json!(40)]).await?,
    );
    out.insert(
        "library_costs".into(),
        eval_async(&app, LIBRARY_COSTS, Vec::new()).await?,
    );
    for (key, hash, name) in [
        ("scenes", "#/scenes", "scenes"),
        ("scenes_kiss", "#/scenes?tag=kiss", "scenes-kiss"),
    ] {
        let mut screen = eval_async(&app, NAVIGATE, vec![json!(hash), json!(".scene")]).await?;
        if screen.get("error").is_none() {
            shot(&app, options, name)?;
            screen["scroll_to_bottom"] = eval_async(&app, SCROLL, Vec::new()).await?;
            screen["keep_scrolling"] =
                eval_async(&app, KEEP_SCROLLING, vec![json!(".scene"), json!(60)]).await?;
            screen["pss_mb_after_scrolling"] = json!(mb(pss_of(&app)));
            shot(&app, options, &format!("{name}-bottom"))?;
        }
        out.insert(key.into(), screen);
    }
    out.insert(
        "back_to_library".into(),
        eval_async(
            &app,
            NAVIGATE,
            vec![json!("#/library"), json!(".drama-card")],
        )
        .await?,
    );
    app.close().await.map_err(|e| e.to_string())?;
    Ok(Value::Object(out))
}

async fn eval(app: &App, script: &str, args: Vec<Value>) -> Result<Value> {
    match tokio::time::timeout(SCRIPT_LIMIT, app.client().execute(script, args)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(format!("script failed: {e}")),
        Err(_) => Err(format!("script took longer than {SCRIPT_LIMIT:?}")),
    }
}

async fn eval_async(app: &App, script: &str, args: Vec<Value>) -> Result<Value> {
    match tokio::time::timeout(SCRIPT_LIMIT, app.client().execute_async(script, args)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(format!("script failed: {e}")),
        Err(_) => Err(format!("script took longer than {SCRIPT_LIMIT:?}")),
    }
}

/// A picture of the whole Xvfb screen (`import -window root`).
fn shot(app: &App, options: &Options, name: &str) -> Result<()> {
    let (Some(dir), Some(display)) = (&options.shots, app.display()) else {
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-display", display, "-window", "root"])
        .arg(&path)
        .status();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("import -window root {}: {s}", path.display())),
        Err(e) => Err(format!("cannot run ImageMagick's import: {e}")),
    }
}

/// PSS of the app and all its descendants now, in KiB.
fn pss_of(app: &App) -> u64 {
    app.app_processes().into_iter().filter_map(pss_kib).sum()
}

fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup.lines().find_map(|line| {
        line.strip_prefix("Pss:")?
            .trim()
            .strip_suffix("kB")?
            .trim()
            .parse()
            .ok()
    })
}

fn process_name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[allow(clippy::cast_precision_loss)]
fn mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn print_summary(report: &Value, options: &Options) {
    println!();
    println!(
        "The window at scale ({} counted runs each, medians; PSS of the app and its WebKit processes)",
        options.runs
    );
    println!();
    println!("| Window | Launch to shown | PSS |");
    println!("|---|---|---|");
    for kind in Kind::ALL {
        let r = &report[kind.key()];
        println!(
            "| {} | {:.0} ms | {:.1} MB |",
            kind.label(),
            r["shown_ms_median"].as_f64().unwrap_or(f64::NAN),
            r["pss_mb_median"].as_f64().unwrap_or(f64::NAN)
        );
    }
    println!();
    println!(
        "PSS ratio, large library to empty window: {:.2}x",
        report["pss_ratio_large_to_empty_window"]
            .as_f64()
            .unwrap_or(f64::NAN)
    );
    println!(
        "Targets: shown within 1 s: {}; memory within 1.3x: {}",
        report["targets"]["shown_within_1s"], report["targets"]["pss_within_1_3x"]
    );
    let screens = &report["screens"];
    println!();
    let end = &screens["library_read_to_the_end"];
    println!(
        "Library: DOM elements {} after load, {} read to the end ({} cards in the document, {}); \
         scrolling: median frame {} ms, longest {} ms",
        screens["library_dom_after_load"],
        end["nodes"],
        end["items_after"],
        end["buttons"],
        screens["library_scroll_to_bottom"]["p50_frame_ms"],
        screens["library_scroll_to_bottom"]["longest_frame_ms"],
    );
    for key in ["scenes", "scenes_kiss"] {
        let s = &screens[key];
        let read = &s["keep_scrolling"];
        println!(
            "{key}: shown {} ms after navigating ({}), main thread blocked up to {} ms; \
             DOM elements {} at first, {} after reading {} pages down ({} items in the document, {}); \
             scrolling: median frame {} ms",
            s["shown_ms"],
            s["count_text"],
            s["max_blocked_ms"],
            s["nodes"],
            read["nodes"],
            read["pages"],
            read["items_after"],
            read["buttons"],
            s["scroll_to_bottom"]["p50_frame_ms"],
        );
    }
    if let Some(path) = &options.json {
        println!();
        println!("Everything measured: {}", path.display());
    }
}

/// Elements in the document now.
const DOM_COUNT: &str = "return document.getElementsByTagName('*').length;";

/// The page's own clock: when it started loading (epoch ms) and its
/// resources (IPC calls included when WebKit records them).
const TIMELINE: &str = r"
const nav = performance.getEntriesByType('navigation')[0] || {};
return {
  origin: performance.timeOrigin,
  dcl: nav.domContentLoadedEventEnd ?? null,
  load: nav.loadEventEnd ?? null,
  resources: performance.getEntriesByType('resource').map((e) => ({
    name: e.name, start_ms: Math.round(e.startTime), end_ms: Math.round(e.responseEnd),
    bytes: e.decodedBodySize || e.encodedBodySize || 0,
  })),
};";

/// Scrolls `#view` from top to bottom over two seconds, one step per frame;
/// reports the frames and the longest gap between two (a freeze shows).
const SCROLL: &str = r"
const done = arguments[arguments.length - 1];
const view = document.getElementById('view');
view.scrollTop = 0;
const gaps = [];
const start = performance.now();
let last = start;
const step = (now) => {
  gaps.push(now - last);
  last = now;
  const t = Math.min(1, (now - start) / 2000);
  view.scrollTop = t * (view.scrollHeight - view.clientHeight);
  if (t < 1) { requestAnimationFrame(step); return; }
  gaps.sort((a, b) => a - b);
  done({
    frames: gaps.length,
    longest_frame_ms: Math.round(gaps[gaps.length - 1]),
    p50_frame_ms: Math.round(gaps[Math.floor(gaps.length / 2)]),
    p95_frame_ms: Math.round(gaps[Math.floor(gaps.length * 0.95)]),
    scroll_height_px: view.scrollHeight,
    at_bottom: view.scrollTop + view.clientHeight >= view.scrollHeight - 2,
    nodes: document.getElementsByTagName('*').length,
  });
};
requestAnimationFrame(step);";

/// Clicks "Show more" `arguments[1]` times, each time waiting for its page
/// to be in and painted; the slowest page, and the DOM after.
const SHOW_MORE: &str = r"
const [css, times, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const view = document.getElementById('view');
const more = () => view.querySelector('.show-more:not(.show-earlier)');
const painted = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
(async () => {
  let pages = 0;
  let slowest = 0;
  const t0 = performance.now();
  while (pages < times && more() && !more().hidden) {
    const label = more().textContent;
    const t = performance.now();
    more().click();
    while (more() && !more().hidden && more().textContent === label && performance.now() - t < 10000) {
      await new Promise((r) => setTimeout(r, 2));
    }
    await painted();
    slowest = Math.max(slowest, performance.now() - t);
    pages += 1;
  }
  return {
    pages,
    ms: Math.round(performance.now() - t0),
    slowest_page_ms: Math.round(slowest),
    items: view.querySelectorAll(css).length,
    nodes: document.getElementsByTagName('*').length,
  };
})().then(done, (e) => done({ error: String(e) }));";

/// Where the Library's time goes: each IPC call (median of 5, with its JSON
/// size), parsing that JSON, building the view off-screen, and a full
/// refresh of the screen to its next painted frame.
const LIBRARY_COSTS: &str = r"
const done = arguments[arguments.length - 1];
(async () => {
  const invoke = window.__TAURI__.core.invoke;
  const median = (xs) => { xs.sort((a, b) => a - b); return Math.round(xs[Math.floor(xs.length / 2)] * 10) / 10; };
  const time = async (cmd, args) => {
    const ms = [];
    let value;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      value = await invoke(cmd, args);
      ms.push(performance.now() - t);
    }
    return { median_ms: median(ms), json_bytes: JSON.stringify(value).length, value };
  };
  const filter = { status: null, tag: null, sort: 'recent' };
  const out = {};
  const info = await time('app_info', {});
  const list = await time('list_dramas', { filter });
  const tags = await time('tags', {});
  for (const [k, v] of [['app_info', info], ['list_dramas', list], ['tags', tags]]) {
    out[k] = { median_ms: v.median_ms, json_bytes: v.json_bytes };
  }
  out.dramas = list.value.length;
  const text = JSON.stringify(list.value);
  const parse = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); JSON.parse(text); parse.push(performance.now() - t); }
  out.list_dramas_json_parse_ms = median(parse);
  const both = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await Promise.all([invoke('list_dramas', { filter }), invoke('tags')]);
    both.push(performance.now() - t);
  }
  out.list_dramas_and_tags_together_ms = median(both);
  const { renderLibrary } = await import('./js/views/library.js');
  const build = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await renderLibrary(document.createElement('div'), {});
    build.push(performance.now() - t);
  }
  out.render_view_offscreen_with_ipc_ms = median(build);
  const { refresh } = await import('./js/router.js');
  const full = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await refresh();
    document.body.getBoundingClientRect();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    full.push(performance.now() - t);
  }
  out.refresh_to_painted_ms = median(full);
  return out;
})().then(done, (e) => done({ error: String(e) }));";

/// Navigates to `arguments[0]` and waits for `arguments[1]` in the new
/// screen: time to it, to the next painted frame, DOM size, and the
/// longest stretch the main thread was blocked meanwhile (a 10 ms timer
/// that should tick on time).
const NAVIGATE: &str = r"
const [hash, css, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const view = document.getElementById('view');
const old = view.firstElementChild;
let lastTick = performance.now();
let blocked = 0;
const probe = setInterval(() => {
  const now = performance.now();
  blocked = Math.max(blocked, now - lastTick - 10);
  lastTick = now;
}, 10);
const t0 = performance.now();
location.hash = hash;
const check = () => {
  if (view.firstElementChild !== old && view.querySelector(css)) {
    const shown = performance.now() - t0;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      clearInterval(probe);
      done({
        shown_ms: Math.round(shown),
        painted_ms: Math.round(performance.now() - t0),
        max_blocked_ms: Math.round(blocked),
        items: view.querySelectorAll(css).length,
        count_text: view.querySelector('.count')?.textContent ?? null,
        nodes: document.getElementsByTagName('*').length,
      });
    }));
  } else if (view.querySelector('.page .error, .empty-note.error')) {
    clearInterval(probe);
    done({ error: view.textContent.trim().slice(0, 300) });
  } else if (performance.now() - t0 > 240000) {
    clearInterval(probe);
    done({ error: 'not shown within 240 s' });
  } else {
    setTimeout(check, 5);
  }
};
check();";

/// Scrolls `#view` to the bottom up to `arguments[1]` times, each time
/// waiting (up to 3 s) for the next page to come in, as a reader going down
/// a long list does; how far it got, the DOM after, the longest frame.
const KEEP_SCROLLING: &str = r"
const [css, rounds, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const view = document.getElementById('view');
const more = () => view.querySelector('.show-more:not(.show-earlier)');
let longest = 0;
let last = performance.now();
let running = true;
const frame = (now) => { longest = Math.max(longest, now - last); last = now; if (running) requestAnimationFrame(frame); };
requestAnimationFrame(frame);
const t0 = performance.now();
(async () => {
  const before = view.querySelectorAll(css).length;
  let pages = 0;
  for (let i = 0; i < rounds && more() && !more().hidden; i++) {
    const label = more().textContent;
    view.scrollTop = view.scrollHeight;
    const until = performance.now() + 3000;
    while (more() && !more().hidden && more().textContent === label && performance.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
    if (more() && !more().hidden && more().textContent === label) break;
    pages += 1;
  }
  running = false;
  return {
    pages,
    items_before: before,
    items_after: view.querySelectorAll(css).length,
    buttons: [...view.querySelectorAll('.show-more')].filter((b) => !b.hidden).map((b) => b.textContent).join(', '),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    longest_frame_ms: Math.round(longest),
    nodes: document.getElementsByTagName('*').length,
  };
})().then(done, (e) => done({ error: String(e) }));";

/// The same upwards: scrolls to the top up to `arguments[1]` times, each
/// time waiting for the earlier page to come back.
const SCROLL_UP: &str = r"
const [css, rounds, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const view = document.getElementById('view');
const earlier = () => view.querySelector('.show-earlier');
const t0 = performance.now();
(async () => {
  let pages = 0;
  for (let i = 0; i < rounds && earlier() && !earlier().hidden; i++) {
    const label = earlier().textContent;
    view.scrollTop = 0;
    const until = performance.now() + 3000;
    while (earlier() && !earlier().hidden && earlier().textContent === label && performance.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
    if (earlier() && !earlier().hidden && earlier().textContent === label) break;
    pages += 1;
  }
  const first = view.querySelector(css);
  return {
    pages,
    items: view.querySelectorAll(css).length,
    buttons: [...view.querySelectorAll('.show-more')].filter((b) => !b.hidden).map((b) => b.textContent).join(', '),
    first_item: first ? first.querySelector('h2, h3')?.textContent ?? null : null,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    nodes: document.getElementsByTagName('*').length,
  };
})().then(done, (e) => done({ error: String(e) }));";
