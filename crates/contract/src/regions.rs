//! Where a space's data is kept: the regions Storyblok names, by the codes of its spaces' `region`
//! field. An organization may limit the regions its spaces may be in (Security & Access).

use serde::{Deserialize, Serialize};

use crate::text::RegionNames;
use crate::{AccessSettings, Lang};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Region {
    /// Europe, where a space is kept unless its owner chose otherwise.
    #[default]
    #[serde(rename = "EU")]
    Eu,
    #[serde(rename = "US")]
    Us,
    #[serde(rename = "CA")]
    Ca,
    /// Asia Pacific.
    #[serde(rename = "AP")]
    Ap,
    #[serde(rename = "CN")]
    Cn,
}

impl Region {
    pub const ALL: [Region; 5] = [Region::Eu, Region::Us, Region::Ca, Region::Ap, Region::Cn];

    /// The code, as the `region` field and the settings carry it.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Eu => "EU",
            Region::Us => "US",
            Region::Ca => "CA",
            Region::Ap => "AP",
            Region::Cn => "CN",
        }
    }

    pub fn parse(code: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.as_str() == code)
    }

    /// Its name in `lang`: "Europe".
    pub fn name_in(self, lang: Lang) -> &'static str {
        let names = RegionNames::of(lang);
        match self {
            Region::Eu => names.EU,
            Region::Us => names.US,
            Region::Ca => names.CA,
            Region::Ap => names.AP,
            Region::Cn => names.CN,
        }
    }

    /// Code and name, as lists show it: "EU (Europe)".
    pub fn label_in(self, lang: Lang) -> String {
        format!("{} ({})", self.as_str(), self.name_in(lang))
    }
}

/// Whether the organization's spaces may be in `region`: an empty list allows every region.
pub fn region_allowed(allowed: &[Region], region: Region) -> bool {
    allowed.is_empty() || allowed.contains(&region)
}

impl AccessSettings {
    /// Whether a space in `region` may join the organization.
    pub fn allows_region(&self, region: Region) -> bool {
        region_allowed(&self.allowed_regions, region)
    }
}

/// The allowed regions as a list for a message: "EU, CA".
pub fn region_codes(regions: &[Region]) -> String {
    regions.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_round_trip_through_their_codes_and_an_empty_list_allows_all() {
        for region in Region::ALL {
            assert_eq!(Region::parse(region.as_str()), Some(region));
            assert_eq!(
                serde_json::to_string(&region).unwrap(),
                format!("\"{}\"", region.as_str())
            );
        }
        assert_eq!(
            Region::parse("eu"),
            None,
            "codes are upper case, as Storyblok writes them"
        );
        assert!(region_allowed(&[], Region::Cn));
        assert!(region_allowed(&[Region::Eu, Region::Ca], Region::Ca));
        assert!(!region_allowed(&[Region::Eu, Region::Ca], Region::Us));
        assert_eq!(Region::Ap.label_in(Lang::De), "AP (Asien-Pazifik)");
    }
}
