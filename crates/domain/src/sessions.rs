//! Signing in and out, and sessions: a random bearer token given to the client once; the database
//! keeps only its SHA-256.

use common::mail::Links;
use common::session::{Factor, SessionUser, Stage};
use common::text::said;
use common::tokens::{new_token, token_hash};
use common::{iso, spoken, Actor, ClientInfo, DomainError, DomainResult, Kind, Person, Timestamp};
use contract::activity_params::{FailReason, FailedFactor, SessionsEnded, SignInFailed, WhichSessions};
use contract::Params;
use contract::{
    ActivityKey, LoginRequest, LoginResponse, Me, Membership, OrgRole, SessionSummary, SessionTimes, SignInStep,
    TwoFactorCode,
};

use common::password::Hasher;
use common::secrets::SecretKeys;

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::lockout::{self, Gate};
use crate::throttle::{self, Secret, Subject};
use crate::two_factor::{self, SecondFactor};
use crate::{billing, people, settings};

/// How long a session lasts from sign-in.
pub const LIFETIME: chrono::Duration = chrono::Duration::hours(12);
/// How long a session that owes its second factor waits for it.
pub const PENDING_LIFETIME: chrono::Duration = chrono::Duration::minutes(5);

/// Sign in with email and password, counted by the throttle and by the account's failures in a
/// row before the password is checked.
pub async fn sign_in(
    pool: &Pool,
    hasher: &Hasher,
    links: &Links,
    client: &ClientInfo,
    request: &LoginRequest,
) -> DomainResult<LoginResponse> {
    if let Some((field, message)) = request.problem(spoken()) {
        return Err(DomainError::invalid(field, message));
    }
    let email = request.email.trim().to_lowercase();
    let found = people::credentials(pool, &email).await?;
    // A worker first: a sign-in the server is too busy to check is refused before it counts.
    let worker = hasher.reserve()?;
    let found_id = found.as_ref().map(|c| c.id);
    let proven = match found_id {
        Some(user_id) => lockout::proven(pool, user_id, Factor::Password, request.unlock.as_deref()).await?,
        None => false,
    };
    let subject = Subject {
        secret: Secret::Password,
        account: &email,
        user_id: found_id,
        client: client.ip,
        proven,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(said().attempt_sign_in))?;
    if let Some(user_id) = found_id {
        if lockout::begin(pool, user_id, Factor::Password, proven).await? == Gate::Locked {
            record_failure(pool, user_id, client, Failure::Locked(Factor::Password)).await?;
            return Err(lockout::refuse(pool, links, user_id, Factor::Password).await?);
        }
    }
    let stored = found.as_ref().and_then(|c| c.password_hash.clone());
    let matched = worker.check(&request.password, stored).await?;
    let user = match found.filter(|_| matched) {
        Some(user) => user,
        None => {
            if let Some(user_id) = found_id {
                record_failure(pool, user_id, client, Failure::WrongPassword).await?;
            }
            return Err(DomainError::new(
                Kind::Unauthenticated,
                "invalid_credentials",
                said().wrong_credentials.to_owned(),
            )
            .at("password"));
        }
    };
    if user.disabled {
        let mut tx = db::write(pool).await?;
        attempt.succeeded(&mut tx).await?;
        lockout::succeeded(&mut tx, user.id, Factor::Password).await?;
        tx.commit().await?;
        return Err(account_disabled());
    }
    // The right password, where the organization requires single sign-on: said only now, so the
    // refusal tells nobody without the password whose organization this is.
    {
        let mut tx = db::write(pool).await?;
        if crate::sso_sign_in::password_refused(&mut tx, user.id).await? {
            attempt.succeeded(&mut tx).await?;
            lockout::succeeded(&mut tx, user.id, Factor::Password).await?;
            tx.commit().await?;
            return Err(crate::sso_sign_in::sso_required());
        }
    }
    // With two-factor sign-in the password opens a session that opens nothing until the code.
    let stage = if user.two_factor { Stage::TwoFactor } else { Stage::Full };
    let mut tx = db::write(pool).await?;
    match stage {
        Stage::Full => attempt.succeeded(&mut tx).await?,
        Stage::TwoFactor => attempt.succeeded_in_part(&mut tx).await?,
    }
    lockout::succeeded(&mut tx, user.id, Factor::Password).await?;
    let (token, expires_at) = open(&mut tx, user.id, stage, client).await?;
    if stage == Stage::Full {
        record_sign_in(&mut tx, user.id, client, None).await?;
    }
    tx.commit().await?;
    let me = me(pool, user.id).await?;
    Ok(LoginResponse {
        token,
        expires_at: iso(expires_at),
        next: next_step(stage, &me),
        me,
    })
}

