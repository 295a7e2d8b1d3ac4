//! The caller's language: what people read in an answer (a refusal's message) and in the mails
//! a request sends follows the request's `Accept-Language` (the app sends its page's language),
//! English when it names none we speak. Messages meant for API developers (a malformed query
//! parameter, a body that is not JSON) stay in English.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
pub use contract::Lang;

tokio::task_local! {
    static SPOKEN: Lang;
}

/// The language of the request being answered (English outside one: scheduled work).
pub fn spoken() -> Lang {
    SPOKEN.try_with(|lang| *lang).unwrap_or_default()
}

/// Middleware: answer the request in the language it asks for.
pub async fn in_the_callers_language(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(Lang::of_accept_language)
        .unwrap_or_default();
    SPOKEN.scope(lang, next.run(request)).await
}

/// `say!("English {x}", "Deutsch {x}")`: the text in the caller's language, both written at the
/// place they are used so neither can go missing. Extra arguments go to both, as to `format!`.
#[macro_export]
macro_rules! say {
    ($en:literal, $de:literal $(, $arg:expr)* $(,)?) => {
        match $crate::lang::spoken() {
            $crate::lang::Lang::En => format!($en $(, $arg)*),
            $crate::lang::Lang::De => format!($de $(, $arg)*),
        }
    };
}
