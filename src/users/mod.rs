mod page;

pub use page::UsersPage;
