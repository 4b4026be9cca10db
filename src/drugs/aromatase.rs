//! Aromatase inhibitors: anastrozole and letrozole.
//!
//! PK states: oral one-compartment (gut `depot` → `central`, mg). Acts on: peripheral
//! aromatization of T to E2, by an Imax model `I = Imax·C/(IC50 + C)`. Imax is set for men,
//! who lose far less E2 than post-menopausal women because their E2 partly comes from the testis
//! and because rising LH and T offset the block.

use std::f64::consts::LN_2;

/// Oral absorption rate \[1/h\]. \[R\] Mauras 2009: anastrozole Tmax ~1 h.
pub const ABSORPTION_PER_H: f64 = 2.0;
/// Anastrozole elimination \[1/h\]. \[R\] Mauras 2009: t½ 46.8 h.
pub const ANASTROZOLE_ELIMINATION_PER_H: f64 = LN_2 / 46.8;
/// Anastrozole apparent volume \[L\]. \[D\] Mauras 2009: CL/F 1.54 L/h × t½ / ln 2.
pub const ANASTROZOLE_VOLUME_L: f64 = 1.54 * 46.8 / LN_2;
/// Anastrozole maximal inhibition of peripheral aromatase \[-\]. \[F\] A1/A2.
pub const ANASTROZOLE_IMAX: f64 = 0.8;
/// Anastrozole concentration at half-maximal inhibition \[ng/mL\]. \[F\] A1 (E2 −35 % on 1 mg/day).
pub const ANASTROZOLE_IC50_NG_ML: f64 = 4.0;
/// Letrozole elimination \[1/h\]. \[C\] label: t½ ~2 d.
pub const LETROZOLE_ELIMINATION_PER_H: f64 = LN_2 / 48.0;
/// Letrozole apparent volume \[L\]. \[C\] label: ~1.9 L/kg at 70 kg.
pub const LETROZOLE_VOLUME_L: f64 = 133.0;
/// Letrozole maximal inhibition of peripheral aromatase \[-\]. \[C\] more complete than anastrozole.
pub const LETROZOLE_IMAX: f64 = 0.9;
/// Letrozole concentration at half-maximal inhibition \[ng/mL\]. \[C\] ~10× the potency of
/// anastrozole by dose.
pub const LETROZOLE_IC50_NG_ML: f64 = 2.0;
