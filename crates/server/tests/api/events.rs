//! `GET /orgs/me/events`: each change reaches the open streams of its organization's owners and
//! admins, through whichever instance it was made; a stream that dropped catches up from its
//! last id; members and other organizations get nothing; a stream ends when its session may no
//! longer follow.

use std::time::{Duration, Instant};

use crate::common::{server, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// One server-sent event as the stream sent it.
#[derive(Debug)]
struct Sent {
    event: String,
    id: String,
    data: Value,
}

/// A reader of an open event stream.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(s: &TestServer, token: &str, last_event_id: Option<&str>) -> Stream {
        let mut request = s.client.get(s.url("/orgs/me/events")).bearer_auth(token);
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream"));
        Stream {
            response,
            buffer: String::new(),
        }
    }

    /// The next event (comments skipped), or None when the stream ended or `wait` passed.
    async fn next(&mut self, wait: Duration) -> Option<Sent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut sent = Sent {
                    event: "message".into(),
                    id: String::new(),
                    data: Value::Null,
                };
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        sent.event = v.trim().into();
                    } else if let Some(v) = line.strip_prefix("id:") {
                        sent.id = v.trim().into();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim());
                    }
                }
                if !data.is_empty() {
                    sent.data = serde_json::from_str(&data).expect("event data is JSON");
                    return Some(sent);
                }
            }
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Ok(Ok(Some(bytes))) => self.buffer.push_str(std::str::from_utf8(&bytes).unwrap()),
                _ => return None,
            }
        }
    }

    async fn ready(&mut self) -> String {
        let first = self.next(Duration::from_secs(5)).await.expect("a first event");
        assert_eq!(first.event, "ready");
        first.id
    }

    /// The next `change` event, within `wait`.
    async fn change(&mut self, wait: Duration) -> Option<Sent> {
        let sent = self.next(wait).await?;
        assert_eq!(sent.event, "change", "{sent:?}");
        Some(sent)
    }
}

