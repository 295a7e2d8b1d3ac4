use super::text::t;
use crate::widgets::text::t as shared;
use contract::Invoice;
use leptos::prelude::*;
use leptos_router::components::A;

use super::api;
use crate::i18n::{fill, lang};
use crate::live::{use_live, Topic};
use crate::mount;
use crate::widgets::{format, load_view, Loader};

/// One invoice per billing period; each opens as a printable page and downloads as a document.
#[component]
pub fn InvoicesPage() -> impl IntoView {
    let live = use_live();
    let invoices = LocalResource::new(move || {
        live.track(Topic::Subscription);
        api::invoices()
    });
    view! {
        <section class="page" aria-labelledby="invoices-title">
            <h1 id="invoices-title">{t().invoices_title}</h1>
            <Loader label=t().loading_invoices retry=Callback::new(move |_| invoices.refetch())
                load=Callback::new(move |_| load_view(async move {
                    let list = invoices.await?.invoices;
                    Ok(view! {
                        <div class="card table-card" role="region" aria-label=t().invoice_list tabindex="0">
                            <table class="table stack">
                                <thead><tr>
                                    <th scope="col">{t().invoice_number}</th><th scope="col">{t().period}</th>
                                    <th scope="col" class="num">{t().amount}</th><th scope="col" class="num">{t().tax}</th>
                                    <th scope="col" class="num">{t().total}</th><th scope="col">{t().status}</th>
                                    <th scope="col"><span class="visually-hidden">{shared().actions}</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|invoice| view! { <InvoiceRow invoice=invoice /> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any())
                })) />
        </section>
    }
}

#[component]
fn InvoiceRow(invoice: Invoice) -> impl IntoView {
    let id = invoice.id;
    let number = invoice.number.clone();
    let title = invoice.number.clone();
    let download_label = fill(t().download_named, &[&invoice.number]);
    let fetch = Action::new_local(move |_: &()| api::save_invoice_document(id, number.clone()));
    let download_error = move || fetch.value().get().and_then(Result::err);
    view! {
        <tr>
            <td><A href=mount::href(&format!("/invoices/{id}"))>{title}</A></td>
            <td data-label=t().period>{fill(t().from_to, &[&format::day(&invoice.period_start), &format::day(&invoice.period_end)])}</td>
            <td class="num" data-label=t().amount>{format::money(invoice.amount_cents)}</td>
            <td class="num" data-label=t().tax>{format::money(invoice.tax_cents)}</td>
            <td class="num" data-label=t().total>{format::money(invoice.total_cents)}</td>
            <td data-label=t().status>{invoice.status.label_in(lang())}</td>
            <td>
                <button type="button" class="button small" aria-label=download_label
                    disabled=move || fetch.pending().get() on:click=move |_| { fetch.dispatch(()); }>{t().download}</button>
                <span class="field-error" role="alert">{download_error}</span>
            </td>
        </tr>
    }
}
