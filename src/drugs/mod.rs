//! The drug library, as data: one file per drug declaring its [`DrugSpec`] (routes, dose unit,
//! the molecules a dose delivers, their PK and where they act), and the registry below that
//! lists them. [`state`] moves every molecule's PK chain exactly and turns concentrations into
//! an [`Exposure`], the only thing the physiology reads.
//!
//! Adding a drug is one new file (its `SPEC`, with every constant sourced) plus one line in
//! the `registry!` call below; nothing else in the crate names drugs.
//!
//! Every drug's PK is linear, so it is solved exactly ([`chain::Chain`]) between breakpoints and
//! never integrated numerically.

pub mod chain;
pub mod im_ester;
pub mod params;
pub mod spec;
pub mod state;

pub use params::{DrugParameter, DrugParams};
pub use spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
pub use state::Exposure;
pub(crate) use state::{DrugState, GnrhKinetics, Rates};

use crate::error::{HpgError, Result};
use crate::units::DoseUnit;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Declares the drug modules, the [`Drug`] enum and its table of specs from one list of
/// `Variant => module` lines. The module's name is the drug's protocol name.
macro_rules! registry {
    ($($variant:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// A drug the simulator knows. Its protocol name is its module's name; everything
        /// else about it is its module's `SPEC` ([`Drug::spec`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Drug {
            $(
                #[doc = concat!("`", stringify!($module), "`: see [`", stringify!($module), "::SPEC`].")]
                $variant,
            )*
        }

        /// Every drug's spec, in [`Drug::ALL`] order.
        const SPECS: [&DrugSpec; Drug::COUNT] = [$(&$module::SPEC,)*];

        impl Drug {
            /// Number of drugs.
            pub const COUNT: usize = [$(stringify!($variant),)*].len();

            /// All drugs, in registry order.
            pub const ALL: [Drug; Drug::COUNT] = [$(Drug::$variant,)*];

            /// The protocol name (`snake_case`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Drug::$variant => stringify!($module),)*
                }
            }
        }
    };
}

registry! {
    TestosteroneCypionate => testosterone_cypionate,
    TestosteroneEnanthate => testosterone_enanthate,
    TestosteroneUndecanoate => testosterone_undecanoate,
    TestosteroneGel => testosterone_gel,
    ClomipheneCitrate => clomiphene_citrate,
    Enclomiphene => enclomiphene,
    Tamoxifen => tamoxifen,
    Gonadorelin => gonadorelin,
    Anastrozole => anastrozole,
    Letrozole => letrozole,
    Ketoconazole => ketoconazole,
    Hcg => hcg,
    Fsh => fsh,
    Degarelix => degarelix,
    Leuprolide => leuprolide,
    Leuprolide3Month => leuprolide_3_month,
}

impl Drug {
    /// What the drug is: routes, units, molecules, kinetics and actions.
    pub fn spec(self) -> &'static DrugSpec {
        SPECS[self as usize]
    }

    /// Routes this drug can be given by; the first is the default.
    pub fn routes(self) -> &'static [Route] {
        self.spec().routes
    }

    /// The default route.
    pub fn default_route(self) -> Route {
        self.routes()[0]
    }

    /// Whether a dose unit fits this drug (mass units for drugs dosed by mass, IU for hCG and
    /// FSH).
    pub fn accepts(self, unit: DoseUnit) -> bool {
        match self.spec().dosed_in {
            DoseKind::InternationalUnits => unit == DoseUnit::Iu,
            DoseKind::Mass => unit != DoseUnit::Iu,
        }
    }

    /// Checks that `route` and `unit` fit this drug. A wrong route is reported under the field
    /// `route`, a wrong unit under `unit_field` (`dose` or `infusion`); the message names the
    /// drug and what it takes.
    pub fn check(self, route: Route, unit: DoseUnit, unit_field: &str) -> Result<()> {
        if !self.routes().contains(&route) {
            let list: Vec<String> = self.routes().iter().map(|r| r.to_string()).collect();
            return Err(HpgError::InvalidInput {
                field: "route".to_string(),
                message: format!(
                    "{} cannot be given {route}; routes: {}",
                    self.name(),
                    list.join(", ")
                ),
            });
        }
        if !self.accepts(unit) {
            return Err(HpgError::InvalidInput {
                field: unit_field.to_string(),
                message: format!(
                    "{} is dosed in {}, not {unit}",
                    self.name(),
                    self.spec().dosed_in.units_text()
                ),
            });
        }
        Ok(())
    }

    /// Whether a continuous infusion by `route` is possible (IV or SC pumps of the drugs whose
    /// spec allows it).
    pub fn can_infuse(self, route: Route) -> bool {
        self.spec().infusible && matches!(route, Route::Iv | Route::Sc)
    }

    /// The drugs that can be infused, for error messages.
    pub(crate) fn infusible_names() -> String {
        let names: Vec<&str> = Drug::ALL
            .into_iter()
            .filter(|d| d.spec().infusible)
            .map(Drug::name)
            .collect();
        names.join(" and ")
    }
}

