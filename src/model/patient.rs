//! Patients: named presets and per-parameter overrides, validated into [`Params`].

use super::covariates::Covariates;
use super::params::Params;
use crate::error::{HpgError, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A named starting point for a patient's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Healthy young man: the reference of every parameter.
    Healthy,
    /// Older man (~65–75 y): weaker and less inducible Leydig cells, weaker germinal
    /// epithelium, higher SHBG, an axis that defends a lower steroid signal, E2 kept nearer a
    /// young man's.
    Older,
    /// Secondary (hypogonadotropic, often obesity-related) hypogonadism: weak GnRH drive,
    /// more aromatase, lower SHBG; T low with LH low or normal.
    SecondaryHypogonadism,
    /// Primary (testicular) hypogonadism: failing Leydig and Sertoli cells; LH and FSH high.
    PrimaryHypogonadism,
    /// Congenital GnRH deficiency (e.g. Kallmann): no endogenous GnRH pulses, prepubertal
    /// Sertoli cells; treated with gonadotropins before (as most men of the pump studies G1,
    /// G2 and D5 were), so his adult Leydig cells have formed.
    GnrhDeficient,
    /// Congenital GnRH deficiency in a man never treated with LH or hCG (no signs of puberty):
    /// as [`Preset::GnrhDeficient`], and his adult Leydig cells have yet to form, which LH or
    /// hCG does over a year.
    GnrhDeficientUntreated,
}

/// The changes congenital GnRH deficiency makes, shared by both its presets.
const CONGENITAL_DEFICIENCY: [(&str, f64); 4] = [
    ("pulse_mass_ug", 0.0),
    ("testis_volume_reference_ml", 15.0),
    // [F] P4: a congenitally deficient testis has few mature Sertoli cells.
    ("sertoli_immature_floor", 0.005),
    // [F] untreated inhibin B (Dwyer 2013: 29 pg/mL) with P6: no FSH before or at puberty,
    // so few Sertoli cells (testis 3.8 mL; men: 1–4 mL).
    ("sertoli_number_floor", 0.4),
];

/// Congenital deficiency in a man never treated: few adult Leydig cells too.
const CONGENITAL_DEFICIENCY_UNTREATED: [(&str, f64); 5] = [
    CONGENITAL_DEFICIENCY[0],
    CONGENITAL_DEFICIENCY[1],
    CONGENITAL_DEFICIENCY[2],
    CONGENITAL_DEFICIENCY[3],
    // [F] L2: T does not rise after the first 1500 IU of hCG (the adult Leydig population
    // forms from progenitors at puberty, under LH; docs/MODEL.md 5.3a).
    ("leydig_immature_floor", 0.09),
];

impl Preset {
    /// All presets.
    pub const ALL: [Preset; 6] = [
        Preset::Healthy,
        Preset::Older,
        Preset::SecondaryHypogonadism,
        Preset::PrimaryHypogonadism,
        Preset::GnrhDeficient,
        Preset::GnrhDeficientUntreated,
    ];

