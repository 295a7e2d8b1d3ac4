//! What a client sees when the server stops, or when its database goes away: a stopping instance
//! answers what it was already sent and takes nothing new; without its database every request
//! answers 503 `unavailable` at once (never a hang, never a 500), and serving resumes by itself.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::common::{eventually, expect_error, on_postgres, server_with, TestServer};

/// Everything the server sends on a connection until it closes it.
async fn read_to_close(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("the server answers and closes the connection")
        .expect("the connection reads");
    String::from_utf8_lossy(&answer).into_owned()
}

fn status_line(answer: &str) -> &str {
    answer.lines().next().unwrap_or("")
}

/// The JSON body of a whole HTTP/1.1 answer (sent with a length, not chunked, by these routes).
fn json_body(answer: &str) -> Value {
    let (_, body) = answer.split_once("\r\n\r\n").expect("a head and a body");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[tokio::test]
async fn a_stopping_instance_answers_what_it_was_sent_and_takes_nothing_new() {
    let mut s = server_with(|config| config.shutdown_grace = Duration::from_secs(10)).await;
    let addr = s.running.addr;
    let token = s.token("owner@acme.test").await;
    // A sign-in half sent when the stop comes.
    let body = br#"{"email":"owner@acme.test","password":"demo-password"}"#;
    let head = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut signing_in = TcpStream::connect(addr).await.unwrap();
    signing_in.write_all(head.as_bytes()).await.unwrap();
    signing_in.write_all(&body[..10]).await.unwrap();
    // A connection made just before, whose request comes after.
    let mut asking = TcpStream::connect(addr).await.unwrap();
    // An open event stream, past its first event.
    let mut stream = s
        .client
        .get(s.url("/orgs/me/events"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let first = stream.chunk().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("event: ready"));

    s.running.state.lifecycle.drain();
    // The listening socket closes: a new connection is refused, so a proxy tries another instance.
    eventually("new connections are refused", Duration::from_secs(5), || async {
        TcpStream::connect(addr).await.is_err().then_some(())
    })
    .await;

    asking
        .write_all(format!("GET /api/v1/health HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let health = read_to_close(&mut asking).await;
    assert!(status_line(&health).contains(" 503 "), "{health}");
    assert!(health.to_ascii_lowercase().contains("retry-after: 2"), "{health}");
    let health = json_body(&health);
    assert_eq!(health["status"], "draining");
    assert_eq!(health["database"], "up");

    signing_in.write_all(&body[10..]).await.unwrap();
    let signed_in = read_to_close(&mut signing_in).await;
    assert!(status_line(&signed_in).contains(" 200 "), "{signed_in}");
    assert!(json_body(&signed_in)["token"].is_string(), "{signed_in}");

    // The stream ends, telling its browser when to reconnect (to another instance).
    let mut rest = String::new();
    while let Some(chunk) = tokio::time::timeout(Duration::from_secs(10), stream.chunk())
        .await
        .expect("the stream ends")
        .unwrap()
    {
        rest.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(rest.contains("retry: 500"), "{rest:?}");

    // Nothing is left in flight: serving ends well within the grace period.
    tokio::time::timeout(Duration::from_secs(5), &mut s.running.task)
        .await
        .expect("serving ends once what was in flight is answered")
        .unwrap()
        .unwrap();
}

/// A TCP path to the database that a test can cut and restore, as if the database server
/// stopped and came back: while cut, connections made through it are closed at once and those
/// open are broken.
struct Cuttable {
    addr: SocketAddr,
    cut: watch::Sender<bool>,
}

impl Cuttable {
    async fn to(target: SocketAddr) -> Arc<Cuttable> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let (cut, _) = watch::channel(false);
        let path = Arc::new(Cuttable {
            addr: listener.local_addr().unwrap(),
            cut,
        });
        let watching = path.cut.clone();
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if *watching.borrow() {
                    continue;
                }
                let mut cut = watching.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.wait_for(|cut| *cut) => {}
                    }
                });
            }
        });
        path
    }

    fn set_cut(&self, cut: bool) {
        self.cut.send_replace(cut);
    }
}

