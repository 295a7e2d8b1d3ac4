//! List answers (users pages, spaces, statistics, activities pages) and `orgs/me` kept per organization and
//! revision. Every change to what they show raises the organization's revision in the change's own
//! transaction (migrations `*_org_revision.sql`, `*_answers_and_search.sql`), so an answer kept
//! under a revision is what the database would say again until the revision moves: a repeated
//! page then costs the session check and one indexed read.
//!
//! The revision is read before the answer is built. A change committed in between gives the
//! answer newer data under the older revision, which the next request, reading the newer revision,
//! no longer finds: nothing older than the revision it is kept under is ever served.
//!
//! Memory is bounded: past the limit, the least recently used answers go first, and answers of
//! earlier revisions are never used again, so they are the first to go. Each instance keeps its
//! own; the revision lives in the database, so every instance sees the same moment of change.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::AnswerCacheUsage;
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::{on_db, AppState};

/// The key of `endpoint`'s answer to `actor` for `query`, at the organization's revision now.
pub async fn key_now(
    state: &AppState,
    actor: &common::Actor,
    endpoint: &'static str,
    query: Option<String>,
) -> ApiResult<Key> {
    let revision = on_db!(&state.db, |pool, domain| {
        domain::orgs::revision(pool, actor.org_id).await
    })?;
    Ok(Key {
        org_id: actor.org_id,
        revision,
        day: common::today(),
        endpoint,
        query: query.unwrap_or_default(),
    })
}

/// Everything a kept answer depends on. Who asks is not in it: each endpoint checks the caller's
/// role first, and answers every permitted caller of the organization the same.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct Key {
    pub org_id: i64,
    pub revision: i64,
    /// Periods ("the last 30 days") and "this month" are counted from today.
    pub day: chrono::NaiveDate,
    pub endpoint: &'static str,
    /// The query string as sent: two spellings of one query are two entries, never a wrong one.
    pub query: String,
}

impl Key {
    /// The answer's ETag: the key's digest, as every permitted caller gets the same answer.
    fn etag(&self) -> String {
        common::etag_of(&format!(
            "{}:{}:{}:{}?{}",
            self.org_id, self.revision, self.day, self.endpoint, self.query
        ))
    }
}

/// Whether the request's `If-None-Match` names `tag` (or any, `*`): the client holds the answer.
pub fn holds(request: &HeaderMap, tag: &str) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == tag || t.trim() == "*")
}

