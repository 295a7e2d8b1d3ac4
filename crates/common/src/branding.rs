//! The two images an organization may upload for its brand, and what each accepts.

use contract::{ImageKind, MAX_FAVICON_BYTES, MAX_LOGO_BYTES};

use crate::{DomainError, DomainResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrandImage {
    Logo,
    Favicon,
}

impl BrandImage {
    /// The image an address names; any other is not found.
    pub fn named(kind: &str) -> DomainResult<BrandImage> {
        BrandImage::parse(kind).ok_or_else(|| DomainError::not_found("This image"))
    }

    pub fn parse(kind: &str) -> Option<BrandImage> {
        match kind {
            "logo" => Some(BrandImage::Logo),
            "favicon" => Some(BrandImage::Favicon),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BrandImage::Logo => "logo",
            BrandImage::Favicon => "favicon",
        }
    }

    pub fn max_bytes(self) -> usize {
        match self {
            BrandImage::Logo => MAX_LOGO_BYTES,
            BrandImage::Favicon => MAX_FAVICON_BYTES,
        }
    }

    pub fn accepts(self) -> &'static [ImageKind] {
        match self {
            BrandImage::Logo => &[ImageKind::Png, ImageKind::Jpeg, ImageKind::Webp, ImageKind::Gif],
            BrandImage::Favicon => &[ImageKind::Png, ImageKind::Ico, ImageKind::Gif, ImageKind::Webp],
        }
    }
}

contract::stored_as_text!(BrandImage);
