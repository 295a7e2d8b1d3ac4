mod page;

pub use page::SubscriptionPage;
