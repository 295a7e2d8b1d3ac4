//! The domain's own error: what went wrong in words a person reads, the machine-readable code a
//! client branches on, the field it concerns, and its [`Kind`]. The HTTP layer maps each kind to
//! a status in one place; the domain never names one.

use std::time::Duration;

use contract::Refusal;

use crate::say;

/// What kind of "no" it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The thing does not exist, or is not the caller's to know of.
    NotFound,
    /// The caller did not prove who they are: no session, a wrong password or code.
    Unauthenticated,
    /// The caller is known, and a rule refuses them (their role, the organization's settings).
    Refused,
    /// The state the request counted on is not the state there is (already there, changed
    /// meanwhile, the last owner).
    Conflict,
    /// A value the caller sent is not acceptable; `field` names it.
    Invalid,
    /// What was sent is larger than allowed.
    TooLarge,
    /// What was sent is not of a type accepted here.
    UnsupportedType,
    /// Too many attempts: try again after `retry_after`.
    Throttled,
    /// It costs money, and there is no way to pay it (no card), or the card was declined.
    PaymentRequired,
    /// Too much work at once: try again in a moment.
    Busy,
    /// Our fault; the details went to the log.
    Internal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainError {
    pub kind: Kind,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    pub retry_after: Option<Duration>,
}

pub type DomainResult<T> = Result<T, DomainError>;

impl DomainError {
    pub fn new(kind: Kind, code: &'static str, message: impl Into<String>) -> DomainError {
        DomainError {
            kind,
            code,
            message: message.into(),
            field: None,
            retry_after: None,
        }
    }

    /// The field the error concerns.
    pub fn at(mut self, field: impl Into<String>) -> DomainError {
        self.field = Some(field.into());
        self
    }

    /// When trying again makes sense (at least a second from now).
    pub fn retry_after(mut self, wait: Duration) -> DomainError {
        self.retry_after = Some(wait.max(Duration::from_secs(1)));
        self
    }

    pub fn not_found(what: &str) -> DomainError {
        DomainError::new(Kind::NotFound, "not_found", format!("{what} was not found."))
    }

    pub fn unauthorized() -> DomainError {
        DomainError::new(
            Kind::Unauthenticated,
            "unauthorized",
            say!(
                "Your session has ended. Please sign in again.",
                "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an."
            ),
        )
    }

    pub fn refused(code: &'static str, message: impl Into<String>) -> DomainError {
        DomainError::new(Kind::Refused, code, message)
    }

    /// The caller's role does not allow the action (or no longer does: roles are re-read inside
    /// each change's transaction).
    pub fn role_forbids() -> DomainError {
        DomainError::refused(
            "forbidden",
            say!(
                "Your role in this organization does not allow this.",
                "Ihre Rolle in dieser Organisation erlaubt das nicht."
            ),
        )
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> DomainError {
        DomainError::new(Kind::Conflict, code, message)
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> DomainError {
        DomainError::new(Kind::Invalid, "invalid", message).at(field)
    }

    /// The first of several field problems found by a validation in `contract`.
    pub fn first_issue(issues: Vec<contract::FieldIssue>) -> DomainError {
        match issues.into_iter().next() {
            Some(first) => DomainError::invalid(first.field, first.message),
            None => DomainError::internal(),
        }
    }

    pub fn busy(message: impl Into<String>) -> DomainError {
        DomainError::new(Kind::Busy, "busy", message).retry_after(Duration::from_secs(1))
    }

    pub fn internal() -> DomainError {
        DomainError::new(
            Kind::Internal,
            "internal",
            say!(
                "Something went wrong on our side. Please try again.",
                "Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut."
            ),
        )
    }
}

impl std::fmt::Display for DomainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} {}: {}", self.kind, self.code, self.message)
    }
}

impl std::error::Error for DomainError {}

/// A rule of `contract::roles` said no: which rule is the code.
impl From<Refusal> for DomainError {
    fn from(refusal: Refusal) -> DomainError {
        let kind = match refusal {
            Refusal::NotAllowed | Refusal::CannotAssignOwnership => Kind::Refused,
            Refusal::SelfChange | Refusal::LastManager | Refusal::LastOwner => Kind::Conflict,
        };
        DomainError::new(kind, refusal.code(), refusal.message(crate::spoken()))
    }
}

impl From<sqlx_core::Error> for DomainError {
    fn from(err: sqlx_core::Error) -> DomainError {
        if let sqlx_core::Error::Database(db) = &err {
            // Another writer held the database longer than the busy timeout: a moment later works.
            if db.message().contains("database is locked") {
                tracing::warn!(error = %err, "database busy");
                return DomainError::busy(say!(
                    "The server is busy. Please try again in a moment.",
                    "Der Server ist ausgelastet. Bitte versuchen Sie es gleich noch einmal."
                ));
            }
        }
        tracing::error!(error = %err, "database error");
        DomainError::internal()
    }
}
