//! Regions Access: the regions the organization's spaces may be in, a box per region. Owners
//! change it; admins see it and why they cannot.

use super::text::t;
use crate::i18n::lang;
use contract::Region;
use leptos::prelude::*;

#[component]
pub fn RegionsField(
    /// The regions ticked; none ticked allows every region.
    value: RwSignal<Vec<Region>>,
    /// Whether this person may change it (owners).
    may_change: bool,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let region_box = move |region: Region| {
        let id = format!("region-{}", region.as_str().to_lowercase());
        let checked = move || value.with(|v| v.contains(&region));
        let toggle = move |_| {
            value.update(|v| {
                if let Some(at) = v.iter().position(|r| *r == region) {
                    v.remove(at);
                } else {
                    v.push(region);
                    v.sort();
                }
            })
        };
        view! {
            <div class="field checkbox">
                <input id=id.clone() type="checkbox" prop:checked=checked on:change=toggle disabled=!may_change />
                <label for=id>{region.label_in(lang())}</label>
            </div>
        }
    };
    view! {
        <fieldset class="field" aria-describedby="regions-hint regions-error">
            <legend>{t().regions}</legend>
            <div class="region-choices">{Region::ALL.into_iter().map(region_box).collect_view()}</div>
            <p id="regions-hint" class="muted hint">
                {t().regions_hint}
                {(!may_change).then(|| view! { " " <strong>{t().regions_owners_only}</strong> })}
            </p>
            <p id="regions-error" class="field-error" role="alert">{error}</p>
        </fieldset>
    }
}
