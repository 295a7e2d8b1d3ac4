//! Invoices: one per billing period (and one per upgrade, for the rest of its period), as data and as a standalone HTML document that prints
//! cleanly. Read-only here: invoices are issued by the subscription and paid by billing.

use chrono::NaiveDate;
use common::{day, iso, DomainError, DomainResult, Timestamp};
use contract::{
    country_name, format_money, format_rate, BillingInfo, Invoice, InvoicePurpose, InvoiceStatus, Invoices, TierId,
};
use sqlx::types::Json;

use crate::db::Pool;

struct InvoiceRow {
    id: i64,
    number: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    tier: TierId,
    amount_cents: i64,
    tax_rate_bp: i64,
    tax_cents: i64,
    total_cents: i64,
    currency: String,
    status: InvoiceStatus,
    issued_at: Timestamp,
    billed_to: Option<Json<BillingInfo>>,
    purpose: InvoicePurpose,
}

/// The organization's invoices (`$1`) that `$tail` picks.
macro_rules! invoices {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            InvoiceRow,
            r#"SELECT id AS "id!", number, period_start AS "period_start: NaiveDate", period_end AS "period_end: NaiveDate",
                      tier AS "tier: TierId", amount_cents, tax_rate_bp, tax_cents, total_cents, currency,
                      status AS "status: InvoiceStatus", issued_at AS "issued_at: Timestamp",
                      billed_to AS "billed_to: Json<BillingInfo>", purpose AS "purpose: InvoicePurpose"
               FROM invoices WHERE org_id = $1 "# + $tail $(, $arg)*
        )
    };
}

fn to_invoice(row: InvoiceRow) -> Invoice {
    let tier = row.tier;
    let (start, end) = (day(row.period_start), day(row.period_end));
    Invoice {
        id: row.id,
        number: row.number,
        description: match row.purpose {
            InvoicePurpose::Period => format!(
                "{} plan, {start} to {end}: premium for every connected space",
                tier.tier().name
            ),
            InvoicePurpose::Upgrade => format!(
                "Upgrade to the {} plan, {start} to {end}: the difference for the rest of the period",
                tier.tier().name
            ),
        },
        period_start: start,
        period_end: end,
        tier,
        amount_cents: row.amount_cents,
        tax_rate_basis_points: row.tax_rate_bp,
        tax_cents: row.tax_cents,
        total_cents: row.total_cents,
        currency: row.currency,
        status: row.status,
        issued_at: iso(row.issued_at),
        billed_to: row.billed_to.map(|Json(info)| info),
    }
}

pub async fn one(pool: &Pool, org_id: i64, id: i64) -> DomainResult<Invoice> {
    let row = invoices!("AND id = $2", org_id, id).fetch_optional(pool).await?;
    row.map(to_invoice)
        .ok_or_else(|| DomainError::not_found("This invoice"))
}

pub async fn list(pool: &Pool, org_id: i64) -> DomainResult<Invoices> {
    let rows = invoices!("ORDER BY period_start DESC, id DESC", org_id)
        .fetch_all(pool)
        .await?;
    Ok(Invoices {
        invoices: rows.into_iter().map(to_invoice).collect(),
    })
}

/// The invoice as a file name and an HTML document.
pub async fn document(pool: &Pool, org_id: i64, id: i64) -> DomainResult<(String, String)> {
    let invoice = one(pool, org_id, id).await?;
    let org_name = sqlx::query_scalar!("SELECT name FROM orgs WHERE id = $1", org_id)
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
