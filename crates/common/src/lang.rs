//! The language of the request being answered: what people read in a refusal and in the mails a
//! request sends. The HTTP layer sets it for each request from `Accept-Language` ([`speaking`]);
//! work without a request (scheduled renewals) speaks English.

use std::future::Future;

pub use contract::Lang;

tokio::task_local! {
    static SPOKEN: Lang;
}

/// The language of the request being answered (English outside one).
pub fn spoken() -> Lang {
    SPOKEN.try_with(|lang| *lang).unwrap_or_default()
}

/// Run `work` speaking `lang`.
pub async fn speaking<F: Future>(lang: Lang, work: F) -> F::Output {
    SPOKEN.scope(lang, work).await
}

/// `say!("English {x}", "Deutsch {x}")`: the text in the caller's language, both written at the
/// place they are used so neither can go missing. Extra arguments go to both, as to `format!`.
#[macro_export]
macro_rules! say {
    ($en:literal, $de:literal $(, $arg:expr)* $(,)?) => {
        match $crate::lang::spoken() {
            $crate::lang::Lang::En => format!($en $(, $arg)*),
            $crate::lang::Lang::De => format!($de $(, $arg)*),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_speaks_its_language_and_nothing_else_does() {
        assert_eq!(say!("yes", "ja"), "yes");
        assert_eq!(speaking(Lang::De, async { say!("yes {}", "ja {}", 1) }).await, "ja 1");
        assert_eq!(spoken(), Lang::En);
    }
}
