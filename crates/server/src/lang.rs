//! The caller's language: what people read in an answer (a refusal's message) and in the mails
//! a request sends follows the request's `Accept-Language` (the app sends its page's language),
//! English when it names none we speak. Messages meant for API developers (a malformed query
//! parameter, a body that is not JSON) stay in English. The domain reads it with
//! `common::spoken()`.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use common::Lang;

/// Middleware: answer the request in the language it asks for.
pub async fn in_the_callers_language(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(Lang::of_accept_language)
        .unwrap_or_default();
    common::lang::speaking(lang, next.run(request)).await
}
