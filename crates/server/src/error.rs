//! API errors: an honest HTTP status and the JSON body every refusal carries,
//! `{ "error": { "code", "message", "field" } }`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use contract::{ApiErrorBody, ApiErrorDetail, Refusal};

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

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            crate::say!(
                "Your session has ended. Please sign in again.",
                "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an."
            ),
        )
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// The caller's role does not allow the action (or no longer does: roles are re-read inside
    /// each change's transaction).
    pub fn role_forbids() -> Self {
        Self::forbidden(crate::say!(
            "Your role in this organization does not allow this.",
            "Ihre Rolle in dieser Organisation erlaubt das nicht."
        ))
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", format!("{what} was not found."))
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message).at(field)
    }

    /// The first of several field problems found by a validation in `contract`.
    pub fn first_issue(issues: Vec<contract::FieldIssue>) -> Self {
        match issues.into_iter().next() {
            Some(first) => ApiError::invalid(first.field, first.message),
            None => ApiError::internal(),
        }
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

    /// Too much work at once: try again in a moment.
    pub fn busy(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "busy", message).retry_after(1)
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            crate::say!(
                "Something went wrong on our side. Please try again.",
                "Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut."
            ),
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

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        let status = match refusal {
            Refusal::NotAllowed | Refusal::CannotAssignOwnership => StatusCode::FORBIDDEN,
            Refusal::SelfChange | Refusal::LastManager | Refusal::LastOwner => StatusCode::CONFLICT,
        };
        ApiError::new(status, refusal.code(), refusal.message(crate::lang::spoken()))
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &err {
            // Another writer held the database longer than the busy timeout: a moment later works.
            if db.message().contains("database is locked") {
                tracing::warn!(error = %err, "database busy");
                return ApiError::busy(crate::say!(
                    "The server is busy. Please try again in a moment.",
                    "Der Server ist ausgelastet. Bitte versuchen Sie es gleich noch einmal."
                ));
            }
        }
        tracing::error!(error = %err, "database error");
        ApiError::internal()
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
