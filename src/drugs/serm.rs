//! Selective estrogen-receptor modulators: clomiphene citrate (enclomiphene + zuclomiphene),
//! enclomiphene, tamoxifen.
//!
//! PK states: each species is an oral one-compartment model (gut `depot` → `central`, mg).
//! Acts on: estrogen-receptor signal at hypothalamus and pituitary, by competing with E2
//! (see [`crate::model::periphery::er_signal`]). Enclomiphene is a pure antagonist there;
//! zuclomiphene and tamoxifen are partial agonists (intrinsic activity below).
//! Volumes are apparent (V/F) because only CL/F is known for oral dosing.

use std::f64::consts::LN_2;

/// Clomiphene (base) / clomiphene citrate mass ratio \[-\]: 405.97 / 598.09 g/mol.
pub const CLOMIPHENE_BASE_FRACTION: f64 = 405.97 / 598.09;
/// Share of enclomiphene (trans isomer) in clomiphene citrate \[-\]. \[R\] Clomid label: 62 %
/// enclomiphene, 38 % zuclomiphene.
pub const ENCLOMIPHENE_SHARE: f64 = 0.62;
/// Tamoxifen (base) / tamoxifen citrate mass ratio \[-\]: 371.5 / 563.6 g/mol.
pub const TAMOXIFEN_BASE_FRACTION: f64 = 371.5 / 563.6;

/// Oral absorption rate of the SERMs \[1/h\]. \[C\] Tmax 2–4 h.
pub const ABSORPTION_PER_H: f64 = 0.7;

/// Enclomiphene elimination \[1/h\]. \[R\] Wiehle 2013: t½ ≈ 10 h.
pub const ENCLOMIPHENE_ELIMINATION_PER_H: f64 = LN_2 / 10.0;
/// Enclomiphene apparent volume \[L\]. \[D\] Helo 2017: 2.2 ng/mL on 25 mg/day clomiphene citrate
/// (10.5 mg/day enclomiphene) gives CL/F 199 L/h; V/F = CL/F · t½ / ln 2.
pub const ENCLOMIPHENE_VOLUME_L: f64 = 199.0 * 10.0 / LN_2;
/// Zuclomiphene elimination \[1/h\]. \[C\] t½ of weeks; 30 d taken.
pub const ZUCLOMIPHENE_ELIMINATION_PER_H: f64 = LN_2 / (30.0 * 24.0);
/// Zuclomiphene apparent volume \[L\]. \[D\] Helo 2017: 44 ng/mL on 25 mg/day (6.4 mg/day
/// zuclomiphene) gives CL/F 6.1 L/h.
pub const ZUCLOMIPHENE_VOLUME_L: f64 = 6.1 * 720.0 / LN_2;
/// Tamoxifen elimination \[1/h\]. \[R\] targets.md: t½ 5–7 d; 6 d taken.
pub const TAMOXIFEN_ELIMINATION_PER_H: f64 = LN_2 / (6.0 * 24.0);
/// Tamoxifen apparent volume \[L\]. \[C\] steady state ~120 ng/mL on 20 mg/day: CL/F 4.6 L/h.
pub const TAMOXIFEN_VOLUME_L: f64 = 4.6 * 144.0 / LN_2;

/// Enclomiphene concentration giving half receptor occupancy against no E2 \[ng/mL\]. \[F\] S1, S3.
pub const ENCLOMIPHENE_ER_KD_NG_ML: f64 = 0.3;
/// Zuclomiphene ER dissociation constant \[ng/mL\]. \[F\] S1 (zu accumulates ~20× en).
pub const ZUCLOMIPHENE_ER_KD_NG_ML: f64 = 40.0;
/// Zuclomiphene intrinsic estrogenic activity (0 antagonist, 1 full agonist) \[-\]. \[C\]
/// zuclomiphene is the estrogenic isomer.
pub const ZUCLOMIPHENE_ACTIVITY: f64 = 0.2;
/// Tamoxifen ER dissociation constant \[ng/mL\]. \[C\] chosen so 20 mg/day acts like clomiphene
/// 25 mg/day on LH, as reported in men.
pub const TAMOXIFEN_ER_KD_NG_ML: f64 = 60.0;
/// Tamoxifen intrinsic estrogenic activity at hypothalamus/pituitary \[-\]. \[C\] partial agonist.
pub const TAMOXIFEN_ACTIVITY: f64 = 0.2;
