//! The Subscription tab (deprecated, still served): tier plans, and for subscribed owners the
//! invoices, billing information and payment information.

mod api;
mod billing_page;
mod invoice_page;
mod invoices_page;
mod page;
mod payment_page;
mod text;
mod tiers;

pub use billing_page::BillingPage;
pub use invoice_page::InvoicePage;
pub use invoices_page::InvoicesPage;
pub use page::SubscriptionPage;
pub use payment_page::PaymentPage;
