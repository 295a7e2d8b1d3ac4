mod api;
mod page;
mod spaces_table;

pub use page::DashboardPage;
