//! Invitations: owners and admins invite people by email with a role; the invitee accepts with the
//! code, sets a password (or proves an existing account's) and is signed in. Acceptance, revocation
//! and resending each claim the invitation with one guarded statement, so exactly one of an accept
//! and a revoke racing each other wins.

use crate::lang::spoken;
use axum::http::StatusCode;
use contract::{
    check_invite, AcceptInvitation, ActivityKey, Invitation, InviteRequest, IssuedInvitations, LoginResponse, OrgRole,
    Permission, MIN_PASSWORD_LEN,
};
use serde_json::json;

use crate::auth::password::Hasher;
use crate::client::ClientInfo;
use crate::db::{self, Pool, Tx};
use crate::domain::activity::{self, By, Change};
use crate::domain::mail::{self, Links, MailKind};
use crate::domain::sessions::{self, new_token, token_hash};
use crate::domain::throttle::{self, Secret, Subject};
use crate::domain::{authorize, Actor};
use crate::error::{ApiError, ApiResult};

/// How long an invitation can be accepted.
pub const LIFETIME: chrono::Duration = chrono::Duration::days(7);

fn expiry() -> String {
    db::timestamp(chrono::Utc::now() + LIFETIME)
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    email: String,
    org_id: i64,
    expires_at: String,
    org_role: String,
    inviter_id: i64,
    #[sqlx(try_from = "crate::db::Flag")]
    registered: bool,
}

impl InvitationRow {
    fn into_invitation(self) -> Option<Invitation> {
        Some(Invitation {
            id: self.id,
            email: self.email,
            org_id: self.org_id,
            expires_at: self.expires_at,
            org_role: OrgRole::parse(&self.org_role)?,
            inviter_id: self.inviter_id,
            registered: self.registered,
            mail: None,
        })
    }
}

const PENDING: &str = "SELECT i.id, i.email, i.org_id, i.expires_at, i.org_role, i.inviter_id,
        EXISTS (SELECT 1 FROM users u WHERE u.email = i.email AND u.password_hash IS NOT NULL) AS registered
     FROM invitations i
     WHERE i.org_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND ($2 IS NULL OR i.id = $2)
     ORDER BY i.created_at DESC, i.id DESC";

/// The organization's open invitations (or just `only`), newest first. Expired ones are included
/// so they can be resent.
pub async fn pending(pool: &Pool, org_id: i64, only: Option<i64>) -> Result<Vec<Invitation>, sqlx::Error> {
    let rows: Vec<InvitationRow> = sqlx::query_as(PENDING).bind(org_id).bind(only).fetch_all(pool).await?;
    with_mail(
        pool,
        rows.into_iter().filter_map(InvitationRow::into_invitation).collect(),
    )
    .await
}

/// Each invitation with how its latest mail is doing.
async fn with_mail(pool: &Pool, mut invitations: Vec<Invitation>) -> Result<Vec<Invitation>, sqlx::Error> {
    let ids: Vec<i64> = invitations.iter().map(|i| i.id).collect();
    let mut states = mail::latest(pool, MailKind::Invitation, &ids).await?;
    for invitation in &mut invitations {
        invitation.mail = states.remove(&invitation.id);
    }
    Ok(invitations)
}

/// Queue the invitation's mail: the code goes only to the invited address, in the link's fragment.
async fn send_invitation(
    tx: &mut Tx,
    links: &Links,
    actor: &Actor,
    id: i64,
    email: &str,
    role: OrgRole,
    code: &str,
) -> Result<(), sqlx::Error> {
    let brand = mail::brand_of(tx, actor.org_id).await?;
    let slug: String = sqlx::query_scalar("SELECT slug FROM orgs WHERE id = $1")
        .bind(actor.org_id)
        .fetch_one(&mut **tx)
        .await?;
    let inviter = crate::domain::people::name_of(tx, actor.user_id)
        .await?
        .unwrap_or_else(|| crate::say!("Someone", "Jemand"));
    let link = links.branded(Some(&slug), "/accept-invitation", &format!("code={code}"));
    let letter = mail::invitation(&brand, email, &inviter, role, &link);
    mail::enqueue(tx, Some(actor.org_id), MailKind::Invitation, id, letter).await
}

async fn pending_in(tx: &mut Tx, org_id: i64, id: i64) -> Result<Option<Invitation>, sqlx::Error> {
    let row: Option<InvitationRow> = sqlx::query_as(PENDING)
        .bind(org_id)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.and_then(InvitationRow::into_invitation))
}

