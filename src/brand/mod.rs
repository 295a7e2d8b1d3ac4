//! The organization's brand, worn by the whole app: its name and logo in the header, its colours
//! through CSS custom properties, its browser title and favicon. Which organization: the one the
//! address names (`/o/{slug}`, `/embed/{slug}`), else the signed-in person's.
//!
//! At an organization's address nothing of the product's look is ever shown: the page's
//! bootstrap script already painted the brand the server put in the page or the last one kept
//! in this browser, or a neutral look; this module starts from the same brand and keeps it fresh.

mod apply;
mod cache;

use contract::PublicBranding;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::mount;
use crate::session::use_session;
use contract::query::percent_encode;

/// What the app looks like right now.
#[derive(Clone, Debug, PartialEq)]
pub enum Look {
    /// The product's own look: no organization, or one the address names that does not exist.
    Product,
    /// At an organization's address before its brand is known: neutral, nameless.
    Pending,
    Org(PublicBranding),
}

#[derive(Clone, Copy)]
pub struct Brand {
    pub current: RwSignal<Look>,
}

pub fn provide_brand() {
    let session = use_session();
    let at_address = mount::get().slug;
    let first = match &at_address {
        Some(slug) => cache::load(slug).map(Look::Org).unwrap_or(Look::Pending),
        None => Look::Product,
    };
    let current = RwSignal::new(first);
    let slug = Memo::new(move |_| {
        at_address
            .clone()
            .or_else(|| session.me().and_then(|me| me.org).map(|org| org.slug))
    });
    Effect::new(move |_| match slug.get() {
        Some(slug) => spawn_local(async move {
            match api::Call::get(&format!("/branding/{}", percent_encode(&slug)))
                .fetch::<PublicBranding>()
                .await
            {
                Ok(brand) => {
                    cache::store(&brand);
                    current.set(Look::Org(brand));
                }
                // No such organization: nothing to wear but the product's look.
                Err(ApiError::Refused { status: 404, .. }) if current.get_untracked() == Look::Pending => {
                    current.set(Look::Product)
                }
                // Not reachable now: what is shown stays (never worth an error page).
                Err(_) => {}
            }
        }),
        None => current.set(Look::Product),
    });
    Effect::new(move |_| current.with(apply::apply));
    provide_context(Brand { current });
}

pub fn use_brand() -> Brand {
    expect_context::<Brand>()
}

impl Brand {
    /// Wear a brand just saved in the settings.
    pub fn show(&self, brand: PublicBranding) {
        cache::store(&brand);
        self.current.set(Look::Org(brand));
    }

    /// The app's name: the organization's, the product's, or none while the brand is unknown.
    pub fn name(&self) -> String {
        self.current.with(|look| match look {
            Look::Product => contract::PRODUCT_NAME.to_string(),
            Look::Pending => String::new(),
            Look::Org(brand) => brand.display_name().to_string(),
        })
    }

    pub fn logo_url(&self) -> Option<String> {
        self.org(|b| b.logo_url.clone())
            .flatten()
            .map(|path| api::absolute(&path))
    }

    pub fn sign_in_text(&self) -> Option<String> {
        self.org(|b| b.sign_in_text.clone()).filter(|t| !t.is_empty())
    }

    pub fn shows_powered_by(&self) -> bool {
        self.current.with(|look| match look {
            Look::Product => true,
            Look::Pending => false,
            Look::Org(brand) => !brand.hide_powered_by,
        })
    }

    fn org<T>(&self, read: impl FnOnce(&PublicBranding) -> T) -> Option<T> {
        self.current.with(|look| match look {
            Look::Org(brand) => Some(read(brand)),
            _ => None,
        })
    }
}
