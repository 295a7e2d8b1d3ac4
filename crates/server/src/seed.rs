//! The demo data behind `--seed demo`: "Acme Studio" with its team, customers, spaces and 13 months
//! of daily traffic, personal spaces ready for "Add space", and "Globex" to prove isolation.

use crate::db::{Pool, Tx};
use chrono::{Duration, NaiveDate, Utc};

use crate::auth::password;
use crate::db;

pub const DEMO_PASSWORD: &str = "demo-password";

struct Person {
    email: &'static str,
    first: &'static str,
    last: &'static str,
    role: &'static str,
    disabled: bool,
}

const fn person(email: &'static str, first: &'static str, last: &'static str, role: &'static str) -> Person {
    Person {
        email,
        first,
        last,
        role,
        disabled: false,
    }
}

const ACME_PEOPLE: &[Person] = &[
    person("owner@acme.test", "Olivia", "Owens", "owner"),
    person("admin@acme.test", "Adam", "Alvarez", "admin"),
    person("member@acme.test", "Mia", "Moreau", "member"),
    // The rest of the team.
    person("lena@acme.test", "Lena", "Fischer", "admin"),
    person("jonas@acme.test", "Jonas", "Weber", "admin"),
    // Customers and external members.
    person("carla@bakery.test", "Carla", "Rossi", "member"),
    person("david@northwind.test", "David", "Kim", "member"),
    person("erin@contoso.test", "Erin", "O'Brien", "member"),
    Person {
        email: "frank@fabrikam.test",
        first: "Frank",
        last: "Novak",
        role: "member",
        disabled: true,
    },
];

