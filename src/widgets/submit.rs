//! A form's sending, owned in one place: whether it is under way, the message at each field (the
//! shared checks' before sending, the server's refusal after), a failure with no field (shown
//! with a retry that sends the same again) and the saved result. Everything but the checks'
//! issues is read from the action's own value where it is shown, never copied into other
//! signals by an effect; what a success changes in the form happens in the action itself.

use std::future::Future;

use contract::FieldIssue;
use leptos::prelude::*;

use super::{ErrorPanel, FieldIssues, Notice};
use crate::api::ApiError;

pub struct Submit<I: 'static, O: 'static> {
    action: Action<I, Result<O, ApiError>>,
    /// What the shared checks found before sending.
    checked: FieldIssues,
    /// What was last sent, for a retry after a failure with no field.
    last: StoredValue<Option<I>>,
}

impl<I: 'static, O: 'static> Clone for Submit<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static, O: 'static> Copy for Submit<I, O> {}

impl<I, O> Submit<I, O>
where
    I: Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    pub fn new<F, Fu>(send: F) -> Self
    where
        F: Fn(I) -> Fu + 'static,
        Fu: Future<Output = Result<O, ApiError>> + 'static,
    {
        Submit {
            action: Action::new_local(move |input: &I| send(input.clone())),
            checked: FieldIssues::new(),
            last: StoredValue::new(None),
        }
    }

    /// Send `input`, which passed the shared checks; what an earlier sending said goes away.
    pub fn send(self, input: I) {
        self.checked.set(Vec::new());
        self.action.clear();
        self.last.set_value(Some(input.clone()));
        self.action.dispatch(input);
    }

    /// Show what the shared checks found instead of sending.
    pub fn refuse(self, issues: Vec<FieldIssue>) {
        self.action.clear();
        self.checked.set(issues);
    }

    /// Send again what was last sent.
    pub fn retry(self) {
        if let Some(input) = self.last.get_value() {
            self.send(input);
        }
    }

    pub fn pending(self) -> Memo<bool> {
        self.action.pending()
    }

    /// The saved result, until the form is sent again.
    pub fn done(self) -> Signal<Option<O>> {
        let value = self.action.value();
        Signal::derive(move || value.get().and_then(Result::ok))
    }

    /// The message at `field`: the checks' own, or the server's refusal naming it.
    pub fn at(self, field: &'static str) -> Signal<Option<String>> {
        let checked = self.checked.at(field);
        let value = self.action.value();
        Signal::derive(move || {
            checked.get().or_else(|| match value.get() {
                Some(Err(ApiError::Refused {
                    field: Some(named),
                    message,
                    ..
                })) if named == field => Some(message),
                _ => None,
            })
        })
    }

    /// Any message, for a form of one field: the checks' first, or whatever the sending ended in.
    pub fn message(self) -> Signal<Option<String>> {
        let checked = self.checked;
        let value = self.action.value();
        Signal::derive(move || {
            checked.first().or_else(|| match value.get() {
                Some(Err(error)) => Some(error.to_string()),
                _ => None,
            })
        })
    }

    /// A failure that names no field: the network, a timeout, the server.
    pub fn failure(self) -> Signal<Option<String>> {
        let value = self.action.value();
        Signal::derive(move || match value.get() {
            Some(Err(ApiError::Refused { field: Some(_), .. })) | None | Some(Ok(_)) => None,
            Some(Err(error)) => Some(error.to_string()),
        })
    }

    /// Forget the result (a notice dismissed).
    pub fn clear(self) {
        self.action.clear();
    }

    /// What a success says, until dismissed or sent again.
    pub fn notice(self, say: fn(&O) -> String) -> impl IntoView {
        let done = self.done();
        view! {
            <Notice text=Signal::derive(move || done.get().map(|saved| say(&saved)))
                dismiss=Callback::new(move |_| self.clear()) />
        }
    }

    /// A failure with no field, with a retry that sends the same again.
    pub fn failure_panel(self) -> impl IntoView {
        let failure = self.failure();
        move || {
            failure
                .get()
                .map(|error| view! { <ErrorPanel error=error retry=Callback::new(move |_| self.retry()) /> })
        }
    }
}
