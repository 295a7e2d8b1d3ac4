mod page;

pub use page::SignInPage;
