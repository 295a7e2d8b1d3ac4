//! A real server on an ephemeral port with a temporary, demo-seeded database: a new SQLite file,
//! or a new database on the PostgreSQL server that `ORG_AREA_TEST_POSTGRES_URL` names.

use std::sync::Arc;

use org_area_server::payments::{PaymentGateway, TestGateway};
use org_area_server::secrets::SecretKeys;
use org_area_server::{start_with, Config, Running, Seed};
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use totp_rs::TOTP;

pub struct TestServer {
    pub running: Running,
    /// The server's database, for what a test arranges or checks that no endpoint shows.
    pub sql: sqlx::AnyPool,
    pub client: Client,
    pub database_url: String,
    /// Where the server writes mails (no SMTP in these tests unless one says so).
    pub mail_dir: std::path::PathBuf,
    /// The database's folder, removed when the server that made it is dropped.
    _dir: Option<std::sync::Arc<tempfile::TempDir>>,
}

pub async fn server() -> TestServer {
    server_seeded(Seed::Demo).await
}

pub async fn server_seeded(seed: Seed) -> TestServer {
    build(|config| config.seed = seed, Arc::new(TestGateway::default())).await
}

/// The demo server with its configuration changed first.
pub async fn server_with(change: impl FnOnce(&mut Config)) -> TestServer {
    build(change, Arc::new(TestGateway::default())).await
}

/// The demo server charging through `gateway` (which a test keeps to count what was taken).
pub async fn server_with_gateway(gateway: Arc<dyn PaymentGateway>) -> TestServer {
    build(|_| {}, gateway).await
}

async fn build(change: impl FnOnce(&mut Config), gateway: Arc<dyn PaymentGateway>) -> TestServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        database_url: new_database(dir.path()).await,
        mail_folder: Some(dir.path().join("mail")),
        seed: Seed::Demo,
        // The tests run scheduled work themselves, when they mean to.
        schedule_every: std::time::Duration::from_secs(3600),
        // SQLite keeps its key beside the database by default; PostgreSQL must be given one.
        secret_keys: on_postgres().then(SecretKeys::generate),
        ..Config::default()
    };
    change(&mut config);
    let database_url = config.database_url.clone();
    let mail_dir = config.mail_dir();
    let running = start_with(config, gateway).await.expect("server starts");
    TestServer {
        running,
        sql: plain_sql(&database_url).await,
        client: Client::new(),
        database_url,
        mail_dir,
        _dir: Some(std::sync::Arc::new(dir)),
    }
}

/// A pool of the `Any` driver on the database at `url`: tests arrange and check with SQL both
/// databases take.
pub async fn plain_sql(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url).await.expect("the test database opens")
}

/// Which database the tests run on.
pub fn on_postgres() -> bool {
    std::env::var("ORG_AREA_TEST_POSTGRES_URL").is_ok_and(|url| !url.is_empty())
}

/// An empty database for one test server: an SQLite file in `dir`, or a new database on the
/// PostgreSQL server of `ORG_AREA_TEST_POSTGRES_URL` (each test its own, so they run in parallel).
pub async fn new_database(dir: &std::path::Path) -> String {
    use sqlx::{Connection, Executor};
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    if !on_postgres() {
        return format!("sqlite://{}", dir.join("test.db").display());
    }
    let server = std::env::var("ORG_AREA_TEST_POSTGRES_URL").unwrap();
    let name = format!(
        "org_area_test_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        rand_suffix()
    );
    let mut admin = sqlx::PgConnection::connect(&server)
        .await
        .expect("the PostgreSQL server of ORG_AREA_TEST_POSTGRES_URL answers");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("a test database is created");
    let base = server.split('?').next().unwrap();
    let (at, _) = base.rsplit_once('/').expect("the URL names a database");
    format!("{at}/{name}")
}

/// Test databases of earlier runs may still exist on a shared server: names never repeat.
fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        % 1_000_000_007
}

impl TestServer {
    /// Another server process's view: a new server on this one's database file (which must
    /// outlive it).
    pub async fn restart_on_same_database(&self) -> TestServer {
        self.restart_with(|_| {}).await
    }

    /// A new server on this one's database, its configuration changed first.
    pub async fn restart_with(&self, change: impl FnOnce(&mut Config)) -> TestServer {
        self.try_restart_with(change).await.expect("second server starts")
    }