    /// The protocol name.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Healthy => "healthy",
            Preset::Older => "older",
            Preset::SecondaryHypogonadism => "secondary_hypogonadism",
            Preset::PrimaryHypogonadism => "primary_hypogonadism",
            Preset::GnrhDeficient => "gnrh_deficient",
            Preset::GnrhDeficientUntreated => "gnrh_deficient_untreated",
        }
    }

    /// The parameter changes this preset makes to [`Params::healthy`], with their reasons.
    pub fn changes(self) -> &'static [(&'static str, f64)] {
        match self {
            Preset::Healthy => &[],
            // Travison 2017 / Veldhuis: T falls and LH rises modestly with age; SHBG rises; Leydig
            // responsiveness, LH secretory capacity and testis volume fall. [C] a typical older
            // man: free T below and LH near the healthy man's (65 pg/mL and 5.1 IU/L in mean_field,
            // total T 390 ng/dL, his SHBG slowing clearance; 70, 5.3 and 420 before the changes
            // below, 87, 5.6 and 503 before the Leydig cell was rebuilt). A1/A2 test anastrozole's
            // ratios on him; Leder 2004's men (T 343 ng/dL, LH 5.1 IU/L) were selected for low T,
            // which this preset does not reproduce. Refitted when T clearance began to follow SHBG,
            // keeping free T and LH where they were. Since 2026-12-02 (docs/MODEL.md 9.8) his axis
            // defends a lower steroid signal ([R] LH inappropriately normal for ageing men's T:
            // secondary hypogonadism predominates, Tajar 2010 EMAS; T suppresses LH more in men
            // over 64, Winters & Atkinson 1997), his E2 stays nearer the young man's ([R] total E2
            // flat or rising with age, Jasuja 2013 Framingham), and his Leydig cells are less
            // inducible ([R] for matched LH older men make ~40 % less T, Mulligan; on clomiphene T
            // rose 100 % in young and 32 % in elderly men, Tenover 1987): [F] by hand on E1 (men's
            // LH rises ×2.1 on anastrozole at both ages, T less in the older; the model's older
            // man: LH ×1.66–1.72), then confirmed by `calibrate` (0.77, 1.28, 0.99). His E2 at
            // baseline: 18.7 pg/mL in mean_field.
            Preset::Older => &[
                ("kisspeptin_set_point", 0.75),
                ("aromatase_activity", 1.25),
                ("leydig_induction_gain", 5.79), // half the healthy gain, as before the ceiling
                ("leydig_capacity", 0.45),
                ("lh_reference_iu_l", 4.0),
                ("shbg_nmol_l", 45.0),
                ("germ_capacity", 0.8),
                ("testis_volume_reference_ml", 20.0),
            ],
            // [F] Helo 2017 / Katz 2012 baselines: T ~200 ng/dL with LH ~2–4 IU/L; obesity
            // raises aromatase and lowers SHBG. Pulse mass 0.9 µg (0.7 until the GnRH receptor
            // number, docs/MODEL.md 4.1a: smaller pulses hold fewer receptors), refitted to the
            // same baseline T (~235 ng/dL in `mean_field`). Leydig capacity 0.7 → 0.7213 in the
            // fit with the ceiling on Leydig output (S2's T; 2026-12-02, fifteenth session).
            Preset::SecondaryHypogonadism => &[
                ("pulse_mass_ug", 0.9),
                ("aromatase_activity", 1.6),
                ("shbg_nmol_l", 25.0),
                ("leydig_capacity", 0.7213),
            ],
            // [C] Klinefelter-like testicular failure: LH and FSH well above normal.
            Preset::PrimaryHypogonadism => &[
                ("leydig_capacity", 0.2),
                ("sertoli_capacity", 0.35),
                ("germ_capacity", 0.3),
                ("testis_volume_reference_ml", 12.0),
            ],
            // No endogenous GnRH; the testes never matured fully.
            Preset::GnrhDeficient => &CONGENITAL_DEFICIENCY,
            Preset::GnrhDeficientUntreated => &CONGENITAL_DEFICIENCY_UNTREATED,
        }
    }

    /// This preset's parameters.
    pub fn params(self) -> Params {
        let mut p = Params::healthy();
        for &(name, value) in self.changes() {
            p.set(name, value).expect("preset values are in range");
        }
        p
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Preset {
    type Err = HpgError;
    fn from_str(s: &str) -> Result<Self> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| HpgError::UnknownPreset {
                name: s.to_string(),
            })
    }
}

/// A patient: a preset plus named parameter overrides.
///
/// ```
/// use hpg::{Patient, Preset};
/// let p = Patient::new(Preset::Older).with("shbg_nmol_l", 60.0);
/// assert_eq!(p.params().unwrap().shbg_nmol_l, 60.0);
/// assert!(Patient::new(Preset::Healthy).with("nonsense", 1.0).params().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Patient {
    /// The preset the patient starts from.
    pub preset: Preset,
    /// Age, weight and height, applied to the preset through [`super::covariates`]'s
    /// relations (none given: the preset's own man).
    #[serde(default, skip_serializing_if = "Covariates::is_empty")]
    pub covariates: Covariates,
    /// Overrides applied after the preset and the covariates, in order.
    pub overrides: Vec<(String, f64)>,
}

impl Patient {
    /// A patient with a preset's parameters.
    pub fn new(preset: Preset) -> Self {
        Patient {
            preset,
            covariates: Covariates::default(),
            overrides: Vec::new(),
        }
    }

    /// The same man at `years` of age (18–100; checked by [`Patient::params`]).
    ///
    /// ```
    /// use hpg::{Patient, Preset};
    /// let young = Patient::new(Preset::Healthy).params()?;
    /// let older = Patient::new(Preset::Healthy).with_age(60.0).params()?;
    /// assert!(older.shbg_nmol_l > young.shbg_nmol_l);
    /// assert!(Patient::new(Preset::Healthy).with_age(7.0).params().is_err());
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn with_age(mut self, years: f64) -> Self {
        self.covariates.age_years = Some(years);
        self
    }

    /// The same man at `kg` body weight (30–300).
    pub fn with_weight(mut self, kg: f64) -> Self {
        self.covariates.weight_kg = Some(kg);
        self
    }

    /// The same man at `cm` height (120–230).
    pub fn with_height(mut self, cm: f64) -> Self {
        self.covariates.height_cm = Some(cm);
        self
    }

    /// Adds an override (validated when [`Patient::params`] is called).
    pub fn with(mut self, name: &str, value: f64) -> Self {
        self.overrides.push((name.to_string(), value));
        self
    }

    /// The validated parameters: the preset's, changed by the covariates, then by the
    /// overrides.
    pub fn params(&self) -> Result<Params> {
        let mut p = self.preset.params();
        self.covariates.apply(self.preset, &mut p)?;
        for (name, value) in &self.overrides {
            p.set(name, *value)?;
        }
        p.validate()?;
        Ok(p)
    }
}

impl From<Preset> for Patient {
    fn from(preset: Preset) -> Self {
        Patient::new(preset)
    }
}
