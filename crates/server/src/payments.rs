//! The one place money is taken. No payment provider is reachable from here, so the server runs
//! with [`TestGateway`]; a real provider implements [`PaymentGateway`] and is passed in
//! [`crate::AppState`]. A real integration would receive a provider token from the browser instead
//! of the card number; the rest of the server only ever sees [`PaymentMethod`] (brand, last four,
//! expiry).

use std::future::Future;
use std::pin::Pin;

use contract::PaymentMethod;

pub struct Charge<'a> {
    pub card: &'a PaymentMethod,
    pub amount_cents: i64,
    pub currency: &'a str,
    /// The invoice number, so the provider's records name it.
    pub reference: &'a str,
}

#[derive(Debug)]
pub struct Declined(pub String);

pub type ChargeFuture<'a> = Pin<Box<dyn Future<Output = Result<String, Declined>> + Send + 'a>>;

pub trait PaymentGateway: Send + Sync {
    /// Take the amount; `Ok` carries the provider's reference for the payment.
    fn charge<'a>(&'a self, charge: Charge<'a>) -> ChargeFuture<'a>;
}

/// Approves every card except those ending in 0002, the number providers use for a decline.
pub struct TestGateway;

impl PaymentGateway for TestGateway {
    fn charge<'a>(&'a self, charge: Charge<'a>) -> ChargeFuture<'a> {
        Box::pin(async move {
            if charge.card.last4 == "0002" {
                Err(Declined("The card was declined.".into()))
            } else {
                Ok(format!("test_{}_{}", charge.reference, charge.amount_cents))
            }
        })
    }
}
