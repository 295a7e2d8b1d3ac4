//! The filters a list takes: one attribute compared with `eq` to a string, which is what
//! identity providers send to find a person before creating them (Okta: `userName eq "…"`;
//! Microsoft Entra ID: `userName eq "…"` and `externalId eq "…"`). Anything else is refused
//! with `invalidFilter` rather than ignored, so a client never takes a whole list for a match.

use common::scim::{GroupFilter, UserFilter};

use super::json::bare;
use super::ScimError;

/// The attribute (bare, lower case, without a value filter) and the string compared with it.
fn parse(filter: &str) -> Result<(String, String), ScimError> {
    let refuse = || refused(filter, "an attribute");
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
    Ok((attribute, value))
}

fn refused(filter: &str, attributes: &str) -> ScimError {
    ScimError::bad(
        "invalidFilter",
        format!("“{filter}” is not a filter this service takes: one of {attributes}, then eq, then a quoted string."),
    )
}

/// A filter of people.
pub fn users(filter: &str) -> Result<UserFilter, ScimError> {
    let (attribute, value) = parse(filter)?;
    match attribute.as_str() {
        "username" => Ok(UserFilter::UserName(value)),
        "externalid" => Ok(UserFilter::ExternalId(value)),
        "emails" | "emails.value" => Ok(UserFilter::Email(value)),
        // An id that is no number matches nobody.
        "id" => Ok(UserFilter::Id(value.parse().unwrap_or(-1))),
        _ => Err(refused(filter, "userName, externalId, emails or id")),
    }
}

/// A filter of groups.
pub fn groups(filter: &str) -> Result<GroupFilter, ScimError> {
    let (attribute, value) = parse(filter)?;
    match attribute.as_str() {
        "displayname" => Ok(GroupFilter::DisplayName(value)),
        "externalid" => Ok(GroupFilter::ExternalId(value)),
        "id" => Ok(GroupFilter::Id(super::group_json::parse_id(&value).unwrap_or(-1))),
        _ => Err(refused(filter, "displayName, externalId or id")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_identity_providers_send_is_understood() {
        assert_eq!(
            users(r#"userName eq "ada@acme.test""#).unwrap(),
            UserFilter::UserName("ada@acme.test".into())
        );
        assert_eq!(
            users(r#"externalId eq "0a1b""#).unwrap(),
            UserFilter::ExternalId("0a1b".into())
        );
        assert_eq!(
            users(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName EQ "x""#).unwrap(),
            UserFilter::UserName("x".into())
        );
        assert_eq!(
            users(r#"emails[type eq "work"].value eq "a@b.test""#).unwrap(),
            UserFilter::Email("a@b.test".into())
        );
        assert_eq!(
            users(r#"userName eq "with \"quotes\"""#).unwrap(),
            UserFilter::UserName(r#"with "quotes""#.into())
        );
    }

    #[test]
    fn groups_are_found_by_name() {
        assert_eq!(
            groups(r#"displayName eq "Admins""#).unwrap(),
            GroupFilter::DisplayName("Admins".into())
        );
        assert!(groups(r#"userName eq "a""#).is_err());
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
            assert!(users(filter).is_err(), "{filter}");
        }
    }
}
