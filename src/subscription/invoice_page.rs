use contract::{country_name, format_money, format_rate, Invoice};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::api;
use crate::mount;
use crate::widgets::{download, load_view, Loader};

/// One invoice, laid out to print on its own (the print stylesheet hides the app around it).
#[component]
pub fn InvoicePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default());
    let invoice = LocalResource::new(move || api::invoice(id()));
    view! {
        <section class="page invoice-page">
            <A href=mount::href("/invoices") attr:class="back-link no-print">"← All invoices"</A>
            <Loader label="Loading the invoice…" retry=Callback::new(move |_| invoice.refetch())
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
    let error = RwSignal::new(None::<String>);
    let save = Action::new_local(move |_: &()| {
        let number = number.clone();
        async move {
            let html = api::invoice_document(id).await.map_err(|e| e.to_string())?;
            download::save_text(&format!("invoice-{number}.html"), "text/html", &html)
        }
    });
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            error.set(result.err());
        }
    });
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let rate = format_rate(invoice.tax_rate_basis_points);
    let billed = invoice.billed_to.clone();
    view! {
        <article class="card invoice" aria-labelledby="invoice-title">
            <header class="invoice-head">
                <div>
                    <h1 id="invoice-title">"Invoice " {invoice.number.clone()}</h1>
                    <p class="muted">{format!("Issued {}", invoice.issued_at.get(..10).unwrap_or_default())}</p>
                </div>
                <p class="invoice-status">{invoice.status.label()}</p>
            </header>
            <div class="invoice-parties">
                <div>
                    <h2>"Billed to"</h2>
                    {match billed {
                        Some(b) => view! {
                            <p>{b.company}</p><p>{b.address_line1}</p>
                            {(!b.address_line2.is_empty()).then(|| view! { <p>{b.address_line2.clone()}</p> })}
                            <p>{format!("{} {}", b.postal_code, b.city)}</p>
                            <p>{country_name(&b.country).unwrap_or_default()}</p>
                            {(!b.vat_id.is_empty()).then(|| view! { <p>{format!("VAT ID {}", b.vat_id)}</p> })}
                            <p>{b.email}</p>
                        }.into_any(),
                        None => view! { <p class="muted">"No billing information on file when this was issued."</p> }.into_any(),
                    }}
                </div>
                <div>
                    <h2>"Billing period"</h2>
                    <p>{format!("{} to {}", invoice.period_start, invoice.period_end)}</p>
                </div>
            </div>
            <table class="table invoice-lines">
                <thead><tr><th scope="col">"Description"</th><th scope="col" class="num">"Amount"</th></tr></thead>
                <tbody><tr><td>{invoice.description.clone()}</td><td class="num">{format_money(invoice.amount_cents)}</td></tr></tbody>
                <tfoot>
                    <tr><td>{format!("Tax {rate}")}</td><td class="num">{format_money(invoice.tax_cents)}</td></tr>
                    <tr class="total"><td>{format!("Total ({})", invoice.currency)}</td><td class="num">{format_money(invoice.total_cents)}</td></tr>
                </tfoot>
            </table>
            <div class="form-actions no-print">
                <button type="button" class="button" on:click=print>"Print"</button>
                <button type="button" class="button primary" disabled=move || save.pending().get()
                    on:click=move |_| { save.dispatch(()); }>"Download"</button>
                <span class="field-error" role="alert">{move || error.get()}</span>
            </div>
        </article>
    }
}