/// The refusal of a disabled account that proved its password (at sign-in and when accepting).
pub fn account_disabled() -> DomainError {
    DomainError::refused("account_disabled", said().account_disabled.to_owned())
}

/// What the new session still needs.
pub fn next_step(stage: Stage, me: &Me) -> SignInStep {
    match stage {
        Stage::TwoFactor => SignInStep::TwoFactor,
        Stage::Full if me.must_set_up_two_factor => SignInStep::SetUpTwoFactor,
        Stage::Full => SignInStep::Done,
    }
}

/// A completed sign-in in the person's organization's activity log (`extra`: what else happened,
/// a recovery code used).
pub(crate) async fn record_sign_in(
    tx: &mut Tx,
    user_id: i64,
    client: &ClientInfo,
    extra: Option<Change>,
) -> DomainResult<()> {
    if let Some((org_id, role)) = membership(tx, user_id).await? {
        let actor = Actor {
            user_id,
            org_id,
            role,
            client: client.clone(),
        };
        let signed_in = Change::new(ActivityKey::SessionCreate).to(user_id);
        activity::record(tx, org_id, By::Actor(&actor), signed_in).await?;
        if let Some(change) = extra {
            activity::record(tx, org_id, By::Actor(&actor), change).await?;
        }
    }
    Ok(())
}

fn wrong_code() -> DomainError {
    DomainError::new(Kind::Unauthenticated, "invalid_code", said().wrong_code.to_owned()).at("code")
}

/// The second step of signing in: an authentication code (each code works once) or a recovery
/// code (each works once), throttled like passwords and counted against the account whatever the
/// address. The pending session then ends and a new one opens, so a token seen before the code
/// (in a log, by a script on the page) is worth nothing after it.
#[allow(clippy::too_many_arguments)]
pub async fn second_factor(
    pool: &Pool,
    hasher: &Hasher,
    keys: &SecretKeys,
    links: &Links,
    client: &ClientInfo,
    session: &SessionUser,
    request: &TwoFactorCode,
    pending_token: &str,
) -> DomainResult<LoginResponse> {
    let code = request.code.as_str();
    if code.trim().is_empty() || code.chars().count() > 64 {
        return Err(DomainError::invalid("code", said().enter_code.to_owned()));
    }
    let user_id = session.user_id;
    let email = people::email_of(pool, user_id).await?;
    let proven = lockout::proven(pool, user_id, Factor::Code, request.unlock.as_deref()).await?;
    let subject = Subject {
        secret: Secret::SecondFactor,
        account: &email,
        user_id: Some(user_id),
        client: client.ip,
        proven,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(said().attempt_code))?;
    if lockout::begin(pool, user_id, Factor::Code, proven).await? == Gate::Locked {
        record_failure(pool, user_id, client, Failure::Locked(Factor::Code)).await?;
        return Err(lockout::refuse(pool, links, user_id, Factor::Code).await?);
    }
    let matched = two_factor::find_code(pool, hasher, keys, user_id, code).await?;
    let mut tx = db::write(pool).await?;
    let used = match &matched {
        Some(matched) if two_factor::spend(&mut tx, user_id, matched).await? => matched.factor(),
        _ => {
            tx.rollback().await?;
            record_failure(pool, user_id, client, Failure::WrongCode(SecondFactor::of(code))).await?;
            return Err(wrong_code());
        }
    };
    let now = common::now();
    let hash = token_hash(pending_token);
    let ended = sqlx::query!(
        "UPDATE sessions SET revoked_at = $1
         WHERE token_hash = $2 AND stage = 'two_factor' AND revoked_at IS NULL AND expires_at > $1",
        now,
        hash
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if ended == 0 {
        return Err(DomainError::unauthorized());
    }
    attempt.succeeded(&mut tx).await?;
    lockout::succeeded(&mut tx, user_id, Factor::Code).await?;
    let (token, expires_at) = open(&mut tx, user_id, Stage::Full, client).await?;
    let extra = (used == SecondFactor::RecoveryCode).then(|| Change::new(ActivityKey::RecoveryCodeUse).to(user_id));
    record_sign_in(&mut tx, user_id, client, extra).await?;
    tx.commit().await?;
    let me = me(pool, user_id).await?;
    Ok(LoginResponse {
        token,
        expires_at: iso(expires_at),
        next: next_step(Stage::Full, &me),
        me,
    })
}

/// Why a sign-in of a known account failed.
#[derive(Clone, Copy, Debug)]
enum Failure {
    WrongPassword,
    WrongCode(SecondFactor),
    /// The factor waits for proof by mail, and the attempt brought none.
    Locked(Factor),
}

/// A failed sign-in of a person in an organization is in that organization's activity log, with
/// the factor that failed: its admins see a guess at a code as well as at a password.
async fn record_failure(pool: &Pool, user_id: i64, client: &ClientInfo, failure: Failure) -> DomainResult<()> {
    let (reason, factor) = match failure {
        Failure::WrongPassword => (FailReason::WrongPassword, FailedFactor::Password),
        Failure::WrongCode(SecondFactor::AuthenticatorCode) => (FailReason::WrongCode, FailedFactor::AuthenticatorCode),
        Failure::WrongCode(SecondFactor::RecoveryCode) => (FailReason::WrongCode, FailedFactor::RecoveryCode),
        Failure::Locked(Factor::Password) => (FailReason::Locked, FailedFactor::Password),
        Failure::Locked(Factor::Code) => (FailReason::Locked, FailedFactor::Code),
    };
    let mut tx = db::write(pool).await?;
    if let Some((org_id, _)) = membership(&mut tx, user_id).await? {
        let change = Change::new(ActivityKey::SessionFail)
            .to(user_id)
            .with(Params::SignInFailed(SignInFailed { reason, factor }));
        activity::record(&mut tx, org_id, By::Client(client), change).await?;
    }
    Ok(tx.commit().await?)
}

/// The person's organization and role in it, read inside a transaction.
pub async fn membership(tx: &mut Tx, user_id: i64) -> DomainResult<Option<(i64, OrgRole)>> {
    let row = sqlx::query!(
        r#"SELECT org_id, org_role AS "org_role: OrgRole" FROM org_members WHERE user_id = $1"#,
        user_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|r| (r.org_id, r.org_role)))
}

