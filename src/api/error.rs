use contract::ApiErrorBody;
use gloo_net::http::Response;
use std::fmt;

use super::text::t;
use crate::i18n::fill;

/// Everything a call can end in besides success, each with a message people can read.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The network dropped or the server could not be reached.
    Network(String),
    Timeout,
    /// The session ended; the app has already gone back to sign-in.
    Unauthorized(String),
    /// The server refused with a JSON error: `field` names the input it is about.
    Refused {
        status: u16,
        code: String,
        message: String,
        field: Option<String>,
    },
    /// The service cannot serve for a moment (its database is out of reach): nothing was changed,
    /// and the same request works later. Reads are tried again by themselves.
    Unavailable {
        message: String,
        /// What the answer's `Retry-After` asked for.
        retry_after_ms: u32,
    },
    /// A 5xx, or an answer we could not read.
    Server {
        status: u16,
    },
    Decode(String),
}

impl ApiError {
    pub(super) async fn from_response(response: Response) -> ApiError {
        let status = response.status();
        let retry_after_ms = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .map_or(2_000, |secs| secs.clamp(1, 30) * 1_000);
        let body = response.json::<ApiErrorBody>().await.ok();
        match (status, body) {
            // A 401 that is not about the session (wrong password at sign-in) is a plain refusal.
            (401, Some(body)) if body.error.code != "unauthorized" => ApiError::Refused {
                status,
                code: body.error.code,
                message: body.error.message,
                field: body.error.field,
            },
            (401, body) => ApiError::Unauthorized(body.map(|b| b.error.message).unwrap_or_default()),
            (503, Some(body)) if body.error.code == "unavailable" => ApiError::Unavailable {
                message: body.error.message,
                retry_after_ms,
            },
            (500.., _) | (_, None) => ApiError::Server { status },
            (_, Some(body)) => ApiError::Refused {
                status,
                code: body.error.code,
                message: body.error.message,
                field: body.error.field,
            },
        }
    }

    /// The input the error is about, for messages shown at the field.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Refused { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network(_) => f.write_str(t().network),
            ApiError::Timeout => f.write_str(t().timeout),
            ApiError::Unauthorized(_) => f.write_str(t().session_ended),
            ApiError::Refused { message, .. } | ApiError::Unavailable { message, .. } => f.write_str(message),
            ApiError::Server { status } => f.write_str(&fill(t().server_error, &[status])),
            ApiError::Decode(_) => f.write_str(t().unreadable),
        }
    }
}

impl std::error::Error for ApiError {}
