//! The password judgement's own text (the reasons come from the server, in the page's language).

crate::i18n::texts! {
    hard_to_guess: "Hard to guess: a good password." | "Schwer zu erraten: ein gutes Passwort." | "Difficile à deviner : un bon mot de passe.",
}
