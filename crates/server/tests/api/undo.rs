//! Undo: each destructive action can be taken back by whoever did it within ten seconds, once,
//! putting back exactly what was there, and both are activities; a reload finds the window on the
//! server; what changed meanwhile is not overwritten.

use std::time::Duration;

use crate::common::{eventually, expect_error, server, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn get(s: &TestServer, path: &str, token: &str) -> Value {
    s.get_json(path, token).await
}

/// The caller's one open window: its id, after checking what it says.
async fn only_window(s: &TestServer, token: &str, key: &str, name: &str) -> i64 {
    let open = get(s, "/orgs/me/undo", token).await;
    let windows = open["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 1, "{open}");
    assert_eq!(windows[0]["key"], key);
    assert_eq!(windows[0]["name"], name);
    let left = windows[0]["seconds_left"].as_i64().unwrap();
    assert!((1..=10).contains(&left), "{left}");
    windows[0]["id"].as_i64().unwrap()
}

async fn undo(s: &TestServer, token: &str, id: i64) -> reqwest::Response {
    s.post_empty(&format!("/orgs/me/undo/{id}"), Some(token)).await
}

async fn recorded(s: &TestServer, token: &str, key: &str) -> usize {
    let page = get(s, &format!("/orgs/me/activities?keys={key}&per_page=100"), token).await;
    page["activities"].as_array().unwrap().len()
}

fn user<'a>(users: &'a Value, email: &str) -> Option<&'a Value> {
    users["users"].as_array().unwrap().iter().find(|u| u["email"] == email)
}

#[tokio::test]
async fn a_removal_undone_gives_back_the_role_and_every_collaboration_once() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let before = get(&s, "/orgs/me/users?per_page=100", &admin).await;
    let jonas_before = user(&before, "jonas@acme.test").unwrap().clone();
    assert!(
        !jonas_before["roles_on_spaces"].as_object().unwrap().is_empty(),
        "Jonas works on spaces"
    );
    let jonas = s.user_id("jonas@acme.test").await;

    let removed = s.delete(&format!("/orgs/me/users/{jonas}"), Some(&admin)).await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert!(user(&get(&s, "/orgs/me/users?per_page=100", &admin).await, "jonas@acme.test").is_none());
    let id = only_window(&s, &admin, "org_user.destroy", "Jonas Weber").await;

    assert_eq!(undo(&s, &admin, id).await.status(), StatusCode::NO_CONTENT);
    let after = get(&s, "/orgs/me/users?per_page=100", &admin).await;
    let jonas_after = user(&after, "jonas@acme.test").expect("back in the organization");
    for field in ["org_role", "roles_on_spaces", "on_spaces", "created_at"] {
        assert_eq!(jonas_after[field], jonas_before[field], "{field} as it was");
    }
    assert_eq!(recorded(&s, &admin, "org_user.destroy").await, 1);
    assert_eq!(recorded(&s, &admin, "org_user.restore").await, 1);
    assert_eq!(get(&s, "/orgs/me/undo", &admin).await["windows"], json!([]), "used");
    expect_error(undo(&s, &admin, id).await, StatusCode::CONFLICT, "undo_expired").await;
}

#[tokio::test]
async fn a_revoked_invitation_undone_is_pending_again_without_a_new_mail() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let invited = s
        .post(
            "/orgs/me/invitations",
            Some(&admin),
            json!({ "emails": ["undo.me@example.com"], "org_role": "admin" }),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);
    let mails = s.mails_to("undo.me@example.com", 1).await.len();
    let pending = |list: &Value| {
        list["invitations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["email"] == "undo.me@example.com")
            .cloned()
    };
    // The mail file is written before the outbox marks the mail sent: wait for the mark, so
    // "as it was" is the settled state.
    let before = eventually("the invitation's mail marked sent", Duration::from_secs(10), || async {
        pending(&get(&s, "/orgs/me/invitations", &admin).await).filter(|i| i["mail"]["status"] == "sent")
    })
    .await;
    let id = before["id"].as_i64().unwrap();
    assert_eq!(
        s.delete(&format!("/orgs/me/invitations/{id}"), Some(&admin))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert!(pending(&get(&s, "/orgs/me/invitations", &admin).await).is_none());
    let window = only_window(&s, &admin, "invitation.revoke", "undo.me@example.com").await;
    assert_eq!(undo(&s, &admin, window).await.status(), StatusCode::NO_CONTENT);
    let after = pending(&get(&s, "/orgs/me/invitations", &admin).await).expect("pending again");
    assert_eq!(after, before, "role, expiry and mail state as they were");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        s.mails_to("undo.me@example.com", 1).await.len(),
        mails,
        "no mail sent again"
    );
    assert_eq!(recorded(&s, &admin, "invitation.restore").await, 1);
}

