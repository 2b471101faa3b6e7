//! The Drakor desktop shell: thin `#[tauri::command]`s over `drakor-core`.
//!
//! Everything the window may do is declared in `capabilities/default.json`;
//! the page itself lives in `../ui` and is embedded into the binary at build
//! time (`build.frontendDist`), so `cargo build -p drakor-app` needs no Node.

mod commands;
mod lists;
mod navigation;
mod people;
mod settings;
mod shortcut;
mod state;
mod tmdb;
mod videos;

use state::AppState;

/// Builds and runs the app; returns when the last window closes.
///
/// # Panics
///
/// If the Tauri runtime cannot start (no display, broken WebKitGTK install);
/// there is nothing useful the app can do without a window.
pub fn run() {
    #[allow(clippy::expect_used)]
    tauri::Builder::default()
        .plugin(shortcut::plugin())
        .setup(|app| {
            shortcut::register(app.handle());
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(navigation::guard())
        .manage(AppState::open())
        .manage(tmdb::Shows::default())
        .register_uri_scheme_protocol("poster", |ctx, request| {
            use tauri::Manager;
            let state = ctx.app_handle().state::<AppState>();
            tmdb::poster_response(state.library_path.as_deref(), &request)
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_dramas,
            commands::dramas_with_scenes,
            commands::get_drama,
            commands::add_drama,
            commands::update_drama,
            commands::delete_drama,
            commands::restore_drama,
            commands::mark_watched,
            commands::record_rewatch,
            commands::unmark_watched,
            commands::restore_watches,
            commands::take_back_watches,
            commands::annotate_episode,
            commands::up_next,
            commands::add_scene,
            commands::update_scene,
            commands::delete_scene,
            commands::list_scenes,
            commands::search,
            commands::tags,
            commands::import_file,
            commands::export_file,
            commands::backup_library,
            commands::load_sample,
            commands::open_link,
            videos::video_links,
            videos::link_folder,
            videos::link_episode_file,
            videos::play_scene,
            videos::bookmark_now,
            settings::get_settings,
            settings::save_settings,
            lists::lists,
            lists::create_list,
            lists::update_list,
            lists::delete_list,
            lists::get_list,
            lists::add_to_list,
            lists::move_in_list,
            lists::drop_from_list,
            lists::export_list,
            people::people,
            people::person,
            people::add_alias,
            people::remove_alias,
            commands::stats,
            commands::save_png,
            tmdb::tmdb_status,
            tmdb::tmdb_search,
            tmdb::tmdb_preview,
            tmdb::add_from_tmdb,
            tmdb::link_tmdb,
            tmdb::refresh_from_tmdb,
            tmdb::refresh_all_from_tmdb,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
