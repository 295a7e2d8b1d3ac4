use contract::{BillingInfo, CardUpdate, ChooseTier, Invoice, Invoices, PaymentMethod, SubscriptionView, TierId};

use crate::api::{self, ApiError};

pub async fn subscription() -> Result<SubscriptionView, ApiError> {
    api::get("/orgs/me/subscription").await
}

pub async fn choose(tier: TierId) -> Result<SubscriptionView, ApiError> {
    api::put("/orgs/me/subscription", &ChooseTier { tier }).await
}

pub async fn cancel() -> Result<SubscriptionView, ApiError> {
    api::delete_json("/orgs/me/subscription").await
}

pub async fn resume() -> Result<SubscriptionView, ApiError> {
    api::post("/orgs/me/subscription/resume", &()).await
}

pub async fn invoices() -> Result<Invoices, ApiError> {
    api::get("/orgs/me/invoices").await
}

pub async fn invoice(id: i64) -> Result<Invoice, ApiError> {
    api::get(&format!("/orgs/me/invoices/{id}")).await
}

/// The printable HTML document, to save as a file.
pub async fn invoice_document(id: i64) -> Result<String, ApiError> {
    api::get_text(&format!("/orgs/me/invoices/{id}/document")).await
}

pub async fn billing() -> Result<Option<BillingInfo>, ApiError> {
    api::get("/orgs/me/billing").await
}

pub async fn save_billing(info: &BillingInfo) -> Result<BillingInfo, ApiError> {
    api::put("/orgs/me/billing", info).await
}

pub async fn payment() -> Result<Option<PaymentMethod>, ApiError> {
    api::get("/orgs/me/payment").await
}

pub async fn save_card(card: &CardUpdate) -> Result<PaymentMethod, ApiError> {
    api::put("/orgs/me/payment", card).await
}