#[tokio::test]
async fn a_detach_and_a_collaborator_removal_undone_are_as_they_were() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let blog = s.space_id("Blog").await;
    let before = get(&s, &format!("/orgs/me/spaces/{blog}"), &owner).await;
    assert_eq!(
        s.delete(&format!("/orgs/me/spaces/{blog}"), Some(&owner))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let id = only_window(&s, &owner, "space.detach", "Blog").await;
    assert_eq!(undo(&s, &owner, id).await.status(), StatusCode::NO_CONTENT);
    let after = get(&s, &format!("/orgs/me/spaces/{blog}"), &owner).await;
    assert_eq!(after["space"]["created_at"], before["space"]["created_at"]);
    assert_eq!(after["collaborators"], before["collaborators"]);
    assert_eq!(recorded(&s, &owner, "space.restore").await, 1);

    let collaborator = before["collaborators"][0].clone();
    let user_id = collaborator["user_id"].as_i64().unwrap();
    let path = format!("/orgs/me/spaces/{blog}/collaborators/{user_id}");
    assert_eq!(s.delete(&path, Some(&owner)).await.status(), StatusCode::NO_CONTENT);
    let id = only_window(
        &s,
        &owner,
        "collaborator.destroy",
        collaborator["friendly_name"].as_str().unwrap(),
    )
    .await;
    assert_eq!(undo(&s, &owner, id).await.status(), StatusCode::NO_CONTENT);
    let again = get(&s, &format!("/orgs/me/spaces/{blog}"), &owner).await;
    assert_eq!(
        again["collaborators"], before["collaborators"],
        "the same role on the space"
    );
    assert_eq!(recorded(&s, &owner, "collaborator.restore").await, 1);
}

#[tokio::test]
async fn only_its_author_undoes_within_ten_seconds_and_nothing_changed_meanwhile_is_overwritten() {
    let s = server().await;
    let (admin, owner) = (s.token("admin@acme.test").await, s.token("owner@acme.test").await);
    let invite = |email: &'static str| {
        let s = &s;
        let admin = admin.clone();
        async move {
            let r = s
                .post(
                    "/orgs/me/invitations",
                    Some(&admin),
                    json!({ "emails": [email], "org_role": "member" }),
                )
                .await;
            assert_eq!(r.status(), StatusCode::CREATED);
            let list = get(s, "/orgs/me/invitations", &admin).await;
            list["invitations"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["email"] == email)
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        }
    };
    let first = invite("twice@example.com").await;
    s.delete(&format!("/orgs/me/invitations/{first}"), Some(&admin)).await;
    let window = only_window(&s, &admin, "invitation.revoke", "twice@example.com").await;

    // Someone else's window is not theirs to use, nor to see.
    assert_eq!(get(&s, "/orgs/me/undo", &owner).await["windows"], json!([]));
    expect_error(undo(&s, &owner, window).await, StatusCode::NOT_FOUND, "not_found").await;
    let member = s.token("member@acme.test").await;
    expect_error(undo(&s, &member, window).await, StatusCode::FORBIDDEN, "forbidden").await;

    // Invited again meanwhile: the undo would make two pending invitations; it is refused.
    invite("twice@example.com").await;
    expect_error(undo(&s, &admin, window).await, StatusCode::CONFLICT, "undo_conflict").await;

    // After its ten seconds the action stays.
    let other = invite("late@example.com").await;
    s.delete(&format!("/orgs/me/invitations/{other}"), Some(&admin)).await;
    let late = get(&s, "/orgs/me/undo", &admin).await["windows"][0]["id"]
        .as_i64()
        .unwrap();
    sqlx::query("UPDATE undo_windows SET expires_at = created_at WHERE id = $1")
        .bind(late)
        .execute(&s.sql)
        .await
        .unwrap();
    let open = get(&s, "/orgs/me/undo", &admin).await;
    assert!(
        open["windows"].as_array().unwrap().iter().all(|w| w["id"] != late),
        "{open}"
    );
    expect_error(undo(&s, &admin, late).await, StatusCode::CONFLICT, "undo_expired").await;
}

#[tokio::test]
async fn a_change_made_with_an_access_token_opens_no_window() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let made: Value = s
        .post(
            "/me/tokens",
            Some(&admin),
            json!({ "name": "cleanup", "scopes": ["spaces"], "expires_in_days": 30, "password": "demo-password" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = made["token"].as_str().unwrap();
    let blog = s.space_id("Blog").await;
    assert_eq!(
        s.delete(&format!("/orgs/me/spaces/{blog}"), Some(token)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(get(&s, "/orgs/me/undo", &admin).await["windows"], json!([]));
}
