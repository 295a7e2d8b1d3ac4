//! An endpoint's form, to add one or to change one: its address, a description, and which
//! activities it receives, all of them or the kinds ticked (grouped by what they are about).

use contract::{
    ActivityKey, FieldIssue, NewWebhookEndpoint, TrackableType, WebhookEndpoint, WebhookEvents, WebhookSecret,
};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::lang;
use crate::widgets::{Submit, TextField};

/// What a sent form did.
#[derive(Clone)]
pub enum Saved {
    /// A new endpoint, with its secret shown once.
    Added(WebhookSecret),
    /// An endpoint saved over (the list is read again).
    Changed,
}

/// The form; with `editing`, filled with that endpoint and saving over it.
#[component]
pub fn EndpointForm(
    #[prop(optional)] editing: Option<WebhookEndpoint>,
    on_saved: Callback<Saved>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let id = editing.as_ref().map(|e| e.id);
    // Each form's ids are its own: a page shows the add form and a change form at once.
    let prefix = id
        .map(|id| format!("webhook-{id}-"))
        .unwrap_or_else(|| "webhook-".into());
    let url = RwSignal::new(editing.as_ref().map(|e| e.url.clone()).unwrap_or_default());
    let description = RwSignal::new(editing.as_ref().map(|e| e.description.clone()).unwrap_or_default());
    let (all, chosen) = match editing.as_ref().map(|e| &e.events) {
        Some(WebhookEvents::Only(keys)) => (false, keys.clone()),
        _ => (true, Vec::new()),
    };
    let (all, kinds) = (RwSignal::new(all), RwSignal::new(chosen));
    let save = Submit::new(move |request: NewWebhookEndpoint| async move {
        let saved = match id {
            Some(id) => {
                api::update(id, request).await?;
                Saved::Changed
            }
            None => {
                let added = api::add(request).await?;
                url.set(String::new());
                description.set(String::new());
                Saved::Added(added)
            }
        };
        on_saved.run(saved);
        Ok(())
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = NewWebhookEndpoint {
            url: url.get_untracked(),
            description: description.get_untracked(),
            events: if all.get_untracked() {
                WebhookEvents::All
            } else {
                WebhookEvents::Only(kinds.get_untracked())
            },
        };
        // The server allows http:// only when started for development; it says so if it refuses.
        match request.problem(true, lang()) {
            Some((field, message)) => save.refuse(vec![FieldIssue {
                field: field.into(),
                message,
            }]),
            None => save.send(request),
        }
    };
    let kind_prefix = prefix.clone();
    let kind_box = move |key: ActivityKey| {
        let id = format!("{kind_prefix}kind-{}", key.as_str().replace('.', "-"));
        let toggle = move |_| {
            kinds.update(|list| match list.iter().position(|k| *k == key) {
                Some(at) => {
                    list.remove(at);
                }
                None => list.push(key),
            })
        };
        view! {
            <div class="field checkbox choice">
                <input id=id.clone() type="checkbox" prop:checked=move || kinds.get().contains(&key) on:change=toggle />
                <label for=id>{key.describe_in(lang())}" "<code class="muted">{key.as_str()}</code></label>
            </div>
        }
    };
    // The kinds under the name of what they are about, as the Activity filter groups them.
    let group = move |kind: TrackableType| {
        let keys: Vec<ActivityKey> = ActivityKey::ALL
            .iter()
            .copied()
            .filter(|k| k.trackable_type() == kind)
            .collect();
        let kind_box = kind_box.clone();
        view! {
            <fieldset class="kind-group">
                <legend>{kind.label_in(lang())}</legend>
                {keys.into_iter().map(kind_box).collect_view()}
            </fieldset>
        }
    };
    let (all_id, some_id, radio_name) = (
        format!("{prefix}all"),
        format!("{prefix}some"),
        format!("{prefix}events"),
    );
    let (events_error, described_by) = (format!("{prefix}events-error"), format!("{prefix}events-error"));
    view! {
        <form on:submit=on_submit novalidate>
            {save.failure_panel()}
            <TextField id=format!("{prefix}url") label=t().url value=url error=save.at("url") hint=t().url_hint />
            <TextField id=format!("{prefix}description") label=t().description value=description
                error=save.at("description") hint=t().description_hint />
            <fieldset class="field" aria-describedby=described_by>
                <legend>{t().events}</legend>
                <div class="field checkbox choice">
                    <input id=all_id.clone() type="radio" name=radio_name.clone() prop:checked=move || all.get()
                        on:change=move |_| all.set(true) />
                    <label for=all_id>{t().all_events}</label>
                </div>
                <div class="field checkbox choice">
                    <input id=some_id.clone() type="radio" name=radio_name prop:checked=move || !all.get()
                        on:change=move |_| all.set(false) />
                    <label for=some_id>{t().some_events}</label>
                </div>
                {move || (!all.get()).then(|| view! {
                    <div class="kind-choices">{TrackableType::ALL.into_iter().map(group.clone()).collect_view()}</div>
                })}
                <p id=events_error class="field-error" role="alert">{save.at("events")}</p>
            </fieldset>
            <div class="form-actions">
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="button" on:click=move |_| cancel.run(())>{t().cancel}</button>
                })}
                <button type="submit" class="button primary" disabled=move || save.pending().get()>
                    {if id.is_some() { t().save } else { t().add }}
                </button>
            </div>
        </form>
    }
}
