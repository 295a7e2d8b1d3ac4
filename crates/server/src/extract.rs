//! The request extractors every handler uses. Each refuses a bad request with the JSON error body
//! and the field it is about, never with axum's plain-text rejections, and never echoes what was
//! sent (it may be a password).

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ApiError;

/// JSON bodies: every request body of the API but image uploads fits in this.
pub const JSON_LIMIT: usize = 64 * 1024;
/// Image uploads: above the largest image allowed, so that one gets its own clear message.
pub const UPLOAD_LIMIT: usize = 2 * 1024 * 1024;
/// A body over its limit is still read (and dropped) up to this size, so the client gets the 413
/// instead of a closed connection; beyond it the connection is closed.
const DRAIN_LIMIT: usize = 8 * 1024 * 1024;

/// Read a body of at most `limit` bytes.
pub async fn read_body(mut body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame
            .map_err(|_| ApiError::bad_request("unreadable_body", "The request body could not be read to its end."))?;
        if let Ok(data) = frame.into_data() {
            seen += data.len();
            if seen <= limit {
                kept.extend_from_slice(&data);
            } else if seen > DRAIN_LIMIT {
                break;
            }
        }
    }
    if seen > limit {
        return Err(ApiError::too_large(limit));
    }
    Ok(Bytes::from(kept))
}

/// A JSON request body, or a JSON refusal: 415 without a JSON content type, 413 over
/// [`JSON_LIMIT`], 400 when it is not JSON, 422 naming the field that is missing or of the wrong
/// type.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, ApiError> {
        let is_json = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .is_some_and(|v| v == "application/json" || (v.starts_with("application/") && v.ends_with("+json")));
        if !is_json {
            return Err(ApiError::for_status(StatusCode::UNSUPPORTED_MEDIA_TYPE));
        }
        let bytes = read_body(request.into_body(), JSON_LIMIT).await?;
        parse_json(&bytes).map(Json)
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    refuse_nul_in_json(bytes)?;
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = field_path(&err.path().to_string());
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => data_error(path, &inner.to_string()),
            _ => malformed(&inner),
        }
    })?;
    deserializer.end().map_err(|err| malformed(&err))?;
    Ok(value)
}

/// No text may hold the NUL character: PostgreSQL cannot store it, and no name, address or
/// setting needs it. Only a body that spells it (`\u0000`) is read twice, to name the field.
fn refuse_nul_in_json(bytes: &[u8]) -> Result<(), ApiError> {
    if !bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000")) {
        return Ok(());
    }
    fn find(value: &serde_json::Value, path: &str) -> Option<String> {
        let at = |key: &str| {
            if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            }
        };
        match value {
            serde_json::Value::String(s) if s.contains('\0') => Some(path.to_string()),
            serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| find(v, &at(&i.to_string()))),
            serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
                if k.contains('\0') {
                    Some(at(""))
                } else {
                    find(v, &at(k))
                }
            }),
            _ => None,
        }
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        // Broken JSON: the parse proper says where.
        return Ok(());
    };
    match find(&value, "") {
        Some(path) => {
            let field = if path.is_empty() { "body".to_string() } else { path };
            Err(ApiError::invalid(
                field.clone(),
                format!("“{field}” must not contain the NUL character."),
            ))
        }
        None => Ok(()),
    }
}

fn malformed(err: &serde_json::Error) -> ApiError {
    ApiError::bad_request(
        "malformed_json",
        format!(
            "The request body is not valid JSON (line {}, column {}).",
            err.line(),
            err.column()
        ),
    )
}

/// `serde_path_to_error` writes the top level as `.`.
fn field_path(path: &str) -> Option<String> {
    (path != "." && !path.is_empty()).then(|| path.to_string())
}

/// A 422 for a value of the wrong shape, in words built from what serde expected, never from the
/// value that was sent.
fn data_error(path: Option<String>, serde_message: &str) -> ApiError {
    let message = serde_message.split(" at line ").next().unwrap_or(serde_message);
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        let field = match path {
            Some(parent) => format!("{parent}.{name}"),
            None => name.to_string(),
        };
        return ApiError::invalid(field.clone(), format!("“{field}” is required."));
    }
    let field = path.unwrap_or_else(|| "body".to_string());
    let expected = message
        .rsplit_once(", expected ")
        .map(|(_, expected)| expected.replace('`', ""))
        .or_else(|| {
            message
                .split_once("expected one of ")
                .map(|(_, list)| format!("one of {}", list.replace('`', "")))
        });
    let text = match expected {
        Some(expected) => format!("“{field}” must be {expected}."),
        None => format!("“{field}” has a value that is not accepted."),
    };
    ApiError::invalid(field, text)
}

