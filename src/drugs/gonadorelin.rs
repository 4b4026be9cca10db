//! Gonadorelin (synthetic GnRH): IV or SC bolus, repeated pump pulses, continuous infusion.
//!
//! PK states: the GnRH chain itself (SC depot → circulating GnRH, ug), shared with the
//! endogenous pulses. Its rates are patient parameters (`gnrh_half_life_min`,
//! `gnrh_sc_absorption_half_life_min`, `gnrh_volume_l`). Acts on: the pituitary GnRH receptor.

/// SC bioavailability \[-\]. \[C\] small peptides are near-completely absorbed SC.
pub const SC_BIOAVAILABILITY: f64 = 1.0;
