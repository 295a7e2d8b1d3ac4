//! What each chart shows, in words and as a table, for screen readers and for anyone who wants
//! the numbers.

use crate::dashboard::text::t;
use crate::i18n::fill;
use contract::{Granularity, Statistics};
use leptos::prelude::*;

use super::Kind;
use crate::widgets::format;

#[component]
pub fn Summary(kind: Kind, stats: Statistics) -> impl IntoView {
    let per = if stats.granularity == Granularity::Day {
        t().day
    } else {
        t().month
    };
    match kind {
        Kind::Spaces => {
            let now = stats.spaces.last().map(|p| p.count).unwrap_or(0);
            let then = stats.spaces.first().map(|p| p.count).unwrap_or(0);
            fill(t().spaces_summary, &[&format::count(now), &format::count(then)])
        }
        Kind::Users => {
            let now = stats.users.last().map(|p| p.count).unwrap_or(0);
            let r = &stats.users_by_role;
            fill(
                t().users_summary,
                &[
                    &format::count(now),
                    &format::count(r.owner),
                    &format::count(r.admin),
                    &format::count(r.member),
                ],
            )
        }
        Kind::Traffic => {
            let bytes: i64 = stats.traffic.iter().map(|p| p.total_bytes).sum();
            let requests: i64 = stats.traffic.iter().map(|p| p.api_requests).sum();
            fill(
                t().traffic_summary,
                &[&format::bytes(bytes), &format::count(requests), &per],
            )
        }
    }
}

#[component]
pub fn DataTable(kind: Kind, stats: Statistics) -> impl IntoView {
    let (head, rows): (Vec<&str>, Vec<Vec<String>>) = match kind {
        Kind::Spaces => (
            vec![t().date, t().spaces],
            stats
                .spaces
                .iter()
                .map(|p| vec![format::day(&p.date), format::count(p.count)])
                .collect(),
        ),
        Kind::Users => (
            vec![t().date, t().users],
            stats
                .users
                .iter()
                .map(|p| vec![format::day(&p.date), format::count(p.count)])
                .collect(),
        ),
        Kind::Traffic => (
            vec![t().date, t().traffic, t().api_requests],
            stats
                .traffic
                .iter()
                .map(|p| {
                    vec![
                        format::day(&p.date),
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
