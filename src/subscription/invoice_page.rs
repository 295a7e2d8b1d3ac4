use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::format;
use contract::{country_name_in, Invoice};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::api;
use crate::mount;
use crate::widgets::{load_view, Loader};

/// One invoice, laid out to print on its own (the print stylesheet hides the app around it).
#[component]
pub fn InvoicePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default());
    let invoice = LocalResource::new(move || api::invoice(id()));
    view! {
        <section class="page invoice-page">
            <A href=mount::href("/invoices") attr:class="back-link no-print">{t().all_invoices}</A>
            <Loader label=t().loading_invoice retry=Callback::new(move |_| invoice.refetch())
                load=Callback::new(move |_| load_view(async move {
                    let invoice = invoice.await?;
                    Ok(view! { <InvoiceDocument invoice=invoice /> }.into_any())
                })) />
        </section>
    }
}

#[component]
fn InvoiceDocument(invoice: Invoice) -> impl IntoView {
    let id = invoice.id;
    let number = invoice.number.clone();
    let save = Action::new_local(move |_: &()| api::save_invoice_document(id, number.clone()));
    let error = move || save.value().get().and_then(Result::err);
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let rate = format::rate(invoice.tax_rate_basis_points);
    let billed = invoice.billed_to.clone();
    view! {
        <article class="card invoice" aria-labelledby="invoice-title">
            <header class="invoice-head">
                <div>
                    <h1 id="invoice-title">{t().invoice} {invoice.number.clone()}</h1>
                    <p class="muted">{fill(t().issued, &[&format::day(&invoice.issued_at)])}</p>
                </div>
                <p class="invoice-status">{invoice.status.label_in(lang())}</p>
            </header>
            <div class="invoice-parties">
                <div>
                    <h2>{t().billed_to}</h2>
                    {match billed {
                        Some(b) => view! {
                            <p>{b.company}</p><p>{b.address_line1}</p>
                            {(!b.address_line2.is_empty()).then(|| view! { <p>{b.address_line2.clone()}</p> })}
                            <p>{format!("{} {}", b.postal_code, b.city)}</p>
                            <p>{country_name_in(&b.country, lang()).unwrap_or_default()}</p>
                            {(!b.vat_id.is_empty()).then(|| view! { <p>{fill(t().vat_line, &[&b.vat_id])}</p> })}
                            <p>{b.email}</p>
                        }.into_any(),
                        None => view! { <p class="muted">{t().no_billing_then}</p> }.into_any(),
                    }}
                </div>
                <div>
                    <h2>{t().billing_period}</h2>
                    <p>{fill(t().from_to, &[&format::day(&invoice.period_start), &format::day(&invoice.period_end)])}</p>
                </div>
            </div>
            <table class="table invoice-lines">
                <thead><tr><th scope="col">{t().description}</th><th scope="col" class="num">{t().amount}</th></tr></thead>
                <tbody><tr><td>{invoice.description.clone()}</td><td class="num">{format::money(invoice.amount_cents)}</td></tr></tbody>
                <tfoot>
                    <tr><td>{fill(t().tax_rate, &[&rate])}</td><td class="num">{format::money(invoice.tax_cents)}</td></tr>
                    <tr class="total"><td>{fill(t().total_in, &[&invoice.currency])}</td><td class="num">{format::money(invoice.total_cents)}</td></tr>
                </tfoot>
            </table>
            <div class="form-actions no-print">
                <button type="button" class="button" on:click=print>{t().print}</button>
                <button type="button" class="button primary" disabled=move || save.pending().get()
                    on:click=move |_| { save.dispatch(()); }>{t().download}</button>
                <span class="field-error" role="alert">{error}</span>
            </div>
        </article>
    }
}
