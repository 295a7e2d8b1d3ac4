//! The one place money is taken. No payment provider is reachable from here, so the server runs
//! with [`TestGateway`]; a real provider implements [`PaymentGateway`] and is passed to
//! [``org_area_server::start_with``]. A real integration would receive a provider token from the browser instead
//! of the card number; the rest of the server only ever sees [`PaymentMethod`] (brand, last four,
//! expiry).
//!
//! Every charge carries an idempotency key (one per invoice and attempt): a provider that has
//! seen the key answers as it did the first time and takes nothing more, so retrying an attempt
//! whose answer was lost (a crash, a timeout) never charges twice.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

use contract::PaymentMethod;

pub struct Charge<'a> {
    pub card: &'a PaymentMethod,
    pub amount_cents: i64,
    pub currency: &'a str,
    /// The invoice number, so the provider's records name it.
    pub reference: &'a str,
    /// The same key for a retry of the same attempt; a new key for a new attempt.
    pub idempotency_key: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declined(pub String);

pub type ChargeFuture<'a> = Pin<Box<dyn Future<Output = Result<String, Declined>> + Send + 'a>>;

pub trait PaymentGateway: Send + Sync {
    /// Take the amount; `Ok` carries the provider's reference for the payment.
    fn charge<'a>(&'a self, charge: Charge<'a>) -> ChargeFuture<'a>;
}

/// Approves every card except those ending in 0002, the number providers use for a decline.
/// Like a real provider it remembers idempotency keys, and it keeps a ledger of what it took so
/// tests can count charges.
#[derive(Default)]
pub struct TestGateway {
    /// How long each charge takes: widens the window in which races would show.
    delay: Duration,
    seen: Mutex<HashMap<String, Result<String, Declined>>>,
    ledger: Mutex<Vec<TakenPayment>>,
}

/// One payment the test provider actually took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TakenPayment {
    pub reference: String,
    pub amount_cents: i64,
    pub idempotency_key: String,
}

impl TestGateway {
    pub fn slow(delay: Duration) -> TestGateway {
        TestGateway {
            delay,
            ..TestGateway::default()
        }
    }

    /// The payments taken (not counting answers repeated for a known idempotency key).
    pub fn taken(&self) -> Vec<TakenPayment> {
        self.ledger.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl PaymentGateway for TestGateway {
    fn charge<'a>(&'a self, charge: Charge<'a>) -> ChargeFuture<'a> {
        Box::pin(async move {
            if let Some(answer) = self
                .seen
                .lock()
                .ok()
                .and_then(|seen| seen.get(charge.idempotency_key).cloned())
            {
                return answer;
            }
            tokio::time::sleep(self.delay).await;
            let answer = if charge.card.last4 == "0002" {
                Err(Declined("The card was declined.".into()))
            } else {
                Ok(format!("test_{}", charge.idempotency_key))
            };
            if let Ok(mut seen) = self.seen.lock() {
                if let Some(first) = seen.get(charge.idempotency_key) {
                    return first.clone();
                }
                seen.insert(charge.idempotency_key.to_string(), answer.clone());
                if answer.is_ok() {
                    if let Ok(mut ledger) = self.ledger.lock() {
                        ledger.push(TakenPayment {
                            reference: charge.reference.to_string(),
                            amount_cents: charge.amount_cents,
                            idempotency_key: charge.idempotency_key.to_string(),
                        });
                    }
                }
            }
            answer
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(last4: &str) -> PaymentMethod {
        PaymentMethod {
            brand: "Visa".into(),
            last4: last4.into(),
            exp_month: 12,
            exp_year: 2030,
            holder: "Olivia Owens".into(),
        }
    }

    #[tokio::test]
    async fn a_repeated_key_is_answered_again_without_a_second_payment() {
        let gateway = TestGateway::default();
        let visa = card("4242");
        let charge = |key: &'static str| Charge {
            card: &visa,
            amount_cents: 9_900,
            currency: "EUR",
            reference: "OA-0001-0001",
            idempotency_key: key,
        };
        let first = gateway.charge(charge("invoice-1-attempt-1")).await;
        let again = gateway.charge(charge("invoice-1-attempt-1")).await;
        assert_eq!(first, again);
        assert_eq!(gateway.taken().len(), 1);
        let declined = card("0002");
        let refused = gateway
            .charge(Charge {
                card: &declined,
                amount_cents: 1,
                currency: "EUR",
                reference: "x",
                idempotency_key: "invoice-2-attempt-1",
            })
            .await;
        assert!(refused.is_err());
        assert_eq!(gateway.taken().len(), 1);
    }
}