#[tokio::test]
async fn without_its_database_every_request_answers_unavailable_at_once_and_serving_resumes_by_itself() {
    if !on_postgres() {
        // SQLite is a file in the server's own process: there is no connection to lose.
        return;
    }
    // The server reaches its database only through the cuttable path.
    let database = crate::common::new_database(tempfile::tempdir().unwrap().path()).await;
    let target: SocketAddr = {
        let url = reqwest::Url::parse(&database).unwrap();
        let host = url.host_str().unwrap().to_string();
        let mut found = tokio::net::lookup_host((host.as_str(), url.port().unwrap_or(5432)))
            .await
            .unwrap();
        found.next().unwrap()
    };
    let path = Cuttable::to(target).await;
    let through = {
        let mut url = reqwest::Url::parse(&database).unwrap();
        url.set_host(Some("127.0.0.1")).unwrap();
        url.set_port(Some(path.addr.port())).unwrap();
        url.to_string()
    };
    let s: TestServer = server_with(|config| config.database_url = through).await;
    let token = s.token("owner@acme.test").await;
    assert_eq!(s.get("/orgs/me", Some(&token)).await.status(), StatusCode::OK);

    path.set_cut(true);
    let invitation =
        json!({ "emails": ["outage@acme.test"], "org_role": "member", "firstname": "Out", "lastname": "Age" });
    for (method, endpoint) in [
        ("GET", "/orgs/me"),
        ("GET", "/orgs/me/users"),
        ("POST", "/orgs/me/invitations"),
    ] {
        let started = Instant::now();
        let response = match method {
            "GET" => s.get(endpoint, Some(&token)).await,
            _ => s.post(endpoint, Some(&token), invitation.clone()).await,
        };
        let took = started.elapsed();
        assert!(
            response.headers().contains_key("retry-after"),
            "{method} {endpoint}: {:?}",
            response.headers()
        );
        expect_error(response, StatusCode::SERVICE_UNAVAILABLE, "unavailable").await;
        // Bounded loosely (the pool gives up after 1.5 s): a hang would take the request's whole
        // 30 s limit. The time itself is measured by `cargo xtask faults`.
        assert!(took < Duration::from_secs(6), "{method} {endpoint} took {took:?}");
    }
    let health = s.get("/health", None).await;
    assert_eq!(health.status(), StatusCode::SERVICE_UNAVAILABLE);
    let health: Value = health.json().await.unwrap();
    assert_eq!(health["status"], "unavailable");
    assert_eq!(health["database"], "down");

    path.set_cut(false);
    eventually("serving resumes without a restart", Duration::from_secs(10), || async {
        (s.get("/orgs/me", Some(&token)).await.status() == StatusCode::OK).then_some(())
    })
    .await;
    let health: Value = s.get("/health", None).await.json().await.unwrap();
    assert_eq!(health["database"], "up");
    // Nothing was written while it was away.
    let users: Value = s
        .get("/orgs/me/users?per_page=500", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(!users.to_string().contains("outage@acme.test"));
}

#[tokio::test]
async fn one_address_holds_only_so_many_connections_and_a_slow_request_head_is_cut_off() {
    let s = server_with(|config| {
        config.connections_per_address = 3;
        config.header_timeout = Duration::from_millis(500);
    })
    .await;
    let addr = s.running.addr;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(TcpStream::connect(addr).await.unwrap());
    }
    // The fourth from the same address is closed unanswered…
    let mut fourth = TcpStream::connect(addr).await.unwrap();
    fourth
        .write_all(format!("GET /api/v1/health HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
        .await
        .ok();
    assert_eq!(read_to_close(&mut fourth).await, "", "closed without an answer");
    // …and the held ones, which never finish a request head, are cut off after the timeout,
    // which frees their places.
    for stream in &mut held {
        stream
            .write_all(b"GET /api/v1/health HTTP/1.1\r\nX-Slow: ")
            .await
            .unwrap();
    }
    for stream in &mut held {
        let cut = read_to_close(stream).await;
        assert!(!cut.contains(" 200 "), "{cut}");
    }
    eventually("a place is free again", Duration::from_secs(5), || async {
        let mut again = TcpStream::connect(addr).await.ok()?;
        again
            .write_all(format!("GET /api/v1/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
            .await
            .ok()?;
        status_line(&read_to_close(&mut again).await)
            .contains(" 200 ")
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_body_that_trickles_in_is_cut_off() {
    let s = server_with(|config| config.body_timeout = Duration::from_millis(500)).await;
    let addr = s.running.addr;
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(
        format!(
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{{\"email\":"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    // The rest never comes: the server answers with the JSON error and closes, well before the
    // request's own time limit (30 s) would.
    let started = Instant::now();
    let answer = read_to_close(&mut slow).await;
    assert!(started.elapsed() < Duration::from_secs(8), "{:?}", started.elapsed());
    assert!(
        status_line(&answer).contains(" 4") || status_line(&answer).contains(" 5"),
        "{answer}"
    );
    assert!(answer.contains("\"error\""), "{answer}");
}