/// 304 when the request already holds the answer kept under `key` (its `If-None-Match`).
pub fn unchanged(key: &Key, request: &HeaderMap) -> Option<Response> {
    let tag = key.etag();
    holds(request, &tag).then(|| {
        let etag = HeaderValue::from_str(&tag).expect("an ETag is visible ASCII");
        (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response()
    })
}

/// A JSON answer as sent: its extra headers and its body.
#[derive(Clone, Debug)]
pub struct Answer {
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Bytes,
}

impl Answer {
    pub fn json<T: Serialize>(value: &T) -> ApiResult<Answer> {
        let body = serde_json::to_vec(value).map_err(|_| ApiError::internal())?;
        Ok(Answer {
            headers: Vec::new(),
            body: Bytes::from(body),
        })
    }

    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Answer {
        self.headers.push((name, value));
        self
    }

    /// The bytes it holds while kept, the key's included.
    fn size(&self, key: &Key) -> usize {
        const ENTRY: usize = 160;
        let headers: usize = self.headers.iter().map(|(n, v)| n.as_str().len() + v.len()).sum();
        ENTRY + key.query.len() + headers + self.body.len()
    }

    fn response(&self, etag: &HeaderValue) -> Response {
        let mut response = (
            [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            Body::from(self.body.clone()),
        )
            .into_response();
        let headers = response.headers_mut();
        for (name, value) in &self.headers {
            headers.insert(name.clone(), value.clone());
        }
        headers.insert(header::ETAG, etag.clone());
        response
    }
}

/// The kept answers of this instance.
pub struct Answers {
    limit: usize,
    shelf: Mutex<Shelf>,
}

#[derive(Default)]
struct Shelf {
    /// Each answer with the moment it was last used.
    entries: HashMap<Key, (Answer, u64)>,
    /// The keys by last use, the oldest first.
    by_use: BTreeMap<u64, Key>,
    clock: u64,
    bytes: usize,
    hits: u64,
    misses: u64,
}

impl Answers {
    /// Answers holding at most `limit` bytes; 0 keeps none.
    pub fn new(limit: usize) -> Answers {
        Answers {
            limit,
            shelf: Mutex::new(Shelf::default()),
        }
    }

    fn shelf(&self) -> std::sync::MutexGuard<'_, Shelf> {
        // A panic while holding the lock leaves a consistent shelf: every step below keeps it so.
        self.shelf.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn get(&self, key: &Key) -> Option<Answer> {
        let mut shelf = self.shelf();
        shelf.clock += 1;
        let now = shelf.clock;
        let Some((answer, used)) = shelf.entries.get_mut(key) else {
            shelf.misses += 1;
            return None;
        };
        let (answer, before) = (answer.clone(), std::mem::replace(used, now));
        shelf.by_use.remove(&before);
        shelf.by_use.insert(now, key.clone());
        shelf.hits += 1;
        Some(answer)
    }

    /// Keep `answer`, letting the least recently used go until all fit. An answer larger than an
    /// eighth of the limit is not kept: it would push out many smaller ones.
    pub fn put(&self, key: Key, answer: Answer) {
        let size = answer.size(&key);
        if size > self.limit / 8 {
            return;
        }
        let mut shelf = self.shelf();
        shelf.clock += 1;
        let now = shelf.clock;
        if let Some((old, used)) = shelf.entries.remove(&key) {
            shelf.bytes -= old.size(&key);
            shelf.by_use.remove(&used);
        }
        while shelf.bytes + size > self.limit {
            let Some((_, oldest)) = shelf.by_use.pop_first() else {
                break;
            };
            if let Some((gone, _)) = shelf.entries.remove(&oldest) {
                shelf.bytes -= gone.size(&oldest);
            }
        }
        shelf.bytes += size;
        shelf.by_use.insert(now, key.clone());
        shelf.entries.insert(key, (answer, now));
    }

    pub fn usage(&self) -> AnswerCacheUsage {
        let shelf = self.shelf();
        AnswerCacheUsage {
            entries: shelf.entries.len() as u64,
            bytes: shelf.bytes as u64,
            limit_bytes: self.limit as u64,
            hits: shelf.hits,
            misses: shelf.misses,
        }
    }

    /// The answer for `key`: 304 when the request already holds it (`If-None-Match`), the kept
    /// one, or `build`'s, which is then kept. An error is never kept.
    pub async fn answer(
        &self,
        key: Key,
        request: &HeaderMap,
        build: impl std::future::Future<Output = ApiResult<Answer>>,
    ) -> ApiResult<Response> {
        if let Some(unchanged) = unchanged(&key, request) {
            return Ok(unchanged);
        }
        let etag = HeaderValue::from_str(&key.etag()).expect("an ETag is visible ASCII");
        if let Some(answer) = self.get(&key) {
            return Ok(answer.response(&etag));
        }
        let answer = build.await?;
        let response = answer.response(&etag);
        self.put(key, answer);
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(org_id: i64, revision: i64, query: &str) -> Key {
        Key {
            org_id,
            revision,
            day: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
            endpoint: "users",
            query: query.into(),
        }
    }

    fn answer(bytes: usize) -> Answer {
        Answer::json(&"x".repeat(bytes)).unwrap()
    }

    #[test]
    fn an_answer_is_kept_under_its_whole_key_only() {
        let answers = Answers::new(1 << 20);
        answers.put(key(1, 7, "page=1"), answer(10));
        assert!(answers.get(&key(1, 7, "page=1")).is_some());
        for other in [key(1, 8, "page=1"), key(2, 7, "page=1"), key(1, 7, "page=2")] {
            assert!(answers.get(&other).is_none(), "{other:?}");
        }
        let usage = answers.usage();
        assert_eq!((usage.hits, usage.misses, usage.entries), (1, 3, 1));
    }

    #[test]
    fn the_least_recently_used_go_first_and_the_limit_holds() {
        let one = answer(1000).size(&key(1, 1, "page=1"));
        let answers = Answers::new(one * 8 + one / 2);
        for page in 1..=8 {
            answers.put(key(1, 1, &format!("page={page}")), answer(1000));
        }
        // Page 1 used again: page 2 is now the least recently used.
        assert!(answers.get(&key(1, 1, "page=1")).is_some());
        answers.put(key(1, 1, "page=9"), answer(1000));
        assert!(answers.get(&key(1, 1, "page=2")).is_none());
        for page in [1, 3, 9] {
            assert!(
                answers.get(&key(1, 1, &format!("page={page}"))).is_some(),
                "page {page}"
            );
        }
        let usage = answers.usage();
        assert!(usage.bytes <= usage.limit_bytes, "{usage:?}");
        assert_eq!(usage.entries, 8);
    }

    #[test]
    fn an_answer_too_large_to_share_the_shelf_is_not_kept() {
        let answers = Answers::new(8000);
        answers.put(key(1, 1, "page=1"), answer(2000));
        assert!(answers.get(&key(1, 1, "page=1")).is_none());
        assert_eq!(answers.usage().bytes, 0);
        let none = Answers::new(0);
        none.put(key(1, 1, "page=1"), answer(1));
        assert_eq!(none.usage().entries, 0);
    }
}
