//! The API server's integration tests, one binary: a module per area, each starting real servers
//! on temporary databases (SQLite, or PostgreSQL when `ORG_AREA_TEST_POSTGRES_URL` names one) and
//! speaking HTTP to them as a client does.

mod common;

mod accounts;
mod activities;
mod answers;
mod auth;
mod backups;
mod delivery;
mod events;
mod idempotency;
mod instances;
mod invitations;
mod languages;
mod lockout;
mod money;
mod orgs;
mod outages;
mod platform;
mod processes;
mod races;
mod regions;
mod saml;
mod schema;
mod schemathesis;
mod scim;
mod secrets_at_rest;
mod security_notices;
mod sessions;
mod settings;
mod smtp;
mod spaces;
mod sso;
mod sso_sign_in;
mod storyblok_client;
mod subscription;
mod throttling;
mod tokens;
mod undo;
mod usage;
mod users;
mod webhooks;
