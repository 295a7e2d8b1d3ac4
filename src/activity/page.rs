use contract::ExportFormat;
use leptos::prelude::*;

use super::api;
use super::filters::Filters;
use super::table::ActivityTable;
use super::text::t;
use super::view_state::{ViewState, PER_PAGE};
use crate::i18n::fill;
use crate::live::{use_live, Topic};
use crate::widgets::text::t as shared;
use crate::widgets::{download, format, load_view, url, Loader, NoticeBar};

#[component]
pub fn ActivityPage() -> impl IntoView {
    let (view, set_view) = url::use_view_state(ViewState::from_params, ViewState::href);
    let live = use_live();
    let activities = LocalResource::new(move || {
        live.track(Topic::Activity);
        api::activities(view.get())
    });
    let spaces = LocalResource::new(api::spaces);
    let notice = RwSignal::new(None::<String>);
    let retry = Callback::new(move |_| {
        activities.refetch();
        spaces.refetch();
    });

    // The notice is the page's, shared with other outcomes: the action sets it when it is done.
    let export = Action::new_local(move |format: &ExportFormat| {
        let format = *format;
        let view = view.get_untracked();
        async move {
            let saved = async {
                let text = api::export(view, format).await.map_err(|e| e.to_string())?;
                let (file, mime) = match format {
                    ExportFormat::Json => ("activities.json", "application/json"),
                    ExportFormat::Csv => ("activities.csv", "text/csv"),
                };
                download::save_text(file, mime, &text)?;
                Ok::<_, String>(fill(t().exported, &[&file]))
            };
            notice.set(Some(saved.await.unwrap_or_else(|e| e)));
        }
    });

    view! {
        <section class="page activity" aria-labelledby="activity-title">
            <div class="page-head">
                <h1 id="activity-title">{t().title}</h1>
                <div class="head-actions">
                    <button type="button" class="button" disabled=move || export.pending().get()
                        on:click=move |_| { export.dispatch(ExportFormat::Csv); }>{t().export_csv}</button>
                    <button type="button" class="button" disabled=move || export.pending().get()
                        on:click=move |_| { export.dispatch(ExportFormat::Json); }>{t().export_json}</button>
                </div>
            </div>
            <p class="muted page-intro">
                {t().intro}
            </p>
            <NoticeBar notice=notice />
            <Loader label=t().loading retry=retry load=Callback::new(move |_| load_view(async move {
                // Without the spaces (an error there), every filter but the space one still works.
                let spaces = spaces.await.unwrap_or_default();
                activities.await.map(|page| {
                    let pages = ((page.total + PER_PAGE - 1) / PER_PAGE).max(1);
                    let snapshot = page.snapshot;
                    let total = page.total;
                    view! {
                        <Filters view=view set_view=set_view spaces=spaces />
                        <p class="muted" role="status">
                            {move || if view.get().is_filtered() {
                                fill(t().matching, &[&format::count(total)])
                            } else {
                                fill(t().all, &[&format::count(total)])
                            }}
                        </p>
                        <ActivityTable activities=page.activities />
                        <nav class="pager" aria-label=shared().pages>
                            <button type="button" class="button small" disabled=move || { view.get().page <= 1 }
                                on:click=move |_| set_view.run(view.get_untracked().at_page(view.get_untracked().page - 1, snapshot))>
                                {shared().previous_page}
                            </button>
                            <span>{move || fill(shared().page_of, &[&view.get().page, &pages])}</span>
                            <button type="button" class="button small" disabled=move || { view.get().page >= pages }
                                on:click=move |_| set_view.run(view.get_untracked().at_page(view.get_untracked().page + 1, snapshot))>
                                {shared().next_page}
                            </button>
                        </nav>
                    }.into_any()
                })
            })) />
        </section>
    }
}
