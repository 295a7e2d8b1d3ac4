use contract::{BillingInfo, CardUpdate, ChooseTier, Invoice, Invoices, PaymentMethod, SubscriptionView, TierId};

use crate::api::{self, ApiError};

pub async fn subscription() -> Result<SubscriptionView, ApiError> {
    api::Call::get("/orgs/me/subscription").fetch().await
}

pub async fn choose(tier: TierId) -> Result<SubscriptionView, ApiError> {
    api::Call::put("/orgs/me/subscription")
        .json(&ChooseTier { tier })
        .fetch()
        .await
}

pub async fn cancel() -> Result<SubscriptionView, ApiError> {
    api::Call::delete("/orgs/me/subscription").fetch().await
}

pub async fn resume() -> Result<SubscriptionView, ApiError> {
    api::Call::post("/orgs/me/subscription/resume").json(&()).fetch().await
}

pub async fn invoices() -> Result<Invoices, ApiError> {
    api::Call::get("/orgs/me/invoices").fetch().await
}

pub async fn invoice(id: i64) -> Result<Invoice, ApiError> {
    api::Call::get(&format!("/orgs/me/invoices/{id}")).fetch().await
}

/// The printable HTML document, to save as a file.
pub async fn invoice_document(id: i64) -> Result<String, ApiError> {
    api::Call::get(&format!("/orgs/me/invoices/{id}/document")).text().await
}

/// The invoice's document, saved as a file named after its number; what went wrong, in words.
pub async fn save_invoice_document(id: i64, number: String) -> Result<(), String> {
    let html = invoice_document(id).await.map_err(|e| e.to_string())?;
    crate::widgets::download::save_text(&format!("invoice-{number}.html"), "text/html", &html)
}

pub async fn billing() -> Result<Option<BillingInfo>, ApiError> {
    api::Call::get("/orgs/me/billing").fetch().await
}

pub async fn save_billing(info: &BillingInfo) -> Result<BillingInfo, ApiError> {
    api::Call::put("/orgs/me/billing").json(info).fetch().await
}

pub async fn payment() -> Result<Option<PaymentMethod>, ApiError> {
    api::Call::get("/orgs/me/payment").fetch().await
}

pub async fn save_card(card: &CardUpdate) -> Result<PaymentMethod, ApiError> {
    api::Call::put("/orgs/me/payment").json(card).fetch().await
}
