//! The pages of someone not signed in: sign in (with its second step), forgot password, and the
//! page a reset link opens. All live in the main module, the only one the sign-in page loads.

mod code_step;
mod forgot_page;
mod page;
mod reset_page;
mod text;

pub use code_step::CodeStep;
pub use forgot_page::ForgotPasswordPage;
pub use page::SignInPage;
pub use reset_page::ResetPasswordPage;
