//! Undo: each destructive action's notice takes it back, by keyboard too; a reload within the ten
//! seconds finds the notice again; another admin's open page follows both the action and its
//! undo live.

use serde_json::{json, Value};
use thirtyfour::Key;

use crate::ensure;
use crate::harness::{Ctx, TestResult};

async fn signed_in_owner(ctx: &Ctx, path: &str) -> TestResult {
    ctx.open(&format!("/sign-in?next={path}")).await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location(path).await?;
    Ok(())
}

pub async fn each_destructive_action_is_undone_from_its_notice(ctx: Ctx) -> TestResult {
    signed_in_owner(&ctx, "/users").await?;
    ctx.wait_text("9 shown of 9 users").await?;

    // A removal, taken back with the keyboard alone: the notice holds the focus.
    ctx.click("button", "Remove Erin O'Brien").await?;
    ctx.click("button", "Remove user").await?;
    ctx.wait_text("Erin O'Brien was removed from the organization.").await?;
    ctx.wait_text("8 shown of 8 users").await?;
    ctx.snap("undo-notice").await?;
    let focused = ctx.focused().await?;
    ensure!(
        focused == "Undo: Erin O'Brien was removed from the organization.",
        "the Undo button has the focus: {focused:?}"
    );
    ctx.press(Key::Enter).await?;
    ctx.wait_text("Undone: everything is as it was.").await?;
    ctx.wait_text("9 shown of 9 users").await?;

    // A revoked invitation.
    let token = ctx.stored_token().await?.ok_or("signed in")?;
    let invited = reqwest::Client::new()
        .post(format!("{}/api/v1/orgs/me/invitations", ctx.base))
        .bearer_auth(&token)
        .json(&json!({ "emails": ["undo.me@new.test"], "org_role": "member" }))
        .send()
        .await?;
    ensure!(invited.status().is_success(), "invited: {}", invited.status());
    ctx.driver.refresh().await?;
    ctx.click("button", "Revoke invitation to undo.me@new.test").await?;
    ctx.wait_text("The invitation to undo.me@new.test was revoked.").await?;
    ensure!(
        !ctx.has("button", "Revoke invitation to undo.me@new.test").await?,
        "revoked"
    );
    ctx.click("button", "Undo: The invitation to undo.me@new.test was revoked.")
        .await?;
    ctx.wait_text("Undone: everything is as it was.").await?;
    ctx.by_name("button", "Revoke invitation to undo.me@new.test").await?;

    // A detached space.
    ctx.click("link", "Dashboard").await?;
    ctx.wait_text("8 of 8 spaces").await?;
    ctx.click("button", "Detach Blog").await?;
    ctx.click("button", "Detach space").await?;
    ctx.wait_text("7 of 7 spaces").await?;
    ctx.click("button", "Undo: “Blog” was moved back to its owner's personal account.")
        .await?;
    ctx.wait_text("8 of 8 spaces").await?;

    // A collaborator taken off a space.
    ctx.click("link", "Blog").await?;
    ctx.wait_text("2 people work on this space").await?;
    ctx.click("button", "Remove Jonas Weber from this space").await?;
    ctx.wait_text("1 people work on this space").await?;
    ctx.click("button", "Undo: Jonas Weber was taken off the space.")
        .await?;
    ctx.wait_text("2 people work on this space").await?;

    ctx.click("link", "Activity").await?;
    ctx.wait_text("Undid the removal of").await?;
    Ok(())
}

pub async fn undo_survives_a_reload_and_another_admin_sees_it_live(ctx: Ctx) -> TestResult {
    // The other admin's page is open on the users list.
    ctx.open("/sign-in?next=/users").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_location("/users").await?;
    ctx.wait_text("9 shown of 9 users").await?;

    // The owner, in another browser (here its API, signed in the same way), removes Erin.
    let owner = ctx.api_token("owner@acme.test").await?;
    let client = reqwest::Client::new();
    let api = |path: &str| format!("{}/api/v1{path}", ctx.base);
    let users: Value = client
        .get(api("/orgs/me/users?per_page=100"))
        .bearer_auth(&owner)
        .send()
        .await?
        .json()
        .await?;
    let erin = users["users"]
        .as_array()
        .and_then(|u| u.iter().find(|u| u["email"] == "erin@contoso.test"))
        .and_then(|u| u["id"].as_i64())
        .ok_or("Erin is a user")?;
    let removed = client
        .delete(api(&format!("/orgs/me/users/{erin}")))
        .bearer_auth(&owner)
        .send()
        .await?;
    ensure!(removed.status().is_success(), "removed: {}", removed.status());
    ctx.wait_text("8 shown of 8 users").await?;

    // The owner reloads: the window is on the server, the undo too.
    let open: Value = client
        .get(api("/orgs/me/undo"))
        .bearer_auth(&owner)
        .send()
        .await?
        .json()
        .await?;
    let id = open["windows"][0]["id"]
        .as_i64()
        .ok_or("an open window after the reload")?;
    let undone = client
        .post(api(&format!("/orgs/me/undo/{id}")))
        .bearer_auth(&owner)
        .send()
        .await?;
    ensure!(undone.status().is_success(), "undone: {}", undone.status());
    ctx.wait_text("9 shown of 9 users").await?;
    ensure!(
        ctx.body_text().await?.contains("erin@contoso.test"),
        "back on the other page, live"
    );

    // In the browser itself: the admin removes, reloads, and undoes from the notice.
    ctx.click("button", "Remove Erin O'Brien").await?;
    ctx.click("button", "Remove user").await?;
    ctx.wait_text("8 shown of 8 users").await?;
    ctx.driver.refresh().await?;
    ctx.wait_text("Erin O'Brien was removed from the organization.").await?;
    ctx.click("button", "Undo: Erin O'Brien was removed from the organization.")
        .await?;
    ctx.wait_text("9 shown of 9 users").await?;
    Ok(())
}
