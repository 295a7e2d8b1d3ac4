//! What the database holds after a fault, read directly: every write a client was told succeeded
//! is there, and whole.

use sqlx::AnyPool;

pub async fn open(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPool::connect(url).await.expect("the database opens")
}

/// How many of `invited` (addresses whose invitation was answered 2xx) are missing, or there
/// without their activity or their mail in the outbox.
pub async fn lost_invitations(db: &AnyPool, invited: &[String]) -> usize {
    let mut lost = 0;
    for email in invited {
        let whole: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM invitations i WHERE i.email = $1
               AND EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'invitation' AND o.subject_id = i.id)
               AND EXISTS (SELECT 1 FROM activities a WHERE a.trackable_id = i.id AND a.trackable_name = i.email)",
        )
        .bind(email)
        .fetch_one(db)
        .await
        .expect("the invitations read");
        if whole != 1 {
            lost += 1;
        }
    }
    lost
}

/// Invitations of the run kept half: without their outbox row or their activity.
pub async fn half_written(db: &AnyPool) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations i WHERE i.email LIKE '%@faults.test' AND (
           NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'invitation' AND o.subject_id = i.id)
           OR NOT EXISTS (SELECT 1 FROM activities a WHERE a.trackable_id = i.id AND a.trackable_name = i.email))",
    )
    .fetch_one(db)
    .await
    .expect("the invitations read")
}

/// SQLite's own check of its file: "ok" when whole.
pub async fn sqlite_integrity(db: &AnyPool) -> String {
    sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(db)
        .await
        .expect("the check runs")
}

/// Move SQLite's write-ahead log into the database and empty it: the next write must grow it.
pub async fn sqlite_truncate_journal(db: &AnyPool) {
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(db)
        .await
        .expect("the checkpoint runs");
}

/// How many invitations to `email` there are.
pub async fn copies(db: &AnyPool, email: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE email = $1")
        .bind(email)
        .fetch_one(db)
        .await
        .expect("the invitations read")
}

pub async fn user_id(db: &AnyPool, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(db)
        .await
        .expect("the user is there")
}

/// The role changes recorded for a person (their activities).
pub async fn role_changes(db: &AnyPool, user_id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM activities WHERE key = 'org_user.update' AND trackable_id = $1")
        .bind(user_id)
        .fetch_one(db)
        .await
        .expect("the activities read")
}

/// A person's role in their organization.
pub async fn role_of(db: &AnyPool, user_id: i64) -> String {
    sqlx::query_scalar("SELECT org_role FROM org_members WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(db)
        .await
        .expect("the membership reads")
}
