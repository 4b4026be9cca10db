//! Describing the man: age, weight and height, acting on a preset's parameters through
//! documented relations, each relative to the preset's own reference man (so a patient without
//! covariates is the preset itself).
//!
//! | covariate | acts on | relation | source |
//! |---|---|---|---|
//! | age | SHBG | ×exp(+0.013 per year) | \[R\] EMAS longitudinal +0.56 nmol/L per year (Camacho 2013, Eur J Endocrinol 168:445), ~1.3 %/y; MMAS +1.6 %/y cross-sectional (Feldman 2002, JCEM 87:589) |
//! | age | Leydig capacity | ×exp(−0.025 per year) | \[F\] free T −1.3 %/y (Camacho 2013, longitudinal), given the SHBG rise above; total T and LH slopes held out ([`LEYDIG_PER_YEAR`]) |
//! | BMI | SHBG | ×exp(−0.026 per kg/m²) | \[R\] −0.91 nmol/L per kg/m² between men (Gapstur 2002, CEBP 11:1041), ~2.6 % at 35 nmol/L |
//! | BMI | aromatase activity | ×exp(+0.02 per kg/m²) | \[R\] peripheral aromatization rises with fat mass (Schneider 1979, JCEM 48:633); \[F\] slope: free T per kg/m² (Wu 2008, JCEM 93:2737); total T and E2 held out ([`AROMATASE_PER_BMI`]) |
//! | weight | T clearance | ×(weight / reference)^0.75 | \[R\] allometric clearance, weight^0.75 on T clearance in the testosterone undecanoate popPK (Pastuszak 2021, J Clin Pharmacol 61:1618) |
//!
//! BMI is weight / height². The reference man of each preset is in [`Preset::reference_covariates`].
//! A measured SHBG is a parameter override (`shbg_nmol_l`), which comes after the covariates
//! and so replaces what they predict.

use super::params::Params;
use super::patient::Preset;
use crate::error::{HpgError, Result};
use serde::{Deserialize, Serialize};

/// Yearly fall of Leydig capacity with age \[1/year\]. \[F\] the model's free T then falls
/// 1.3 %/y between 30 and 70 in a healthy man (Camacho 2013: −3.83 pmol/L per year, ~1.3 %/y).
/// Held out: total T falls 0.35 %/y (published −0.4 to −0.8 %/y cross-sectional: Gray 1991,
/// Feldman 2002, Harman 2001; −0.6 %/y longitudinal, Camacho 2013) and LH rises 1.27 %/y
/// (published +1.3–1.6 %/y, Camacho 2013). Refitted from 0.0225 when the reference pulse train
/// slowed to one pulse every 95 min (2026-12-02): at 0.0225 free T then fell only 1.13 %/y.
pub const LEYDIG_PER_YEAR: f64 = 0.025;
/// Yearly rise of SHBG with age \[1/year\] (see the module table).
pub const SHBG_PER_YEAR: f64 = 0.013;
/// Change of SHBG per kg/m² of BMI \[1/(kg/m²)\] (see the module table).
pub const SHBG_PER_BMI: f64 = -0.026;
/// Change of aromatase activity per kg/m² of BMI \[1/(kg/m²)\]. \[F\] free T −1.5 to −1.7 % per
/// kg/m² (Wu 2008, JCEM 93:2737, EMAS: −17.6 pmol/L at BMI 25–30 and −53.7 pmol/L at ≥ 30
/// against < 25), given the SHBG relation. Held out: total T −14 to −12 ng/dL per kg/m² from
/// BMI 24.5 to 30–35 (published −0.5 nmol/L ≈ −15 ng/dL per kg/m², Wu 2008; ~3 %/unit,
/// Travison 2007), E2 +5 % at BMI 35 (published flat to mildly rising: Watts 2017, Stárka 2020).
pub const AROMATASE_PER_BMI: f64 = 0.02;
/// Allometric exponent of T clearance on body weight \[-\] (see the module table).
pub const CLEARANCE_WEIGHT_EXPONENT: f64 = 0.75;

