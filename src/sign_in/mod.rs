//! The pages of someone not signed in: sign in (with its second step), forgot password, and the
//! page a reset link opens, in the main module, the only one the sign-in page loads; and "Sign in
//! with SSO", a chunk of its own.

mod code_step;
mod forgot_page;
mod page;
mod reset_page;
mod sso_page;
mod sso_text;
mod text;

pub use code_step::CodeStep;
pub use forgot_page::ForgotPasswordPage;
pub use page::SignInPage;
pub use reset_page::ResetPasswordPage;
pub use sso_page::SsoSignInPage;
