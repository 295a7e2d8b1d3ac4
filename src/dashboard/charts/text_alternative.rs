//! What each chart shows, in words and as a table, for screen readers and for anyone who wants
//! the numbers.

use contract::{Granularity, Statistics};
use leptos::prelude::*;

use super::Kind;
use crate::widgets::format;

#[component]
pub fn Summary(kind: Kind, stats: Statistics) -> impl IntoView {
    let per = if stats.granularity == Granularity::Day {
        "day"
    } else {
        "month"
    };
    match kind {
        Kind::Spaces => {
            let now = stats.spaces.last().map(|p| p.count).unwrap_or(0);
            let then = stats.spaces.first().map(|p| p.count).unwrap_or(0);
            format!("{now} spaces now, {then} at the start of the period.")
        }
        Kind::Users => {
            let now = stats.users.last().map(|p| p.count).unwrap_or(0);
            let r = &stats.users_by_role;
            format!(
                "{now} users: {} owner, {} admins, {} members.",
                r.owner, r.admin, r.member
            )
        }
        Kind::Traffic => {
            let bytes: i64 = stats.traffic.iter().map(|p| p.total_bytes).sum();
            let requests: i64 = stats.traffic.iter().map(|p| p.api_requests).sum();
            format!(
                "{} and {} API requests in the period, shown per {per}.",
                format::bytes(bytes),
                format::count(requests)
            )
        }
    }
}

#[component]
pub fn DataTable(kind: Kind, stats: Statistics) -> impl IntoView {
    let (head, rows): (Vec<&str>, Vec<Vec<String>>) = match kind {
        Kind::Spaces => (
            vec!["Date", "Spaces"],
            stats
                .spaces
                .iter()
                .map(|p| vec![p.date.clone(), p.count.to_string()])
                .collect(),
        ),
        Kind::Users => (
            vec!["Date", "Users"],
            stats
                .users
                .iter()
                .map(|p| vec![p.date.clone(), p.count.to_string()])
                .collect(),
        ),
        Kind::Traffic => (
            vec!["Date", "Traffic", "API requests"],
            stats
                .traffic
                .iter()
                .map(|p| {
                    vec![
                        p.date.clone(),
                        format::bytes(p.total_bytes),
                        format::count(p.api_requests),
                    ]
                })
                .collect(),
        ),
    };
    view! {
        <table class="table compact">
            <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
