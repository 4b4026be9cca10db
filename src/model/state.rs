//! The ODE state vector: its layout and names, generated from one table, so the index
//! constants ([`ix`]), the size [`N`] and the names ([`STATE_NAMES`]) cannot drift apart.
//!
//! Drug PK and the GnRH concentration are not states (they are solved exactly between
//! breakpoints, see [`crate::drugs::chain`]); intratesticular T is read algebraically from the
//! steroidogenic activity (its exchange half-life is minutes).

use nalgebra::SVector;

/// Generates `ix::NAME` offsets, `N` and `STATE_NAMES` from `NAME => ["name", …]` entries (one
/// name per state; a block of several states gets its first index).
macro_rules! state_layout {
    ($( $(#[doc = $doc:literal])* $ix:ident => [$($name:literal),+ $(,)?] ;)*) => {
        /// Indices into the state vector (the first index of a block).
        pub mod ix {
            state_layout!(@offsets 0usize; $($(#[doc = $doc])* $ix [$($name),+])*);
        }
        /// Number of ODE states.
        pub const N: usize = 0 $( + [$($name),+].len() )*;
        /// Names of the state variables, in index order (for error messages).
        pub const STATE_NAMES: [&str; N] = [$($($name),+),*];
    };
    (@offsets $at:expr; ) => {};
    (@offsets $at:expr; $(#[doc = $doc:literal])* $ix:ident [$($name:literal),+] $($rest:tt)*) => {
        $(#[doc = $doc])*
        pub const $ix: usize = $at;
        state_layout!(@offsets $at + [$($name),+].len(); $($rest)*);
    };
}

state_layout! {
    /// Hypothalamic drive of the GnRH pulse generator (kisspeptin tone), relative to the
    /// reference man's; follows sex-steroid feedback over days \[-\].
    KISSPEPTIN => ["kisspeptin"];
    /// Desensitized GnRH receptor fraction \[-\].
    RECEPTOR_DESENSITIZED => ["receptor_desensitized"];
    /// Internalized (down-regulated) GnRH receptor fraction \[-\].
    RECEPTOR_INTERNALIZED => ["receptor_internalized"];
    /// GnRH receptor number relative to the reference man's (homologous up-regulation by
    /// GnRH; low in a pituitary long deprived of GnRH) \[-\].
    RECEPTOR_NUMBER => ["receptor_number"];
    /// Slow GnRH signal driving gonadotropin synthesis \[-\].
    SLOW_SIGNAL => ["slow_signal"];
    /// The gonadotroph's repressor of LH and FSH synthesis: built while GnRH is present,
    /// cleared while it is absent (frequency decoding) \[-\].
    SYNTHESIS_REPRESSION => ["synthesis_repression"];
    /// ER signal seen by gonadotropin synthesis (serum ER signal, lagged) \[-\].
    PITUITARY_ER => ["pituitary_er"];
    /// Androgen signal seen by gonadotropin synthesis: free T relative to the reference
    /// man's, lagged \[-\].
    PITUITARY_ANDROGEN => ["pituitary_androgen"];
    /// LH storage pool, in serum-concentration equivalents \[IU/L\].
    LH_STORE => ["lh_store"];
    /// Readily releasable LH pool, in serum-concentration equivalents \[IU/L\].
    LH_RRP => ["lh_releasable"];
    /// Reserve mobilization (0–1): the gonadotroph's sustained secretory state under GnRH far
    /// above a pulse, which releases the LH store directly and outlasts the stimulus by
    /// minutes \[-\].
    LH_MOBILIZATION => ["lh_mobilization"];
    /// Serum LH \[IU/L\].
    LH => ["lh"];
    /// Serum FSH \[IU/L\].
    FSH => ["fsh"];
    /// Leydig capacity relative to healthy \[-\].
    LEYDIG_CAPACITY => ["leydig_capacity"];
    /// Adult share of the Leydig population (1 in a man who went through puberty or was treated
    /// with gonadotropins; low in a congenitally GnRH-deficient man until LH or hCG matures it
    /// over a year) \[-\].
    LEYDIG_MATURITY => ["leydig_maturity"];
    /// Leydig LH-receptor desensitization \[-\].
    LEYDIG_DESENSITIZATION => ["leydig_desensitization"];
    /// Sustained Leydig stimulation that induces steroidogenic enzymes: LH equivalents (LH and
    /// hCG) averaged over a day or two, relative to the reference LH \[-\].
    LEYDIG_INDUCTION => ["leydig_induction"];
    /// Steroidogenic activity relative to reference \[-\].
    STEROIDOGENESIS => ["steroidogenesis"];
    /// Serum total testosterone \[ng/mL\].
    TESTOSTERONE => ["testosterone"];
    /// Serum estradiol \[pg/mL\].
    ESTRADIOL => ["estradiol"];
    /// Pulse-generator phase (pulsatile mode; a pulse fires when it reaches its threshold) \[-\].
    PULSE_PHASE => ["pulse_phase"];
    /// Mature share of the Sertoli cells (1 in a man who went through puberty; low in
    /// congenital GnRH deficiency until gonadotropins mature them over months) \[-\].
    SERTOLI_MATURITY => ["sertoli_maturity"];
    /// Sertoli cell number relative to the adult number (1 in a man who went through puberty;
    /// low in congenital GnRH deficiency, where FSH multiplies the cells until they mature)
    /// \[-\].
    SERTOLI_NUMBER => ["sertoli_number"];
    /// Spermatogonial reserve feeding the transit chain (relative, 1 at reference) \[-\].
    RESERVE => ["spermatogonial_reserve"];
    /// Spermatogenic transit compartments, spermatogonia to spermatids (relative content,
    /// 1 at reference).
    GERM => ["germ_1", "germ_2", "germ_3", "germ_4", "germ_5", "germ_6", "germ_7", "germ_8"];
    /// Epididymal transit compartments (relative content).
    EPIDIDYMIS => ["epididymis_1", "epididymis_2"];
}

/// Number of transit compartments of spermatogenesis proper.
pub const GERM_STAGES: usize = ix::EPIDIDYMIS - ix::GERM;
/// Number of transit compartments of the epididymis.
pub const EPIDIDYMAL_STAGES: usize = N - ix::EPIDIDYMIS;

/// The ODE state vector (stack-allocated).
pub type StateVector = SVector<f64, N>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_is_the_table() {
        assert_eq!(N, 34);
        assert_eq!((GERM_STAGES, EPIDIDYMAL_STAGES), (8, 2));
        assert_eq!(STATE_NAMES[ix::LH], "lh");
        assert_eq!(STATE_NAMES[ix::GERM], "germ_1");
        assert_eq!(STATE_NAMES[ix::EPIDIDYMIS + 1], "epididymis_2");
    }
}
