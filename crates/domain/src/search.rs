//! What the command palette finds as one types: the first few people and spaces whose name (or
//! address) holds the words typed.

use common::filters::{like_pattern, UserFilter};
use common::{DomainError, DomainResult};
use contract::{FoundSpace, FoundUser, SearchResults, UserSort};

use crate::db::Pool;
use crate::members;

/// How many of each the palette shows.
pub const FOUND_AT_MOST: i64 = 5;

pub async fn find(pool: &Pool, org_id: i64, q: &str) -> DomainResult<SearchResults> {
    let q = q.trim();
    if q.chars().count() > 200 {
        return Err(DomainError::invalid("q", "Search for at most 200 characters."));
    }
    if q.is_empty() {
        return Ok(SearchResults::default());
    }
    let filter = UserFilter {
        q: q.to_string(),
        role: None,
        sort: UserSort::Name,
        descending: false,
    };
    let (_, people) = members::matching(pool, org_id, &filter, Some((FOUND_AT_MOST, 0))).await?;
    let pattern = like_pattern(q);
    let spaces = sqlx::query!(
        r#"SELECT id AS "id!", name FROM spaces WHERE org_id = $1 AND lower(name) LIKE $2 ESCAPE '\'
           ORDER BY lower(name), id LIMIT $3"#,
        org_id,
        pattern,
        FOUND_AT_MOST
    )
    .fetch_all(pool)
    .await?;
    Ok(SearchResults {
        users: people
            .into_iter()
            .map(|u| FoundUser {
                id: u.id,
                name: u
                    .friendly_name
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| u.email.clone()),
                email: u.email,
            })
            .collect(),
        spaces: spaces
            .into_iter()
            .map(|s| FoundSpace { id: s.id, name: s.name })
            .collect(),
    })
}