/// Invite one or several addresses with one role, each by mail. All or nothing: one refused
/// address refuses the request, and the message names it.
pub async fn create(
    pool: &Pool,
    links: &Links,
    actor: &Actor,
    request: &InviteRequest,
) -> ApiResult<IssuedInvitations> {
    let emails = request
        .addresses(spoken())
        .map_err(|(field, message)| ApiError::invalid(field, message))?;
    let mut tx = db::write(pool).await?;
    let role = authorize(&mut tx, actor, Permission::InviteUsers).await?;
    check_invite(role, request.org_role)?;
    let settings: String = sqlx::query_scalar("SELECT settings FROM orgs WHERE id = $1")
        .bind(actor.org_id)
        .fetch_one(&mut *tx)
        .await?;
    let access = serde_json::from_str::<contract::StoredSettings>(&settings)
        .unwrap_or_default()
        .access;
    if let Some(outside) = emails.iter().find(|e| !contract::email_domain_allowed(&access, e)) {
        return Err(ApiError::invalid(
            "emails",
            crate::say!(
                "“{outside}” is not at a domain your organization invites from ({}).",
                "„{outside}“ liegt nicht an einer Domain, an die Ihre Organisation einlädt ({}).",
                access.allowed_email_domains.join(", ")
            ),
        ));
    }
    for email in &emails {
        refuse_if_taken(&mut tx, actor.org_id, email).await?;
    }
    let single = emails.len() == 1;
    let mut issued = Vec::new();
    for email in &emails {
        let code = new_token();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO invitations (org_id, email, org_role, inviter_id, token_hash, created_at, expires_at, firstname, lastname)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(actor.org_id)
        .bind(email)
        .bind(request.org_role.as_str())
        .bind(actor.user_id)
        .bind(token_hash(&code))
        .bind(db::now())
        .bind(expiry())
        .bind(if single { request.firstname.trim() } else { "" })
        .bind(if single { request.lastname.trim() } else { "" })
        .fetch_one(&mut *tx)
        .await?;
        let change = Change::new(ActivityKey::InvitationCreate)
            .on(id, email.clone())
            .with(json!({ "email": email, "org_role": request.org_role }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
        send_invitation(&mut tx, links, actor, id, email, request.org_role, &code).await?;
        issued.push(id);
    }
    tx.commit().await?;
    let mut invitations = Vec::new();
    for id in issued {
        invitations.extend(pending(pool, actor.org_id, Some(id)).await?);
    }
    Ok(IssuedInvitations { invitations })
}

async fn refuse_if_taken(tx: &mut Tx, org_id: i64, email: &str) -> ApiResult<()> {
    let membership: Option<i64> =
        sqlx::query_scalar("SELECT m.org_id FROM org_members m JOIN users u ON u.id = m.user_id WHERE u.email = $1")
            .bind(email)
            .fetch_optional(&mut **tx)
            .await?;
    match membership {
        Some(id) if id == org_id => {
            return Err(
                ApiError::conflict("already_member", format!("{email} is already in the organization.")).at("emails"),
            )
        }
        Some(_) => {
            return Err(ApiError::conflict(
                "other_organization",
                format!("{email} belongs to another organization and cannot be invited."),
            )
            .at("emails"))
        }
        None => {}
    }
    let db::Flag(invited) = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE org_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL)",
    )
    .bind(org_id)
    .bind(email)
    .fetch_one(&mut **tx)
    .await?;
    if invited {
        return Err(ApiError::conflict(
            "already_invited",
            format!("{email} is already invited. Resend that invitation instead."),
        )
        .at("emails"));
    }
    Ok(())
}

/// The open invitation, when the actor may manage it now (an admin cannot touch an owner
/// invitation).
async fn managed(tx: &mut Tx, actor: &Actor, id: i64) -> ApiResult<Invitation> {
    let role = authorize(tx, actor, Permission::InviteUsers).await?;
    let invitation = pending_in(tx, actor.org_id, id)
        .await?
        .ok_or_else(|| ApiError::not_found("The invitation"))?;
    check_invite(role, invitation.org_role)?;
    Ok(invitation)
}

