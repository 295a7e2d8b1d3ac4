use leptos::prelude::*;

/// A labelled text input (or text area) with an optional hint and the error for it, wired for
/// screen readers: the message is tied to the input and announced when it appears.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    /// Rows of a text area; a single-line input when absent.
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    let invalid = move || error.get().is_some().to_string();
    let input = match rows {
        Some(rows) => view! {
            <textarea id=id.clone() rows=rows autocomplete="off" bind:value=value
                aria-invalid=invalid aria-describedby=described></textarea>
        }
        .into_any(),
        None => view! {
            <input id=id.clone() type="text" autocomplete="off" bind:value=value
                aria-invalid=invalid aria-describedby=described />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
            {hint.map(|hint| view! { <p id=hint_id class="muted hint">{hint}</p> })}
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}
