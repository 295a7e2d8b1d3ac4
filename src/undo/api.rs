use contract::UndoWindows;

use crate::api::{self, ApiError};

pub async fn open_windows() -> Result<UndoWindows, ApiError> {
    api::Call::get("/orgs/me/undo").fetch().await
}

pub async fn undo(id: i64) -> Result<(), ApiError> {
    api::Call::post(&format!("/orgs/me/undo/{id}")).send().await
}
