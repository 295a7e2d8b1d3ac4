//! The filters a list takes: one attribute compared with `eq` to a string, which is what
//! identity providers send to find a person before creating them (Okta: `userName eq "…"`;
//! Microsoft Entra ID: `userName eq "…"` and `externalId eq "…"`). Anything else is refused
//! with `invalidFilter` rather than ignored, so a client never takes a whole list for a match.

use common::scim::UserFilter;

use super::json::bare;
use super::ScimError;

pub fn parse(filter: &str) -> Result<UserFilter, ScimError> {
    let refuse = || {
        ScimError::bad(
            "invalidFilter",
            format!(
                "“{filter}” is not a filter this service takes: one of userName, externalId, emails or id, \
                 then eq, then a quoted string."
            ),
        )
    };
    let text = filter.trim();
    // The attribute ends at the first space outside brackets (`emails[type eq "work"].value`).
    let mut depth = 0;
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => {}
            }
            c.is_whitespace() && depth == 0
        })
        .map(|(i, _)| i)
        .ok_or_else(refuse)?;
    let (attribute, rest) = text.split_at(end);
    let (operator, value) = rest.trim_start().split_once(char::is_whitespace).ok_or_else(refuse)?;
    if !operator.eq_ignore_ascii_case("eq") {
        return Err(refuse());
    }
    let value: String = serde_json::from_str(value.trim()).map_err(|_| refuse())?;
    let attribute = bare(attribute);
    // `emails[type eq "work"].value` names the address too: there is one.
    let attribute = match attribute.split_once('[') {
        Some((outer, inner)) => match inner.rsplit_once(']') {
            Some((_, after)) => format!("{outer}{after}"),
            None => return Err(refuse()),
        },
        None => attribute,
    };
    match attribute.as_str() {
        "username" => Ok(UserFilter::UserName(value)),
        "externalid" => Ok(UserFilter::ExternalId(value)),
        "emails" | "emails.value" => Ok(UserFilter::Email(value)),
        // An id that is no number matches nobody.
        "id" => Ok(UserFilter::Id(value.parse().unwrap_or(-1))),
        _ => Err(refuse()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_identity_providers_send_is_understood() {
        assert_eq!(
            parse(r#"userName eq "ada@acme.test""#).unwrap(),
            UserFilter::UserName("ada@acme.test".into())
        );
        assert_eq!(
            parse(r#"externalId eq "0a1b""#).unwrap(),
            UserFilter::ExternalId("0a1b".into())
        );
        assert_eq!(
            parse(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName EQ "x""#).unwrap(),
            UserFilter::UserName("x".into())
        );
        assert_eq!(
            parse(r#"emails[type eq "work"].value eq "a@b.test""#).unwrap(),
            UserFilter::Email("a@b.test".into())
        );
        assert_eq!(
            parse(r#"userName eq "with \"quotes\"""#).unwrap(),
            UserFilter::UserName(r#"with "quotes""#.into())
        );
    }

    #[test]
    fn anything_else_is_refused_not_ignored() {
        for filter in [
            r#"userName sw "a""#,
            r#"userName eq "a" and active eq true"#,
            "userName eq a",
            "title eq \"x\"",
            "",
        ] {
            assert!(parse(filter).is_err(), "{filter}");
        }
    }
}
