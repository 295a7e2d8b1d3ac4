use super::text::t;
use crate::i18n::{fill, lang};
use contract::{parse_hex_color, ColorCheck};
use leptos::prelude::*;

/// A brand colour: typed as `#rrggbb` or picked, with its measured contrast shown as it changes.
#[component]
pub fn ColorField(
    #[prop(into)] id: String,
    value: RwSignal<String>,
    check: Signal<ColorCheck>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let label = check.get_untracked().label(lang());
    let ratio_id = format!("{id}-ratio");
    let error_id = format!("{id}-error");
    let picker_value = move || {
        parse_hex_color(&value.get())
            .map(|[r, g, b]| format!("#{r:02x}{g:02x}{b:02x}"))
            .unwrap_or_else(|| "#000000".into())
    };
    let ratio = move || {
        let check = check.get();
        let required = lang().with_decimal_sign(&check.required.to_string());
        match check.ratio {
            Some(r) => {
                let text = if check.passes() {
                    t().contrast_passes
                } else {
                    t().contrast_too_low
                };
                fill(text, &[&lang().with_decimal_sign(&format!("{r:.2}")), &required])
            }
            None => t().not_a_colour.to_string(),
        }
    };
    view! {
        <div class="field color-field">
            <label for=id.clone()>{label}</label>
            <div class="color-inputs">
                <input type="color" aria-label=fill(t().pick, &[&label]) prop:value=picker_value
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                <input id=id type="text" autocomplete="off" spellcheck="false" maxlength="7" bind:value=value
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=format!("{ratio_id} {error_id}") />
            </div>
            <p id=ratio_id class="contrast" class:fails=move || !check.get().passes()>{ratio}</p>
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}