/// Open a session, inside the transaction that signs the person in (sign-in, or accepting an
/// invitation), and count the sign-in once it is complete. Returns the token and its expiry.
pub async fn open(tx: &mut Tx, user_id: i64, stage: Stage, client: &ClientInfo) -> DomainResult<(String, Timestamp)> {
    let now = common::now();
    if stage == Stage::Full {
        sqlx::query!(
            "UPDATE users SET sign_in_count = sign_in_count + 1, last_sign_in_at = $1 WHERE id = $2",
            now,
            user_id
        )
        .execute(&mut **tx)
        .await?;
    }
    let lifetime = match stage {
        Stage::Full => LIFETIME,
        Stage::TwoFactor => PENDING_LIFETIME,
    };
    let token = new_token();
    let (hash, expires_at, stage) = (token_hash(&token), now + lifetime, stage.as_str());
    let (public_id, ip) = (new_public_id(), client.ip.to_string());
    sqlx::query!(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, stage, public_id, last_active_at, ip, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6, $3, $7, $8)",
        hash,
        user_id,
        now,
        expires_at,
        stage,
        public_id,
        ip,
        client.user_agent
    )
    .execute(&mut **tx)
    .await?;
    Ok((token, expires_at))
}

/// End every session of the account but `keep` (a new password, a reset).
pub async fn revoke_others(tx: &mut Tx, user_id: i64, keep: Option<&str>) -> DomainResult<u64> {
    let (now, keep) = (common::now(), keep.map(token_hash));
    Ok(sqlx::query!(
        "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $3",
        now,
        user_id,
        keep
    )
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// What a session is called by outside its owner's browser: 96 random bits in hex, not its token.
fn new_public_id() -> String {
    token_hash(&new_token())[..24].to_string()
}

/// Whether a request marks its session as in use (people's requests do; an event stream's checks
/// on its own session do not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touch {
    Yes,
    No,
}

/// "Last active" is written at most this often per session (or a twentieth of the idle timeout,
/// when that is shorter, so "Stay signed in" a minute before the end always counts): a page's
/// burst of requests is one write, not one per request.
const ACTIVE_EVERY: chrono::Duration = chrono::Duration::minutes(1);

/// How long a session may go without a request a person made before it ends (`--idle-timeout`).
pub const IDLE_TIMEOUT: chrono::Duration = chrono::Duration::hours(2);

/// The person behind a live session, or none: not revoked, not past its 12 hours, and used by a
/// person within `idle` (requests marked as the app's own background work do not count).
pub async fn user_of(
    pool: &Pool,
    token: &str,
    touch: Touch,
    idle: chrono::Duration,
) -> DomainResult<Option<SessionUser>> {
    let (hash, now) = (token_hash(token), common::now());
    let idle_since = now - idle;
    let row = db::with_two_factor_required!(query!(
        r#"SELECT s.user_id, m.org_id AS "org_id?", m.org_role AS "org_role?: OrgRole", s.stage AS "stage: Stage",
                  s.last_active_at AS "last_active_at: Timestamp",
                  ("#,
        r#" AND u.totp_enabled_at IS NULL AND NOT s.via_sso) AS "must_set_up_two_factor!: bool"
           FROM sessions s
           JOIN users u ON u.id = s.user_id
           LEFT JOIN org_members m ON m.user_id = s.user_id
           LEFT JOIN orgs o ON o.id = m.org_id
           WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_active_at > $3
             AND NOT u.disabled"#,
        hash,
        now,
        idle_since
    ))
    .fetch_optional(pool)
    .await?;
    if let Some(row) = &row {
        if touch == Touch::Yes && row.last_active_at < now - ACTIVE_EVERY.min(idle / 20) {
            sqlx::query!(
                "UPDATE sessions SET last_active_at = $1 WHERE token_hash = $2",
                now,
                hash
            )
            .execute(pool)
            .await?;
        }
    }
    Ok(row.map(|r| SessionUser {
        user_id: r.user_id,
        org: r.org_id.zip(r.org_role),
        stage: r.stage,
        must_set_up_two_factor: r.must_set_up_two_factor,
    }))
}

/// When the live session behind `token` ends, at the latest and without a person's request.
pub async fn times(pool: &Pool, token: &str, idle: chrono::Duration) -> DomainResult<Option<SessionTimes>> {
    let (hash, now) = (token_hash(token), common::now());
    let idle_since = now - idle;
    let row = sqlx::query!(
        r#"SELECT expires_at AS "expires_at: Timestamp", last_active_at AS "last_active_at: Timestamp"
           FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_active_at > $3"#,
        hash,
        now,
        idle_since
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| {
        let idle_end = (r.last_active_at + idle).min(r.expires_at);
        SessionTimes {
            expires_at: iso(r.expires_at),
            idle_expires_at: iso(idle_end),
            idle_timeout_seconds: idle.num_seconds().max(0) as u64,
            idle_seconds_left: (idle_end - now).num_seconds().max(0) as u64,
        }
    }))
}

/// The person's live sessions, the most recently active first; `token` is the one asking.
pub async fn list(pool: &Pool, user_id: i64, token: &str, idle: chrono::Duration) -> DomainResult<Vec<SessionSummary>> {
    let (now, current) = (common::now(), token_hash(token));
    let idle_since = now - idle;
    let rows = sqlx::query!(
        r#"SELECT token_hash AS "token_hash!", public_id, ip, user_agent, created_at AS "created_at: Timestamp",
                  last_active_at AS "last_active_at: Timestamp"
           FROM sessions
           WHERE user_id = $1 AND stage = 'full' AND revoked_at IS NULL AND expires_at > $2 AND last_active_at > $3
           ORDER BY last_active_at DESC, created_at DESC"#,
        user_id,
        now,
        idle_since
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (browser, system) = contract::browser_and_system(r.user_agent.as_deref().unwrap_or(""));
            SessionSummary {
                id: r.public_id,
                browser: browser.map(String::from),
                system: system.map(String::from),
                ip: r.ip,
                signed_in_at: iso(r.created_at),
                last_active_at: iso(r.last_active_at),
                current: r.token_hash == current,
            }
        })
        .collect())
}

