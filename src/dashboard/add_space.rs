use super::text::t;
use crate::i18n::{fill, lang};
use contract::{region_allowed, region_codes, FieldIssue, PersonalSpace, PersonalSpaces};
use leptos::prelude::*;

use super::api;
use crate::widgets::Submit;

/// Pick a space from one's personal account (type to search) and add it to the organization. A
/// space in a region the organization does not allow is marked in the list and refused.
#[component]
pub fn AddSpace(personal: PersonalSpaces, on_added: Callback<String>) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let allowed = StoredValue::new(personal.allowed_regions);
    let personal = StoredValue::new(personal.spaces);

    let add = Submit::new(move |space: PersonalSpace| async move {
        api::add_space(space.id).await?;
        typed.set(String::new());
        on_added.run(space.name.clone());
        Ok(space.name)
    });
    let error = add.message();
    // From the command palette: the field to type the space in.
    let commands = crate::commands::use_commands();
    Effect::new(move |_| {
        if commands.take(crate::commands::Command::AddSpace) {
            crate::commands::focus_when_drawn("add-space-input");
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let refuse = |message: &str| {
            add.refuse(vec![FieldIssue {
                field: "space_id".into(),
                message: message.into(),
            }])
        };
        let wanted = typed.get_untracked().trim().to_lowercase();
        if wanted.is_empty() {
            refuse(t().choose_space);
            return;
        }
        let found = personal.with_value(|list| list.iter().find(|s| s.name.to_lowercase() == wanted).cloned());
        match found {
            Some(space) if !allowed.with_value(|a| region_allowed(a, space.region)) => {
                let rule = contract::text::regions(lang()).not_allowed;
                refuse(&fill(
                    rule,
                    &[
                        &space.name,
                        &space.region.as_str(),
                        &allowed.with_value(|a| region_codes(a)),
                    ],
                ))
            }
            Some(space) => add.send(space),
            None => refuse(t().no_such_space),
        }
    };

    view! {
        <form class="card add-space" on:submit=on_submit novalidate>
            <h2>{t().add_space_title}</h2>
            <div class="add-space-row">
                <div class="field">
                    <label for="add-space-input">{t().space}</label>
                    <input id="add-space-input" type="text" list="personal-spaces" autocomplete="off"
                        placeholder=move || if personal.with_value(|p| p.is_empty()) { t().no_personal } else { t().type_to_search }
                        bind:value=typed
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="add-space-error" />
                    <datalist id="personal-spaces">
                        {personal.get_value().into_iter().map(|s| {
                            let region = s.region.label_in(lang());
                            let label = if allowed.with_value(|a| region_allowed(a, s.region)) {
                                region
                            } else {
                                fill(t().region_not_allowed_here, &[&region])
                            };
                            view! { <option value=s.name.clone() label=label></option> }
                        }).collect_view()}
                    </datalist>
                    <p id="add-space-error" class="field-error" role="alert">{move || error.get()}</p>
                </div>
                <button type="submit" class="button primary" disabled=move || add.pending().get()>{t().add_space}</button>
            </div>
        </form>
    }
}
