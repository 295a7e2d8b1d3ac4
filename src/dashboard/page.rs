use super::text::t;
use crate::i18n::{fill, lang};
use contract::{OrgSpace, Period};
use leptos::prelude::*;

use super::add_space::AddSpace;
use super::api;
use super::charts::Charts;
use super::free_traffic::FreeTrafficBar;
use super::spaces_table::SpacesTable;
use super::view_state::ViewState;
use crate::live::{use_live, Topic};
use crate::widgets::{load_view, url, ConfirmDialog, Loader, NoticeBar};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let (view, set_view) = url::use_view_state(ViewState::from_params, ViewState::href);
    let period = Memo::new(move |_| view.get().period);

    // A space added or detached by another admin shows here without a reload.
    let live = use_live();
    let spaces = LocalResource::new(move || {
        live.track(Topic::Spaces);
        api::spaces(period.get())
    });
    let stats = LocalResource::new(move || {
        live.track(Topic::Spaces);
        api::statistics(period.get())
    });
    let personal = LocalResource::new(api::personal_spaces);
    let notice = RwSignal::new(None::<String>);
    let refresh = move || {
        spaces.refetch();
        stats.refetch();
        personal.refetch();
    };

    let on_added = Callback::new(move |name: String| {
        notice.set(Some(fill(t().added, &[&name])));
        refresh();
    });

    let detaching = RwSignal::new(None::<OrgSpace>);
    let undo = crate::undo::use_undo();
    let detach = Action::new_local(move |space: &OrgSpace| {
        let space = space.clone();
        async move {
            let said = api::detach_space(space.id).await;
            detaching.set(None);
            match said {
                // Told by the undo notice, which offers to take it back.
                Ok(_) => {
                    notice.set(None);
                    undo.offer();
                    refresh();
                }
                Err(err) => notice.set(Some(err.to_string())),
            }
        }
    });

    let retry = Callback::new(move |_| refresh());

    view! {
        <section class="page dashboard" aria-labelledby="dashboard-title">
            <div class="page-head">
                <h1 id="dashboard-title">{t().title}</h1>
                <div class="field inline">
                    <label for="period">{t().period}</label>
                    <select id="period" on:change=move |ev| {
                        let chosen = Period::parse(&event_target_value(&ev)).unwrap_or_default();
                        set_view.run(ViewState { period: chosen, ..view.get_untracked() });
                    }>
                        {Period::ALL.into_iter().map(|p| view! {
                            <option value=p.as_str() selected=move || period.get() == p>{p.label_in(lang())}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <NoticeBar notice=notice />

            <div class="dashboard-top">
                <Loader label=t().loading_traffic retry=retry load=Callback::new(move |_| load_view(async move {
                    stats.await.map(|s| view! { <FreeTrafficBar free=s.free_traffic /> }.into_any())
                })) />
                <Loader label=t().loading_personal retry=retry load=Callback::new(move |_| load_view(async move {
                    personal.await.map(|p| view! { <AddSpace personal=p on_added=on_added /> }.into_any())
                })) />
            </div>

            <Charts stats=stats />

            <Loader label=t().loading_spaces retry=retry load=Callback::new(move |_| load_view(async move {
                spaces.await.map(|list| view! {
                    <SpacesTable spaces=list.spaces allowed_regions=list.allowed_regions view=view set_view=set_view
                        on_detach=Callback::new(move |s| detaching.set(Some(s))) />
                }.into_any())
            })) />

            {move || detaching.get().map(|space| {
                let target = space.clone();
                view! {
                    <ConfirmDialog
                        title=fill(t().detach_title, &[&space.name])
                        message=fill(t().detach_text, &[&space.owner_name, &space.owner_email])
                        confirm_label=t().detach_space
                        pending=detach.pending()
                        on_confirm=Callback::new(move |_| { detach.dispatch(target.clone()); })
                        on_cancel=Callback::new(move |_| detaching.set(None)) />
                }
            })}
        </section>
    }
}
