//! Settings → Webhooks: the endpoints that receive the activity log, each with its delivery log,
//! and the form that adds one. Owners and admins; the server refuses everyone else.

mod add_form;
mod api;
mod endpoint;
mod log;
mod page;
mod text;

pub use page::WebhooksPage;
