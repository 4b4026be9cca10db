//! Testosterone esters given intramuscularly: cypionate and enanthate.
//!
//! PK states: a two-stage IM depot (`depot` → `central`, both in mg of testosterone); the flux
//! out of the second stage enters serum T. The fast first stage reproduces the delayed peak
//! (day 1.5–5) that a single exponential depot cannot; the second sets the terminal decline.
//! Acts on: serum total T (hence free T, E2, feedback, and ITT only at serum-like levels).

use std::f64::consts::LN_2;

/// Testosterone / testosterone cypionate molar mass ratio \[-\]: 288.42 / 412.61 g/mol.
pub const CYPIONATE_T_FRACTION: f64 = 288.42 / 412.61;
/// Testosterone / testosterone enanthate molar mass ratio \[-\]: 288.42 / 400.59 g/mol.
pub const ENANTHATE_T_FRACTION: f64 = 288.42 / 400.59;
/// Fraction of the released testosterone that reaches serum \[-\]. \[D\] Bi et al. 2018
/// (CPT:PSP 7:259): apparent CL/F 2.6 kL/day for TC dosed as ester, against a metabolic clearance of
/// 1.2 kL/day (`testosterone_clearance_l_h`): F_total = 0.46 = 0.699 × 0.66.
pub const ESTER_BIOAVAILABILITY: f64 = 0.66;
/// Release rate of the first depot stage \[1/h\] (t½ 1 d). \[F\] T1 peak day (Nankin 1987: day 2–5).
pub const DEPOT_RELEASE_PER_H: f64 = LN_2 / 24.0;
/// Terminal absorption rate of cypionate \[1/h\]. \[D\] Bi 2018: apparent t½ 3.8 d.
pub const CYPIONATE_ABSORPTION_PER_H: f64 = LN_2 / (3.8 * 24.0);
/// Terminal absorption rate of enanthate \[1/h\]. \[R\] Testoviron label: depot absorption t½ ≈ 4.5 d.
pub const ENANTHATE_ABSORPTION_PER_H: f64 = LN_2 / (4.5 * 24.0);