/// A new mail with a new code and a new expiry; the old code stops working.
pub async fn resend(pool: &Pool, links: &Links, actor: &Actor, id: i64) -> ApiResult<Invitation> {
    let mut tx = db::write(pool).await?;
    let invitation = managed(&mut tx, actor, id).await?;
    let code = new_token();
    let renewed = sqlx::query(
        "UPDATE invitations SET token_hash = $1, expires_at = $2
         WHERE id = $3 AND org_id = $4 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(token_hash(&code))
    .bind(expiry())
    .bind(id)
    .bind(actor.org_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if renewed == 0 {
        return Err(ApiError::not_found("The invitation"));
    }
    let change = Change::new(ActivityKey::InvitationResend)
        .on(id, invitation.email.clone())
        .with(json!({ "email": invitation.email }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    send_invitation(&mut tx, links, actor, id, &invitation.email, invitation.org_role, &code).await?;
    tx.commit().await?;
    pending(pool, actor.org_id, Some(id))
        .await?
        .pop()
        .ok_or_else(ApiError::internal)
}

/// The invitation can no longer be accepted.
pub async fn revoke(pool: &Pool, actor: &Actor, id: i64) -> ApiResult<()> {
    let mut tx = db::write(pool).await?;
    let invitation = managed(&mut tx, actor, id).await?;
    let revoked = sqlx::query(
        "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(db::now())
    .bind(id)
    .bind(actor.org_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if revoked == 0 {
        return Err(ApiError::not_found("The invitation"));
    }
    let change = Change::new(ActivityKey::InvitationRevoke)
        .on(id, invitation.email.clone())
        .with(json!({ "email": invitation.email, "org_role": invitation.org_role }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct OpenInvitation {
    id: i64,
    org_id: i64,
    email: String,
    org_role: String,
    expires_at: String,
    firstname: String,
    lastname: String,
}

#[derive(sqlx::FromRow)]
struct ExistingUser {
    id: i64,
    password_hash: Option<String>,
    #[sqlx(try_from = "crate::db::Flag")]
    two_factor: bool,
}

fn unknown_code() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "unknown_code",
        crate::say!(
            "This invitation code is not valid, or it was used or revoked.",
            "Dieser Einladungscode ist ungültig, oder er wurde schon benutzt oder zurückgezogen."
        ),
    )
    .at("code")
}

/// What the acceptance does to the account: nothing for an account with a password (it proved
/// it), a first password for an account without one, or a new account.
enum Account {
    /// An existing account that proved its password; `two_factor` when it also owes a code.
    Proven {
        id: i64,
        two_factor: bool,
    },
    SetPassword {
        id: i64,
        phc: String,
    },
    Create {
        phc: String,
    },
}

/// Accept an invitation with its code. The code check (and an existing account's password) is
/// throttled like a sign-in; everything after it is one transaction that first claims the
/// invitation, so a revoke or a second acceptance racing it finds nothing left to claim.
pub async fn accept(
    pool: &Pool,
    hasher: &Hasher,
    client: &ClientInfo,
    request: &AcceptInvitation,
) -> ApiResult<LoginResponse> {
    if let Some((field, message)) = request.problem(spoken()) {
        return Err(ApiError::invalid(field, message));
    }
    let open: Option<OpenInvitation> = sqlx::query_as(
        "SELECT id, org_id, email, org_role, expires_at, firstname, lastname FROM invitations
         WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(token_hash(request.code.trim()))
    .fetch_optional(pool)
    .await?;
    let existing: Option<ExistingUser> = match &open {
        Some(invitation) => {
            sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1")
                .bind(&invitation.email)
                .fetch_optional(pool)
                .await?
        }
        None => None,
    };
    // A new password that is too short is said before anything is counted.
    let has_password = matches!(
        &existing,
        Some(ExistingUser {
            password_hash: Some(_),
            ..
        })
    );
    if open.is_some() && !has_password && request.password.chars().count() < MIN_PASSWORD_LEN {
        return Err(ApiError::invalid(
            "password",
            crate::say!(
                "Choose a password of at least {MIN_PASSWORD_LEN} characters.",
                "Wählen Sie ein Passwort mit mindestens {MIN_PASSWORD_LEN} Zeichen."
            ),
        ));
    }
    // A worker first: an acceptance the server is too busy to check is refused before it counts.
    let worker = hasher.reserve()?;
    let subject = Subject {
        secret: Secret::InvitationCode,
        account: open.as_ref().map(|i| i.email.as_str()).unwrap_or(""),
        user_id: existing.as_ref().map(|u| u.id),
        client: client.ip,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(("invitation", "Einladung")))?;
    let invitation = open.ok_or_else(unknown_code)?;
    if invitation.expires_at <= db::now() {
        return Err(ApiError::conflict(
            "expired",
            crate::say!(
                "This invitation has expired. Ask for a new one: it can be resent.",
                "Diese Einladung ist abgelaufen. Bitten Sie um eine neue: Sie kann erneut gesendet werden."
            ),
        )
        .at("code"));
    }
    let role = OrgRole::parse(&invitation.org_role).ok_or_else(ApiError::internal)?;
    let account = match existing {
        Some(ExistingUser {
            id,
            password_hash: Some(phc),
            two_factor,
        }) => {
            if !worker.check(&request.password, Some(phc)).await? {
                return Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "invalid_credentials",
                    crate::say!(
                        "This address already has an account: enter its password to accept.",
                        "Zu dieser Adresse gibt es schon ein Konto: Geben Sie dessen Passwort ein, um anzunehmen."
                    ),
                )
                .at("password"));
            }
            Account::Proven { id, two_factor }
        }
        other => {
            let phc = worker.hash(&request.password).await?;
            match other {
                Some(user) => Account::SetPassword { id: user.id, phc },
                None => Account::Create { phc },
            }
        }
    };
    let mut tx = db::write(pool).await?;
    attempt.succeeded(&mut tx).await?;
    let claimed = sqlx::query(
        "UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
         AND expires_at > $1",
    )
    .bind(db::now())
    .bind(invitation.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Err(unknown_code());
    }
    let first = Some(request.firstname.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or(&invitation.firstname)
        .to_string();
    let last = Some(request.lastname.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or(&invitation.lastname)
        .to_string();
    // An account with two-factor sign-in gets its session once it gives a code, as at sign-in.
    let stage = match account {
        Account::Proven { two_factor: true, .. } => sessions::Stage::TwoFactor,
        _ => sessions::Stage::Full,
    };
    let user_id = match account {
        Account::Proven { id, .. } => id,
        Account::SetPassword { id, phc } => {
            let set = sqlx::query(
                "UPDATE users SET password_hash = $1, firstname = $2, lastname = $3 WHERE id = $4 AND password_hash IS NULL",
            )
            .bind(phc)
            .bind(&first)
            .bind(&last)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if set == 0 {
                return Err(ApiError::conflict(
                    "account_changed",
                    crate::say!(
                        "This account was set up meanwhile. Sign in with its password and accept again.",
                        "Dieses Konto wurde inzwischen eingerichtet. Melden Sie sich mit seinem Passwort an und nehmen Sie erneut an."
                    ),
                )
                .at("password"));
            }
            id
        }
        Account::Create { phc } => sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, firstname, lastname, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(&invitation.email)
        .bind(&first)
        .bind(&last)
        .bind(phc)
        .bind(db::now())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            ApiError::conflict(
                "account_changed",
                crate::say!(
                    "This account was set up meanwhile. Sign in with its password and accept again.",
                    "Dieses Konto wurde inzwischen eingerichtet. Melden Sie sich mit seinem Passwort an und nehmen Sie erneut an."
                ),
            )
            .at("password")
        })?,
    };
    let joined = sqlx::query(
        "INSERT INTO org_members (org_id, user_id, org_role, created_at)
         SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM org_members WHERE user_id = $2)",
    )
    .bind(invitation.org_id)
    .bind(user_id)
    .bind(role.as_str())
    .bind(db::now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if joined == 0 {
        return Err(ApiError::conflict(
            "other_organization",
            crate::say!(
                "This account already belongs to an organization.",
                "Dieses Konto gehört schon zu einer Organisation."
            ),
        )
        .at("code"));
    }
    let actor = Actor {
        user_id,
        org_id: invitation.org_id,
        role,
        client: client.clone(),
    };
    let change = Change::new(ActivityKey::InvitationAccept)
        .on(invitation.id, invitation.email.clone())
        .to(user_id)
        .with(json!({ "email": invitation.email, "org_role": role }));
    activity::record(&mut tx, invitation.org_id, By::Actor(&actor), change).await?;
    let (token, expires_at) = sessions::open(&mut tx, user_id, stage).await?;
    tx.commit().await?;
    let me = sessions::me(pool, user_id).await?;
    Ok(LoginResponse {
        token,
        expires_at,
        next: sessions::next_step(stage, &me),
        me,
    })
}