async fn change_role(s: &TestServer, token: &str, user_id: i64, role: &str) {
    let response = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{user_id}")))
        .bearer_auth(token)
        .json(&json!({ "org_role": role }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_through_one_instance_reaches_a_stream_on_another_within_a_second() {
    let a = server().await;
    let b = a.restart_on_same_database().await;
    let owner = b.token("owner@acme.test").await;
    let admin = a.token("admin@acme.test").await;
    let member = a.user_id("member@acme.test").await;
    let mut stream = Stream::open(&b, &owner, None).await;
    stream.ready().await;

    let made = Instant::now();
    change_role(&a, &admin, member, "admin").await;
    let sent = stream
        .change(Duration::from_secs(1))
        .await
        .expect("the change reached the other instance's stream within 1 second");
    println!("change through A reached B's stream after {:?}", made.elapsed());
    assert_eq!(sent.data["key"], "org_user.update");
    assert_eq!(sent.data["trackable_type"], "OrgUser");
    assert_eq!(sent.data["recipient_id"], member);
    assert_eq!(sent.data["by_you"], false);
    assert_eq!(sent.id, sent.data["id"].to_string());
    // Ids and the key only: nothing the activity page adds (names, parameters, addresses).
    for field in ["parameters", "owner_name", "trackable_name", "ip", "user_agent"] {
        assert!(sent.data.get(field).is_none(), "{field} is not sent");
    }

    // The receiver's own change says so.
    change_role(&b, &owner, member, "member").await;
    let own = stream.change(Duration::from_secs(2)).await.expect("own change");
    assert_eq!(own.data["by_you"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_that_dropped_catches_up_from_its_last_id() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let admin = s.token("admin@acme.test").await;
    let member = s.user_id("member@acme.test").await;
    let mut stream = Stream::open(&s, &owner, None).await;
    let start = stream.ready().await;
    change_role(&s, &admin, member, "admin").await;
    let first = stream.change(Duration::from_secs(2)).await.unwrap();
    drop(stream);

    // Two changes while no stream is open.
    change_role(&s, &admin, member, "member").await;
    let space = s.space_id("Marketing Website").await;
    let detached = s.delete(&format!("/orgs/me/spaces/{space}"), Some(&admin)).await;
    assert!(detached.status().is_success(), "{}", detached.status());

    let mut again = Stream::open(&s, &owner, Some(&first.id)).await;
    assert_eq!(again.ready().await, first.id, "it starts where the client left off");
    let missed1 = again.change(Duration::from_secs(2)).await.expect("first missed change");
    let missed2 = again
        .change(Duration::from_secs(2))
        .await
        .expect("second missed change");
    assert_eq!(missed1.data["key"], "org_user.update");
    assert_eq!(missed2.data["key"], "space.detach");
    assert_eq!(missed2.data["trackable_id"], space);
    assert!(missed1.id.parse::<i64>().unwrap() > first.id.parse::<i64>().unwrap());
    assert!(
        again.next(Duration::from_millis(600)).await.is_none(),
        "each change once"
    );

    // From the very start, the same three in order.
    let mut all = Stream::open(&s, &owner, Some(&start)).await;
    all.ready().await;
    let mut keys = Vec::new();
    while let Some(sent) = all.next(Duration::from_millis(600)).await {
        keys.push(sent.data["key"].as_str().unwrap().to_string());
    }
    assert_eq!(keys, ["org_user.update", "org_user.update", "space.detach"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_and_other_organizations_hear_nothing() {
    let s = server().await;
    let member = s.token("member@acme.test").await;
    let refused = s.get("/orgs/me/events", Some(&member)).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(refused.json::<Value>().await.unwrap()["error"]["code"], "forbidden");
    assert_eq!(s.get("/orgs/me/events", None).await.status(), StatusCode::UNAUTHORIZED);

    let globex = s.token("owner@globex.test").await;
    let mut other = Stream::open(&s, &globex, None).await;
    other.ready().await;
    let admin = s.token("admin@acme.test").await;
    change_role(&s, &admin, s.user_id("member@acme.test").await, "admin").await;
    assert!(
        other.next(Duration::from_millis(800)).await.is_none(),
        "another organization's change is not sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_ends_when_its_person_may_no_longer_follow() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let admin = s.token("admin@acme.test").await;
    let admin_id = s.user_id("admin@acme.test").await;
    let mut stream = Stream::open(&s, &admin, None).await;
    stream.ready().await;

    // Demoted to member: the demotion itself is not sent to them, and the stream ends.
    change_role(&s, &owner, admin_id, "member").await;
    assert!(stream.next(Duration::from_secs(2)).await.is_none());
    assert_eq!(
        s.get("/orgs/me/events", Some(&admin)).await.status(),
        StatusCode::FORBIDDEN,
        "and reconnecting is refused"
    );

    // Signed out elsewhere: the next change ends the stream instead of reaching it.
    let second = s.token("owner@acme.test").await;
    let mut owners = Stream::open(&s, &second, None).await;
    owners.ready().await;
    let out = s.post_empty("/auth/logout", Some(&second)).await;
    assert!(out.status().is_success());
    change_role(&s, &owner, admin_id, "admin").await;
    assert!(owners.next(Duration::from_secs(2)).await.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streams_are_bounded_per_person_and_another_organization_still_hears_at_once() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let (mut open, mut refused) = (Vec::new(), 0);
    for _ in 0..30 {
        let response = s
            .client
            .get(s.url("/orgs/me/events"))
            .bearer_auth(&owner)
            .send()
            .await
            .unwrap();
        match response.status() {
            StatusCode::OK => open.push(response),
            StatusCode::TOO_MANY_REQUESTS => {
                assert!(response.headers().contains_key("retry-after"));
                let body: Value = response.json().await.unwrap();
                assert_eq!(body["error"]["code"], "too_many_streams");
                refused += 1;
            }
            other => panic!("a stream answered {other}"),
        }
    }
    assert_eq!((open.len(), refused), (10, 20), "10 streams a person, the rest refused");
    assert_eq!(s.running.state.changes.open_streams(), 10);

    // Another organization is not held up by them: its change reaches its stream at once.
    let globex = s.token("admin@globex.test").await;
    let mut theirs = Stream::open(&s, &globex, None).await;
    theirs.ready().await;
    let made = Instant::now();
    let invited = s
        .post(
            "/orgs/me/invitations",
            Some(&globex),
            json!({ "emails": ["new@globex.test"], "org_role": "member", "firstname": "", "lastname": "" }),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);
    let sent = theirs
        .change(Duration::from_secs(1))
        .await
        .expect("the other organization's change reached its stream within a second");
    println!("reached after {:?}", made.elapsed());
    assert_eq!(sent.data["key"], "invitation.create");

    // A closed stream gives its place back.
    drop(open.pop());
    crate::common::eventually(
        "a closed stream's place to be given back",
        Duration::from_secs(10),
        || async { (s.running.state.changes.open_streams() == 10).then_some(()) },
    )
    .await;
    let again = s
        .client
        .get(s.url("/orgs/me/events"))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
}
