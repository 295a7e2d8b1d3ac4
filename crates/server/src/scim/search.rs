//! `POST /.search` (RFC 7644 §3.4.3): people, then groups, as one list paged across both. A
//! filter applies to the resources that have its attribute; one neither has is refused.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;

use super::json::list;
use super::request::{read, Asked};
use super::{filter, groups, users, Provisioner, Scim, ScimResult};
use crate::AppState;

pub async fn everything(State(state): State<AppState>, who: Provisioner, body: Bytes) -> ScimResult {
    let asked = Asked::new(&read(&body)?)?;
    let (for_users, for_groups) = match asked.filter.as_deref() {
        None => (true, true),
        Some(f) => {
            let (user, group) = (filter::users(f), filter::groups(f));
            if let (Err(refused), Err(_)) = (&user, &group) {
                return Err(refused.clone());
            }
            (user.is_ok(), group.is_ok())
        }
    };
    // Each type is asked for everything up to the end of the page, then the page is cut out of
    // the two in order.
    let upto = Asked {
        filter: asked.filter.clone(),
        start_index: 1,
        count: asked.start_index - 1 + asked.count,
        shown: asked.shown.clone(),
    };
    let (mut total, mut resources) = (0, Vec::new());
    if for_users {
        let (n, found) = users::found(&state, who.org_id, &upto).await?;
        total += n;
        resources.extend(found);
    }
    if for_groups {
        let (n, found) = groups::found(&state, who.org_id, &upto).await?;
        total += n;
        resources.extend(found);
    }
    let page: Vec<_> = resources
        .into_iter()
        .skip((asked.start_index - 1) as usize)
        .take(asked.count as usize)
        .collect();
    Ok(Scim(StatusCode::OK, list(total, asked.start_index, page)))
}
