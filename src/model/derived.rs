//! The reference input the organ gains are defined at, and the rate constants and reference
//! levels derived once from a patient's [`Params`] (so the right-hand side does no setup).

use super::params::Params;
use super::{hypothalamus, periphery, pituitary, testis};
use crate::drugs::{Exposure, GnrhKinetics};
use std::f64::consts::LN_2;

/// Reference pulse train: one pulse every 95 min (Veldhuis's series span 74–95 min, and
/// ketoconazole castration shortened 118-min LH intervals to 62, Zwart 1997; the healthy man's
/// generator, whose drive settles a little above the reference, runs at ~90 min, B8) with
/// physiological pulses (Crowley: ~25 ng/kg). Organ gains are defined at this input \[1/h\].
/// It was 0.8 /h (75 min) until 2026-12-02: from there the generator had no room to double its
/// frequency below the rates at which the gonadotroph's frequency decoding bites
/// (docs/MODEL.md 9.6).
pub const REFERENCE_PULSE_FREQ_PER_H: f64 = 0.63;
/// Reference pulse mass \[ug\] (see [`REFERENCE_PULSE_FREQ_PER_H`]).
pub const REFERENCE_PULSE_MASS_UG: f64 = 2.0;

/// Rate constants and reference levels derived once from the parameters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Derived {
    /// GnRH absorption (SC) and elimination rates \[1/h\].
    pub gnrh_kinetics: GnrhKinetics,
    /// Free T of the reference man at the patient's reference total T \[pg/mL\].
    pub free_t_ref_pg_ml: f64,
    /// GnRH concentration at half receptor occupancy \[pg/mL\].
    pub gnrh_kd: f64,
    /// Circulating GnRH concentration per ug in its volume \[pg/mL per ug\].
    pub gnrh_pg_ml_per_ug: f64,
    /// Receptor signal, `(Ra + c·Rd) × occupancy` with `c` the desensitized receptors' coupling,
    /// at the reference pulse train \[-\].
    pub signal_ref: f64,
    /// `synthesis_saturation^lh_synthesis_exponent` and the same with the FSH exponent (the
    /// saturation of [`super::pituitary::synthesis_drive`], constant per man).
    pub lh_saturation_pow: f64,
    /// `synthesis_saturation^fsh_synthesis_exponent` \[-\].
    pub fsh_saturation_pow: f64,
    /// Mean receptor occupancy at the reference pulse train \[-\].
    pub occupancy_ref: f64,
    /// Time-mean recovery gate at the reference pulse train \[-\].
    pub gate_ref: f64,
    /// Receptor fractions (available, desensitized, internalized) at the reference input \[-\].
    pub receptor_ref: (f64, f64, f64),
    /// Signalling receptors (available plus the coupled share of desensitized ones) at the
    /// reference input \[-\].
    pub releasing_ref: f64,
    /// GnRH concentration halving receptor recovery \[pg/mL\].
    pub recovery_block: f64,
    /// Rate of the slow synthesis signal \[1/h\].
    pub k_signal: f64,
    /// Rate of the slow pituitary androgen signal \[1/h\].
    pub k_pituitary_steroid: f64,
    /// Rate of the pituitary ER signal \[1/h\].
    pub k_pituitary_er: f64,
    /// Serum LH elimination \[1/h\].
    pub k_lh: f64,
    /// Degradation of stored LH \[1/h\].
    pub k_store: f64,
    /// Rate of GnRH receptor up-regulation \[1/h\].
    pub k_receptor_number: f64,
    /// Exchange rate between the LH store and the readily releasable pool \[1/h\].
    pub k_refill: f64,
    /// Rate at which reserve mobilization follows the GnRH concentration \[1/h\].
    pub k_mobilization: f64,
    /// Size the readily releasable pool fills to, as a fraction of the store \[-\].
    pub rrp_fraction: f64,
    /// LH release rate from the readily releasable pool per unit receptor signal \[1/h\].
    pub k_release: f64,
    /// GnRH-independent release, as an equivalent signal \[-\].
    pub basal_signal: f64,
    /// LH store at the reference input \[IU/L\].
    pub lh_store_ref: f64,
    /// Mean readily releasable LH at the reference input \[IU/L\].
    pub lh_rrp_ref: f64,
    /// LH synthesis at the reference input \[IU/L per h\].
    pub lh_synthesis: f64,
    /// ER signal of the reference man \[-\].
    pub er_ref: f64,
    /// ER inhibition of LH synthesis at reference E2 \[-\].
    pub lh_er_ref: f64,
    /// Synthesis repressor at the reference pulse train \[-\].
    pub repression_ref: f64,
    /// LH synthesis repression factor at `repression_ref` \[-\].
    pub lh_repression_factor_ref: f64,
    /// FSH synthesis repression factor at `repression_ref` \[-\].
    pub fsh_repression_factor_ref: f64,
    /// Rate at which the repressor builds while GnRH is present \[1/h\].
    pub k_repression_up: f64,
    /// Rate at which the repressor clears while GnRH is absent \[1/h\].
    pub k_repression_down: f64,
    /// Androgen inhibition of LH synthesis at reference free T \[-\].
    pub lh_androgen_ref: f64,
    /// Serum FSH elimination \[1/h\].
    pub k_fsh: f64,
    /// FSH synthesis at the reference input \[IU/L per h\].
    pub fsh_synthesis: f64,
    /// FSH frequency-preference factor at the reference frequency \[-\].
    pub fsh_freq_ref: f64,
    /// Inhibin-B inhibition of FSH at reference inhibin B \[-\].
    pub fsh_inhibin_ref: f64,
    /// ER inhibition of FSH at reference E2 \[-\].
    pub fsh_er_ref: f64,
    /// Androgen inhibition of FSH at reference free T \[-\].
    pub fsh_androgen_ref: f64,
    /// Leydig LH-receptor drive at reference LH \[-\].
    pub drive_ref: f64,
    /// Leydig desensitization at reference drive \[-\].
    pub desens_ref: f64,
    /// Effective steroidogenic drive at reference: drive × (1 − desensitization) \[-\].
    pub steroid_ref: f64,
    /// Leydig desensitization onset rate at full drive \[1/h\].
    pub desens_on: f64,
    /// Leydig desensitization recovery rate \[1/h\].
    pub desens_off: f64,
    /// Leydig capacity adaptation rate \[1/h\].
    pub k_capacity: f64,
    /// Steroidogenic activity adaptation rate \[1/h\].
    pub k_steroid: f64,
    /// Induction signal at reference LH \[-\].
    pub induction_signal_ref: f64,
    /// Enzyme induction rate \[1/h\].
    pub k_induction: f64,
    /// Serum T elimination, with this man's SHBG-dependent clearance \[1/h\].
    pub k_t: f64,
    /// T clearance relative to the reference man's, from SHBG binding (also scales peripheral
    /// aromatization, a fixed share of that clearance) \[-\].
    pub t_clearance_factor: f64,
    /// T distribution volume \[L\].
    pub t_volume_l: f64,
    /// Reference serum total T \[ng/mL\].
    pub t_ref_ng_ml: f64,
    /// Testicular T production at reference drive \[ug/h\].
    pub t_production_ref_ug_h: f64,
    /// Non-testicular T production (adrenal precursors) \[ug/h\].
    pub t_nontesticular_ug_h: f64,
    /// Reference intratesticular T \[ng/mL\].
    pub itt_ref: f64,
    /// Serum E2 elimination \[1/h\].
    pub k_e2: f64,
    /// Sertoli drive (ITT support × FSH support) at reference \[-\].
    pub sertoli_ref: f64,
    /// Steady reserve at reference drive (entry into the chain is divided by it) \[-\].
    pub reserve_ref: f64,
    /// Mature Sertoli share at reference drive and reference FSH \[-\] (normalises the chain
    /// input).
    pub maturity_ref: f64,
    /// Transit rate between germ-cell compartments \[1/h\].
    pub k_germ: f64,
    /// Transit rate between epididymal compartments \[1/h\].
    pub k_epididymis: f64,
    /// Germ-cell loss rate when the Sertoli drive fails completely \[1/h\].
    pub k_loss: f64,
    /// Γ(1 + 1/γ) of the Weibull pulse-interval jitter \[-\].
    pub weibull_gamma: f64,
}

