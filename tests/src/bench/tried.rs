//! What was tried for each goal that has been missed, as docs/benchmarks.md says under it. Kept
//! with the benchmark so the page stays whole when the benchmark rewrites it; a goal missed with
//! no entry here says so.

/// What was tried for the figure named `what`, and what is left.
pub fn of(what: &str) -> &'static str {
    TRIED
        .iter()
        .find(|(start, _)| what.starts_with(start))
        .map(|(_, tried)| *tried)
        .unwrap_or("Nothing was tried for it yet: it met its goal in the runs before this one.")
}

const SIGN_IN_BYTES: &str = "What was tried: the console (router, guard, layout) made a chunk of its own (the main module \
went from 233.5 to 123.4 KB); the bindings' script minified (9.5 to 7.6 KB); the screens' route list taken out of the \
table the tabs use; other screens' formats, catalogs and API types kept in their own chunks by the split; the contract's \
texts split by concern, so the sign-in page carries only the sign-in rules' messages (4.4 KB saved). Tried without gain \
before the split: `opt-level = \"s\"`, wasm-opt `--converge`, `-Os`, `--gufa`. What is left: the Leptos runtime \
(reactive_graph, tachys), `core`'s formatting and panics and the constant data are most of the main module; 90 KB needs \
the signed-out pages without Leptos or a smaller runtime (`panic_immediate_abort` needs a nightly toolchain); serde_json \
and dlmalloc together are about 10 KB. The bindings' script imports every browser call of the whole app, since the chunks \
reach the browser through the main module.";

const SIGN_IN_TIME: &str = "What was tried: everything that makes the page smaller (above); the main module and the \
scripts are preloaded from the page's head (`<link rel=preload>`, `modulepreload`), so the wasm downloads beside the \
scripts instead of after them. The figure varies between runs on this machine (104 to 192 ms at one size), more than \
the bytes moved it. What is left: a smaller main module first; then a Chromium trace of the start to tell compiling \
from instantiating (the main module imports every binding of the app, a 14 KB import section, and has a 15 KB function \
table).";

const DASHBOARD_BYTES: &str = "What was tried: ECharts bundled with only what the three charts register (161 KB \
against 200 KB for its common build); the console and the layout merged into one part (13 KB less of the chunks' own \
overhead); each screen a chunk of its own. Tried and taken back: the \"no access\" page's add-space form moved into the \
dashboard's chunk. The console then fell by 57.6 KB, but the widgets every screen uses moved into chunks the screens \
share, so five screens' first visits beyond the console rose over their 120 KB and the first dashboard visit fell by \
4.4 KB only. What is left: ECharts and the charts module alone are 245 KB of the 350; the split \
(wasm_split_cli_support 0.2.4) makes one chunk per set of parts sharing a function and cannot merge small ones, and each \
chunk carries its own import section and compresses on its own.";

const CHARTS_DRAWN: &str = "What was tried: the charts module and ECharts start loading with the dashboard's \
statistics, not after them. The figure met its goal in some runs before and missed it in others. The contributors \
show where a first visit's time goes: little waiting for files (they are fetched while the statistics are), most of \
it after the last file, starting the charts module and ECharts and drawing. What is left: a trace of that start.";

const TABLE: &str = "What was tried: rows written as one HTML string and read by the browser's parser at once, \
instead of node by node (3.7x plain at 50 rows, 2.9x at 500, before); rows filled into a cloned `<template>`: no faster, \
as the clone is walked node by node to fill it in; the table, its headers and the pager drawn once, with later pages \
replacing only the rows' markup (2.04x to 1.45x at 50 rows). What is left, by the contributors: our rows' \
markup put in by plain innerHTML is no slower than plain's own rows, so the markup is not the cost. Ours pays about \
half a millisecond at 50 rows writing it in wasm and scheduling, and most of a millisecond more between the markup \
written and the rows in the table: handing the string from wasm to the browser, and the other updates of the same \
change (the count, the pager). The ratio moves between runs (1.29x to 1.67x at 50 rows, 1.23x to 1.57x at 500 on \
this machine) as plain's own time does. Measured, not built: the role control \
drawn only when it is focused. The figure \"plain innerHTML with a button in place of each role control\" is what that \
would save in plain's own drawing; it was not built, as plain innerHTML draws a select in every row, so the comparison \
would then measure less work rather than faster work, and a control that changes kind under the focus needs its own \
accessibility checks.";

const TRIED: [(&str, &str); 8] = [
    ("sign-in page: index.html", SIGN_IN_BYTES),
    ("all bytes over the wire", SIGN_IN_BYTES),
    ("interactive", SIGN_IN_TIME),
    ("first dashboard visit after sign-in", DASHBOARD_BYTES),
    ("first visit: app files over the wire", DASHBOARD_BYTES),
    ("first visit: data arrived to all three charts drawn", CHARTS_DRAWN),
    ("50 rows: ours against plain", TABLE),
    ("500 rows: ours against plain", TABLE),
];
