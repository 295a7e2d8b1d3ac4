//! The demo data behind `--seed demo`: "Acme Studio" with its team, customers, spaces and 13 months
//! of daily traffic, personal spaces ready for "Add space", and "Globex" to prove isolation.

use chrono::{Duration, NaiveDate};
use common::{password, DomainResult, Timestamp};
use contract::activity_params::{BeforeAfter, CollaboratorChanged, FieldChange, Invited, RoleChanged, SettingsChanged};
use contract::Params;
use contract::{ActivityKey, OrgRole, Region};

use crate::db::{Pool, Tx};

pub const DEMO_PASSWORD: &str = "demo-password";

struct Person {
    email: &'static str,
    first: &'static str,
    last: &'static str,
    role: OrgRole,
    disabled: bool,
}

const fn person(email: &'static str, first: &'static str, last: &'static str, role: OrgRole) -> Person {
    Person {
        email,
        first,
        last,
        role,
        disabled: false,
    }
}

const ACME_PEOPLE: &[Person] = &[
    person("owner@acme.test", "Olivia", "Owens", OrgRole::Owner),
    person("admin@acme.test", "Adam", "Alvarez", OrgRole::Admin),
    person("member@acme.test", "Mia", "Moreau", OrgRole::Member),
    // The rest of the team.
    person("lena@acme.test", "Lena", "Fischer", OrgRole::Admin),
    person("jonas@acme.test", "Jonas", "Weber", OrgRole::Admin),
    // Customers and external members.
    person("carla@bakery.test", "Carla", "Rossi", OrgRole::Member),
    person("david@northwind.test", "David", "Kim", OrgRole::Member),
    person("erin@contoso.test", "Erin", "O'Brien", OrgRole::Member),
    Person {
        email: "frank@fabrikam.test",
        first: "Frank",
        last: "Novak",
        role: OrgRole::Member,
        disabled: true,
    },
];

const GLOBEX_PEOPLE: &[Person] = &[
    person("admin@globex.test", "Gina", "Gruber", OrgRole::Admin),
    person("owner@globex.test", "Hank", "Scorpio", OrgRole::Owner),
    person("member@globex.test", "Ivy", "Ibsen", OrgRole::Member),
];

/// (name, owner email, plan, [(collaborator email, role)])
type SpaceSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const ACME_SPACES: &[SpaceSpec] = &[
    (
        "Marketing Website",
        "owner@acme.test",
        "premium",
        &[
            ("owner@acme.test", "admin"),
            ("lena@acme.test", "editor"),
            ("carla@bakery.test", "viewer"),
        ],
    ),
    (
        "Product Docs",
        "admin@acme.test",
        "premium",
        &[
            ("admin@acme.test", "admin"),
            ("jonas@acme.test", "editor"),
            ("member@acme.test", "editor"),
            ("david@northwind.test", "viewer"),
        ],
    ),
    (
        "Mobile App",
        "lena@acme.test",
        "premium",
        &[("lena@acme.test", "admin"), ("admin@acme.test", "editor")],
    ),
    (
        "Online Shop",
        "owner@acme.test",
        "premium",
        &[
            ("owner@acme.test", "admin"),
            ("erin@contoso.test", "editor"),
            ("carla@bakery.test", "editor"),
            ("jonas@acme.test", "viewer"),
            ("member@acme.test", "viewer"),
        ],
    ),
    (
        "Blog",
        "jonas@acme.test",
        "starter",
        &[("jonas@acme.test", "admin"), ("lena@acme.test", "editor")],
    ),
    (
        "Careers Portal",
        "admin@acme.test",
        "starter",
        &[("admin@acme.test", "admin")],
    ),
    (
        "Help Center",
        "lena@acme.test",
        "premium",
        &[
            ("lena@acme.test", "admin"),
            ("david@northwind.test", "editor"),
            ("erin@contoso.test", "viewer"),
        ],
    ),
    (
        "Brand Portal",
        "owner@acme.test",
        "starter",
        &[
            ("owner@acme.test", "admin"),
            ("admin@acme.test", "editor"),
            ("frank@fabrikam.test", "viewer"),
        ],
    ),
];

const GLOBEX_SPACES: &[SpaceSpec] = &[
    (
        "Globex Intranet",
        "admin@globex.test",
        "premium",
        &[("admin@globex.test", "admin"), ("member@globex.test", "editor")],
    ),
    (
        "Globex Store",
        "owner@globex.test",
        "premium",
        &[("owner@globex.test", "admin")],
    ),
    (
        "Globex Press",
        "admin@globex.test",
        "starter",
        &[("admin@globex.test", "admin")],
    ),
];

