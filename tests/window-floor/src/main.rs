//! An empty Tauri window: the same runtime, WebKit and window size as the
//! Drakor app, with a static page and no commands. What the app costs above
//! this is what Drakor itself costs.

fn main() {
    #[allow(clippy::expect_used)]
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