impl fmt::Display for Drug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Drug {
    type Err = HpgError;
    fn from_str(s: &str) -> Result<Self> {
        Drug::ALL
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| HpgError::InvalidInput {
                field: "drug".into(),
                message: format!(
                    "unknown drug `{s}` (expected one of: {})",
                    Drug::ALL.map(Drug::name).join(", ")
                ),
            })
    }
}

impl Serialize for Drug {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Drug {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Drug::from_str(&name).map_err(serde::de::Error::custom)
    }
}

/// Route of administration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Intravenous.
    Iv,
    /// Subcutaneous.
    Sc,
    /// Intramuscular.
    Im,
    /// By mouth.
    Oral,
    /// On the skin (gels).
    Transdermal,
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Route::Iv => "iv",
            Route::Sc => "sc",
            Route::Im => "im",
            Route::Oral => "oral",
            Route::Transdermal => "transdermal",
        })
    }
}

impl FromStr for Route {
    type Err = HpgError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "iv" => Ok(Route::Iv),
            "sc" => Ok(Route::Sc),
            "im" => Ok(Route::Im),
            "oral" => Ok(Route::Oral),
            "transdermal" => Ok(Route::Transdermal),
            _ => Err(HpgError::InvalidInput {
                field: "route".into(),
                message: format!("unknown route `{s}` (expected iv, sc, im, oral or transdermal)"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drug_names_round_trip() {
        for d in Drug::ALL {
            assert_eq!(d.name().parse::<Drug>().unwrap(), d);
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{}\"", d.name()));
            assert_eq!(serde_json::from_str::<Drug>(&json).unwrap(), d);
        }
        assert!("viagra".parse::<Drug>().is_err());
    }

    #[test]
    fn wrong_units_name_the_drug() {
        let e = Drug::Hcg
            .check(Route::Sc, DoseUnit::Mg, "dose")
            .unwrap_err();
        assert!(e.to_string().contains("hcg is dosed in IU"));
        let e = Drug::TestosteroneCypionate
            .check(Route::Im, DoseUnit::Iu, "dose")
            .unwrap_err();
        assert!(e.to_string().contains("testosterone_cypionate"));
        assert!(
            Drug::Anastrozole
                .check(Route::Iv, DoseUnit::Mg, "route")
                .is_err()
        );
    }

    /// Every spec is coherent: at least one route and one component, positive rates, volumes
    /// and fractions, bioavailability in (0, 1].
    #[test]
    fn every_spec_is_well_formed() {
        for d in Drug::ALL {
            let s = d.spec();
            assert!(!s.routes.is_empty() && !s.components.is_empty(), "{d}");
            // Saturable uptake is applied per dose; an infusion would bypass it.
            if let Some(half_dose) = s.absorption_half_dose {
                assert!(half_dose > 0.0 && !s.infusible, "{d}");
            }
            for c in s.components {
                assert!(c.fraction > 0.0 && c.fraction.is_finite(), "{d}");
                assert!(c.bioavailability > 0.0 && c.bioavailability <= 1.0, "{d}");
                if let Kinetics::Fixed {
                    absorption_per_h,
                    elimination_per_h,
                } = c.molecule.kinetics
                {
                    assert!(absorption_per_h > 0.0 && elimination_per_h > 0.0, "{d}");
                }
                if let Kinetics::ZeroOrderDepot {
                    release_per_h,
                    tail_half_life_h,
                    elimination_per_h,
                } = c.molecule.kinetics
                {
                    assert!(release_per_h > 0.0 && elimination_per_h > 0.0, "{d}");
                    assert!(tail_half_life_h >= 0.0, "{d}");
                    // The chain has no closed form for an infusion into a zero-order depot.
                    assert!(!s.infusible, "{d}");
                }
                if let Some(v) = c.molecule.volume_l {
                    assert!(v > 0.0, "{d}");
                }
                // One bioavailability and one burst per drug (`<drug>.bioavailability`,
                // `<drug>.immediate_fraction`).
                assert_eq!(c.bioavailability, s.components[0].bioavailability, "{d}");
                assert_eq!(
                    c.immediate_fraction, s.components[0].immediate_fraction,
                    "{d}"
                );
                assert!((0.0..1.0).contains(&c.immediate_fraction), "{d}");
            }
        }
    }
}
