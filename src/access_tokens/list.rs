//! A list of live tokens, each with what it may do, when it was made, when it ends and when and
//! where it was last used, and a way to revoke it.

use contract::{AccessTokenSummary, Lang};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::{format, load_view, Loader};

/// Whose tokens a list shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// The signed-in person's (Account).
    Mine,
    /// Everyone's in the organization, each with its person (Security & Access).
    Organization,
}

fn scopes(token: &AccessTokenSummary, lang: Lang) -> String {
    token
        .scopes
        .iter()
        .map(|s| s.label_in(lang))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn when(token: &AccessTokenSummary) -> String {
    let ends = match &token.expires_at {
        Some(at) => fill(t().expires_at, &[&format::day(at)]),
        None => t().never_expires.to_string(),
    };
    let used = match (&token.last_used_at, &token.last_used_ip) {
        (Some(at), ip) => fill(t().last_used, &[&format::moment(at), &ip.clone().unwrap_or_default()]),
        (None, _) => t().never_used.to_string(),
    };
    format!(
        "{} · {ends} · {used}",
        fill(t().created_at, &[&format::day(&token.created_at)])
    )
}

/// The tokens of `whose`; `version` changes when one is made, to read the list again.
#[component]
pub fn TokenList(whose: Whose, #[prop(into)] version: Signal<u32>) -> impl IntoView {
    let list = LocalResource::new(move || {
        version.track();
        api::list(whose)
    });
    let revoke = Action::new_local(move |token: &AccessTokenSummary| {
        let (id, name) = (token.id, token.name.clone());
        async move {
            let said = api::revoke(whose, id).await.map(|()| fill(t().revoked, &[&name]));
            list.refetch();
            said.unwrap_or_else(|err| err.to_string())
        }
    });
    let row = move |token: AccessTokenSummary| {
        let label = fill(t().revoke_named, &[&token.name]);
        let owner = (whose == Whose::Organization).then(|| fill(t().owned_by, &[&token.owner_name]));
        let (what, times) = (scopes(&token, lang()), when(&token));
        let name = token.name.clone();
        view! {
            <li class="session token">
                <div class="session-what">
                    <strong>{name}</strong>
                    " "<code class="muted">{token.prefix.clone()}"…"</code>
                    {owner.map(|owner| view! { " "<span class="muted">{owner}</span> })}
                    <p class="muted">{what}</p>
                    <p class="muted">{times}</p>
                </div>
                <button type="button" class="button" aria-label=label disabled=move || revoke.pending().get()
                    on:click=move |_| { revoke.dispatch(token.clone()); }>
                    {t().revoke}
                </button>
            </li>
        }
    };
    view! {
        <Loader label=t().loading retry=Callback::new(move |_| list.refetch())
            load=Callback::new(move |_| load_view(async move {
                list.await.map(|found| {
                    if found.tokens.is_empty() {
                        view! { <p class="muted">{t().none}</p> }.into_any()
                    } else {
                        view! { <ul class="session-list">{found.tokens.into_iter().map(row).collect_view()}</ul> }.into_any()
                    }
                })
            })) />
        <p class="muted" role="status">{move || revoke.value().get()}</p>
    }
}