fn no_such_session() -> DomainError {
    DomainError::new(Kind::NotFound, "not_found", said().session_ended_already.to_owned())
}

/// End one of the person's own sessions by its public id (not the one asking: that is signing
/// out). Not found when it is not theirs, or not live.
pub async fn end(pool: &Pool, person: &Person<'_>, token: &str, public_id: &str) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    let (now, current) = (common::now(), token_hash(token));
    let ended = sqlx::query!(
        "UPDATE sessions SET revoked_at = $1
         WHERE public_id = $2 AND user_id = $3 AND token_hash <> $4 AND revoked_at IS NULL AND expires_at > $1",
        now,
        public_id,
        person.user_id,
        current
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if ended == 0 {
        return Err(no_such_session());
    }
    let one = SessionsEnded {
        ended: 1,
        which: WhichSessions::One,
    };
    record_ended(&mut tx, person, one).await?;
    tx.commit().await?;
    Ok(())
}

/// "Sign out other sessions": every live session of the person but the one asking.
pub async fn end_others(pool: &Pool, person: &Person<'_>, token: &str) -> DomainResult<u64> {
    let mut tx = db::write(pool).await?;
    let ended = revoke_others(&mut tx, person.user_id, Some(token)).await?;
    if ended > 0 {
        let others = SessionsEnded {
            ended: ended as i64,
            which: WhichSessions::Others,
        };
        record_ended(&mut tx, person, others).await?;
    }
    tx.commit().await?;
    Ok(ended)
}

/// Sessions ended from another one are in the person's organization's log, as a sign-out.
async fn record_ended(tx: &mut Tx, person: &Person<'_>, ended: SessionsEnded) -> DomainResult<()> {
    let change = Change::new(ActivityKey::SessionDestroy).with(Params::SessionsEnded(ended));
    record_own(tx, person, change).await
}

/// Record `change`, which the person made to their own account, in their organization's log if
/// they are in one (its target is the person).
pub async fn record_own(tx: &mut Tx, person: &Person<'_>, change: Change) -> DomainResult<()> {
    if let Some((org_id, role)) = membership(tx, person.user_id).await? {
        let actor = Actor {
            user_id: person.user_id,
            org_id,
            role,
            client: person.client.clone(),
        };
        activity::record(tx, org_id, By::Actor(&actor), change.to(person.user_id)).await?;
    }
    Ok(())
}

/// Sign out: the session is revoked, so the token is useless from now on.
pub async fn sign_out(pool: &Pool, token: &str, actor: Option<&Actor>) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    let (now, hash) = (common::now(), token_hash(token));
    let revoked = sqlx::query!(
        "UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
        now,
        hash
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if let (1, Some(actor)) = (revoked, actor) {
        let change = Change::new(ActivityKey::SessionDestroy).to(actor.user_id);
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Forget sessions that ended more than a day ago.
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let cutoff = common::now() - chrono::Duration::days(1);
    Ok(sqlx::query!(
        "DELETE FROM sessions WHERE expires_at < $1 OR (revoked_at IS NOT NULL AND revoked_at < $1)",
        cutoff
    )
    .execute(pool)
    .await?
    .rows_affected())
}

/// The signed-in person and their place in their organization.
pub async fn me(pool: &Pool, user_id: i64) -> DomainResult<Me> {
    let row = sqlx::query!(
        r#"SELECT u.id AS "id!", u.email, u.firstname, u.lastname, u.totp_enabled_at IS NOT NULL AS "two_factor!: bool",
                  o.id AS "org_id?", o.name AS "org_name?", o.slug AS "org_slug?", m.org_role AS "org_role?: OrgRole"
           FROM users u LEFT JOIN org_members m ON m.user_id = u.id LEFT JOIN orgs o ON o.id = m.org_id
           WHERE u.id = $1"#,
        user_id
    )
    .fetch_one(pool)
    .await?;
    let mut must_set_up_two_factor = false;
    let org = match (row.org_id, row.org_name, row.org_slug, row.org_role) {
        (Some(id), Some(name), Some(slug), Some(org_role)) => {
            let access = settings::stored(pool, id).await?.access;
            must_set_up_two_factor = access.require_two_factor && !row.two_factor;
            Some(Membership {
                id,
                name,
                slug,
                org_role,
                can_add_spaces: contract::may_add_spaces(org_role, &access),
                billing_open: contract::allows(org_role, contract::Permission::ManageSubscription)
                    && billing::is_open(pool, id).await?,
            })
        }
        _ => None,
    };
    Ok(Me {
        user: people::profile(row.id, row.email, row.firstname, row.lastname, row.two_factor),
        org,
        must_set_up_two_factor,
    })
}
