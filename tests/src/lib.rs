//! What the browser scenarios, the benchmark and the fault scenarios share: the harness (processes,
//! a browser session driven by accessible name, mails, axe) and the size measurements of a built
//! app.

/// Fail the scenario with a message when a condition does not hold.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+).into());
        }
    };
}

pub mod harness;
pub mod sizes;
