//! Live changes for open browsers (`GET /orgs/me/events`).
//!
//! Every change already writes its activity inside its own transaction, so the activity table is
//! the event log: ids only grow, a change is visible exactly when it committed, and a browser
//! that lost its connection catches up by asking for the ids after the last one it saw. Each
//! instance watches the newest id and wakes its streams when it grows: on PostgreSQL a trigger
//! sends `NOTIFY org_area_changes` as each activity's transaction commits, which every instance
//! `LISTEN`s for (with a look at the newest id every few seconds in case a notice was lost while
//! reconnecting); on SQLite, which has no notices, one indexed read a few times a second,
//! whatever the number of open streams. Either way it also looks at once after a change through
//! itself. So a change made through any instance sharing the database reaches the streams of
//! every instance well within a second, and the streams themselves hold no database connection
//! while they wait. Ids commit in order on both: every write transaction takes the database's
//! single writer lock (see `db::write`).

use std::sync::Arc;
use std::time::Duration;

use common::live::Step;
use common::live::{Changes, Newest, Place};
use common::session::Stage;
use common::DomainResult;
use contract::{allows, ActivityKey, ChangeEvent, Permission};

use crate::db::Pool;
use crate::sessions::{self, Touch};

/// How often each instance looks for new activities: on SQLite, which has no notices, this is
/// how it learns of them; on PostgreSQL, where notices wake it, only in case one was lost.
#[cfg(sqlite)]
pub const WATCH_EVERY: Duration = Duration::from_millis(200);
#[cfg(postgres)]
pub const WATCH_EVERY: Duration = Duration::from_secs(5);
/// The channel the activities' trigger notifies (migrations/postgres).
#[cfg(postgres)]
const CHANNEL: &str = "org_area_changes";
/// How many events one read sends; a stream far behind reads again at once.
const BATCH: i64 = 200;

async fn newest_id(pool: &Pool) -> DomainResult<i64> {
    Ok(
        sqlx::query_scalar!(r#"SELECT COALESCE(MAX(id), 0) AS "id!: i64" FROM activities"#)
            .fetch_one(pool)
            .await?,
    )
}

/// The newest activity of each organization that has any after `after`: one range read of the
/// activities' ids.
async fn newest_by_org(pool: &Pool, after: i64) -> DomainResult<Vec<(i64, i64)>> {
    let rows = sqlx::query!(
        r#"SELECT org_id AS "org_id!", MAX(id) AS "newest!: i64" FROM activities
           WHERE id > $1 AND org_id IS NOT NULL GROUP BY org_id"#,
        after
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.org_id, r.newest)).collect())
}

/// What wakes the watcher besides its own looks: PostgreSQL's notices, or nothing on SQLite.
struct Notices {
    #[cfg(postgres)]
    listener: sqlx::postgres::PgListener,
}

impl Notices {
    async fn listen(pool: &Pool) -> Result<Notices, sqlx::Error> {
        #[cfg(postgres)]
        {
            let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
            listener.listen(CHANNEL).await?;
            Ok(Notices { listener })
        }
        #[cfg(sqlite)]
        {
            let _ = pool;
            Ok(Notices {})
        }
    }

    /// The organization and id a notice names ("org:id"); waits for ever on SQLite. `recv` reconnects by itself after a lost
    /// connection; notices sent meanwhile are lost, which the next look at the newest id makes up
    /// for.
    async fn next(&mut self) -> Result<Option<(i64, i64)>, sqlx::Error> {
        #[cfg(postgres)]
        return self.listener.recv().await.map(|n| {
            let (org, id) = n.payload().split_once(':')?;
            Some((org.parse().ok()?, id.parse().ok()?))
        });
        #[cfg(sqlite)]
        std::future::pending().await
    }
}

/// Watch the activity table for new rows until the server stops, waking each organization's
/// streams with its own changes.
pub async fn watch(
    pool: Pool,
    changed_here: Arc<tokio::sync::Notify>,
) -> DomainResult<(Arc<Changes>, tokio::task::JoinHandle<()>)> {
    let changes = Arc::new(Changes::default());
    let mut seen = newest_id(&pool).await?;
    let mut notices = Notices::listen(&pool).await?;
    let hub = changes.clone();
    let task = tokio::spawn(async move {
        let mut ticks = tokio::time::interval(WATCH_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let noticed = notices.next();
            // The next tick, or at once when a change was made through this instance.
            let time_to_look = async {
                tokio::select! {
                    _ = ticks.tick() => {}
                    () = changed_here.notified() => {}
                }
            };
            tokio::select! {
                notice = noticed => match notice {
                    Ok(Some((org_id, id))) => hub.raise(org_id, id),
                    Ok(None) => {}
                    Err(err) => {
                        tracing::warn!(error = %err, "lost the database's change notices; reconnecting");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                },
                () = time_to_look => match newest_by_org(&pool, seen).await {
                    Ok(newest) => {
                        for (org_id, id) in newest {
                            hub.raise(org_id, id);
                            seen = seen.max(id);
                        }
                    }
                    Err(err) => tracing::warn!(error = %err, "cannot read the newest activities; live updates wait"),
                },
            }
        }
    });
    Ok((changes, task))
}

/// Where a new stream starts: after the id its client last saw, or after the newest activity
/// (read now: the watcher's value may be a moment old, and what its client did just before
/// connecting, such as signing in, is not news to it).
pub async fn start_after(pool: &Pool, last_seen: Option<i64>) -> DomainResult<(i64, i64)> {
    let newest = newest_id(pool).await?;
    let start = match last_seen {
        Some(id) if id >= 0 => id.min(newest),
        _ => newest,
    };
    Ok((start, newest))
}

/// One read of the log.
pub struct Batch {
    pub events: Vec<ChangeEvent>,
    /// The last id read (also of a row not sent); the next read starts after it.
    pub last: Option<i64>,
    /// The read was full, so more may be right behind it.
    pub full: bool,
}

/// The organization's changes after `after`, oldest first, at most one batch, as `receiver`
/// sees them.
pub async fn after(pool: &Pool, org_id: i64, receiver: i64, after: i64) -> DomainResult<Batch> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", key AS "key: ActivityKey", trackable_id, owner_id, recipient_id, space_id FROM activities
           WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3"#,
        org_id,
        after,
        BATCH
    )
    .fetch_all(pool)
    .await?;
    let full = rows.len() as i64 >= BATCH;
    let last = rows.last().map(|row| row.id);
    // Activities that change nothing in the organization are not sent (`TrackableType::is_change`).
    let events = rows
        .into_iter()
        .filter(|row| row.key.trackable_type().is_change())
        .map(|row| ChangeEvent {
            id: row.id,
            key: row.key,
            trackable_type: row.key.trackable_type(),
            trackable_id: row.trackable_id,
            recipient_id: row.recipient_id,
            space_id: row.space_id,
            by_you: row.owner_id == Some(receiver),
        })
        .collect();
    Ok(Batch { events, last, full })
}

