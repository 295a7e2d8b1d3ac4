//! Invoices: one per billing period, as data and as a standalone HTML document that prints
//! cleanly. Read-only here: invoices are issued by the subscription and paid by billing.

use contract::{country_name, format_money, format_rate, BillingInfo, Invoice, InvoiceStatus, Invoices, TierId};

use crate::db::Pool;
use crate::error::{ApiError, ApiResult};

#[derive(sqlx::FromRow)]
struct InvoiceRow {
    id: i64,
    number: String,
    period_start: String,
    period_end: String,
    tier: String,
    amount_cents: i64,
    tax_rate_bp: i64,
    tax_cents: i64,
    total_cents: i64,
    currency: String,
    status: String,
    issued_at: String,
    billed_to: Option<String>,
}

const COLUMNS: &str = "id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents, total_cents,
    currency, status, issued_at, billed_to";

fn to_invoice(row: InvoiceRow) -> Invoice {
    let tier = TierId::parse(&row.tier).unwrap_or(TierId::Team);
    Invoice {
        id: row.id,
        number: row.number,
        description: format!(
            "{} plan, {} to {}: premium for every connected space",
            tier.tier().name,
            row.period_start,
            row.period_end
        ),
        period_start: row.period_start,
        period_end: row.period_end,
        tier,
        amount_cents: row.amount_cents,
        tax_rate_basis_points: row.tax_rate_bp,
        tax_cents: row.tax_cents,
        total_cents: row.total_cents,
        currency: row.currency,
        status: InvoiceStatus::parse(&row.status).unwrap_or(InvoiceStatus::Open),
        issued_at: row.issued_at,
        billed_to: row.billed_to.and_then(|j| serde_json::from_str(&j).ok()),
    }
}

pub async fn one(pool: &Pool, org_id: i64, id: i64) -> ApiResult<Invoice> {
    let row: Option<InvoiceRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM invoices WHERE id = $1 AND org_id = $2"))
            .bind(id)
            .bind(org_id)
            .fetch_optional(pool)
            .await?;
    row.map(to_invoice).ok_or_else(|| ApiError::not_found("This invoice"))
}

pub async fn list(pool: &Pool, org_id: i64) -> Result<Invoices, sqlx::Error> {
    let rows: Vec<InvoiceRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM invoices WHERE org_id = $1 ORDER BY period_start DESC, id DESC"
    ))
    .bind(org_id)
    .fetch_all(pool)
    .await?;
    Ok(Invoices {
        invoices: rows.into_iter().map(to_invoice).collect(),
    })
}

/// The invoice as a file name and an HTML document.
pub async fn document(pool: &Pool, org_id: i64, id: i64) -> ApiResult<(String, String)> {
    let invoice = one(pool, org_id, id).await?;
    let org_name: String = sqlx::query_scalar("SELECT name FROM orgs WHERE id = $1")
        .bind(org_id)
        .fetch_one(pool)
        .await?;
    Ok((format!("invoice-{}.html", invoice.number), render(&invoice, &org_name)))
}

/// Every piece of text from people goes through here before it is put into the document.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn billed_to(info: Option<&BillingInfo>, org_name: &str) -> String {
    let Some(b) = info else {
        return format!(
            "<p>{}</p><p class=\"muted\">No billing information on file.</p>",
            escape(org_name)
        );
    };
    let mut lines = vec![b.company.clone(), b.address_line1.clone()];
    if !b.address_line2.is_empty() {
        lines.push(b.address_line2.clone());
    }
    lines.push(format!("{} {}", b.postal_code, b.city));
    lines.push(country_name(&b.country).unwrap_or(&b.country).to_string());
    if !b.vat_id.is_empty() {
        lines.push(format!("VAT ID {}", b.vat_id));
    }
    lines.push(b.email.clone());
    lines.iter().map(|l| format!("<p>{}</p>", escape(l))).collect()
}

fn render(invoice: &Invoice, org_name: &str) -> String {
    let rate = format_rate(invoice.tax_rate_basis_points);
    let status = invoice.status.label();
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Invoice {number}</title>
<style>
body {{ font: 14px/1.5 system-ui, sans-serif; color: #1c2033; max-width: 760px; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.6rem; margin: 0; }} p {{ margin: 0; }} .muted {{ color: #5d6378; }}
header, .parties {{ display: flex; justify-content: space-between; gap: 2rem; margin-bottom: 2rem; }}
table {{ width: 100%; border-collapse: collapse; margin-top: 1rem; }}
th, td {{ text-align: left; padding: 0.5rem; border-bottom: 1px solid #dfe2ec; }}
td.amount, th.amount {{ text-align: right; font-variant-numeric: tabular-nums; }}
tfoot td {{ font-weight: 600; }} .total td {{ font-size: 1.1rem; border-bottom: 2px solid #1c2033; }}
@media print {{ body {{ margin: 0; }} @page {{ margin: 18mm; }} }}
</style></head>
<body>
<header><div><h1>Invoice</h1><p class="muted">{number}</p></div>
<div><p><strong>org-area</strong></p><p class="muted">Issued {issued}</p><p>Status: {status}</p></div></header>
<section class="parties"><div><p class="muted">Billed to</p>{billed_to}</div>
<div><p class="muted">Billing period</p><p>{start} to {end}</p></div></section>
<table><thead><tr><th>Description</th><th class="amount">Amount</th></tr></thead>
<tbody><tr><td>{description}</td><td class="amount">{amount}</td></tr></tbody>
<tfoot><tr><td>Tax {rate}</td><td class="amount">{tax}</td></tr>
<tr class="total"><td>Total ({currency})</td><td class="amount">{total}</td></tr></tfoot></table>
</body></html>
"#,
        number = escape(&invoice.number),
        issued = escape(invoice.issued_at.get(..10).unwrap_or(&invoice.issued_at)),
        billed_to = billed_to(invoice.billed_to.as_ref(), org_name),
        start = escape(&invoice.period_start),
        end = escape(&invoice.period_end),
        description = escape(&invoice.description),
        amount = format_money(invoice.amount_cents),
        tax = format_money(invoice.tax_cents),
        total = format_money(invoice.total_cents),
        currency = escape(&invoice.currency),
    )
}
