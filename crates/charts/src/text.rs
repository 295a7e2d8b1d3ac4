//! The charts' series names.

contract::catalog! {
    pub struct Names {
        spaces: "Spaces" | "Spaces" | "Espaces",
        users: "Users" | "Benutzer" | "Utilisateurs",
        by_role: "By role" | "Nach Rolle" | "Par rôle",
        traffic: "Traffic (GB)" | "Traffic (GB)" | "Trafic (Go)",
        requests: "API requests" | "API-Anfragen" | "Requêtes API",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_language_keeps_every_blank() {
        assert!(contract::i18n::blanks_disagree(super::Names::each()).is_empty());
    }
}