/// Query parameters, or a 422 naming the parameter that does not parse.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        if let Some((name, _)) =
            form_urlencoded::parse(query.as_bytes()).find(|(k, v)| k.contains('\0') || v.contains('\0'))
        {
            return Err(ApiError::invalid(
                name.to_string(),
                format!("“{name}” must not contain the NUL character."),
            ));
        }
        let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(Query)
            .map_err(|err| {
                let field = field_path(&err.path().to_string()).unwrap_or_else(|| "query".to_string());
                let inner = err.into_inner().to_string();
                if let Some(name) = inner.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
                    return ApiError::invalid(name.to_string(), format!("“{name}” is required."));
                }
                if inner.contains("expected one of") {
                    // An enum's values (`sort`, `role`): say which are accepted.
                    return data_error(Some(field), &inner);
                }
                let what = if inner.contains("digit") || inner.contains("number") {
                    "must be a whole number in range"
                } else {
                    "has a value that is not accepted"
                };
                ApiError::invalid(field.clone(), format!("“{field}” {what}."))
            })
    }
}

/// Path parameters; one that does not parse (a word where an id belongs, an id out of range)
/// names nothing that exists, so the answer is 404.
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|_| ApiError::not_found("This resource"))
    }
}

/// A raw upload body of at most [`UPLOAD_LIMIT`] bytes.
pub struct Upload(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, ApiError> {
        read_body(request.into_body(), UPLOAD_LIMIT).await.map(Upload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Login {
        email: String,
        password: String,
        inner: Option<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
        role: contract::OrgRole,
    }

    fn refusal(body: &str) -> ApiError {
        parse_json::<Login>(body.as_bytes()).unwrap_err()
    }

    #[test]
    fn json_refusals_name_the_field_and_never_echo_the_value() {
        let missing = refusal(r#"{"email":"a@b.co"}"#);
        assert_eq!(
            (missing.status.as_u16(), missing.field.as_deref()),
            (422, Some("password"))
        );

        let wrong = refusal(r#"{"email":"a@b.co","password":12345678}"#);
        assert_eq!(wrong.field.as_deref(), Some("password"));
        assert!(!wrong.message.contains("12345678"), "{}", wrong.message);
        assert!(wrong.message.contains("a string"), "{}", wrong.message);

        let variant = refusal(r#"{"email":"a","password":"b","inner":{"count":1,"role":"hunter2"}}"#);
        assert_eq!(variant.field.as_deref(), Some("inner.role"));
        assert!(!variant.message.contains("hunter2") && variant.message.contains("owner"));

        let nested = refusal(r#"{"email":"a","password":"b","inner":{"role":"admin"}}"#);
        assert_eq!(nested.field.as_deref(), Some("inner.count"));

        let range = refusal(r#"{"email":"a","password":"b","inner":{"count":-4,"role":"admin"}}"#);
        assert_eq!(range.field.as_deref(), Some("inner.count"));
        assert!(!range.message.contains("-4"));
    }

    #[test]
    fn text_with_the_nul_character_is_refused_at_its_field() {
        let nul = refusal(r#"{"email":"a\u0000@b.co","password":"b"}"#);
        assert_eq!((nul.status.as_u16(), nul.field.as_deref()), (422, Some("email")));
        let nested = refusal(r#"{"email":"a","password":"b","inner":{"count":1,"role":"\u0000"}}"#);
        assert_eq!(nested.field.as_deref(), Some("inner.role"));
        // An escaped backslash before `u0000` is no NUL.
        let fine = refusal(r#"{"email":"a\\u0000"}"#);
        assert_eq!(fine.field.as_deref(), Some("password"));
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        for body in [
            r#"{"email": "#,
            "not json",
            r#"{"email":"a","password":"b"} trailing"#,
            "",
        ] {
            let err = refusal(body);
            assert_eq!((err.status.as_u16(), err.code), (400, "malformed_json"), "{body}");
        }
    }
}
