use contract::FieldIssue;
use leptos::prelude::*;

use crate::api::ApiError;

/// The messages a form shows at its fields: found by the shared checks before sending, or named
/// by the server's refusal after.
#[derive(Clone, Copy)]
pub struct FieldIssues(RwSignal<Vec<FieldIssue>>);

impl FieldIssues {
    pub fn new() -> Self {
        FieldIssues(RwSignal::new(Vec::new()))
    }

    /// The message for `field`, if any, as the field's error signal.
    pub fn at(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.0
                .with(|list| list.iter().find(|i| i.field == field).map(|i| i.message.clone()))
        })
    }

    pub fn set(self, issues: Vec<FieldIssue>) {
        self.0.set(issues);
    }

    /// The first message, whatever its field.
    pub fn first(self) -> Option<String> {
        self.0.with(|list| list.first().map(|i| i.message.clone()))
    }

    pub fn count(self) -> usize {
        self.0.with(Vec::len)
    }

    pub fn clear_field(self, field: &str) {
        self.0.update(|list| list.retain(|i| i.field != field));
    }

    /// A refusal that names a field is shown there; anything else comes back for a general
    /// message.
    pub fn refused(self, error: ApiError) -> Option<ApiError> {
        match error {
            ApiError::Refused {
                field: Some(field),
                message,
                ..
            } => {
                self.0.set(vec![FieldIssue { field, message }]);
                None
            }
            other => Some(other),
        }
    }
}
