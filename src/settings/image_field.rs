use super::text::t;
use crate::i18n::fill;
use contract::{OrgSettings, UploadedImage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::api;
use crate::api::{absolute, ApiError};

/// A logo or favicon: chosen, checked here for size, checked again (type by its bytes) and stored
/// by the server at once; or removed.
#[component]
pub fn ImageField(
    kind: &'static str,
    label: &'static str,
    /// The image as named inside a sentence: "logo" ("Remove logo"), German "Logo".
    noun: &'static str,
    hint: &'static str,
    max_bytes: usize,
    current: Signal<Option<UploadedImage>>,
    on_saved: Callback<OrgSettings>,
) -> impl IntoView {
    // Set by the size check before sending and by either action when it is done.
    let error = RwSignal::new(None::<String>);
    let done = move |result: Result<OrgSettings, ApiError>| match result {
        Ok(settings) => {
            error.set(None);
            on_saved.run(settings);
        }
        Err(err) => error.set(Some(err.to_string())),
    };
    let upload = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move { done(api::upload_image(kind, &file).await) }
    });
    let remove = Action::new_local(move |_: &()| async move { done(api::remove_image(kind).await) });

    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // The same file chosen again after a refusal must fire `change` again.
        input.set_value("");
        if file.size() as usize > max_bytes {
            error.set(Some(fill(
                t().image_too_large,
                &[&noun, &(max_bytes / 1024), &(file.size() as usize).div_ceil(1024)],
            )));
            return;
        }
        error.set(None);
        upload.dispatch_local(file);
    };

    let id = format!("{kind}-file");
    let busy = move || upload.pending().get() || remove.pending().get();
    view! {
        <div class="field image-field">
            <label for=id.clone()>{label}</label>
            <div class="image-row">
                {move || current.get().map(|image| view! {
                    <img class="image-current" src=absolute(&image.url) alt=fill(t().current_image, &[&noun]) />
                })}
                <input id=id type="file" accept="image/png,image/jpeg,image/webp,image/gif,image/x-icon"
                    aria-describedby=format!("{kind}-hint {kind}-error")
                    aria-invalid=move || error.get().is_some().to_string()
                    disabled=busy on:change=on_change />
                {move || current.get().is_some().then(|| view! {
                    <button type="button" class="button small" disabled=busy
                        on:click=move |_| { remove.dispatch(()); }>{fill(t().remove_image, &[&noun])}</button>
                })}
            </div>
            <p id=format!("{kind}-hint") class="muted hint">
                {move || if upload.pending().get() { t().uploading.to_string() } else { hint.to_string() }}
            </p>
            <p id=format!("{kind}-error") class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}
