//! The window stays the app. It may show only its own pages: a link, a
//! script or a dropped file that tries to load any other page in the window
//! is refused, so nothing can navigate the library's window away (and
//! links open in the browser through the `open_link` command instead).

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Runtime, Url};

/// True for the app's own pages: `tauri://localhost` where the app's files
/// are served on Linux and macOS, `http(s)://tauri.localhost` on Windows.
pub fn is_own_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    }
}

/// A plugin that refuses every navigation to a page that is not the app's.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation")
        .on_navigation(|_webview, url| is_own_page(url))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(url: &str) -> bool {
        is_own_page(&Url::parse(url).expect("a url"))
    }

    #[test]
    fn the_apps_own_pages_may_load() {
        assert!(own("tauri://localhost/"));
        assert!(own("tauri://localhost/index.html#/drama/1"));
        assert!(own("http://tauri.localhost/index.html"));
    }

    #[test]
    fn every_other_page_is_refused() {
        for url in [
            "https://www.youtube.com/watch?v=example",
            "http://127.0.0.1:8080/",
            "http://tauri.localhost.evil.example/",
            "http://tauri.localhost:8080/",
            "tauri://evil.example/",
            "file:///home/you/drakor.sqlite3",
            "javascript:alert(1)",
            "data:text/html,<p>hi</p>",
            "about:blank",
        ] {
            assert!(!own(url), "{url} must not load in the window");
        }
    }
}
