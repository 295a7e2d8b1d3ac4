mod page;

pub use page::SettingsPage;
