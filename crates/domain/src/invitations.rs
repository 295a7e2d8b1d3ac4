//! Invitations: owners and admins invite people by email with a role; the invitee accepts with the
//! code, sets a password (or proves an existing account's) and is signed in. Acceptance, revocation
//! and resending each claim the invitation with one guarded statement, so exactly one of an accept
//! and a revoke racing each other wins.

use common::mail::{self as letters, Links, MailKind};
use common::password::Hasher;
use common::session::Stage;
use common::text::{fill, said};
use common::tokens::{new_token, token_hash};
use common::{iso, spoken, Actor, ClientInfo, DomainError, DomainResult, Kind, Timestamp};
use contract::activity_params::Invited;
use contract::Params;
use contract::{
    check_invite, AcceptInvitation, ActivityKey, Invitation, InviteRequest, IssuedInvitations, LoginResponse, OrgRole,
    Permission, StoredSettings,
};
use sqlx::types::Json;

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::people::{self, Credentials};
use crate::throttle::{self, Secret, Subject};
use crate::undo::{self, Restore};
use crate::{authorize, outbox, sessions};

/// How long an invitation can be accepted.
pub const LIFETIME: chrono::Duration = chrono::Duration::days(7);

struct InvitationRow {
    id: i64,
    email: String,
    org_id: i64,
    expires_at: Timestamp,
    org_role: OrgRole,
    inviter_id: i64,
    registered: bool,
}

impl InvitationRow {
    fn into_invitation(self) -> Invitation {
        Invitation {
            id: self.id,
            email: self.email,
            org_id: self.org_id,
            expires_at: iso(self.expires_at),
            org_role: self.org_role,
            inviter_id: self.inviter_id,
            registered: self.registered,
            mail: None,
        }
    }
}

/// The organization `$org`'s open invitations (or just the one `$only`), newest first.
macro_rules! pending_query {
    ($org:expr, $only:expr) => {
        sqlx::query_as!(
            InvitationRow,
            r#"SELECT i.id AS "id!", i.email, i.org_id, i.expires_at AS "expires_at: Timestamp",
                      i.org_role AS "org_role: OrgRole", i.inviter_id,
                      EXISTS (SELECT 1 FROM users u WHERE u.email = i.email AND u.password_hash IS NOT NULL)
                          AS "registered!: bool"
               FROM invitations i
               WHERE i.org_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND (i.id = $2 OR $2 IS NULL)
               ORDER BY i.created_at DESC, i.id DESC"#,
            $org,
            $only
        )
    };
}

/// The organization's open invitations (or just `only`), newest first. Expired ones are included
/// so they can be resent.
pub async fn pending(pool: &Pool, org_id: i64, only: Option<i64>) -> DomainResult<Vec<Invitation>> {
    let rows = pending_query!(org_id, only).fetch_all(pool).await?;
    Ok(with_mail(pool, rows.into_iter().map(InvitationRow::into_invitation).collect()).await?)
}

/// Each invitation with how its latest mail is doing.
async fn with_mail(pool: &Pool, mut invitations: Vec<Invitation>) -> DomainResult<Vec<Invitation>> {
    let ids: Vec<i64> = invitations.iter().map(|i| i.id).collect();
    let mut states = outbox::latest(pool, MailKind::Invitation, &ids).await?;
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
) -> DomainResult<()> {
    let brand = outbox::brand_of(tx, actor.org_id).await?;
    let slug = sqlx::query_scalar!("SELECT slug FROM orgs WHERE id = $1", actor.org_id)
        .fetch_one(&mut **tx)
        .await?;
    let inviter = people::name_of(tx, actor.user_id)
        .await?
        .unwrap_or_else(|| said().someone.to_owned());
    let link = links.branded(Some(&slug), "/accept-invitation", &format!("code={code}"));
    let letter = letters::invitation(&brand, email, &inviter, role, &link);
    Ok(outbox::enqueue(tx, Some(actor.org_id), MailKind::Invitation, Some(id), letter).await?)
}

async fn pending_in(tx: &mut Tx, org_id: i64, id: i64) -> DomainResult<Option<Invitation>> {
    let only = Some(id);
    let row = pending_query!(org_id, only).fetch_optional(&mut **tx).await?;
    Ok(row.map(InvitationRow::into_invitation))
}