    /// The same, or why the server refused to start.
    pub async fn try_restart_with(&self, change: impl FnOnce(&mut Config)) -> Result<TestServer, String> {
        let mut config = Config {
            bind: "127.0.0.1:0".parse().unwrap(),
            database_url: self.database_url.clone(),
            mail_folder: Some(self.mail_dir.clone()),
            seed: Seed::None,
            schedule_every: std::time::Duration::from_secs(3600),
            secret_keys: Some((*self.running.state.secret_keys).clone()),
            ..Config::default()
        };
        change(&mut config);
        let running = start_with(config, Arc::new(TestGateway::default()))
            .await
            .map_err(|e| e.to_string())?;
        Ok(TestServer {
            running,
            sql: plain_sql(&self.database_url).await,
            client: Client::new(),
            database_url: self.database_url.clone(),
            mail_dir: self.mail_dir.clone(),
            _dir: self._dir.clone(),
        })
    }
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.running.url())
    }

    pub async fn login_response(&self, email: &str, password: &str) -> Response {
        self.client
            .post(self.url("/auth/login"))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap()
    }

    /// Sign in with the demo password and return the bearer token.
    pub async fn token(&self, email: &str) -> String {
        let response = self.login_response(email, "demo-password").await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in of {email}");
        response.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        let mut request = self.client.post(self.url(path)).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }
}