impl Derived {
    pub fn new(p: &Params) -> Self {
        let healthy = Params::healthy();
        let t_ref = p.testosterone_reference_ng_dl / 100.0;
        let free_t_ref_pg_ml =
            1000.0 * periphery::free_testosterone(t_ref, healthy.shbg_nmol_l, healthy.albumin_g_l);
        let gnrh_kinetics = GnrhKinetics {
            absorption_per_h: LN_2 / (p.gnrh_sc_absorption_half_life_min / 60.0),
            elimination_per_h: LN_2 / (p.gnrh_half_life_min / 60.0),
        };
        let k_gnrh = gnrh_kinetics.elimination_per_h;
        let tau = 1.0 / REFERENCE_PULSE_FREQ_PER_H;
        let peak = hypothalamus::periodic_peak_pg_ml(
            REFERENCE_PULSE_MASS_UG,
            p.gnrh_volume_l,
            k_gnrh,
            tau,
        );
        let occupancy_ref =
            hypothalamus::mean_occupancy(peak, 0.0, k_gnrh, tau, p.gnrh_receptor_kd_pg_ml);
        let gate_ref = 1.0
            - hypothalamus::mean_occupancy(peak, 0.0, k_gnrh, tau, p.receptor_recovery_block_pg_ml);
        let receptor_ref = pituitary::receptor_steady_state(p, occupancy_ref, gate_ref);
        let releasing_ref = receptor_ref.0 + p.desensitized_receptor_coupling * receptor_ref.1;
        let signal_ref = releasing_ref * occupancy_ref;
        let k_repression_up = 1.0 / p.synthesis_repression_tau_h;
        let k_repression_down = 1.0 / p.synthesis_derepression_tau_h;
        let repression_ref =
            pituitary::repressor_steady_state(k_repression_up, k_repression_down, gate_ref);
        let k_lh = LN_2 / p.lh_half_life_h;
        // Release rate per unit signal such that one reference pulse empties the fraction φ of
        // the readily releasable pool: ∫signal over a pulse = signal_ref · τ.
        let k_release = -(-p.lh_pulse_release_fraction).ln_1p() / (signal_ref * tau);
        let basal_signal = p.lh_basal_release * signal_ref;
        let k_refill = LN_2 / (p.lh_rrp_refill_half_life_min / 60.0);
        let reference_train = pituitary::PulseTrain {
            frequency_per_h: REFERENCE_PULSE_FREQ_PER_H,
            released_per_pulse: p.lh_pulse_release_fraction,
            continuous_per_h: k_release * basal_signal,
        };
        let (release_per_filled, rrp_per_filled) =
            pituitary::periodic_release(1.0, k_refill, &reference_train);
        let lh_secretion_ref = k_lh * p.lh_reference_iu_l;
        let filled_ref = lh_secretion_ref / release_per_filled;
        let lh_store_ref = p.lh_store_hours * lh_secretion_ref;
        let k_store = LN_2 / p.lh_store_half_life_h;
        let no_drugs = Exposure::default();
        let er_ref = periphery::er_signal(
            p.estradiol_reference_pg_ml,
            p.estradiol_er_kd_pg_ml,
            &no_drugs,
        );
        let k_fsh = LN_2 / p.fsh_half_life_h;
        let drive_ref = testis::lh_receptor_drive(p, p.lh_reference_iu_l);
        let desens_ref = testis::desensitization_steady_state(p, drive_ref);
        let k_t = LN_2 / p.testosterone_half_life_h;
        // Clearance follows the T off SHBG; the testes' gain (production at reference drive)
        // and the volume stay those of the reference clearance.
        let clearance_factor = (periphery::non_shbg_fraction(t_ref, p.shbg_nmol_l, p.albumin_g_l)
            / periphery::non_shbg_fraction(t_ref, healthy.shbg_nmol_l, healthy.albumin_g_l))
        .powf(p.clearance_shbg_exponent);
        let sertoli_ref = testis::itt_support(
            p,
            1.0 + (p.tubular_serum_androgen_gain - 1.0) / p.itt_serum_ratio,
        ) * testis::fsh_support(p, p.fsh_reference_iu_l);
        Derived {
            gnrh_kinetics,
            free_t_ref_pg_ml,
            gnrh_kd: p.gnrh_receptor_kd_pg_ml,
            gnrh_pg_ml_per_ug: 1000.0 / p.gnrh_volume_l,
            signal_ref,
            lh_saturation_pow: super::pow(p.synthesis_saturation, p.lh_synthesis_exponent),
            fsh_saturation_pow: super::pow(p.synthesis_saturation, p.fsh_synthesis_exponent),
            occupancy_ref,
            gate_ref,
            receptor_ref,
            releasing_ref,
            recovery_block: p.receptor_recovery_block_pg_ml,
            k_signal: 1.0 / p.synthesis_signal_tau_h,
            k_pituitary_steroid: LN_2 / p.pituitary_steroid_half_life_h,
            k_pituitary_er: LN_2 / p.pituitary_er_half_life_h,
            k_lh,
            k_store,
            k_receptor_number: 1.0 / p.gnrh_receptor_number_tau_h,
            k_refill,
            k_mobilization: 60.0 / p.lh_reserve_mobilization_tau_min,
            rrp_fraction: filled_ref / lh_store_ref,
            k_release,
            basal_signal,
            lh_store_ref,
            lh_rrp_ref: rrp_per_filled * filled_ref,
            lh_synthesis: lh_secretion_ref + k_store * lh_store_ref,
            er_ref,
            lh_er_ref: pituitary::inhibition(er_ref, p.lh_er_half, p.lh_er_hill),
            repression_ref,
            lh_repression_factor_ref: pituitary::inhibition(
                repression_ref,
                p.synthesis_repression_half,
                p.synthesis_repression_hill,
            ),
            fsh_repression_factor_ref: pituitary::inhibition(
                repression_ref,
                p.fsh_synthesis_repression_half,
                p.synthesis_repression_hill,
            ),
            k_repression_up,
            k_repression_down,
            lh_androgen_ref: pituitary::inhibition(
                1.0,
                p.lh_androgen_half,
                p.pituitary_androgen_hill,
            ),
            k_fsh,
            fsh_synthesis: p.fsh_reference_iu_l * k_fsh,
            fsh_freq_ref: pituitary::inhibition(
                REFERENCE_PULSE_FREQ_PER_H,
                p.fsh_freq_half_per_h,
                2.0,
            ),
            fsh_inhibin_ref: pituitary::inhibition(
                p.inhibin_b_reference_pg_ml,
                p.fsh_inhibin_half_pg_ml,
                p.fsh_inhibin_hill,
            ),
            fsh_er_ref: pituitary::inhibition(er_ref, p.fsh_er_half, p.fsh_er_hill),
            fsh_androgen_ref: pituitary::inhibition(
                1.0,
                p.fsh_androgen_half,
                p.pituitary_androgen_hill,
            ),
            drive_ref,
            desens_ref,
            steroid_ref: drive_ref * (1.0 - desens_ref),
            desens_on: testis::desensitization_on_rate(p),
            desens_off: LN_2 / p.leydig_desensitization_recovery_h,
            k_capacity: 1.0 / (p.leydig_capacity_tau_d * 24.0),
            k_steroid: 1.0 / p.steroidogenesis_tau_h,
            induction_signal_ref: testis::induction_signal(p, p.lh_reference_iu_l),
            k_induction: 1.0 / p.leydig_induction_tau_h,
            k_t: k_t * clearance_factor,
            t_clearance_factor: clearance_factor,
            t_volume_l: p.testosterone_clearance_l_h / k_t,
            t_ref_ng_ml: t_ref,
            t_production_ref_ug_h: p.testosterone_clearance_l_h
                * (t_ref - p.nontesticular_testosterone_ng_dl / 100.0).max(0.0),
            t_nontesticular_ug_h: p.testosterone_clearance_l_h * p.nontesticular_testosterone_ng_dl
                / 100.0,
            itt_ref: p.itt_serum_ratio * t_ref,
            k_e2: LN_2 / p.estradiol_half_life_h,
            sertoli_ref,
            reserve_ref: testis::reserve_steady_state(p, 1.0),
            maturity_ref: testis::sertoli_maturity_steady_state(p, 1.0, p.fsh_reference_iu_l)
                // It divides the chain input: never 0 (a man with no reference FSH and no
                // mature floor would otherwise make it 0/0).
                .max(1e-9),
            k_germ: super::GERM_STAGES as f64 / (p.spermatogenesis_days * 24.0),
            k_epididymis: super::EPIDIDYMAL_STAGES as f64 / (p.epididymal_transit_days * 24.0),
            k_loss: p.germ_cell_loss_per_d / 24.0,
            weibull_gamma: hypothalamus::gamma_1_to_2(1.0 + 1.0 / p.pulse_regularity),
        }
    }
}
