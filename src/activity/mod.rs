//! The Activity tab: who changed what in the organization and when, filtered by person, space,
//! kind and dates (all kept in the address), page by page, and exported as CSV or JSON.

mod api;
mod details;
mod filters;
mod page;
mod table;
mod text;
mod view_state;

pub use page::ActivityPage;
