//! Live updates: what another admin changes through the API shows in an open browser without a
//! reload, also after the server went away and came back.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use thirtyfour::error::WebDriverErrorInner;

use crate::ensure;
use crate::harness::{Ctx, TestResult};

/// Another admin, as an API client.
struct Colleague {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Colleague {
    async fn sign_in(ctx: &Ctx, email: &str) -> Result<Colleague, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Colleague {
            client: reqwest::Client::new(),
            base: format!("{}/api/v1", ctx.base),
            token: ctx.api_token(email).await?,
        })
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Value,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let response = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await?;
        ensure!(response.status().is_success(), "{path} answered {}", response.status());
        Ok(response.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await?;
        ensure!(response.status().is_success(), "{path} answered {}", response.status());
        Ok(response.json().await?)
    }

    async fn set_role(&self, user_id: i64, role: &str) -> TestResult {
        let path = format!("/orgs/me/users/{user_id}");
        self.send(reqwest::Method::PATCH, &path, json!({ "org_role": role }))
            .await?;
        Ok(())
    }

    async fn user_id(&self, email: &str) -> Result<i64, Box<dyn std::error::Error + Send + Sync>> {
        let found = self.get(&format!("/orgs/me/users?q={email}")).await?;
        Ok(found["users"][0]["id"].as_i64().ok_or("the user exists")?)
    }
}

/// Wait (up to the harness's usual wait) until the role control for `name` shows `role`.
async fn wait_role(ctx: &Ctx, name: &str, role: &str) -> TestResult {
    let started = Instant::now();
    loop {
        let select = ctx.by_name("textbox", &format!("Role for {name}")).await?;
        // The list may be redrawn between finding the control and reading it (a live update is
        // what this waits for): then read the new one.
        let value = match select.prop("value").await {
            Err(e) if matches!(e.as_inner(), WebDriverErrorInner::StaleElementReference(_)) => None,
            other => other?,
        };
        if value.as_deref() == Some(role) {
            println!("the role change showed after {:?}", started.elapsed());
            return Ok(());
        }
        ensure!(
            started.elapsed() < Duration::from_secs(10),
            "{name} never showed as {role}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn another_admins_changes_show_without_a_reload(ctx: Ctx) -> TestResult {
    ctx.open("/sign-in?next=/users").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/users").await?;
    ctx.wait_text("9 users").await?;
    let colleague = Colleague::sign_in(&ctx, "admin@acme.test").await?;
    // Marks the page: a reload would lose it, so seeing the changes with it still there proves
    // no reload happened.
    ctx.driver.execute("window.__stillThisPage = true;", Vec::new()).await?;

    // A role change and a new invitation.
    let carla = colleague.user_id("carla@bakery.test").await?;
    colleague.set_role(carla, "admin").await?;
    wait_role(&ctx, "Carla Rossi", "admin").await?;
    colleague
        .send(
            reqwest::Method::POST,
            "/orgs/me/invitations",
            json!({ "emails": ["live.invitee@example.com"], "org_role": "member" }),
        )
        .await?;
    ctx.wait_text("live.invitee@example.com").await?;

    // A space added shows on the dashboard.
    ctx.click("link", "Dashboard").await?;
    ctx.wait_text("8 of 8 spaces").await?;
    let owner = Colleague::sign_in(&ctx, "owner@acme.test").await?;
    let personal = owner.get("/me/personal-spaces").await?;
    let portfolio = personal["spaces"]
        .as_array()
        .and_then(|spaces| spaces.iter().find(|s| s["name"] == "Photo Portfolio"))
        .and_then(|s| s["id"].as_i64())
        .ok_or("Photo Portfolio is a personal space")?;
    // A keyboard user's place survives the redraw: focus stays on the same control.
    ctx.tab_to("button", "Detach Blog").await?;
    owner
        .send(
            reqwest::Method::POST,
            "/orgs/me/spaces",
            json!({ "space_id": portfolio }),
        )
        .await?;
    ctx.wait_text("9 of 9 spaces").await?;
    ctx.painted().await?;
    let focused = ctx.focused().await?;
    ensure!(focused == "Detach Blog", "focus stayed on Detach Blog, not {focused:?}");

    // Saved settings: the open, untouched form and the header show the new name.
    ctx.click("link", "Settings").await?;
    ctx.wait_text("All changes saved").await?;
    let current = colleague.get("/orgs/me/settings").await?;
    colleague
        .send(
            reqwest::Method::PUT,
            "/orgs/me/settings",
            json!({
                "version": current["version"],
                "name": "Acme Live Studio",
                "branding": current["branding"],
                "embed": current["embed"],
                "access": current["access"],
            }),
        )
        .await?;
    ctx.wait_text("Someone else saved the settings; they are shown now.")
        .await?;
    ensure!(
        ctx.value_of("Organization name").await? == "Acme Live Studio",
        "the form shows the saved name"
    );
    let header = ctx
        .eval_string("return document.querySelector('[data-testid=org-name]').textContent")
        .await?;
    ensure!(
        header == "Acme Live Studio",
        "the header shows the new name, not {header:?}"
    );

    // The server goes away and comes back: the app reconnects by itself and keeps up.
    ctx.click("link", "Users").await?;
    ctx.wait_text("9 users").await?;
    ctx.restart_server(|_| {}).await?;
    let colleague = Colleague::sign_in(&ctx, "admin@acme.test").await?;
    colleague.set_role(carla, "member").await?;
    wait_role(&ctx, "Carla Rossi", "member").await?;
    let same_page = ctx
        .eval_string("return String(window.__stillThisPage === true)")
        .await?;
    ensure!(same_page == "true", "every change showed without a reload");
    Ok(())
}
