//! What the two intramuscular testosterone esters (cypionate and enanthate) share: a two-stage
//! IM depot (`depot` → `central`, both in mg of testosterone) whose outflow enters serum T, and
//! the fraction of the released testosterone that reaches serum.
//!
//! The fast first stage reproduces the delayed peak (day 1.5–5) that a single exponential depot
//! cannot; the second sets the terminal decline, its rate is the ester's own.

use super::spec::{Action, AmountUnit, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Fraction of the released testosterone that reaches serum \[-\]. \[D\] Bi et al. 2018
/// (CPT:PSP 7:259): apparent CL/F 2.6 kL/day for TC dosed as ester, against a metabolic
/// clearance of 1.2 kL/day (`testosterone_clearance_l_h`): F_total = 0.46 = 0.699 × 0.66.
pub const ESTER_BIOAVAILABILITY: f64 = 0.66;
/// Release rate of the first depot stage \[1/h\] (t½ 1 d). \[F\] T1 peak day (Nankin 1987:
/// day 2–5).
pub const DEPOT_RELEASE_PER_H: f64 = LN_2 / 24.0;

/// The testosterone of an ester depot whose second stage releases at `terminal_per_h`.
pub const fn depot_testosterone(name: &'static str, terminal_per_h: f64) -> Molecule {
    staged_testosterone(name, DEPOT_RELEASE_PER_H, terminal_per_h)
}

/// Testosterone released into serum through two first-order stages, `first_per_h` then
/// `second_per_h` (the flux out of the second is serum T's input): an ester depot with its own
/// first stage (undecanoate), or a skin reservoir under a gel.
pub const fn staged_testosterone(
    name: &'static str,
    first_per_h: f64,
    second_per_h: f64,
) -> Molecule {
    Molecule {
        name,
        unit: AmountUnit::Mg,
        kinetics: Kinetics::Fixed {
            absorption_per_h: first_per_h,
            elimination_per_h: second_per_h,
        },
        volume_l: None,
        action: Action::SerumTestosterone,
    }
}
