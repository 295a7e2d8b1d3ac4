//! Whether a new password can be guessed: zxcvbn's estimate (offline dictionaries of common
//! passwords, words and names, keyboard rows, sequences, repeats and dates), refused below score 3
//! ("safely unguessable", about 10^10 guesses), as NIST SP 800-63B §3.1.1.2 asks of a list of
//! commonly used or compromised values. The server judges every new password (invitation, reset,
//! change) and answers the app's check as the person types, so both say the same.

use crate::text::{fill, said};
use zxcvbn::feedback::Warning;
use zxcvbn::Score;

/// Only the first characters are judged: zxcvbn's work grows with the length, and a password of
/// this many characters is long past any dictionary unless it repeats itself, which the start
/// already shows.
const JUDGED_CHARS: usize = 100;

/// Why a new password would be refused (too short, too long, or guessable with `about`), in the
/// caller's language; none when it is fine. The one judgement of new passwords: every write of one
/// and the app's check as it is typed use it.
pub fn new_password_refusal(password: &str, about: &[&str]) -> Option<String> {
    contract::new_password_problem(password, crate::spoken()).or_else(|| guessable(password, about))
}

/// Why `password` is too easy to guess, in the caller's language; none when it is not. `about`
/// holds what the person's password must not lean on: their address, names, organization.
pub fn guessable(password: &str, about: &[&str]) -> Option<String> {
    let judged: String = password.chars().take(JUDGED_CHARS).collect();
    let mut inputs: Vec<&str> = about.iter().copied().filter(|s| !s.trim().is_empty()).collect();
    // The address's parts count on their own: "jonas" of jonas@acme.test, "acme".
    let parts: Vec<&str> = about
        .iter()
        .filter_map(|s| s.split_once('@'))
        .flat_map(|(local, domain)| std::iter::once(local).chain(domain.split('.')))
        .collect();
    inputs.extend(parts);
    inputs.push(contract::PRODUCT_NAME);
    let entropy = zxcvbn::zxcvbn(&judged, &inputs);
    if entropy.score() >= Score::Three {
        return None;
    }
    let reason = entropy
        .feedback()
        .and_then(|f| f.warning())
        .map(reason)
        .unwrap_or_default();
    Some(fill(said().weak_password, &[&reason]))
}

/// What makes it guessable, as a sentence and a space.
fn reason(warning: Warning) -> String {
    match warning {
        Warning::ThisIsATop10Password
        | Warning::ThisIsATop100Password
        | Warning::ThisIsACommonPassword
        | Warning::ThisIsSimilarToACommonlyUsedPassword => said().weak_common.to_owned(),
        Warning::StraightRowsOfKeysAreEasyToGuess | Warning::ShortKeyboardPatternsAreEasyToGuess => {
            said().weak_keys.to_owned()
        }
        Warning::RepeatsLikeAaaAreEasyToGuess | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => {
            said().weak_repeats.to_owned()
        }
        Warning::SequencesLikeAbcAreEasyToGuess => said().weak_sequence.to_owned(),
        Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess => said().weak_dates.to_owned(),
        Warning::AWordByItselfIsEasyToGuess => said().weak_word.to_owned(),
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess | Warning::CommonNamesAndSurnamesAreEasyToGuess => {
            said().weak_names.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_patterned_passwords_are_refused_with_the_reason() {
        for weak in [
            "1234567890",
            "qwertyuiop",
            "password123",
            "aaaaaaaaaaaa",
            "iloveyou2024",
        ] {
            assert!(guessable(weak, &[]).is_some(), "{weak} is refused");
        }
        assert!(guessable("qwertyuiop", &[]).unwrap().contains("most used passwords"));
        assert!(guessable("asdfghjkl;", &[]).unwrap().contains("keys"));
        assert!(guessable("9876543210", &[]).unwrap().contains("Sequences"));
    }

    #[test]
    fn the_persons_own_address_and_names_do_not_make_a_password() {
        let about = ["jonas@acme.test", "Jonas", "Weber"];
        assert!(guessable("jonas@acme.test", &about).is_some());
        assert!(guessable("jonasweber", &about).is_some());
    }

    #[test]
    fn passphrases_and_random_strings_pass() {
        for strong in [
            "correct horse battery staple",
            "a brand new password",
            "tN4#vq9!Lz0p",
            "demo-password-of-jonas",
        ] {
            assert_eq!(guessable(strong, &[]), None, "{strong} passes");
        }
    }
}
