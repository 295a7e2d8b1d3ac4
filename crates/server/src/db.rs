//! The database the server runs on, SQLite or PostgreSQL, and the one way its handlers reach the
//! domain built for it ([`on_db!`]): the domain is compiled once per database, so that each
//! database's queries are checked against its own schema.

/// Which database a `--database` address names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend an address names, or why it names none: an unknown scheme is refused rather
    /// than taken as a file name.
    pub fn of_url(url: &str) -> Result<Backend, String> {
        let scheme = url.split_once(':').map(|(scheme, _)| scheme).unwrap_or("");
        match scheme {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(format!(
                "--database must be sqlite://path/to/file.db or postgres://user:password@host:port/database, not {:?}",
                redacted(url)
            )),
        }
    }
}

/// An open database, with the domain built for it.
#[derive(Clone, Debug)]
pub enum Database {
    Sqlite(domain_sqlite::Pool),
    Postgres(domain_postgres::Pool),
}

impl Database {
    /// Open the database an address names and bring its schema up to date.
    pub async fn connect(url: &str) -> Result<Database, crate::StartError> {
        Ok(match Backend::of_url(url)? {
            Backend::Sqlite => Database::Sqlite(domain_sqlite::db::connect(url).await?),
            Backend::Postgres => Database::Postgres(
                domain_postgres::db::connect(url)
                    .await
                    .map_err(|e| format!("{e} ({})", redacted(url)))?,
            ),
        })
    }

    pub fn backend(&self) -> Backend {
        match self {
            Database::Sqlite(_) => Backend::Sqlite,
            Database::Postgres(_) => Backend::Postgres,
        }
    }
}

/// `org-area-server backup --to FILE`: a consistent copy of the database at `url`, taken while
/// it serves.
pub async fn backup(url: &str, to: &std::path::Path) -> Result<(), crate::StartError> {
    match Backend::of_url(url)? {
        Backend::Sqlite => domain_sqlite::backup::backup(url, to).await,
        Backend::Postgres => domain_postgres::backup::backup(url, to).await,
    }
}

/// `org-area-server restore --from FILE`: a backup restored into the empty database at `url`.
pub async fn restore(from: &std::path::Path, url: &str) -> Result<(), crate::StartError> {
    match Backend::of_url(url)? {
        Backend::Sqlite => domain_sqlite::backup::restore(from, url).await,
        Backend::Postgres => domain_postgres::backup::restore(from, url).await,
    }
}

/// `on_db!(database, |pool, domain| { … })`: the block with `pool` the open pool and `domain` the
/// domain crate built for that database. The block is compiled for each, and each one's value
/// must have the same type: the types the domain shares with the server live in `common` and
/// `contract`.
#[macro_export]
macro_rules! on_db {
    ($db:expr, |$pool:ident, $domain:ident| $body:block) => {
        match $db {
            $crate::db::Database::Sqlite($pool) => {
                use ::domain_sqlite as $domain;
                #[allow(unused_braces)]
                let value = $body;
                value
            }
            $crate::db::Database::Postgres($pool) => {
                use ::domain_postgres as $domain;
                #[allow(unused_braces)]
                let value = $body;
                value
            }
        }
    };
}

/// A database address fit for logs and messages: every password in it replaced, whether in the
/// authority (`user:password@`) or as a query parameter (`?password=`, `&sslpassword=`, which
/// PostgreSQL's URLs accept too).
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (rest, query) = match rest.split_once('?') {
        Some((rest, query)) => (rest, Some(query)),
        None => (rest, None),
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let mut shown = match rest[..authority_end].rsplit_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or("");
            let hidden = if credentials.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{}", &rest[authority_end..])
        }
        None => format!("{scheme}://{rest}"),
    };
    if let Some(query) = query {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) if name.to_ascii_lowercase().contains("password") => format!("{name}=***"),
                _ => pair.to_string(),
            })
            .collect();
        shown = format!("{shown}?{}", pairs.join("&"));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_shown_without_passwords() {
        assert_eq!(
            redacted("postgres://app:s3cret@db:5432/org"),
            "postgres://app:***@db:5432/org"
        );
        assert_eq!(redacted("postgres://app@db/org"), "postgres://app@db/org");
        assert_eq!(redacted("sqlite://data/org-area.db"), "sqlite://data/org-area.db");
        assert_eq!(
            redacted("postgres://db/org?user=app&password=s3cret&sslmode=require&sslpassword=k3y"),
            "postgres://db/org?user=app&password=***&sslmode=require&sslpassword=***"
        );
        assert_eq!(redacted("sqlite://x.db?mode=rwc"), "sqlite://x.db?mode=rwc");
        assert_eq!(Backend::of_url("postgresql://a:b@h/d").unwrap(), Backend::Postgres);
        let refused = Backend::of_url("mysql://app:s3cret@db/org").unwrap_err();
        assert!(!refused.contains("s3cret") && refused.contains("db/org"), "{refused}");
    }
}
