//! The window's commands for people and their aliases: thin calls to the
//! core, each alias change one transaction there.

use drakor_core::{PersonPage, PersonSummary};
use tauri::State;

use crate::state::{AppState, CommandResult};

/// Everyone in a scene, most scenes first, with their aliases.
#[tauri::command]
pub async fn people(state: State<'_, AppState>) -> CommandResult<Vec<PersonSummary>> {
    state.run(|lib| lib.people()).await
}

/// The person `name` (or an alias of theirs) names, with their scenes by drama.
#[tauri::command]
pub async fn person(state: State<'_, AppState>, name: String) -> CommandResult<PersonPage> {
    state.run(move |lib| lib.person(&name)).await
}

/// Makes `alias` another name of `name`'s person; resolves with that person.
#[tauri::command]
pub async fn add_alias(
    state: State<'_, AppState>,
    name: String,
    alias: String,
) -> CommandResult<PersonSummary> {
    state.run(move |lib| lib.add_alias(&name, &alias)).await
}

/// Takes an alias away; resolves with the person it was a name of.
#[tauri::command]
pub async fn remove_alias(
    state: State<'_, AppState>,
    alias: String,
) -> CommandResult<PersonSummary> {
    state.run(move |lib| lib.remove_alias(&alias)).await
}