impl TestServer {
    /// A POST without a body.
    pub async fn post_empty(&self, path: &str, token: Option<&str>) -> Response {
        let mut request = self.client.post(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        let mut request = self.client.put(self.url(path)).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    /// A raw upload, as the app sends a chosen file.
    pub async fn put_bytes(&self, path: &str, token: &str, content_type: &str, bytes: Vec<u8>) -> Response {
        self.client
            .put(self.url(path))
            .bearer_auth(token)
            .header("Content-Type", content_type)
            .body(bytes)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Response {
        let mut request = self.client.delete(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    pub async fn user_id(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&self.sql)
            .await
            .unwrap()
    }

    /// In how many organizations the account of `email` is (none, or one).
    pub async fn memberships(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM org_members m JOIN users u ON u.id = m.user_id WHERE u.email = $1")
            .bind(email)
            .fetch_one(&self.sql)
            .await
            .unwrap()
    }

    /// The id of the space called `name`, whoever owns it.
    pub async fn space_id(&self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM spaces WHERE name = $1")
            .bind(name)
            .fetch_one(&self.sql)
            .await
            .unwrap()
    }

    /// Move the subscription's current period (and the invoices' periods) `months` into the past,
    /// as if that much time had gone by (the scheduler then finds what became due).
    pub async fn let_months_pass(&self, months: u32) {
        months_pass(&self.sql, months).await
    }
    /// One round of the server's scheduled work (renewals, stuck charges, pruning), now.
    pub async fn run_scheduler(&self) -> org_area_server::scheduler::Round {
        let state = &self.running.state;
        let round = org_area_server::scheduler::run_due_work(
            &self.running.db,
            state.payments.as_ref(),
            &state.links,
            state.dns.as_ref(),
        )
        .await
        .expect("scheduled work runs");
        state.mailer.wake();
        round
    }

    pub async fn space_org(&self, id: i64) -> Option<i64> {
        sqlx::query_scalar("SELECT org_id FROM spaces WHERE id = $1")
            .bind(id)
            .fetch_one(&self.sql)
            .await
            .unwrap()
    }
}

/// Assert the status and the JSON error code; return the error object.
pub async fn expect_error(response: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], code, "error body: {body}");
    assert!(
        body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()),
        "a message for people: {body}"
    );
    body["error"].clone()
}

/// Assert a 422 refusal that names `field`; return the error object.
pub async fn expect_invalid_at(response: Response, field: &str) -> Value {
    let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    assert_eq!(error["field"], field, "refused at the wrong field: {error}");
    error
}

/// The email addresses of the `users` in an `org` or a users page, in order.
pub fn emails(holder: &Value) -> Vec<String> {
    holder["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap().to_string())
        .collect()
}

/// A mail as its headers and its text and HTML parts, decoded by a real MIME parser: enough to
/// read a link out of and to check what it says.
pub fn decoded_mail(raw: &str) -> String {
    let message = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a mail the parser reads");
    let address = |a: Option<&mail_parser::Address>| {
        a.and_then(|a| a.first())
            .map(|a| match a.name() {
                Some(name) => format!("\"{name}\" <{}>", a.address().unwrap_or("")),
                None => a.address().unwrap_or("").to_string(),
            })
            .unwrap_or_default()
    };
    let texts: Vec<String> = (0..message.text_body.len())
        .filter_map(|i| message.body_text(i).map(|t| t.into_owned()))
        .collect();
    let htmls: Vec<String> = (0..message.html_body.len())
        .filter_map(|i| message.body_html(i).map(|t| t.into_owned()))
        .collect();
    // Which kinds of body the mail has, as a reader's program would see them.
    let kinds: Vec<&str> = [
        (
            "text/plain",
            message.parts.iter().any(|p| p.is_text() && !p.is_text_html()),
        ),
        ("text/html", message.parts.iter().any(|p| p.is_text_html())),
    ]
    .into_iter()
    .filter_map(|(kind, present)| present.then_some(kind))
    .collect();
    format!(
        "From: {}\nTo: {}\nSubject: {}\nParts: {}\n\n{}\n\n{}",
        address(message.from()),
        address(message.to()),
        message.subject().unwrap_or(""),
        kinds.join(", "),
        texts.join("\n"),
        htmls.join("\n"),
    )
}

impl TestServer {
    /// Every mail the server wrote to its mail folder for `to`, decoded, oldest first, waiting
    /// up to ten seconds for at least `at_least` of them.
    pub async fn mails_to(&self, to: &str, at_least: usize) -> Vec<String> {
        eventually(
            &format!("{at_least} mail(s) to {to}"),
            std::time::Duration::from_secs(10),
            || async {
                let mails = self.mails_now(to);
                (mails.len() >= at_least).then_some(mails)
            },
        )
        .await
    }

    /// Every mail in the mail folder for `to` now, decoded, oldest first.
    pub fn mails_now(&self, to: &str) -> Vec<String> {
        let wanted = format!("to: {}", to.to_lowercase());
        let mut names: Vec<_> = std::fs::read_dir(&self.mail_dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        names.sort();
        names
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .filter(|raw| raw.to_lowercase().contains(&wanted))
            .map(|raw| decoded_mail(&raw))
            .collect()
    }

    /// The value after `name=` in the link of the newest mail to `to` (a code, a token).
    pub async fn secret_in_mail(&self, to: &str, name: &str, nth: usize) -> String {
        let mails = self.mails_to(to, nth).await;
        secret_in(&mails[nth - 1], name)
    }
}

/// The value after `name=` in a mail's link.
pub fn secret_in(mail: &str, name: &str) -> String {
    let marker = format!("#{name}=");
    let start = mail.find(&marker).unwrap_or_else(|| panic!("no {marker} in:\n{mail}")) + marker.len();
    mail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Move every subscription's current period (and the invoices' periods) `months` into the past
/// in the database at `database_url`, for servers not run by this process.
pub async fn let_months_pass_in(database_url: &str, months: u32) {
    let pool = plain_sql(database_url).await;
    months_pass(&pool, months).await;
    pool.close().await;
}

async fn months_pass(pool: &sqlx::AnyPool, months: u32) {
    let earlier = |column: &str| {
        if on_postgres() {
            format!("({column} - interval '{months} months')::date")
        } else {
            format!("date({column}, '-{months} months')")
        }
    };
    for table in ["subscriptions", "invoices"] {
        sqlx::query(&format!(
            "UPDATE {table} SET period_start = {}, period_end = {}",
            earlier("period_start"),
            earlier("period_end")
        ))
        .execute(pool)
        .await
        .unwrap();
    }
}

/// Wait until `check` answers `Some` (asked again every 50 ms), and return its answer; fail naming
/// `what` when `within` has passed. Tests wait for what they expect this way, never for a time.
pub async fn eventually<T, F, Fut>(what: &str, within: std::time::Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = std::time::Instant::now() + within;
    loop {
        if let Some(found) = check().await {
            return found;
        }
        assert!(std::time::Instant::now() < deadline, "waited {within:?} for {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A process the tests talk to (an identity provider), started as `program script PORT after_port…`
/// on a free loopback port, once it listens; killed when dropped.
pub async fn listening_helper(
    program: &str,
    script: &str,
    after_port: &[&str],
    what: &str,
) -> (tokio::process::Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let process = tokio::process::Command::new(program)
        .arg(script)
        .arg(port.to_string())
        .args(after_port)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("{program} {script}: {e}"));
    eventually(what, std::time::Duration::from_secs(20), || async {
        tokio::net::TcpStream::connect(("127.0.0.1", port)).await.ok()
    })
    .await;
    (process, port)
}

/// "Sign in with SSO" for `typed` (an address or an SSO identifier): the identity provider's
/// sign-in page the browser is sent to.
pub async fn sso_start(s: &TestServer, typed: &str) -> String {
    let started = s.post("/auth/sso", None, json!({ "email_or_identifier": typed })).await;
    assert_eq!(started.status(), StatusCode::OK);
    let started: Value = started.json().await.unwrap();
    started["redirect_url"].as_str().unwrap().to_owned()
}

/// The `name=value` of the fragment of the app's address a single sign-on return landed on.
pub fn fragment(landed: &str, name: &str) -> Option<String> {
    let (_, fragment) = landed.split_once('#')?;
    fragment
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(str::to_owned))
}

/// The app trades the landing's one-time code for a session, as `POST /auth/login` answers.
pub async fn sso_exchange(s: &TestServer, landed: &str) -> Value {
    let handoff = fragment(landed, "handoff").unwrap_or_else(|| panic!("a handoff: {landed}"));
    let signed_in = s.post("/auth/sso/exchange", None, json!({ "handoff": handoff })).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    signed_in.json().await.unwrap()
}

/// The text between `start` and `end` in an identity provider's page, its entities read.
pub fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(
        text[from..to]
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'"),
    )
}

/// Seconds since 1970: the time an authenticator app computes its code for.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Set up two-factor sign-in for the session's person; the authenticator and recovery codes.
pub async fn set_up_two_factor(s: &TestServer, token: &str) -> (TOTP, Vec<String>) {
    let setup: Value = s
        .post(
            "/me/two-factor/setup",
            Some(token),
            json!({ "password": "demo-password" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let uri = setup["otpauth_uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/"));
    assert_eq!(
        setup["qr"]["modules"].as_str().unwrap().len() as u64,
        setup["qr"]["size"].as_u64().unwrap().pow(2)
    );
    let app = TOTP::from_url_unchecked(uri).expect("an authenticator app reads the address");
    assert_eq!(
        app.get_secret_base32(),
        setup["secret"].as_str().unwrap(),
        "the same secret as text"
    );
    let wrong = s
        .post("/me/two-factor/verify", Some(token), json!({ "code": "000000" }))
        .await;
    expect_error(wrong, StatusCode::UNAUTHORIZED, "invalid_code").await;
    let codes: Value = s
        .post(
            "/me/two-factor/verify",
            Some(token),
            json!({ "code": app.generate(now()) }),
        )
        .await
        .json()
        .await
        .unwrap();
    let codes: Vec<String> = codes["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10);
    (app, codes)
}

/// A card that passes every check (Luhn, a future expiry, a code of the brand's length); the test
/// gateway declines the one ending in 0002.
pub fn card(number: &str) -> Value {
    json!({ "holder": "Olivia Owens", "number": number, "exp_month": 12, "exp_year": 2031, "cvc": "123" })
}

/// The organization's settings as `token` reads them (200 asserted).
pub async fn settings(s: &TestServer, token: &str) -> Value {
    s.get_json("/orgs/me/settings", token).await
}

/// The PUT body for the settings as they are, with `change` applied.
pub fn edited(current: &Value, change: impl FnOnce(&mut Value)) -> Value {
    let mut body = serde_json::json!({
        "version": current["version"],
        "name": current["name"],
        "branding": current["branding"],
        "embed": current["embed"],
        "access": current["access"],
    });
    change(&mut body);
    body
}

impl TestServer {
    /// A GET that must answer 200, as JSON.
    pub async fn get_json(&self, path: &str, token: &str) -> Value {
        let response = self.get(path, Some(token)).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.json().await.unwrap()
    }
}

/// `domain` verified for Acme as "Verify" leaves it (the DNS round trip has its own tests).
pub async fn verify_domain(s: &TestServer, domain: &str) {
    let acme: i64 = sqlx::query_scalar("SELECT id FROM orgs WHERE slug = 'acme-studio'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    let now = chrono::Utc::now().to_rfc3339();
    let insert = if on_postgres() {
        "INSERT INTO sso_domains (org_id, domain, token, created_at, verified_at, checked_at)
         VALUES ($1, $2, 't', CAST($3 AS timestamptz), CAST($3 AS timestamptz), CAST($3 AS timestamptz))"
    } else {
        "INSERT INTO sso_domains (org_id, domain, token, created_at, verified_at, checked_at) VALUES ($1, $2, 't', $3, $3, $3)"
    };
    sqlx::query(insert)
        .bind(acme)
        .bind(domain)
        .bind(&now)
        .execute(&s.sql)
        .await
        .unwrap();
}
