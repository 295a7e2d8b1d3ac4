//! The one typed client for the org-area API: every request is a [`Call`] (method, path, query,
//! body, language, token, retry), and every answer a `Result<T, ApiError>`; the screens show the
//! error's message and, where it makes sense, a retry.

mod activity;
mod base_url;
mod error;
pub mod outage;
pub mod people;
mod text;
pub mod token;

pub use activity::watch_input;
pub use error::ApiError;

use futures::future::{select, Either};
use gloo_net::http::{Method, Request, RequestBuilder, Response};
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

/// What a request carries.
enum Body {
    None,
    /// JSON, already written.
    Json(Result<String, String>),
    /// A chosen file's bytes, with its own content type.
    File(web_sys::File),
}

/// One request to the API, built and then sent with [`Call::fetch`] (a JSON answer),
/// [`Call::text`], [`Call::send`] (no answer) or [`Call::stream`]. Every call says the page's
/// language, so what the server writes for it (a field's message, a mail it sends) is in that
/// language, and carries the stored session unless [`Call::token`] gives another.
pub struct Call {
    method: Method,
    path: String,
    body: Body,
    token: Option<String>,
    headers: Vec<(&'static str, String)>,
    abort: Option<web_sys::AbortSignal>,
}

impl Call {
    fn new(method: Method, path: &str) -> Call {
        Call {
            method,
            path: path.to_string(),
            body: Body::None,
            token: None,
            headers: Vec::new(),
            abort: None,
        }
    }

    /// A read. While the service is unavailable it waits as the answer asks and tries again, for
    /// as long as it takes (the frame says so meanwhile): a read changes nothing, so trying again
    /// is safe.
    pub fn get(path: &str) -> Call {
        Call::new(Method::GET, path)
    }

    pub fn post(path: &str) -> Call {
        Call::new(Method::POST, path)
    }

    pub fn put(path: &str) -> Call {
        Call::new(Method::PUT, path)
    }

    pub fn patch(path: &str) -> Call {
        Call::new(Method::PATCH, path)
    }

    pub fn delete(path: &str) -> Call {
        Call::new(Method::DELETE, path)
    }

    /// A query string (`?q=…`, as the contract's query types write it) after the path, or after
    /// the query already there.
    pub fn query(mut self, query: &str) -> Call {
        match query.strip_prefix('?') {
            Some(rest) if self.path.contains('?') => {
                self.path.push('&');
                self.path.push_str(rest);
            }
            _ => self.path.push_str(query),
        }
        self
    }

    pub fn json<B: Serialize>(mut self, body: &B) -> Call {
        self.body = Body::Json(serde_json::to_string(body).map_err(|e| e.to_string()));
        self
    }

    pub fn file(mut self, file: &web_sys::File) -> Call {
        self.body = Body::File(file.clone());
        self
    }

    /// A session token that is not (yet) the stored one: the second step of a sign-in.
    pub fn token(mut self, token: &str) -> Call {
        self.token = Some(token.to_string());
        self
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Call {
        self.headers.push((name, value.to_string()));
        self
    }

    fn request(&self) -> Result<Request, ApiError> {
        let mut builder = RequestBuilder::new(&url(&self.path))
            .method(self.method.clone())
            .header("Accept-Language", crate::i18n::lang().tag());
        if activity::in_background() {
            builder = builder.header(contract::BACKGROUND_HEADER, "1");
        }
        let token = self.token.clone().or_else(token::load);
        if let Some(token) = token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if let Some(abort) = &self.abort {
            builder = builder.abort_signal(Some(abort));
        }
        let built = match &self.body {
            Body::None => builder.build(),
            Body::Json(Ok(json)) => builder.header("Content-Type", "application/json").body(json.clone()),
            Body::Json(Err(e)) => return Err(ApiError::Network(e.clone())),
            Body::File(file) => builder.header("Content-Type", &file.type_()).body(file.clone()),
        };
        built.map_err(|e| ApiError::Network(e.to_string()))
    }

    /// The answer, reads retried while the service is unavailable.
    async fn answer(self) -> Result<Response, ApiError> {
        loop {
            match send(self.request()?).await {
                Err(ApiError::Unavailable { retry_after_ms, .. }) if self.method == Method::GET => {
                    outage::report(true);
                    TimeoutFuture::new(retry_after_ms).await;
                }
                answer => {
                    outage::report(false);
                    return answer;
                }
            }
        }
    }

    /// Send, and read the JSON answer.
    pub async fn fetch<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        let response = self.answer().await?;
        response.json::<T>().await.map_err(|e| ApiError::Decode(e.to_string()))
    }

    /// Send, and read the answer as text (CSV, an export).
    pub async fn text(self) -> Result<String, ApiError> {
        let response = self.answer().await?;
        response.text().await.map_err(|e| ApiError::Decode(e.to_string()))
    }

    /// Send a call whose success carries no body (202, 204).
    pub async fn send(self) -> Result<(), ApiError> {
        self.answer().await.map(|_| ())
    }

    /// An open event stream (`text/event-stream`): its body, read as it arrives. `abort` ends
    /// it. Only the wait for the answer's headers is bounded by the timeout; the stream itself is
    /// endless.
    pub async fn stream(mut self, abort: &web_sys::AbortSignal) -> Result<web_sys::ReadableStream, ApiError> {
        self.abort = Some(abort.clone());
        self.headers.push(("Accept", "text/event-stream".into()));
        send(self.request()?)
            .await?
            .body()
            .ok_or_else(|| ApiError::Decode("the event stream has no body".into()))
    }
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
