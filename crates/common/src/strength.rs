//! Whether a new password can be guessed: zxcvbn's estimate (offline dictionaries of common
//! passwords, words and names, keyboard rows, sequences, repeats and dates), refused below score 3
//! ("safely unguessable", about 10^10 guesses), as NIST SP 800-63B §3.1.1.2 asks of a list of
//! commonly used or compromised values. The server judges every new password (invitation, reset,
//! change) and answers the app's check as the person types, so both say the same.

use zxcvbn::feedback::Warning;
use zxcvbn::Score;

use crate::say;

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
    Some(say!(
        "This password is too easy to guess. {reason}Add a few more words, or characters that follow no pattern.",
        "Dieses Passwort ist zu leicht zu erraten. {reason}Fügen Sie ein paar weitere Wörter oder Zeichen ohne Muster hinzu."
    ))
}

/// What makes it guessable, as a sentence and a space.
fn reason(warning: Warning) -> String {
    match warning {
        Warning::ThisIsATop10Password
        | Warning::ThisIsATop100Password
        | Warning::ThisIsACommonPassword
        | Warning::ThisIsSimilarToACommonlyUsedPassword => say!(
            "It is one of the most used passwords, or close to one. ",
            "Es ist eines der meistbenutzten Passwörter oder ähnelt einem. "
        ),
        Warning::StraightRowsOfKeysAreEasyToGuess | Warning::ShortKeyboardPatternsAreEasyToGuess => say!(
            "Rows and patterns of keys are easy to guess. ",
            "Tastenreihen und -muster sind leicht zu erraten. "
        ),
        Warning::RepeatsLikeAaaAreEasyToGuess | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => say!(
            "Repeated characters or words are easy to guess. ",
            "Wiederholte Zeichen oder Wörter sind leicht zu erraten. "
        ),
        Warning::SequencesLikeAbcAreEasyToGuess => say!(
            "Sequences like abc or 6543 are easy to guess. ",
            "Folgen wie abc oder 6543 sind leicht zu erraten. "
        ),
        Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess => say!(
            "Dates and years are easy to guess. ",
            "Daten und Jahreszahlen sind leicht zu erraten. "
        ),
        Warning::AWordByItselfIsEasyToGuess => say!(
            "A word on its own is easy to guess. ",
            "Ein einzelnes Wort ist leicht zu erraten. "
        ),
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess | Warning::CommonNamesAndSurnamesAreEasyToGuess => {
            say!("Names are easy to guess. ", "Namen sind leicht zu erraten. ")
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
