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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_speaks_its_language_and_nothing_else_does() {
        assert_eq!(spoken(), Lang::En);
        assert_eq!(speaking(Lang::Fr, async { spoken() }).await, Lang::Fr);
        assert_eq!(spoken(), Lang::En);
    }
}
