//! When the work no request asks for is done (the domain's `scheduled` module says what it is):
//! every `--schedule-every`, by whichever instance holds the `scheduler` lease (a row renewed on
//! every round); other instances wait for it to lapse.

use std::sync::Arc;
use std::time::Duration;

use common::dns::TxtLookup;
use common::mail::Links;
use common::payments::PaymentGateway;
pub use common::scheduled::Round;

use crate::db::Database;
use crate::on_db;

/// Everything that is due now. Safe to run from several places at once: each step is guarded.
pub async fn run_due_work(
    db: &Database,
    gateway: &dyn PaymentGateway,
    links: &Links,
    dns: &dyn TxtLookup,
) -> Result<Round, common::DomainError> {
    Ok(on_db!(db, |pool, domain| {
        domain::scheduled::run_due_work(pool, gateway, links, dns).await
    })?)
}

/// Run the due work now and then every `every`, while this instance holds the lease (as
/// `holder`, which [`release`] gives up when the instance stops).
pub fn spawn(
    db: Database,
    gateway: Arc<dyn PaymentGateway>,
    links: Arc<Links>,
    dns: Arc<dyn TxtLookup>,
    mailer: Arc<crate::mailer::Mailer>,
    every: Duration,
    holder: String,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let lease = on_db!(&db, |pool, domain| {
                domain::scheduled::hold_lease(pool, "scheduler", &holder, every * 3).await
            });
            match lease {
                Ok(true) => match run_due_work(&db, gateway.as_ref(), &links, dns.as_ref()).await {
                    Ok(round) if round != Round::default() => {
                        tracing::info!(?round, "scheduled work done");
                        // Mails the round queued (usage alerts, ended subscriptions) go out now.
                        mailer.wake();
                    }
                    Ok(_) => {}
                    Err(err) => tracing::error!(error = %err, "scheduled work failed; it is tried again next round"),
                },
                Ok(false) => {}
                Err(err) => tracing::error!(error = %err, "cannot take the scheduler lease"),
            }
        }
    })
}

/// Give the scheduler's lease up when this instance stops: another takes the work over at its
/// next round instead of after the lease lapses (three rounds).
pub async fn release(db: &Database, holder: &str) {
    let released = on_db!(db, |pool, domain| {
        domain::scheduled::release_lease(pool, "scheduler", holder).await
    });
    if let Err(err) = released {
        tracing::warn!(error = %err, "cannot give the scheduler lease up; another instance takes it when it lapses");
    }
}
