//! "Add endpoint": its address, a description, and which activities it receives: all of them, or
//! the kinds ticked.

use contract::{ActivityKey, FieldIssue, NewWebhookEndpoint, TrackableType, WebhookEvents, WebhookSecret};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::lang;
use crate::widgets::{Submit, TextField};

#[component]
pub fn AddEndpoint(on_added: Callback<WebhookSecret>) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let all = RwSignal::new(true);
    let kinds = RwSignal::new(Vec::<ActivityKey>::new());
    let add = Submit::new(move |request: NewWebhookEndpoint| async move {
        let added = api::add(request).await?;
        url.set(String::new());
        description.set(String::new());
        on_added.run(added.clone());
        Ok(added)
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
            Some((field, message)) => add.refuse(vec![FieldIssue {
                field: field.into(),
                message,
            }]),
            None => add.send(request),
        }
    };
    let kind_box = move |key: ActivityKey| {
        let id = format!("webhook-kind-{}", key.as_str().replace('.', "-"));
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
        view! {
            <fieldset class="kind-group">
                <legend>{kind.label_in(lang())}</legend>
                {keys.into_iter().map(kind_box).collect_view()}
            </fieldset>
        }
    };
    view! {
        <section class="card settings-section" aria-labelledby="webhook-add-title">
            <h2 id="webhook-add-title">{t().add_title}</h2>
            <form on:submit=on_submit novalidate>
                {add.failure_panel()}
                <TextField id="webhook-url" label=t().url value=url error=add.at("url") hint=t().url_hint />
                <TextField id="webhook-description" label=t().description value=description error=add.at("description")
                    hint=t().description_hint />
                <fieldset class="field" aria-describedby="webhook-events-error">
                    <legend>{t().events}</legend>
                    <div class="field checkbox choice">
                        <input id="webhook-all" type="radio" name="webhook-events" prop:checked=move || all.get()
                            on:change=move |_| all.set(true) />
                        <label for="webhook-all">{t().all_events}</label>
                    </div>
                    <div class="field checkbox choice">
                        <input id="webhook-some" type="radio" name="webhook-events" prop:checked=move || !all.get()
                            on:change=move |_| all.set(false) />
                        <label for="webhook-some">{t().some_events}</label>
                    </div>
                    {move || (!all.get()).then(|| view! {
                        <div class="kind-choices">{TrackableType::ALL.into_iter().map(group).collect_view()}</div>
                    })}
                    <p id="webhook-events-error" class="field-error" role="alert">{add.at("events")}</p>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || add.pending().get()>{t().add}</button>
                </div>
            </form>
        </section>
    }
}
