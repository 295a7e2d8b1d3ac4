use contract::OrgSpace;
use leptos::prelude::*;
use leptos_router::components::A;

/// Every space of the organization with its owner and how many users work in it.
#[component]
pub fn SpacesTable(spaces: Vec<OrgSpace>) -> impl IntoView {
    view! {
        <div class="card table-card">
            <h2>"Spaces"</h2>
            <table class="table">
                <thead>
                    <tr><th scope="col">"Name"</th><th scope="col">"Owner"</th><th scope="col" class="num">"Users"</th><th scope="col">"Plan"</th></tr>
                </thead>
                <tbody>
                    {spaces.into_iter().map(|space| view! {
                        <tr>
                            <td><A href=format!("/spaces/{}", space.id)>{space.name}</A></td>
                            <td>
                                <span class="cell-primary">{space.owner_name}</span>
                                <span class="cell-secondary">{space.owner_email}</span>
                            </td>
                            <td class="num">{space.user_count}</td>
                            <td><span class="badge">{space.plan}</span></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
