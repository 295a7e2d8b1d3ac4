use crate::ensure;
use crate::harness::{Ctx, TestResult};

pub async fn a_role_change_is_found_in_activity_by_its_author_and_exported(ctx: Ctx) -> TestResult {
    ctx.open("/sign-in?next=/users").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/users").await?;
    ctx.choose("Role for Carla Rossi", "Admin").await?;
    ctx.click("button", "Change role").await?;
    ctx.wait_text("Carla Rossi is now Admin.").await?;

    ctx.click("link", "Activity").await?;
    ctx.wait_location("/activity").await?;
    ctx.wait_text("Changed the role of").await?;
    ctx.snap("activity").await?;

    // Only what the owner did: the role change, not the admin's or anyone else's doings.
    ctx.fill("Person", "Olivia Owens").await?;
    ctx.by_name("textbox", "Person")
        .await?
        .send_keys(thirtyfour::Key::Enter)
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !ctx.location().await?.contains("owner=") {
        ensure!(
            std::time::Instant::now() < deadline,
            "the person filter reached the address"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    ctx.wait_text("Member → Admin").await?;
    let body = ctx.body_text().await?;
    ensure!(body.contains("Carla Rossi"), "the entry names its target");
    ensure!(body.contains("Olivia Owens"), "and who did it");
    ensure!(body.contains("matching activities"), "the count says it is filtered");
    ctx.by_name("button", "Next page").await?;
    ctx.by_name("button", "Previous page").await?;
    ctx.snap("activity-filtered").await?;

    ctx.driver.refresh().await?;
    ctx.wait_text("Member → Admin").await?;
    ensure!(
        ctx.value_of("Person").await? == "Olivia Owens",
        "the filter survives a reload"
    );

    ctx.click("button", "Export CSV").await?;
    let csv = ctx.downloaded("activities.csv").await?;
    let line = csv
        .lines()
        .find(|l| l.contains("org_user.update"))
        .ok_or_else(|| format!("the export holds the role change:\n{csv}"))?;
    ensure!(line.contains("Carla Rossi") && line.contains("Olivia Owens"), "{line}");
    ensure!(
        csv.lines().skip(1).all(|l| l.contains("Olivia Owens")),
        "the export holds the filtered set only:\n{csv}"
    );
    Ok(())
}
