//! Answers of many megabytes (the whole organization, the users export) are built two at a time
//! process-wide and one at a time per person, and each keeps its turn until its body has been sent
//! or [`SEND_WITHIN`] has passed. Neither many requests, nor one person asking over and over, nor a
//! client that reads slowly (or not at all) can hold the memory or the turns for long.

use common::text::said;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::response::Response;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// At most this many large answers are built and sent at once; more wait their turn.
pub const AT_ONCE: usize = 2;
/// How long a turn waits before the answer is 503.
const WAIT_AT_MOST: Duration = Duration::from_secs(10);
/// A large answer not sent by then is cut off, and its turn given back.
pub const SEND_WITHIN: Duration = Duration::from_secs(120);

/// The turns for large answers, and who holds one.
pub struct LargeAnswers {
    turns: Arc<Semaphore>,
    holders: Mutex<HashSet<i64>>,
    send_within: Duration,
}

impl Default for LargeAnswers {
    fn default() -> Self {
        LargeAnswers::new(AT_ONCE, SEND_WITHIN)
    }
}

/// One large answer's turn; given back when dropped.
pub struct Turn {
    answers: Arc<LargeAnswers>,
    user_id: i64,
    _permit: Option<OwnedSemaphorePermit>,
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.answers.holders().remove(&self.user_id);
    }
}

impl LargeAnswers {
    pub fn new(at_once: usize, send_within: Duration) -> LargeAnswers {
        LargeAnswers {
            turns: Arc::new(Semaphore::new(at_once)),
            holders: Mutex::new(HashSet::new()),
            send_within,
        }
    }

    fn holders(&self) -> std::sync::MutexGuard<'_, HashSet<i64>> {
        self.holders.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A turn for `user_id` (keep it until the response is made, then give it to
    /// [`held_until_sent`]): 429 while this person's previous large answer is still being built
    /// or sent, 503 after waiting ten seconds for one of the turns.
    pub async fn turn(self: &Arc<Self>, user_id: i64) -> Result<Turn, ApiError> {
        if !self.holders().insert(user_id) {
            return Err(common::DomainError::new(
                common::Kind::Throttled,
                "large_answer_running",
                said().download_running.to_owned(),
            )
            .retry_after(Duration::from_secs(5))
            .into());
        }
        // From here the person is a holder; dropping `turn` (on a timeout too) ends that.
        let mut turn = Turn {
            answers: self.clone(),
            user_id,
            _permit: None,
        };
        match tokio::time::timeout(WAIT_AT_MOST, self.turns.clone().acquire_owned()).await {
            Ok(Ok(permit)) => {
                turn._permit = Some(permit);
                Ok(turn)
            }
            _ => Err(common::DomainError::busy(said().large_answers_busy.to_owned()).into()),
        }
    }

    /// How many turns are held now.
    pub fn held(&self) -> usize {
        self.holders().len()
    }
}

/// The response, keeping `turn` until its body has been sent, the client left, or the time to send
/// it is over: then the body ends with an error (the connection is cut) and the turn is given back,
/// also when the client stopped reading and the body is never asked for again.
pub fn held_until_sent(response: Response, turn: Turn) -> Response {
    let within = turn.answers.send_within;
    let turn = Arc::new(Mutex::new(Some(turn)));
    // Also when hyper never asks for the body again: it neither ends nor is dropped then.
    let expiring = Arc::downgrade(&turn);
    tokio::spawn(async move {
        tokio::time::sleep(within).await;
        if let Some(turn) = expiring.upgrade() {
            take(&turn);
        }
    });
    response.map(|body| {
        Body::new(Holding {
            body,
            turn,
            deadline: Box::pin(tokio::time::sleep(within)),
        })
    })
}

fn take(turn: &Mutex<Option<Turn>>) -> Option<Turn> {
    turn.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take()
}

/// A response body holding a large answer's turn.
struct Holding {
    body: Body,
    turn: Arc<Mutex<Option<Turn>>>,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

/// Sent, or the client left: the turn goes back at once.
impl Drop for Holding {
    fn drop(&mut self) {
        take(&self.turn);
    }
}

impl http_body::Body for Holding {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        if self.deadline.as_mut().poll(cx).is_ready() {
            take(&self.turn);
            return Poll::Ready(Some(Err(axum::Error::new("the answer was not sent in time"))));
        }
        let frame = Pin::new(&mut self.body).poll_frame(cx);
        if let Poll::Ready(None) = frame {
            take(&self.turn);
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn one_turn_per_person_and_a_slow_reader_gives_it_back_in_time() {
        let answers = Arc::new(LargeAnswers::new(2, Duration::from_millis(200)));
        let first = answers.turn(1).await.unwrap();
        let again = answers.turn(1).await.err().expect("one at a time per person");
        assert_eq!(again.status, axum::http::StatusCode::TOO_MANY_REQUESTS);
        let other = answers.turn(2).await.unwrap();
        drop(other);

        // A body that never ends, as a client that stopped reading would leave it.
        let never = Body::from_stream(futures_util::stream::pending::<Result<axum::body::Bytes, std::io::Error>>());
        let response = held_until_sent(Response::new(never), first);
        assert_eq!(answers.held(), 1);
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(
            answers.held(),
            0,
            "the turn is given back when the time to send is over"
        );
        let cut = response.into_body().collect().await;
        assert!(cut.is_err(), "and the body ends with an error");
        assert!(answers.turn(1).await.is_ok());
    }

    #[tokio::test]
    async fn a_sent_body_gives_its_turn_back() {
        let answers = Arc::new(LargeAnswers::default());
        let turn = answers.turn(7).await.unwrap();
        let response = held_until_sent(Response::new(Body::from("all of it")), turn);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(&bytes[..], b"all of it");
        assert_eq!(answers.held(), 0);
    }
}
