use leptos::prelude::*;

use super::api;
use super::spaces_table::SpacesTable;
use crate::widgets::{ErrorPanel, Loading};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let org = LocalResource::new(api::org);
    view! {
        <section class="page" aria-labelledby="dashboard-title">
            <h1 id="dashboard-title">"Dashboard"</h1>
            <Transition fallback=|| view! { <Loading label="Loading spaces…" /> }>
                <ErrorBoundary fallback=move |errors| {
                    let message = errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join(" ");
                    view! { <ErrorPanel error=message retry=Callback::new(move |_| org.refetch()) /> }
                }>
                    {move || Suspend::new(async move {
                        org.await.map(|org| view! {
                            <div class="stats">
                                <div class="card stat"><span class="stat-value">{org.spaces.len()}</span><span class="stat-label">"Spaces"</span></div>
                                <div class="card stat"><span class="stat-value">{org.user_count}</span><span class="stat-label">"Users"</span></div>
                            </div>
                            <SpacesTable spaces=org.spaces />
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
