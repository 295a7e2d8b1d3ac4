//! Settings → Webhooks: the endpoints that receive the activity log, each with its delivery log,
//! and the form that adds one. Owners and admins; the server refuses everyone else.

mod api;
mod endpoint;
mod endpoint_form;
mod log;
mod page;
mod text;

pub use page::WebhooksPage;
