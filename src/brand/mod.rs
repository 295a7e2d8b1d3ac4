//! The organization's brand, worn by the whole app: its name and logo in the header, its colours
//! through CSS custom properties, its browser title and favicon. Which organization: the one the
//! address names (`/o/{slug}`, `/embed/{slug}`), else the signed-in person's.

mod apply;

use contract::PublicBranding;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::mount;
use crate::session::use_session;
use crate::widgets::url;

#[derive(Clone, Copy)]
pub struct Brand {
    /// `None` until loaded, and for no organization: the product's own look.
    pub current: RwSignal<Option<PublicBranding>>,
}

pub fn provide_brand() {
    let session = use_session();
    let current = RwSignal::new(None::<PublicBranding>);
    let slug = Memo::new(move |_| {
        mount::get()
            .slug
            .or_else(|| session.me().and_then(|me| me.org).map(|org| org.slug))
    });
    Effect::new(move |_| match slug.get() {
        Some(slug) => spawn_local(async move {
            // A brand that cannot be loaded leaves the product's look: never worth an error page.
            if let Ok(brand) = api::get::<PublicBranding>(&format!("/branding/{}", url::encode(&slug))).await {
                current.set(Some(brand));
            }
        }),
        None => current.set(None),
    });
    Effect::new(move |_| current.with(|brand| apply::apply(brand.as_ref())));
    provide_context(Brand { current });
}

pub fn use_brand() -> Brand {
    expect_context::<Brand>()
}

impl Brand {
    pub fn name(&self) -> String {
        self.current
            .with(|b| b.as_ref().map(|b| b.display_name().to_string()))
            .unwrap_or_else(|| contract::PRODUCT_NAME.to_string())
    }

    pub fn logo_url(&self) -> Option<String> {
        self.current
            .with(|b| b.as_ref().and_then(|b| b.logo_url.clone()))
            .map(|path| api::absolute(&path))
    }

    pub fn sign_in_text(&self) -> Option<String> {
        self.current
            .with(|b| b.as_ref().map(|b| b.sign_in_text.clone()))
            .filter(|t| !t.is_empty())
    }

    pub fn shows_powered_by(&self) -> bool {
        self.current.with(|b| !b.as_ref().is_some_and(|b| b.hide_powered_by))
    }
}
