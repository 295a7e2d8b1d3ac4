//! The one typed client for the org-area API. Every call returns `Result<T, ApiError>`; the
//! screens show the error's message and, where it makes sense, a retry.

mod activity;
mod base_url;
mod error;
pub mod outage;
pub mod token;

pub use activity::watch_input;
pub use error::ApiError;

use futures::future::{select, Either};
use gloo_net::http::{Request, RequestBuilder, Response};
use gloo_timers::future::TimeoutFuture;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;

/// A request that has not answered by then is reported as a timeout.
const TIMEOUT_MS: u32 = 15_000;

thread_local! {
    static ON_UNAUTHORIZED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// What to do when any call answers 401: the session module signs the user out.
pub fn on_unauthorized(handler: impl Fn() + 'static) {
    ON_UNAUTHORIZED.with(|h| *h.borrow_mut() = Some(Box::new(handler)));
}

fn url(path: &str) -> String {
    format!("{}{}{}", base_url::get(), contract::API_PREFIX, path)
}

/// The full address of a path the API handed out (an uploaded image's `/api/v1/...`).
pub fn absolute(path: &str) -> String {
    format!("{}{path}", base_url::get())
}

/// Every call says the page's language, so what the server writes for it (a field's message,
/// a mail it sends) is in that language.
fn in_our_language(builder: RequestBuilder) -> RequestBuilder {
    builder.header("Accept-Language", crate::i18n::lang().tag())
}

fn authorized(builder: RequestBuilder) -> RequestBuilder {
    let builder = match activity::in_background() {
        true => builder.header(contract::BACKGROUND_HEADER, "1"),
        false => builder,
    };
    match token::load() {
        Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
        None => builder,
    }
}

/// A read. While the service is unavailable it waits as the answer asks and tries again, for as
/// long as it takes (the frame says so meanwhile): a read changes nothing, so trying again is safe.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    loop {
        let request = authorized(in_our_language(Request::get(&url(path))))
            .build()
            .map_err(|e| ApiError::Network(e.to_string()))?;
        match send(request).await {
            Err(ApiError::Unavailable { retry_after_ms, .. }) => {
                outage::report(true);
                TimeoutFuture::new(retry_after_ms).await;
            }
            answer => {
                outage::report(false);
                return decode(answer?).await;
            }
        }
    }
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let request = authorized(in_our_language(Request::post(&url(path))))
        .json(body)
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(send(request).await?).await
}

/// A POST with a session token that is not (yet) the stored one: the second step of a sign-in.
pub async fn post_as<B: Serialize, T: DeserializeOwned>(token: &str, path: &str, body: &B) -> Result<T, ApiError> {
    let request = in_our_language(Request::post(&url(path)))
        .header("Authorization", &format!("Bearer {token}"))
        .json(body)
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(send(request).await?).await
}

/// A POST whose success carries no body (202, 204).
pub async fn post_no_answer<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    let request = authorized(in_our_language(Request::post(&url(path))))
        .json(body)
        .map_err(|e| ApiError::Network(e.to_string()))?;
    send(request).await.map(|_| ())
}

/// A PUT whose success carries no body (204).
pub async fn put_no_answer<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    let request = authorized(in_our_language(Request::put(&url(path))))
        .json(body)
        .map_err(|e| ApiError::Network(e.to_string()))?;
    send(request).await.map(|_| ())
}

/// A DELETE with a body (what proves the caller may), whose success carries none.
pub async fn delete_with<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    let request = authorized(in_our_language(Request::delete(&url(path))))
        .json(body)
        .map_err(|e| ApiError::Network(e.to_string()))?;
    send(request).await.map(|_| ())
}

/// A GET whose answer is text (CSV), not JSON.
pub async fn get_text(path: &str) -> Result<String, ApiError> {
    text(in_our_language(Request::get(&url(path)))).await
}

/// A POST without a body whose answer is text (an export the server records).
pub async fn post_for_text(path: &str) -> Result<String, ApiError> {
    text(in_our_language(Request::post(&url(path)))).await
}

async fn text(builder: RequestBuilder) -> Result<String, ApiError> {
    let request = authorized(builder)
        .build()
        .map_err(|e| ApiError::Network(e.to_string()))?;
    send(request)
        .await?
        .text()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let request = authorized(in_our_language(Request::patch(&url(path))))
        .json(body)
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(send(request).await?).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let request = authorized(in_our_language(Request::put(&url(path))))
        .json(body)
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(send(request).await?).await
}

/// A PUT of raw bytes (a chosen file), with the file's own content type.
pub async fn put_file<T: DeserializeOwned>(path: &str, file: &web_sys::File) -> Result<T, ApiError> {
    let request = authorized(in_our_language(Request::put(&url(path))))
        .header("Content-Type", &file.type_())
        .body(file.clone())
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(send(request).await?).await
}

/// A DELETE whose answer is JSON.
pub async fn delete_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let request = authorized(in_our_language(Request::delete(&url(path))))
        .build()
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(send(request).await?).await
}

/// A POST whose success carries no body (204).
pub async fn post_empty(path: &str) -> Result<(), ApiError> {
    let request = authorized(in_our_language(Request::post(&url(path))))
        .build()
        .map_err(|e| ApiError::Network(e.to_string()))?;
    send(request).await.map(|_| ())
}

pub async fn delete(path: &str) -> Result<(), ApiError> {
    let request = authorized(in_our_language(Request::delete(&url(path))))
        .build()
        .map_err(|e| ApiError::Network(e.to_string()))?;
    send(request).await.map(|_| ())
}

async fn send(request: Request) -> Result<Response, ApiError> {
    let response = match select(Box::pin(request.send()), TimeoutFuture::new(TIMEOUT_MS)).await {
        Either::Left((result, _)) => result.map_err(|e| ApiError::Network(e.to_string()))?,
        Either::Right(_) => return Err(ApiError::Timeout),
    };
    if response.ok() {
        return Ok(response);
    }
    let error = ApiError::from_response(response).await;
    if matches!(error, ApiError::Unauthorized(_)) {
        token::clear();
        ON_UNAUTHORIZED.with(|h| {
            if let Some(handler) = h.borrow().as_ref() {
                handler()
            }
        });
    }
    Err(error)
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json::<T>().await.map_err(|e| ApiError::Decode(e.to_string()))
}

/// An open event stream (`text/event-stream`): its body, read as it arrives. `abort` ends it.
/// Only the wait for the answer's headers is bounded by the timeout; the stream itself is
/// endless.
pub async fn open_stream(
    path: &str,
    last_event_id: Option<&str>,
    abort: &web_sys::AbortSignal,
) -> Result<web_sys::ReadableStream, ApiError> {
    let mut builder = authorized(in_our_language(Request::get(&url(path))))
        .header("Accept", "text/event-stream")
        .abort_signal(Some(abort));
    if let Some(id) = last_event_id {
        builder = builder.header("Last-Event-ID", id);
    }
    let request = builder.build().map_err(|e| ApiError::Network(e.to_string()))?;
    send(request)
        .await?
        .body()
        .ok_or_else(|| ApiError::Decode("the event stream has no body".into()))
}