/// Invite one or several addresses with one role, each by mail. All or nothing: one refused
/// address refuses the request, and the message names it.
pub async fn create(
    pool: &Pool,
    links: &Links,
    actor: &Actor,
    request: &InviteRequest,
) -> DomainResult<IssuedInvitations> {
    let emails = request
        .addresses(spoken())
        .map_err(|(field, message)| DomainError::invalid(field, message))?;
    let mut tx = db::write(pool).await?;
    let role = authorize(&mut tx, actor, Permission::InviteUsers).await?;
    check_invite(role, request.org_role)?;
    let Json(settings) = sqlx::query_scalar!(
        r#"SELECT settings AS "settings: Json<StoredSettings>" FROM orgs WHERE id = $1"#,
        actor.org_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let access = settings.access;
    if let Some(outside) = emails.iter().find(|e| !contract::email_domain_allowed(&access, e)) {
        return Err(DomainError::invalid(
            "emails",
            fill(
                said().outside_domains,
                &[&outside, &access.allowed_email_domains.join(", ")],
            ),
        ));
    }
    for email in &emails {
        refuse_if_taken(&mut tx, actor.org_id, email).await?;
    }
    within_quota(&mut tx, actor.org_id, &emails).await?;
    let single = emails.len() == 1;
    let mut issued = Vec::new();
    let role = request.org_role.as_str();
    let (first, last) = match single {
        true => (request.firstname.trim(), request.lastname.trim()),
        false => ("", ""),
    };
    for email in &emails {
        let code = new_token();
        let (hash, now) = (token_hash(&code), common::now());
        let expires_at = now + LIFETIME;
        let id = sqlx::query_scalar!(
            r#"INSERT INTO invitations (org_id, email, org_role, inviter_id, token_hash, created_at, expires_at, firstname, lastname)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id AS "id!""#,
            actor.org_id,
            email,
            role,
            actor.user_id,
            hash,
            now,
            expires_at,
            first,
            last
        )
        .fetch_one(&mut *tx)
        .await?;
        let change = Change::new(ActivityKey::InvitationCreate)
            .on(id, email.clone())
            .with(Params::Invitation(Invited {
                email: email.clone(),
                org_role: Some(request.org_role),
            }));
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

/// Invitation mails an organization may send in a day, and to one address in a day (resends
/// included): the platform's address must not become a way to flood inboxes under a made-up name.
pub const INVITATIONS_A_DAY: i64 = 200;
pub const INVITATIONS_A_DAY_TO_ONE: i64 = 3;

/// Refuse the request when its mails would pass a quota. Read inside the request's write
/// transaction, so two requests at once cannot both take the last places.
async fn within_quota(tx: &mut Tx, org_id: i64, emails: &[String]) -> DomainResult<()> {
    let since = common::now() - chrono::Duration::days(1);
    let sent = sqlx::query!(
        r#"SELECT COUNT(*) AS "count!: i64", MIN(created_at) AS "oldest?: Timestamp"
           FROM outbox WHERE org_id = $1 AND kind = 'invitation' AND created_at > $2"#,
        org_id,
        since
    )
    .fetch_one(&mut **tx)
    .await?;
    if sent.count + emails.len() as i64 > INVITATIONS_A_DAY {
        let left = (INVITATIONS_A_DAY - sent.count).max(0);
        return Err(over_quota(
            sent.oldest,
            fill(said().invitations_a_day, &[&INVITATIONS_A_DAY, &left]),
        ));
    }
    for email in emails {
        let to_one = sqlx::query!(
            r#"SELECT COUNT(*) AS "count!: i64", MIN(created_at) AS "oldest?: Timestamp"
               FROM outbox WHERE org_id = $1 AND kind = 'invitation' AND created_at > $2 AND recipient = $3"#,
            org_id,
            since,
            email
        )
        .fetch_one(&mut **tx)
        .await?;
        if to_one.count >= INVITATIONS_A_DAY_TO_ONE {
            return Err(over_quota(
                to_one.oldest,
                fill(said().invitations_to_one, &[&email, &INVITATIONS_A_DAY_TO_ONE]),
            ));
        }
    }
    Ok(())
}

/// 429 at the addresses' field, with `Retry-After` until the oldest counted mail is a day old.
fn over_quota(oldest: Option<Timestamp>, message: String) -> DomainError {
    let wait = oldest
        .map(|oldest| {
            (oldest + chrono::Duration::days(1) - common::now())
                .to_std()
                .unwrap_or_default()
        })
        .unwrap_or(std::time::Duration::from_secs(60));
    DomainError::new(Kind::Throttled, "invitation_quota", message)
        .at("emails")
        .retry_after(wait)
}

async fn refuse_if_taken(tx: &mut Tx, org_id: i64, email: &str) -> DomainResult<()> {
    let membership = sqlx::query_scalar!(
        "SELECT m.org_id FROM org_members m JOIN users u ON u.id = m.user_id WHERE u.email = $1",
        email
    )
    .fetch_optional(&mut **tx)
    .await?;
    match membership {
        Some(id) if id == org_id => {
            return Err(
                DomainError::conflict("already_member", format!("{email} is already in the organization."))
                    .at("emails"),
            )
        }
        // An account elsewhere is invited like an unknown address: the answer must not tell the
        // inviter who has an account. Its owner learns on accepting that it cannot join.
        Some(_) | None => {}
    }
    let invited = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM invitations WHERE org_id = $1 AND email = $2 AND accepted_at IS NULL
                          AND revoked_at IS NULL) AS "invited!: bool""#,
        org_id,
        email
    )
    .fetch_one(&mut **tx)
    .await?;
    if invited {
        return Err(DomainError::conflict(
            "already_invited",
            format!("{email} is already invited. Resend that invitation instead."),
        )
        .at("emails"));
    }
    Ok(())
}

/// The open invitation, when the actor may manage it now (an admin cannot touch an owner
/// invitation).
async fn managed(tx: &mut Tx, actor: &Actor, id: i64) -> DomainResult<Invitation> {
    let role = authorize(tx, actor, Permission::InviteUsers).await?;
    let invitation = pending_in(tx, actor.org_id, id)
        .await?
        .ok_or_else(|| DomainError::not_found("The invitation"))?;
    check_invite(role, invitation.org_role)?;
    Ok(invitation)
}

/// A new mail with a new code and a new expiry; the old code stops working.
pub async fn resend(pool: &Pool, links: &Links, actor: &Actor, id: i64) -> DomainResult<Invitation> {
    let mut tx = db::write(pool).await?;
    let invitation = managed(&mut tx, actor, id).await?;
    within_quota(&mut tx, actor.org_id, std::slice::from_ref(&invitation.email)).await?;
    let code = new_token();
    let (hash, expires_at) = (token_hash(&code), common::now() + LIFETIME);
    let renewed = sqlx::query!(
        "UPDATE invitations SET token_hash = $1, expires_at = $2
         WHERE id = $3 AND org_id = $4 AND accepted_at IS NULL AND revoked_at IS NULL",
        hash,
        expires_at,
        id,
        actor.org_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if renewed == 0 {
        return Err(DomainError::not_found("The invitation"));
    }
    let change = Change::new(ActivityKey::InvitationResend)
        .on(id, invitation.email.clone())
        .with(Params::Invitation(Invited {
            email: invitation.email.clone(),
            org_role: None,
        }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    send_invitation(&mut tx, links, actor, id, &invitation.email, invitation.org_role, &code).await?;
    tx.commit().await?;
    pending(pool, actor.org_id, Some(id))
        .await?
        .pop()
        .ok_or_else(DomainError::internal)
}

/// The invitation can no longer be accepted.
pub async fn revoke(pool: &Pool, actor: &Actor, id: i64) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    let invitation = managed(&mut tx, actor, id).await?;
    let now = common::now();
    let revoked = sqlx::query!(
        "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL",
        now,
        id,
        actor.org_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if revoked == 0 {
        return Err(DomainError::not_found("The invitation"));
    }
    let change = Change::new(ActivityKey::InvitationRevoke)
        .on(id, invitation.email.clone())
        .with(Params::Invitation(Invited {
            email: invitation.email.clone(),
            org_role: Some(invitation.org_role),
        }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    let restore = Restore::Invitation { id, revoked_at: now };
    undo::open(&mut tx, actor, &invitation.email, restore).await?;
    tx.commit().await?;
    Ok(())
}

struct OpenInvitation {
    id: i64,
    org_id: i64,
    email: String,
    org_role: OrgRole,
    expires_at: Timestamp,
    firstname: String,
    lastname: String,
}

fn unknown_code() -> DomainError {
    DomainError::new(Kind::NotFound, "unknown_code", said().invitation_invalid.to_owned()).at("code")
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
) -> DomainResult<LoginResponse> {
    if let Some((field, message)) = request.problem(spoken()) {
        return Err(DomainError::invalid(field, message));
    }
    let hash = token_hash(request.code.trim());
    let open = sqlx::query_as!(
        OpenInvitation,
        r#"SELECT id AS "id!", org_id, email, org_role AS "org_role: OrgRole", expires_at AS "expires_at: Timestamp",
                  firstname, lastname
           FROM invitations WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL"#,
        hash
    )
    .fetch_optional(pool)
    .await?;
    // The same read as signing in: an existing account proves itself as it would there.
    let existing = match &open {
        Some(invitation) => people::credentials(pool, &invitation.email).await?,
        None => None,
    };
    // A new password that is too short is said before anything is counted.
    let has_password = existing.as_ref().is_some_and(|u| u.password_hash.is_some());
    if open.is_some() && !has_password {
        if let Some(message) = common::strength::new_password_refusal(&request.password, &[]) {
            return Err(DomainError::invalid("password", message));
        }
    }
    // A worker first: an acceptance the server is too busy to check is refused before it counts.
    let worker = hasher.reserve()?;
    let subject = Subject {
        secret: Secret::InvitationCode,
        account: open.as_ref().map(|i| i.email.as_str()).unwrap_or(""),
        user_id: existing.as_ref().map(|u| u.id),
        client: client.ip,
        proven: false,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(said().attempt_invitation))?;
    let invitation = open.ok_or_else(unknown_code)?;
    if invitation.expires_at <= common::now() {
        return Err(DomainError::conflict("expired", said().invitation_expired.to_owned()).at("code"));
    }
    let role = invitation.org_role;
    let account = match existing {
        Some(Credentials {
            id,
            password_hash: Some(phc),
            disabled,
            two_factor,
        }) => {
            if !worker.check(&request.password, Some(phc)).await? {
                return Err(DomainError::new(
                    Kind::Unauthenticated,
                    "invalid_credentials",
                    said().has_account.to_owned(),
                )
                .at("password"));
            }
            if disabled {
                return Err(sessions::account_disabled());
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
    let now = common::now();
    let claimed = sqlx::query!(
        "UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
         AND expires_at > $1",
        now,
        invitation.id
    )
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
        Account::Proven { two_factor: true, .. } => Stage::TwoFactor,
        _ => Stage::Full,
    };
    let user_id = match account {
        Account::Proven { id, .. } => id,
        Account::SetPassword { id, phc } => {
            let set = sqlx::query!(
                "UPDATE users SET password_hash = $1, firstname = $2, lastname = $3 WHERE id = $4 AND password_hash IS NULL",
                phc,
                first,
                last,
                id
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if set == 0 {
                return Err(account_changed());
            }
            id
        }
        Account::Create { phc } => sqlx::query_scalar!(
            r#"INSERT INTO users (email, firstname, lastname, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (email) DO NOTHING RETURNING id AS "id!""#,
            invitation.email,
            first,
            last,
            phc,
            now
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(account_changed)?,
    };
    let role_text = role.as_str();
    let joined = sqlx::query!(
        "INSERT INTO org_members (org_id, user_id, org_role, created_at)
         SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM org_members WHERE user_id = $2)",
        invitation.org_id,
        user_id,
        role_text,
        now
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if joined == 0 {
        return Err(DomainError::conflict("other_organization", said().in_an_organization.to_owned()).at("code"));
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
        .with(Params::Invitation(Invited {
            email: invitation.email.clone(),
            org_role: Some(role),
        }));
    activity::record(&mut tx, invitation.org_id, By::Actor(&actor), change).await?;
    let (token, expires_at) = sessions::open(&mut tx, user_id, stage, client).await?;
    tx.commit().await?;
    let me = sessions::me(pool, user_id).await?;
    Ok(LoginResponse {
        token,
        expires_at: iso(expires_at),
        next: sessions::next_step(stage, &me),
        me,
    })
}

/// The account was given a password by someone else between the checks and the change.
fn account_changed() -> DomainError {
    DomainError::conflict("account_changed", said().set_up_meanwhile.to_owned()).at("password")
}
