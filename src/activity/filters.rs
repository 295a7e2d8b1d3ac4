//! The Activity tab's filters: person (type to search), space, kind and a date range.

use super::text::t;
use crate::i18n::lang;
use contract::{OrgSpace, TrackableType};
use leptos::prelude::*;

use super::view_state::ViewState;

#[component]
pub fn Filters(view: Memo<ViewState>, set_view: Callback<ViewState>, spaces: Vec<OrgSpace>) -> impl IntoView {
    let typed = RwSignal::new(view.get_untracked().owner.map(|(_, name)| name).unwrap_or_default());
    let found = LocalResource::new(move || crate::api::people::find(typed.get()));
    let candidates = move || found.get().and_then(Result::ok).unwrap_or_default();
    // Choosing from the list, or typing a name or email exactly and pressing Enter (or leaving the
    // field), filters by that person; clearing the field removes the filter. The name is looked up
    // afresh, so typing fast loses nothing.
    let pick_person = Action::new_local(move |text: &String| {
        let wanted = text.trim().to_lowercase();
        async move {
            if wanted.is_empty() {
                if view.get_untracked().owner.is_some() {
                    set_view.run(view.get_untracked().filtered(|v| v.owner = None));
                }
                return;
            }
            let people = crate::api::people::find(wanted.clone()).await.unwrap_or_default();
            let person = people.into_iter().find(|u| {
                u.email.to_lowercase() == wanted
                    || u.friendly_name.as_deref().is_some_and(|n| n.to_lowercase() == wanted)
            });
            if let Some(u) = person {
                let name = u.friendly_name.clone().unwrap_or(u.email.clone());
                set_view.run(view.get_untracked().filtered(|v| v.owner = Some((u.id, name))));
            }
        }
    });
    let date =
        move |id: &'static str, label: &'static str, get: fn(&ViewState) -> String, set: fn(&mut ViewState, String)| {
            view! {
                <div class="field inline">
                    <label for=id>{label}</label>
                    <input id=id type="date" prop:value=move || get(&view.get())
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            set_view.run(view.get_untracked().filtered(|v| set(v, value)));
                        } />
                </div>
            }
        };
    let texts = t();
    view! {
        <div class="toolbar activity-filters">
            <div class="field inline grow">
                <label for="activity-person">{t().person}</label>
                <input id="activity-person" type="search" list="activity-people" autocomplete="off"
                    placeholder=t().anyone bind:value=typed
                    on:change=move |ev| { pick_person.dispatch(event_target_value(&ev)); }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            pick_person.dispatch(event_target_value(&ev));
                        }
                    }
                    on:input=move |ev| {
                        // Picking a suggestion replaces the text at once: apply it then, not on blur.
                        let input = wasm_bindgen::JsCast::dyn_ref::<web_sys::InputEvent>(&ev);
                        if input.is_some_and(|input| input.input_type() == "insertReplacementText") {
                            pick_person.dispatch(event_target_value(&ev));
                        }
                    } />
                <datalist id="activity-people">
                    {move || candidates().into_iter().map(|u| view! {
                        <option value=u.friendly_name.clone().unwrap_or(u.email.clone())>{u.email.clone()}</option>
                    }).collect_view()}
                </datalist>
            </div>
            <div class="field inline">
                <label for="activity-space">{t().space}</label>
                <select id="activity-space" on:change=move |ev| {
                    let space = event_target_value(&ev).parse().ok();
                    set_view.run(view.get_untracked().filtered(|v| v.space = space));
                }>
                    <option value="" selected=move || view.get().space.is_none()>{t().all_spaces}</option>
                    {spaces.into_iter().map(|s| view! {
                        <option value=s.id selected=move || view.get().space == Some(s.id)>{s.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field inline">
                <label for="activity-type">{t().kind}</label>
                <select id="activity-type" on:change=move |ev| {
                    let kind = TrackableType::parse(&event_target_value(&ev));
                    set_view.run(view.get_untracked().filtered(|v| v.kind = kind));
                }>
                    <option value="" selected=move || view.get().kind.is_none()>{t().everything}</option>
                    {TrackableType::ALL.into_iter().map(|t| view! {
                        <option value=t.as_str() selected=move || view.get().kind == Some(t)>{t.label_in(lang())}</option>
                    }).collect_view()}
                </select>
            </div>
            {date("activity-from", texts.from, |v| v.from.clone(), |v, d| v.from = d)}
            {date("activity-to", texts.to, |v| v.to.clone(), |v, d| v.to = d)}
        </div>
    }
}
