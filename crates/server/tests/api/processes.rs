//! Two server processes on one database, as deployed behind a load balancer: the real binary
//! started twice (on SQLite, or on PostgreSQL when `ORG_AREA_TEST_POSTGRES_URL` names a server),
//! sharing nothing but the database. Everything one process learns holds on the other: sessions,
//! throttling, settings versions, the owner rule, live changes and scheduled work.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};

use crate::common::eventually;
use serde_json::{json, Value};

/// A running `org-area-server` process, killed when dropped.
struct Instance {
    child: Child,
    base: String,
    client: Client,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Instance {
    /// On SQLite both find the key beside the database (the first to start makes it); on
    /// PostgreSQL they are given the same key file.
    fn start(database: &str, dir: &std::path::Path, seed: &str) -> Instance {
        let mut command = Command::new(env!("CARGO_BIN_EXE_org-area-server"));
        if crate::common::on_postgres() {
            let keys = dir.join("secret.key");
            if !keys.exists() {
                std::fs::write(&keys, org_area_server::secrets::new_key()).unwrap();
            }
            command.arg("--secret-key-file").arg(keys);
        }
        let mut child = command
            .args(["--bind", "127.0.0.1:0", "--database", database, "--seed", seed])
            .arg("--mail-dir")
            .arg(dir.join("mail"))
            // Both look for due work every second, so a renewal done twice would show.
            .args(["--schedule-every", "1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base = loop {
            let line = lines.next().expect("the server says where it listens").unwrap();
            if let Some(url) = line.strip_prefix("org-area listening on ") {
                break url.trim().to_string();
            }
        };
        // Keep reading its output so the process never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Instance {
            child,
            base,
            client: Client::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/auth/login"))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap()
    }

    async fn token(&self, email: &str) -> String {
        let response = self.login(email, "demo-password").await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in of {email}");
        response.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    async fn get(&self, path: &str, token: &str) -> reqwest::Response {
        self.client.get(self.url(path)).bearer_auth(token).send().await.unwrap()
    }

    async fn send(&self, method: reqwest::Method, path: &str, token: &str, body: Value) -> StatusCode {
        self.client
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
            .status()
    }

    async fn user_id(&self, token: &str, email: &str) -> i64 {
        let users: Value = self
            .get(&format!("/orgs/me/users?q={email}"), token)
            .await
            .json()
            .await
            .unwrap();
        users["users"][0]["id"].as_i64().expect("the user is listed")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_one_database_act_as_one_service() {
    let dir = tempfile::tempdir().unwrap();
    let database = crate::common::new_database(dir.path()).await;
    let a = Instance::start(&database, dir.path(), "demo");
    let b = Instance::start(&database, dir.path(), "none");

    // A session made on A works on B, and signing out on B ends it on A.
    let admin = a.token("admin@acme.test").await;
    let me: Value = b.get("/auth/me", &admin).await.json().await.unwrap();
    assert_eq!(me["user"]["email"], "admin@acme.test");
    assert!(b
        .client
        .post(b.url("/auth/logout"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .status()
        .is_success());
    assert_eq!(a.get("/auth/me", &admin).await.status(), StatusCode::UNAUTHORIZED);

    // Wrong passwords counted on A hold on B: the right one is refused there too.
    for i in 0..5 {
        let wrong = a.login("member@acme.test", &format!("wrong-{i}")).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        b.login("member@acme.test", "demo-password").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );

    // A settings save on A makes a stale save on B a conflict.
    let owner = a.token("owner@acme.test").await;
    let read: Value = b.get("/orgs/me/settings", &owner).await.json().await.unwrap();
    let settings = |name: &str| {
        json!({
            "version": read["version"], "name": name, "branding": read["branding"],
            "embed": read["embed"], "access": read["access"],
        })
    };
    assert_eq!(
        a.send(reqwest::Method::PUT, "/orgs/me/settings", &owner, settings("Acme A"))
            .await,
        StatusCode::OK
    );
    assert_eq!(
        b.send(reqwest::Method::PUT, "/orgs/me/settings", &owner, settings("Acme B"))
            .await,
        StatusCode::CONFLICT
    );

    // A change through A reaches an event stream on B within a second.
    let mut stream = b
        .client
        .get(b.url("/orgs/me/events"))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let mut seen = String::new();
    while !seen.contains("event: ready") {
        let chunk = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
            .await
            .expect("the stream opens with `ready`")
            .unwrap()
            .unwrap();
        seen.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    let lena_id = a.user_id(&owner, "lena@acme.test").await;
    let changed_at = Instant::now();
    assert_eq!(
        a.send(
            reqwest::Method::PATCH,
            &format!("/orgs/me/users/{lena_id}"),
            &owner,
            json!({ "org_role": "owner" })
        )
        .await,
        StatusCode::OK
    );
    let mut heard = String::new();
    while !heard.contains("event: change") {
        let chunk = tokio::time::timeout_at((changed_at + Duration::from_secs(1)).into(), stream.chunk())
            .await
            .expect("B's stream hears A's change within a second")
            .unwrap()
            .unwrap();
        heard.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    assert!(heard.contains("org_user.update"), "{heard}");
    drop(stream);

    // Owners demoting each other, one through A and one through B, leave an owner.
    let olivia_id = a.user_id(&owner, "owner@acme.test").await;
    let lena = b.token("lena@acme.test").await;
    let mut requests = Vec::new();
    for i in 0..40 {
        let (instance, token, target) = if i % 2 == 0 {
            (&a, owner.clone(), lena_id)
        } else {
            (&b, lena.clone(), olivia_id)
        };
        let request = instance
            .client
            .patch(instance.url(&format!("/orgs/me/users/{target}")))
            .bearer_auth(token)
            .json(&json!({ "org_role": "admin" }));
        requests.push(tokio::spawn(async move { request.send().await.unwrap().status() }));
    }
    for request in requests {
        let status = request.await.unwrap().as_u16();
        assert!([200, 403, 409].contains(&status), "an honest answer: {status}");
    }
    let mut owners = Vec::new();
    for (token, email) in [(&owner, "owner@acme.test"), (&lena, "lena@acme.test")] {
        let users: Value = a
            .get(&format!("/orgs/me/users?q={email}"), token)
            .await
            .json()
            .await
            .unwrap_or(Value::Null);
        if users["users"][0]["org_role"] == "owner" {
            owners.push(email);
        }
    }
    assert_eq!(owners.len(), 1, "exactly one owner remains: {owners:?}");
    let owner = a.token(owners[0]).await;

    // A renewal that falls due is done once, though both processes look every second.
    let card = crate::common::card("4242424242424242");
    assert_eq!(
        a.send(reqwest::Method::PUT, "/orgs/me/payment", &owner, card).await,
        StatusCode::OK
    );
    assert_eq!(
        a.send(
            reqwest::Method::PUT,
            "/orgs/me/subscription",
            &owner,
            json!({ "tier": "team" })
        )
        .await,
        StatusCode::OK
    );
    crate::common::let_months_pass_in(&database, 1).await;
    let invoices = || async {
        let listed: Value = b.get("/orgs/me/invoices", &owner).await.json().await.unwrap();
        listed["invoices"].as_array().unwrap().len()
    };
    eventually("the renewal's invoice", Duration::from_secs(10), || async {
        (invoices().await >= 2).then_some(())
    })
    .await;
    // Two more rounds of scheduled work (its lease is renewed on each), and still one renewal.
    let sql = crate::common::plain_sql(&database).await;
    let lease = || async {
        sqlx::query_scalar::<_, String>("SELECT CAST(expires_at AS TEXT) FROM leases WHERE name = 'scheduler'")
            .fetch_one(&sql)
            .await
            .unwrap()
    };
    let seen = std::cell::RefCell::new(vec![lease().await]);
    let (seen, lease) = (&seen, &lease);
    eventually(
        "two more rounds of scheduled work",
        Duration::from_secs(15),
        move || async move {
            let now = lease().await;
            let mut seen = seen.borrow_mut();
            if seen.last() != Some(&now) {
                seen.push(now);
            }
            (seen.len() >= 3).then_some(())
        },
    )
    .await;
    assert_eq!(invoices().await, 2, "the first invoice and its renewal, once");
}