/// A man's age, weight and height; each `None` means "the preset's reference man".
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Covariates {
    /// Age \[years\], 18–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_years: Option<f64>,
    /// Body weight \[kg\], 30–300.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<f64>,
    /// Height \[cm\], 120–230.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_cm: Option<f64>,
}

/// The covariates of a preset's reference man (all given).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference {
    /// Age \[years\].
    pub age_years: f64,
    /// Body weight \[kg\].
    pub weight_kg: f64,
    /// Height \[cm\].
    pub height_cm: f64,
}

impl Reference {
    /// Body-mass index \[kg/m²\].
    pub fn bmi(&self) -> f64 {
        bmi(self.weight_kg, self.height_cm)
    }
}

fn bmi(weight_kg: f64, height_cm: f64) -> f64 {
    weight_kg / (height_cm / 100.0).powi(2)
}

impl Preset {
    /// The man a preset describes. \[R\] height 176 cm (NHANES 2015–16 adult men, 175.4 cm;
    /// Fryar 2018); healthy BMI 24.5 (median of healthy US men, Flegal 2006, Int J Obes
    /// 30:374); \[C\] ages and BMI of the other presets from their descriptions: the `older`
    /// man 70 y, obesity-related secondary hypogonadism BMI 32.
    pub fn reference_covariates(self) -> Reference {
        let height_cm = 176.0;
        let weight = |bmi: f64| bmi * (height_cm / 100.0_f64).powi(2);
        let (age_years, bmi) = match self {
            Preset::Healthy => (30.0, 24.5),
            Preset::Older => (70.0, 26.0),
            Preset::SecondaryHypogonadism => (45.0, 32.0),
            Preset::PrimaryHypogonadism => (30.0, 24.5),
            Preset::GnrhDeficient | Preset::GnrhDeficientUntreated => (25.0, 24.5),
        };
        Reference {
            age_years,
            weight_kg: weight(bmi),
            height_cm,
        }
    }
}

impl Covariates {
    /// Checks each given covariate against its range; errors name `age_years`, `weight_kg` or
    /// `height_cm`.
    pub fn validate(&self) -> Result<()> {
        for (field, value, min, max) in [
            ("age_years", self.age_years, 18.0, 100.0),
            ("weight_kg", self.weight_kg, 30.0, 300.0),
            ("height_cm", self.height_cm, 120.0, 230.0),
        ] {
            if let Some(v) = value
                && !(v.is_finite() && (min..=max).contains(&v))
            {
                return Err(HpgError::InvalidInput {
                    field: field.into(),
                    message: format!(
                        "must be a number from {min} to {max}, got {}",
                        crate::error::number(v)
                    ),
                });
            }
        }
        Ok(())
    }

    /// Whether no covariate is given.
    pub fn is_empty(&self) -> bool {
        *self == Covariates::default()
    }

    /// Applies the relations to `p`, a `preset`'s parameters, relative to its reference man.
    pub(crate) fn apply(&self, preset: Preset, p: &mut Params) -> Result<()> {
        self.validate()?;
        let reference = preset.reference_covariates();
        let age = self.age_years.unwrap_or(reference.age_years);
        let weight = self.weight_kg.unwrap_or(reference.weight_kg);
        let height = self.height_cm.unwrap_or(reference.height_cm);
        let d_age = age - reference.age_years;
        let d_bmi = bmi(weight, height) - reference.bmi();
        let mut scale = |name: &str, factor: f64| -> Result<()> {
            let value = p.get(name).expect("covariates act on existing parameters") * factor;
            let (min, max) = Params::range(name).expect("existing parameter");
            p.set(name, value.clamp(min, max))
        };
        scale(
            "shbg_nmol_l",
            (SHBG_PER_YEAR * d_age + SHBG_PER_BMI * d_bmi).exp(),
        )?;
        scale("leydig_capacity", (-LEYDIG_PER_YEAR * d_age).exp())?;
        scale("aromatase_activity", (AROMATASE_PER_BMI * d_bmi).exp())?;
        scale(
            "testosterone_clearance_l_h",
            (weight / reference.weight_kg).powf(CLEARANCE_WEIGHT_EXPONENT),
        )?;
        Ok(())
    }
}