/// The regions demo spaces are kept in, by turns: mostly Europe, some in every other region.
const DEMO_REGIONS: [Region; 8] = [
    Region::Eu,
    Region::Us,
    Region::Eu,
    Region::Ap,
    Region::Ca,
    Region::Eu,
    Region::Us,
    Region::Cn,
];

/// Spaces in personal accounts, in no organization: what "Add space" offers.
const PERSONAL_SPACES: &[(&str, &str)] = &[
    ("Adam's Sandbox", "admin@acme.test"),
    ("Recipe Blog", "admin@acme.test"),
    ("Conference Microsite", "admin@acme.test"),
    ("Olivia's Playground", "owner@acme.test"),
    ("Newsletter Archive", "owner@acme.test"),
    ("Photo Portfolio", "owner@acme.test"),
    ("Gina's Side Project", "admin@globex.test"),
    ("Mia's Moodboard", "member@acme.test"),
];

/// Seed the demo organizations unless the database already holds an organization.
pub async fn demo_if_empty(pool: &Pool) -> DomainResult<bool> {
    let orgs = sqlx::query_scalar!(r#"SELECT COUNT(*) AS "n!: i64" FROM orgs"#)
        .fetch_one(pool)
        .await?;
    if orgs > 0 {
        return Ok(false);
    }
    let mut tx = pool.begin().await?;
    let today = common::today();
    let acme = insert_org(&mut tx, "Acme Studio", "acme-studio").await?;
    insert_people(&mut tx, acme, ACME_PEOPLE).await?;
    insert_spaces(&mut tx, Some(acme), ACME_SPACES, today, 1).await?;
    let globex = insert_org(&mut tx, "Globex", "globex").await?;
    insert_people(&mut tx, globex, GLOBEX_PEOPLE).await?;
    insert_spaces(&mut tx, Some(globex), GLOBEX_SPACES, today, 101).await?;
    for (i, (name, owner)) in PERSONAL_SPACES.iter().enumerate() {
        let spec: SpaceSpec = (name, owner, "starter", &[]);
        insert_spaces(&mut tx, None, &[spec], today, 201 + i as u64).await?;
    }
    tx.commit().await?;
    Ok(true)
}

async fn insert_org(tx: &mut Tx, name: &str, slug: &str) -> DomainResult<i64> {
    let now = common::now();
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO orgs (name, slug, sso_identifier, created_at) VALUES ($1, $2, $2, $3) RETURNING id AS "id!""#,
        name,
        slug,
        now
    )
    .fetch_one(&mut **tx)
    .await?)
}

