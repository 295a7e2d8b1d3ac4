use leptos::prelude::*;
use leptos_router::components::A;

use crate::mount;
use crate::screens::SCREENS;
use crate::session::use_session;
use crate::widgets::DeprecatedBadge;

/// A tab for each screen that has one and is for this person.
#[component]
pub fn Tabs() -> impl IntoView {
    let session = use_session();
    let membership = move || session.me().and_then(|me| me.org);
    view! {
        <nav class="tabs" aria-label=super::text::t().tabs>
            {move || {
                let membership = membership()?;
                Some(SCREENS.iter().filter_map(|screen| {
                    let tab = screen.tab.filter(|tab| (tab.shown)(&membership))?;
                    let href = mount::href(&screen.href());
                    let exact = screen.route.is_empty();
                    // Pointed at or focused: its chunk is fetched now, so the click draws at once.
                    let part = screen.view;
                    Some(if tab.deprecated {
                        // The badge is a description, so the tab's accessible name stays its label.
                        let badge_id = format!("{}-deprecated", screen.route);
                        let described_by = badge_id.clone();
                        view! {
                            <A href=href exact=exact attr:aria-describedby=described_by on:pointerenter=move |_| part.prefetch() on:focus=move |_| part.prefetch()>
                                {(tab.label)()} <DeprecatedBadge id=badge_id describes=true />
                            </A>
                        }.into_any()
                    } else {
                        view! { <A href=href exact=exact on:pointerenter=move |_| part.prefetch() on:focus=move |_| part.prefetch()>{(tab.label)()}</A> }.into_any()
                    })
                }).collect_view())
            }}
        </nav>
    }
}
