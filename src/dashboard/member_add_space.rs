use leptos::prelude::*;

use super::add_space::AddSpace;
use super::api;
use super::text::t;
use crate::widgets::{load_view, Loader, NoticeBar};

/// For a member whose organization lets members add spaces: the same picker the dashboard has,
/// without the rest of the organization area.
#[component]
pub fn MemberAddSpace() -> impl IntoView {
    let personal = LocalResource::new(api::personal_spaces);
    let notice = RwSignal::new(None::<String>);
    let on_added = Callback::new(move |name: String| {
        notice.set(Some(crate::i18n::fill(t().added, &[&name])));
        personal.refetch();
    });
    view! {
        <NoticeBar notice=notice />
        <Loader label=t().loading_personal retry=Callback::new(move |_| personal.refetch())
            load=Callback::new(move |_| load_view(async move {
                personal.await.map(|p| view! { <AddSpace personal=p on_added=on_added /> }.into_any())
            })) />
    }
}