const GLOBEX_PEOPLE: &[Person] = &[
    person("admin@globex.test", "Gina", "Gruber", "admin"),
    person("owner@globex.test", "Hank", "Scorpio", "owner"),
    person("member@globex.test", "Ivy", "Ibsen", "member"),
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
pub async fn demo_if_empty(pool: &Pool) -> Result<bool, sqlx::Error> {
    let orgs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orgs").fetch_one(pool).await?;
    if orgs > 0 {
        return Ok(false);
    }
    let mut tx = pool.begin().await?;
    let today = Utc::now().date_naive();
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

async fn insert_org(tx: &mut Tx, name: &str, slug: &str) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar::<_, i64>("INSERT INTO orgs (name, slug, created_at) VALUES ($1, $2, $3) RETURNING id")
        .bind(name)
        .bind(slug)
        .bind(db::now())
        .fetch_one(&mut **tx)
        .await?;
    Ok(id)
}

async fn insert_people(tx: &mut Tx, org_id: i64, people: &[Person]) -> Result<(), sqlx::Error> {
    let created = db::timestamp(Utc::now() - Duration::days(400));
    for p in people {
        let user_id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, firstname, lastname, password_hash, created_at, disabled) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(p.email)
        .bind(p.first)
        .bind(p.last)
        .bind(password::hash(DEMO_PASSWORD))
        .bind(&created)
        .bind(i64::from(p.disabled))
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query("INSERT INTO org_members (org_id, user_id, org_role, created_at) VALUES ($1, $2, $3, $4)")
            .bind(org_id)
            .bind(user_id)
            .bind(p.role)
            .bind(&created)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn user_id(tx: &mut Tx, email: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&mut **tx)
        .await
}

async fn insert_spaces(
    tx: &mut Tx,
    org_id: Option<i64>,
    specs: &[SpaceSpec],
    today: NaiveDate,
    seed: u64,
) -> Result<(), sqlx::Error> {
    for (i, (name, owner, plan, collaborators)) in specs.iter().enumerate() {
        let owner_id = user_id(tx, owner).await?;
        // Spaces were created at different times, so the "Spaces" chart has a history.
        let age_days = 395 - (i as i64 * 37) % 300;
        let created = db::timestamp(Utc::now() - Duration::days(age_days));
        let plan_level = if *plan == "premium" { 1 } else { 0 };
        let space_id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO spaces (name, owner_id, org_id, plan, plan_level, created_at, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(name)
        .bind(owner_id)
        .bind(org_id)
        .bind(plan)
        .bind(plan_level)
        .bind(&created)
        .bind(org_id.map(|_| created.clone()))
            .fetch_one(&mut **tx)
            .await?;
        for (email, role) in collaborators.iter() {
            let collaborator = user_id(tx, email).await?;
            sqlx::query("INSERT INTO space_collaborators (space_id, user_id, role) VALUES ($1, $2, $3)")
                .bind(space_id)
                .bind(collaborator)
                .bind(role)
                .execute(&mut **tx)
                .await?;
        }
        insert_traffic(tx, space_id, today, age_days.min(395), seed * 7919 + i as u64).await?;
    }
    Ok(())
}

/// Daily traffic from the space's creation (at most 13 months back) to today: a weekly rhythm,
/// slow growth and noise, from a fixed seed so every demo database is the same.
async fn insert_traffic(tx: &mut Tx, space_id: i64, today: NaiveDate, days: i64, seed: u64) -> Result<(), sqlx::Error> {
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
        let bytes = requests * (20_000 + (seed % 7) * 3_000);
        sqlx::query("INSERT INTO traffic (space_id, date, api_requests, total_bytes) VALUES ($1, $2, $3, $4)")
            .bind(space_id)
            .bind(date.format("%Y-%m-%d").to_string())
            .bind(requests as i64)
            .bind(bytes as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Grow Acme Studio to `spaces` spaces and `users` members with a year of traffic, as the largest
/// organizations have. The extra people have no password: they exist to be listed and counted.
pub async fn grow_acme(pool: &Pool, spaces: usize, users: usize) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let org: i64 = sqlx::query_scalar("SELECT id FROM orgs WHERE slug = 'acme-studio'")
        .fetch_one(&mut *tx)
        .await?;
    let have_users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM org_members WHERE org_id = $1")
        .bind(org)
        .fetch_one(&mut *tx)
        .await?;
    let created = db::timestamp(Utc::now() - Duration::days(200));
    let mut user_ids = Vec::new();
    for i in have_users as usize..users {
        let role = if i % 50 == 0 { "admin" } else { "member" };
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, firstname, lastname, created_at, sign_in_count) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(format!("user{i:05}@customers.test"))
        .bind(FIRST_NAMES[i % FIRST_NAMES.len()])
        .bind(LAST_NAMES[(i / FIRST_NAMES.len()) % LAST_NAMES.len()])
        .bind(&created)
        .bind((i % 40) as i64)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO org_members (org_id, user_id, org_role, created_at) VALUES ($1, $2, $3, $4)")
            .bind(org)
            .bind(id)
            .bind(role)
            .bind(db::timestamp(Utc::now() - Duration::days((i % 390) as i64)))
            .execute(&mut *tx)
            .await?;
        user_ids.push(id);
    }
    let have_spaces: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM spaces WHERE org_id = $1")
        .bind(org)
        .fetch_one(&mut *tx)
        .await?;
    let owner: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'owner@acme.test'")
        .fetch_one(&mut *tx)
        .await?;
    let today = Utc::now().date_naive();
    for i in have_spaces as usize..spaces {
        let created = db::timestamp(Utc::now() - Duration::days(390 - (i as i64 * 3) % 380));
        let space = sqlx::query_scalar::<_, i64>(
            "INSERT INTO spaces (name, owner_id, org_id, plan, created_at, added_at) VALUES ($1, $2, $3, 'starter', $4, $5) RETURNING id",
        )
        .bind(format!("Customer Site {i:03}"))
        .bind(user_ids.get(i * 7 % user_ids.len().max(1)).copied().unwrap_or(owner))
        .bind(org)
        .bind(&created)
        .bind(&created)
        .fetch_one(&mut *tx)
        .await?;
        for k in 0..(i % 12) {
            if let Some(user) = user_ids.get((i * 13 + k * 101) % user_ids.len().max(1)) {
                sqlx::query(
                    "INSERT INTO space_collaborators (space_id, user_id, role) VALUES ($1, $2, 'editor') ON CONFLICT DO NOTHING",
                )
                .bind(space)
                .bind(user)
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
async fn grow_activity(pool: &Pool, org: i64, count: usize) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let team: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.id, u.firstname || ' ' || u.lastname FROM users u JOIN org_members m ON m.user_id = u.id
         WHERE m.org_id = $1 AND m.org_role IN ('owner', 'admin') ORDER BY u.id LIMIT 50",
    )
    .bind(org)
    .fetch_all(&mut *tx)
    .await?;
    let people: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.id, u.firstname || ' ' || u.lastname FROM users u JOIN org_members m ON m.user_id = u.id
         WHERE m.org_id = $1 ORDER BY u.id LIMIT 2000",
    )
    .bind(org)
    .fetch_all(&mut *tx)
    .await?;
    let spaces: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM spaces WHERE org_id = $1 ORDER BY id")
        .bind(org)
        .fetch_all(&mut *tx)
        .await?;
    let start = Utc::now() - Duration::days(365);
    let step = Duration::days(365).num_milliseconds() / count as i64;
    for i in 0..count {
        let (owner, owner_name) = &team[i % team.len()];
        let (target, target_name) = &people[(i * 7919) % people.len()];
        let (space, space_name) = &spaces[(i * 31) % spaces.len()];
        let at = db::timestamp(start + Duration::milliseconds(step * i as i64));
        let (key, kind, trackable, name, space_id, parameters) = match i % 20 {
            0 => (
                "org_user.update",
                "OrgUser",
                Some(*target),
                Some(target_name.as_str()),
                None,
                r#"{"org_role":{"before":"member","after":"admin"}}"#,
            ),
            1 => (
                "collaborator.create",
                "Collaborator",
                Some(*space),
                Some(space_name.as_str()),
                Some(*space),
                r#"{"role":{"before":null,"after":"editor"}}"#,
            ),
            2 => (
                "invitation.create",
                "Invitation",
                Some(i as i64),
                Some("invitee@customers.test"),
                None,
                r#"{"email":"invitee@customers.test","org_role":"member"}"#,
            ),
            3 => (
                "settings.update",
                "Settings",
                Some(org),
                Some("Acme Studio"),
                None,
                r##"{"changes":[{"field":"branding.light.primary","before":"#3b4cca","after":"#2b3cba"}]}"##,
            ),
            _ => ("session.create", "Session", None, None, None, "{}"),
        };
        let actor = if key == "session.create" { *target } else { *owner };
        let actor_name = if key == "session.create" {
            target_name
        } else {
            owner_name
        };
        sqlx::query(
            "INSERT INTO activities (org_id, key, trackable_type, trackable_id, trackable_name, owner_id, owner_name,
                 recipient_id, space_id, parameters, ip, user_agent, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '203.0.113.7', 'Mozilla/5.0', $11)",
        )
        .bind(org)
        .bind(key)
        .bind(kind)
        .bind(trackable)
        .bind(name)
        .bind(actor)
        .bind(actor_name)
        .bind(Some(*target).filter(|_| kind == "OrgUser" || kind == "Session"))
        .bind(space_id)
        .bind(parameters)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

const FIRST_NAMES: &[&str] = &[
    "Ada", "Ben", "Chloé", "Dmitri", "Eva", "Farah", "Gustav", "Hana", "Ivan", "Jun", "Kofi", "Lina",
];
const LAST_NAMES: &[&str] = &[
    "Adler", "Brown", "Costa", "Dubois", "Eriksen", "Fujita", "García", "Horvat", "Ito", "Jansen",
];
