//! API errors: an honest HTTP status and the JSON body every refusal carries,
//! `{ "error": { "code", "message", "field" } }`. The domain's own errors become these here, in
//! one place ([`status_of`]).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use common::{DomainError, Kind};
use contract::{ApiErrorBody, ApiErrorDetail};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    pub retry_after_secs: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            field: None,
            retry_after_secs: None,
        }
    }

    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs.max(1));
        self
    }

    /// A parameter or field of the request is not acceptable.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        DomainError::invalid(field, message).into()
    }

    pub fn not_found(what: &str) -> Self {
        DomainError::not_found(what).into()
    }

    pub fn internal() -> Self {
        DomainError::internal().into()
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn too_large(limit_bytes: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("The request body can be at most {} KB.", limit_bytes / 1024),
        )
    }

    /// The JSON body for a status the server answered without a handler's word (an unknown
    /// method, a panic, a rejection from below the handlers).
    pub fn for_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => Self::not_found("This API endpoint"),
            StatusCode::METHOD_NOT_ALLOWED => Self::new(
                status,
                "method_not_allowed",
                "This endpoint does not answer that method; the Allow header lists those it does.",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => Self::new(status, "too_large", "The request body is too large."),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::new(
                status,
                "unsupported_media_type",
                "Send the request body as application/json.",
            ),
            s if s.is_server_error() => Self {
                status: s,
                ..Self::internal()
            },
            s => Self::new(
                s,
                "bad_request",
                "The request could not be understood. Check its address and body.",
            ),
        }
    }
}

/// The status each kind of domain error answers with.
pub fn status_of(kind: Kind) -> StatusCode {
    match kind {
        Kind::NotFound => StatusCode::NOT_FOUND,
        Kind::Unauthenticated => StatusCode::UNAUTHORIZED,
        Kind::Refused => StatusCode::FORBIDDEN,
        Kind::Conflict => StatusCode::CONFLICT,
        Kind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
        Kind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Kind::UnsupportedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        Kind::Throttled => StatusCode::TOO_MANY_REQUESTS,
        Kind::PaymentRequired => StatusCode::PAYMENT_REQUIRED,
        Kind::Busy | Kind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        ApiError {
            status: status_of(err.kind),
            code: err.code,
            message: err.message,
            field: err.field,
            retry_after_secs: err.retry_after.map(|wait| wait.as_secs().max(1)),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ApiErrorBody {
            error: ApiErrorDetail {
                code: self.code.to_string(),
                message: self.message,
                field: self.field,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
