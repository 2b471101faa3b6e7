//! The window's commands for lists: thin calls to the core's lists, each
//! one transaction there.

use std::path::PathBuf;

use chrono::Utc;
use drakor_core::{EntryRef, IfExists, ListDetail, ListDraft, ListFormat, ListSummary};
use tauri::State;
use uuid::Uuid;

use crate::state::{AppState, CommandResult};

#[tauri::command]
pub async fn lists(state: State<'_, AppState>) -> CommandResult<Vec<ListSummary>> {
    state.run(|lib| lib.lists()).await
}

#[tauri::command]
pub async fn create_list(
    state: State<'_, AppState>,
    draft: ListDraft,
) -> CommandResult<ListSummary> {
    state
        .run(move |lib| lib.create_list(&draft, Utc::now()))
        .await
}

#[tauri::command]
pub async fn update_list(
    state: State<'_, AppState>,
    id: Uuid,
    draft: ListDraft,
) -> CommandResult<ListSummary> {
    state
        .run(move |lib| lib.update_list(id, &draft, Utc::now()))
        .await
}

#[tauri::command]
pub async fn delete_list(state: State<'_, AppState>, id: Uuid) -> CommandResult<()> {
    state.run(move |lib| lib.delete_list(id)).await
}

#[tauri::command]
pub async fn get_list(state: State<'_, AppState>, id: Uuid) -> CommandResult<ListDetail> {
    state.run(move |lib| lib.get_list(id)).await
}

/// Adds a scene or drama; resolves with its position (from 1).
#[tauri::command]
pub async fn add_to_list(
    state: State<'_, AppState>,
    id: Uuid,
    target: EntryRef,
    note: String,
    at: Option<u32>,
) -> CommandResult<u32> {
    state
        .run(move |lib| lib.add_to_list(id, target, &note, at, Utc::now()))
        .await
}

/// Moves an entry; positions count from 1, as the list shows them.
#[tauri::command]
pub async fn move_in_list(
    state: State<'_, AppState>,
    id: Uuid,
    from: u32,
    to: u32,
) -> CommandResult<ListDetail> {
    state
        .run(move |lib| {
            lib.move_in_list(id, from, to, Utc::now())?;
            lib.get_list(id)
        })
        .await
}

#[tauri::command]
pub async fn drop_from_list(
    state: State<'_, AppState>,
    id: Uuid,
    position: u32,
) -> CommandResult<ListDetail> {
    state
        .run(move |lib| {
            lib.drop_from_list(id, position, Utc::now())?;
            lib.get_list(id)
        })
        .await
}

/// Writes the list to `path` as Markdown, CSV or a Drakor file; an
/// existing file is refused (code `file_exists`) unless `replace`.
#[tauri::command]
pub async fn export_list(
    state: State<'_, AppState>,
    id: Uuid,
    format: ListFormat,
    path: PathBuf,
    replace: Option<bool>,
) -> CommandResult<()> {
    let if_exists = if replace.unwrap_or(false) {
        IfExists::Replace
    } else {
        IfExists::Refuse
    };
    state
        .run(move |lib| lib.export_list_file(id, format, &path, if_exists, Utc::now()))
        .await
}
