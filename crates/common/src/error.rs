//! The domain's own error: what went wrong in words a person reads, the machine-readable code a
//! client branches on, the field it concerns, and its [`Kind`]. The HTTP layer maps each kind to
//! a status in one place; the domain never names one.

use crate::text::said;
use std::time::Duration;

use contract::Refusal;

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
    /// A part the server needs (its database) cannot be reached or written just now; nothing
    /// was changed, and the same request later works.
    Unavailable,
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
        DomainError::new(Kind::Unauthenticated, "unauthorized", said().session_ended.to_owned())
    }

    pub fn refused(code: &'static str, message: impl Into<String>) -> DomainError {
        DomainError::new(Kind::Refused, code, message)
    }

    /// The caller's role does not allow the action (or no longer does: roles are re-read inside
    /// each change's transaction).
    pub fn role_forbids() -> DomainError {
        DomainError::refused("forbidden", said().role_forbids.to_owned())
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

    /// The database cannot be reached, or cannot take writes: nothing was changed.
    pub fn unavailable(message: impl Into<String>) -> DomainError {
        DomainError::new(Kind::Unavailable, "unavailable", message).retry_after(Duration::from_secs(2))
    }

    pub fn internal() -> DomainError {
        DomainError::new(Kind::Internal, "internal", said().internal.to_owned())
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
        match database_trouble(&err) {
            Some(Trouble::Locked) => {
                tracing::warn!(error = %err, "database busy");
                DomainError::busy(said().busy.to_owned())
            }
            Some(Trouble::Unreachable) => {
                tracing::warn!(error = %err, "database unavailable");
                DomainError::unavailable(said().unavailable.to_owned())
            }
            Some(Trouble::CannotWrite) => {
                tracing::error!(error = %err, "database cannot take writes");
                DomainError::unavailable(said().read_only.to_owned())
            }
            None => {
                tracing::error!(error = %err, "database error");
                DomainError::internal()
            }
        }
    }
}

/// What went wrong around a query that a later try can fix, as opposed to a fault of ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trouble {
    /// Another writer held SQLite longer than the busy timeout.
    Locked,
    /// No connection: the server is down, restarting, or out of connections.
    Unreachable,
    /// Reachable, but it cannot store anything: a full disk, a read-only file.
    CannotWrite,
}

fn database_trouble(err: &sqlx_core::Error) -> Option<Trouble> {
    use sqlx_core::Error;
    match err {
        Error::PoolTimedOut | Error::PoolClosed | Error::Io(_) | Error::Tls(_) | Error::WorkerCrashed => {
            Some(Trouble::Unreachable)
        }
        Error::Database(db) => {
            let code = db.code();
            let code = code.as_deref().unwrap_or("");
            // SQLite names its result codes by number (extended codes keep the primary one in
            // their low byte); PostgreSQL by SQLSTATE.
            if let Ok(number) = code.parse::<i64>() {
                return match number & 0xff {
                    5 | 6 => Some(Trouble::Locked),
                    // READONLY, IOERR, FULL, CANTOPEN
                    8 | 10 | 13 | 14 => Some(Trouble::CannotWrite),
                    _ => None,
                };
            }
            match code {
                // connection exceptions; shutting down; too many connections
                c if c.starts_with("08") || c.starts_with("57P") || c == "53300" => Some(Trouble::Unreachable),
                // disk full, out of memory
                "53100" | "53200" => Some(Trouble::CannotWrite),
                _ if db.message().contains("database is locked") => Some(Trouble::Locked),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_out_of_reach_is_unavailable_for_a_moment_not_our_fault() {
        for err in [
            sqlx_core::Error::PoolTimedOut,
            sqlx_core::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
        ] {
            let said = DomainError::from(err);
            assert_eq!(said.kind, Kind::Unavailable);
            assert_eq!(said.code, "unavailable");
            assert_eq!(said.retry_after, Some(Duration::from_secs(2)));
        }
        assert_eq!(
            DomainError::from(sqlx_core::Error::RowNotFound).kind,
            Kind::Internal,
            "a query of ours that went wrong stays ours"
        );
    }
}