/// Whether the session behind `token` may still follow `org_id`'s changes: signed in fully, in
/// that organization, with a role that sees its members. Checked before every read and now and
/// then while idle, so a signed-out, removed or demoted person's stream ends.
pub async fn may_follow(pool: &Pool, token: &str, org_id: i64, idle: chrono::Duration) -> DomainResult<bool> {
    let Some(session) = sessions::user_of(pool, token, Touch::No, idle).await? else {
        return Ok(false);
    };
    Ok(session.stage == Stage::Full
        && !session.must_set_up_two_factor
        && session
            .org
            .is_some_and(|(org, role)| org == org_id && allows(role, Permission::SeeMembers)))
}

/// Who follows an organization's changes: the session's token and person, and its idle timeout.
pub struct Follower {
    pub token: String,
    pub user_id: i64,
    pub org_id: i64,
    /// A stream does not keep its session alive, and ends with it.
    pub idle: chrono::Duration,
}

/// One open stream of one person's organization.
pub struct Follow {
    pool: Pool,
    /// Its place among this instance's streams, given back when it ends.
    _place: Place,
    newest: Newest,
    token: String,
    user_id: i64,
    org_id: i64,
    /// The session's idle timeout: a stream does not keep its session alive, and ends with it.
    idle: chrono::Duration,
    /// The last activity id read for this organization.
    cursor: i64,
    /// Every activity up to this id has been read.
    checked: i64,
    more: bool,
    ready_sent: bool,
    queue: std::collections::VecDeque<ChangeEvent>,
    recheck: tokio::time::Interval,
}

/// How often an idle stream checks that its session may still follow.
const RECHECK_EVERY: Duration = Duration::from_secs(30);

impl Follow {
    /// A new stream, when the person and the organization have fewer open than the limits; 429
    /// otherwise, with a `Retry-After` by which a stream of theirs may have ended.
    pub async fn new(
        pool: Pool,
        changes: &Arc<Changes>,
        who: Follower,
        last_seen: Option<i64>,
    ) -> DomainResult<Follow> {
        let Follower {
            token,
            user_id,
            org_id,
            idle,
        } = who;
        let (_place, newest) = changes.open(user_id, org_id)?;
        let (cursor, newest_anywhere) = start_after(&pool, last_seen).await?;
        let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + RECHECK_EVERY, RECHECK_EVERY);
        recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        Ok(Follow {
            pool,
            _place,
            newest,
            token,
            user_id,
            org_id,
            idle,
            cursor,
            checked: cursor,
            // A client coming back reads what it missed at once.
            more: cursor < newest_anywhere,
            ready_sent: false,
            queue: Default::default(),
            recheck,
        })
    }

    /// The next thing to send; `None` ends the stream (the session may no longer follow, the
    /// database failed, or the server is stopping). The client reconnects and is told why.
    pub async fn next(&mut self) -> Option<Step> {
        if !self.ready_sent {
            self.ready_sent = true;
            return Some(Step::Ready(self.cursor));
        }
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Some(Step::Change(event));
            }
            let newest = *self.newest.borrow_and_update();
            if newest > self.checked || self.more {
                if !self.allowed().await {
                    return None;
                }
                let batch = match after(&self.pool, self.org_id, self.user_id, self.cursor).await {
                    Ok(batch) => batch,
                    Err(err) => {
                        tracing::warn!(error = %err, "cannot read changes; the stream ends and its client reconnects");
                        return None;
                    }
                };
                self.cursor = batch.last.unwrap_or(self.cursor);
                self.more = batch.full;
                if !batch.full {
                    self.checked = self.checked.max(newest);
                }
                self.queue.extend(batch.events);
                continue;
            }
            tokio::select! {
                changed = self.newest.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                }
                _ = self.recheck.tick() => {
                    if !self.allowed().await {
                        return None;
                    }
                }
            }
        }
    }

    /// Every step until the stream ends.
    pub fn steps(self) -> impl futures_util::Stream<Item = Step> + Send + 'static {
        futures_util::stream::unfold(self, |mut follow| async move {
            follow.next().await.map(|step| (step, follow))
        })
    }

    async fn allowed(&self) -> bool {
        may_follow(&self.pool, &self.token, self.org_id, self.idle)
            .await
            .unwrap_or(false)
    }
}