async fn insert_people(tx: &mut Tx, org_id: i64, people: &[Person]) -> DomainResult<()> {
    let created = ago(Duration::days(400));
    for p in people {
        let (hash, role) = (password::hash(DEMO_PASSWORD), p.role.as_str());
        let user_id = sqlx::query_scalar!(
            r#"INSERT INTO users (email, firstname, lastname, password_hash, created_at, disabled)
               VALUES ($1, $2, $3, $4, $5, $6) RETURNING id AS "id!""#,
            p.email,
            p.first,
            p.last,
            hash,
            created,
            p.disabled
        )
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query!(
            "INSERT INTO org_members (org_id, user_id, org_role, created_at) VALUES ($1, $2, $3, $4)",
            org_id,
            user_id,
            role,
            created
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// So long ago, to the millisecond.
fn ago(duration: Duration) -> Timestamp {
    common::now() - duration
}

async fn user_id(tx: &mut Tx, email: &str) -> DomainResult<i64> {
    Ok(
        sqlx::query_scalar!(r#"SELECT id AS "id!" FROM users WHERE email = $1"#, email)
            .fetch_one(&mut **tx)
            .await?,
    )
}

async fn insert_spaces(
    tx: &mut Tx,
    org_id: Option<i64>,
    specs: &[SpaceSpec],
    today: NaiveDate,
    seed: u64,
) -> DomainResult<()> {
    for (i, (name, owner, plan, collaborators)) in specs.iter().enumerate() {
        let owner_id = user_id(tx, owner).await?;
        // Spaces were created at different times, so the "Spaces" chart has a history.
        let age_days = 395 - (i as i64 * 37) % 300;
        let created = ago(Duration::days(age_days));
        let plan_level: i64 = if *plan == "premium" { 1 } else { 0 };
        let added = org_id.map(|_| created);
        let region = DEMO_REGIONS[(seed as usize + i) % DEMO_REGIONS.len()].as_str();
        let space_id = sqlx::query_scalar!(
            r#"INSERT INTO spaces (name, owner_id, org_id, plan, plan_level, created_at, added_at, region)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id AS "id!""#,
            name,
            owner_id,
            org_id,
            plan,
            plan_level,
            created,
            added,
            region
        )
        .fetch_one(&mut **tx)
        .await?;
        for (email, role) in collaborators.iter() {
            let collaborator = user_id(tx, email).await?;
            sqlx::query!(
                "INSERT INTO space_collaborators (space_id, user_id, role) VALUES ($1, $2, $3)",
                space_id,
                collaborator,
                role
            )
            .execute(&mut **tx)
            .await?;
        }
        insert_traffic(tx, space_id, today, age_days.min(395), seed * 7919 + i as u64).await?;
    }
    Ok(())
}

/// Daily traffic from the space's creation (at most 13 months back) to today: a weekly rhythm,
/// slow growth and noise, from a fixed seed so every demo database is the same.
async fn insert_traffic(tx: &mut Tx, space_id: i64, today: NaiveDate, days: i64, seed: u64) -> DomainResult<()> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let base_requests = 20_000 + (seed % 13) * 9_000;
    for back in (0..days).rev() {
        let date = today - Duration::days(back);
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let noise = 70 + (state >> 33) % 60; // 70..130 percent
        let weekday = chrono::Datelike::weekday(&date).num_days_from_monday();
        let weekly = if weekday >= 5 { 55 } else { 100 };
        let growth = 100 + (days - back) as u64 * 100 / 395 / 2; // up to +50% over the period
        let requests = base_requests * noise * weekly * growth / 1_000_000;
        // About 30 KB per API request on average, varying per space.
        let bytes = (requests * (20_000 + (seed % 7) * 3_000)) as i64;
        let requests = requests as i64;
        sqlx::query!(
            "INSERT INTO traffic (space_id, date, api_requests, total_bytes) VALUES ($1, $2, $3, $4)",
            space_id,
            date,
            requests,
            bytes
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Grow Acme Studio to `spaces` spaces and `users` members with a year of traffic, as the largest
/// organizations have. The extra people have no password: they exist to be listed and counted.
pub async fn grow_acme(pool: &Pool, spaces: usize, users: usize) -> DomainResult<()> {
    let mut tx = pool.begin().await?;
    let org = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM orgs WHERE slug = 'acme-studio'"#)
        .fetch_one(&mut *tx)
        .await?;
    let have_users = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM org_members WHERE org_id = $1"#,
        org
    )
    .fetch_one(&mut *tx)
    .await?;
    let created = ago(Duration::days(200));
    let mut user_ids = Vec::new();
    for i in have_users as usize..users {
        let role = if i % 50 == 0 { OrgRole::Admin } else { OrgRole::Member }.as_str();
        let email = format!("user{i:05}@customers.test");
        let (first, last) = (
            FIRST_NAMES[i % FIRST_NAMES.len()],
            LAST_NAMES[(i / FIRST_NAMES.len()) % LAST_NAMES.len()],
        );
        let sign_ins = (i % 40) as i64;
        let id = sqlx::query_scalar!(
            r#"INSERT INTO users (email, firstname, lastname, created_at, sign_in_count) VALUES ($1, $2, $3, $4, $5)
               RETURNING id AS "id!""#,
            email,
            first,
            last,
            created,
            sign_ins
        )
        .fetch_one(&mut *tx)
        .await?;
        let joined = ago(Duration::days((i % 390) as i64));
        sqlx::query!(
            "INSERT INTO org_members (org_id, user_id, org_role, created_at) VALUES ($1, $2, $3, $4)",
            org,
            id,
            role,
            joined
        )
        .execute(&mut *tx)
        .await?;
        user_ids.push(id);
    }
    let have_spaces = sqlx::query_scalar!(r#"SELECT COUNT(*) AS "n!: i64" FROM spaces WHERE org_id = $1"#, org)
        .fetch_one(&mut *tx)
        .await?;
    let owner = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM users WHERE email = 'owner@acme.test'"#)
        .fetch_one(&mut *tx)
        .await?;
    let today = common::today();
    for i in have_spaces as usize..spaces {
        let created = ago(Duration::days(390 - (i as i64 * 3) % 380));
        let name = format!("Customer Site {i:03}");
        let space_owner = user_ids.get(i * 7 % user_ids.len().max(1)).copied().unwrap_or(owner);
        let space = sqlx::query_scalar!(
            r#"INSERT INTO spaces (name, owner_id, org_id, plan, created_at, added_at) VALUES ($1, $2, $3, 'starter', $4, $4)
               RETURNING id AS "id!""#,
            name,
            space_owner,
            org,
            created
        )
        .fetch_one(&mut *tx)
        .await?;
        for k in 0..(i % 12) {
            if let Some(user) = user_ids.get((i * 13 + k * 101) % user_ids.len().max(1)) {
                sqlx::query!(
                    "INSERT INTO space_collaborators (space_id, user_id, role) VALUES ($1, $2, 'editor') ON CONFLICT DO NOTHING",
                    space,
                    user
                )
                .execute(&mut *tx)
                .await?;
            }
        }
        // A year of traffic, smaller than the demo spaces'.
        insert_traffic(&mut tx, space, today, 365, 1000 + i as u64).await?;
    }
    tx.commit().await?;
    grow_activity(pool, org, 100_000).await?;
    // The planner's statistics, for tables that grew a hundredfold at once.
    sqlx::raw_sql("ANALYZE;").execute(pool).await?;
    Ok(())
}

/// A year of an organization's history, `count` activities, as a large organization collects:
/// sign-ins mostly, role changes, invitations, collaborators and settings now and then.
async fn grow_activity(pool: &Pool, org: i64, count: usize) -> DomainResult<()> {
    let mut tx = pool.begin().await?;
    let team: Vec<(i64, String)> = sqlx::query!(
        r#"SELECT u.id AS "id!", u.firstname || ' ' || u.lastname AS "name!: String" FROM users u
           JOIN org_members m ON m.user_id = u.id
           WHERE m.org_id = $1 AND m.org_role IN ('owner', 'admin') ORDER BY u.id LIMIT 50"#,
        org
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| (r.id, r.name))
    .collect();
    let people: Vec<(i64, String)> = sqlx::query!(
        r#"SELECT u.id AS "id!", u.firstname || ' ' || u.lastname AS "name!: String" FROM users u
           JOIN org_members m ON m.user_id = u.id WHERE m.org_id = $1 ORDER BY u.id LIMIT 2000"#,
        org
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| (r.id, r.name))
    .collect();
    let spaces: Vec<(i64, String)> = sqlx::query!(
        r#"SELECT id AS "id!", name FROM spaces WHERE org_id = $1 ORDER BY id"#,
        org
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| (r.id, r.name))
    .collect();
    let start = common::now() - Duration::days(365);
    let step = Duration::days(365).num_milliseconds() / count as i64;
    for i in 0..count {
        let (owner, owner_name) = &team[i % team.len()];
        let (target, target_name) = &people[(i * 7919) % people.len()];
        let (space, space_name) = &spaces[(i * 31) % spaces.len()];
        let at = start + Duration::milliseconds(step * i as i64);
        let (key, trackable, name, space_id, parameters) = match i % 20 {
            0 => (
                ActivityKey::OrgUserUpdate,
                Some(*target),
                Some(target_name.as_str()),
                None,
                Params::RoleChanged(RoleChanged {
                    org_role: BeforeAfter::new(OrgRole::Member, OrgRole::Admin),
                }),
            ),
            1 => (
                ActivityKey::CollaboratorCreate,
                Some(*space),
                Some(space_name.as_str()),
                Some(*space),
                Params::Collaborator(CollaboratorChanged {
                    collaborator: target_name.clone(),
                    role: BeforeAfter::new(None, Some("editor".into())),
                }),
            ),
            2 => (
                ActivityKey::InvitationCreate,
                Some(i as i64),
                Some("invitee@customers.test"),
                None,
                Params::Invitation(Invited {
                    email: "invitee@customers.test".into(),
                    org_role: Some(OrgRole::Member),
                }),
            ),
            3 => (
                ActivityKey::SettingsUpdate,
                Some(org),
                Some("Acme Studio"),
                None,
                Params::Settings(SettingsChanged {
                    changes: vec![FieldChange {
                        field: "branding.light.primary".into(),
                        before: "#3b4cca".into(),
                        after: "#2b3cba".into(),
                    }],
                }),
            ),
            _ => (ActivityKey::SessionCreate, None, None, None, Params::None),
        };
        let signed_in = key == ActivityKey::SessionCreate;
        let (actor, actor_name) = if signed_in {
            (*target, target_name)
        } else {
            (*owner, owner_name)
        };
        let kind = key.trackable_type();
        let recipient =
            Some(*target).filter(|_| matches!(key, ActivityKey::OrgUserUpdate | ActivityKey::SessionCreate));
        let parameters = parameters.to_value();
        let (key, kind) = (key.as_str(), kind.as_str());
        sqlx::query!(
            "INSERT INTO activities (org_id, key, trackable_type, trackable_id, trackable_name, owner_id, owner_name,
                 recipient_id, space_id, parameters, ip, user_agent, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '203.0.113.7', 'Mozilla/5.0', $11)",
            org,
            key,
            kind,
            trackable,
            name,
            actor,
            actor_name,
            recipient,
            space_id,
            parameters,
            at
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(tx.commit().await?)
}

const FIRST_NAMES: &[&str] = &[
    "Ada", "Ben", "Chloé", "Dmitri", "Eva", "Farah", "Gustav", "Hana", "Ivan", "Jun", "Kofi", "Lina",
];
const LAST_NAMES: &[&str] = &[
    "Adler", "Brown", "Costa", "Dubois", "Eriksen", "Fujita", "García", "Horvat", "Ito", "Jansen",
];
