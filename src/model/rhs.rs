//! The right-hand side `d(state)/dt` shared by both fidelity modes, and the algebraic
//! read-outs (free T, ER signal, ITT, inhibin B, sperm, testis volume) of a state.
//!
//! The model only says how the state changes and what it reads as outputs; integration,
//! events and I/O live elsewhere. Drugs reach it only as an [`Exposure`].

use super::derived::{Derived, REFERENCE_PULSE_FREQ_PER_H};
use super::params::Params;
use super::state::{EPIDIDYMAL_STAGES, GERM_STAGES, StateVector, ix};
use super::{Mode, hypothalamus, periphery, pituitary, testis};
use crate::drugs::{DrugState, Exposure, Rates};

/// A validated patient's model: parameters, derived constants and drug rates.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Model {
    pub p: Params,
    pub d: Derived,
    pub rates: Rates,
}

/// Algebraic quantities read from a state at one instant.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Readout {
    pub free_t_pg_ml: f64,
    pub er: f64,
    pub itt_ng_ml: f64,
    pub inhibin_b_pg_ml: f64,
    pub sperm_m_ml: f64,
    pub testis_volume_ml: f64,
    /// Kisspeptin drive of the pulse generator \[-\].
    pub kisspeptin: f64,
}

impl Model {
    pub fn new(p: Params) -> crate::Result<Self> {
        p.validate()?;
        let d = Derived::new(&p);
        let rates = Rates::new(d.gnrh_kinetics, &p.drugs);
        Ok(Model { p, d, rates })
    }

    /// The reference state: every organ at its reference level, scaled by the patient's
    /// capacities. The simulation relaxes it to the patient's own steady state.
    pub fn reference_state(&self) -> StateVector {
        let (p, d) = (&self.p, &self.d);
        let mut y = StateVector::zeros();
        y[ix::RECEPTOR_DESENSITIZED] = d.receptor_ref.1;
        y[ix::RECEPTOR_INTERNALIZED] = d.receptor_ref.2;
        y[ix::RECEPTOR_NUMBER] = 1.0;
        y[ix::SLOW_SIGNAL] = d.signal_ref;
        y[ix::SYNTHESIS_REPRESSION] = d.repression_ref;
        y[ix::KISSPEPTIN] = 1.0;
        y[ix::PITUITARY_ER] = d.er_ref;
        y[ix::PITUITARY_ANDROGEN] = 1.0;
        y[ix::LH_STORE] = d.lh_store_ref;
        y[ix::LH_RRP] = d.lh_rrp_ref;
        y[ix::LH] = p.lh_reference_iu_l;
        y[ix::FSH] = p.fsh_reference_iu_l;
        y[ix::LEYDIG_CAPACITY] = p.leydig_capacity;
        // The never-stimulated adult share (1 in any man who went through puberty): Newton's
        // steady state is within a few per cent of it.
        y[ix::LEYDIG_MATURITY] = p.leydig_immature_floor;
        y[ix::LEYDIG_DESENSITIZATION] = d.desens_ref;
        y[ix::LEYDIG_INDUCTION] = 1.0;
        y[ix::STEROIDOGENESIS] = p.leydig_capacity * p.leydig_immature_floor;
        y[ix::TESTOSTERONE] = d.t_ref_ng_ml * p.leydig_capacity * p.leydig_immature_floor;
        y[ix::ESTRADIOL] = p.estradiol_reference_pg_ml;
        y[ix::RESERVE] = d.reserve_ref;
        y[ix::SERTOLI_MATURITY] = d.maturity_ref;
        // The never-stimulated number (the adult one, 1, in any man who went through puberty):
        // Newton's steady state is within a few per cent of it.
        y[ix::SERTOLI_NUMBER] = p.sertoli_number_floor;
        let germ = p.germ_capacity * p.sertoli_capacity * p.sertoli_number_floor;
        for i in 0..GERM_STAGES + EPIDIDYMAL_STAGES {
            y[ix::GERM + i] = germ;
        }
        y
    }

    /// Algebraic outputs of a state, given the drug exposure at that instant.
    #[inline]
    pub fn readout(&self, y: &StateVector, drugs: &Exposure) -> Readout {
        let (p, d) = (&self.p, &self.d);
        let t = y[ix::TESTOSTERONE].max(0.0);
        let free_t_pg_ml = 1000.0 * periphery::free_testosterone(t, p.shbg_nmol_l, p.albumin_g_l);
        let er = periphery::er_signal(y[ix::ESTRADIOL], p.estradiol_er_kd_pg_ml, drugs);
        let itt_ng_ml =
            (p.itt_serum_ratio - 1.0) * d.t_ref_ng_ml * y[ix::STEROIDOGENESIS].max(0.0) + t;
        let mut germ_sum = 0.0;
        for i in 0..GERM_STAGES {
            germ_sum += y[ix::GERM + i];
        }
        let germ_mean = (germ_sum / GERM_STAGES as f64).max(0.0);
        // Spermatocytes and round spermatids: the middle stages.
        let mid = (y[ix::GERM + 2] + y[ix::GERM + 3] + y[ix::GERM + 4] + y[ix::GERM + 5]) / 4.0;
        let inhibin_b_pg_ml = p.inhibin_b_reference_pg_ml
            * p.sertoli_capacity
            * y[ix::SERTOLI_NUMBER].max(0.0)
            * (1.0 - p.inhibin_b_germ_share + p.inhibin_b_germ_share * mid.max(0.0));
        let sperm_m_ml =
            p.sperm_reference_m_ml * y[ix::EPIDIDYMIS + EPIDIDYMAL_STAGES - 1].max(0.0);
        // The share that is neither germ cells nor Leydig cells (Sertoli cells, tubules)
        // follows the Sertoli number.
        let testis_volume_ml = p.testis_volume_reference_ml
            * ((1.0 - p.testis_volume_germ_share - p.testis_volume_leydig_share)
                * y[ix::SERTOLI_NUMBER].max(0.0)
                + p.testis_volume_germ_share * germ_mean
                + p.testis_volume_leydig_share
                    * y[ix::LEYDIG_CAPACITY].max(0.0)
                    * y[ix::LEYDIG_MATURITY].max(0.0));
        Readout {
            free_t_pg_ml,
            er,
            itt_ng_ml,
            inhibin_b_pg_ml,
            sperm_m_ml,
            testis_volume_ml,
            kisspeptin: y[ix::KISSPEPTIN].max(0.0),
        }
    }

    /// Pulse frequency \[1/h\] the generator would choose in state `y`.
    #[inline]
    pub fn pulse_frequency(&self, r: &Readout) -> f64 {
        if self.p.pulse_mass_ug <= 0.0 {
            return 0.0;
        }
        let asked = hypothalamus::pulse_frequency(&self.p, r.free_t_pg_ml, r.er) * r.kisspeptin;
        REFERENCE_PULSE_FREQ_PER_H
            * hypothalamus::saturating(
                asked / REFERENCE_PULSE_FREQ_PER_H,
                self.p.pulse_freq_ceiling_per_h / REFERENCE_PULSE_FREQ_PER_H,
                self.p.pulse_freq_ceiling_sharpness,
            )
    }

    /// Pulse mass \[ug\] the generator releases in state `y`.
    #[inline]
    pub fn pulse_mass(&self, r: &Readout) -> f64 {
        hypothalamus::pulse_mass(&self.p, r.free_t_pg_ml, self.d.free_t_ref_pg_ml)
    }

    /// `d(state)/dt` at absolute time `t` (h). `drugs` holds the PK state at `t0`, the segment
    /// start; in pulsatile mode `pulse_freq` is the generator's current frequency.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    pub fn rhs(
        &self,
        mode: Mode,
        drugs: &DrugState,
        t0: f64,
        pulse_freq: f64,
        t: f64,
        y: &StateVector,
        dy: &mut StateVector,
    ) {
        let (p, d) = (&self.p, &self.d);
        let tau = t - t0;
        let exposure = drugs.exposure_at(&self.rates, tau);
        let r = self.readout(y, &exposure);
        // GnRH at the receptor: the circulating hormone (pulses and gonadorelin) and the
        // GnRH-equivalents of agonist analogues.
        let gnrh = d.gnrh_pg_ml_per_ug * exposure.gnrh_ug.max(0.0) + exposure.gnrh_agonist_pg_ml;

        // The kisspeptin drive integrates the steroid signal against its set point (days).
        let free_t_relative = r.free_t_pg_ml / d.free_t_ref_pg_ml;
        dy[ix::KISSPEPTIN] =
            hypothalamus::kisspeptin_rate(p, y[ix::KISSPEPTIN], free_t_relative, r.er / d.er_ref);

        // Hypothalamus and GnRH receptor occupancy: the receptor signal drives release, its
        // slow average drives synthesis, and desensitized receptors recover only while GnRH is
        // absent (the recovery gate).
        // A GnRH-receptor antagonist raises the GnRH a given occupancy needs by `blocked`; the
        // receptors it holds neither signal nor desensitize, so recovery sees the same shift.
        let blocked = 1.0 + exposure.gnrh_antagonism;
        let kd = d.gnrh_kd * blocked;
        let recovery_block = d.recovery_block * blocked;
        let background_occupancy = gnrh / (gnrh + kd);
        let background_gate = pituitary::recovery_gate(gnrh, recovery_block);
        let (occupancy, gate, freq, pulse_occupancy) = match mode {
            Mode::Pulsatile => (background_occupancy, background_gate, pulse_freq, 0.0),
            Mode::MeanField => {
                let f = self.pulse_frequency(&r);
                if f > 0.0 {
                    let period = 1.0 / f;
                    let k = d.gnrh_kinetics.elimination_per_h;
                    let peak = hypothalamus::periodic_peak_pg_ml(
                        self.pulse_mass(&r),
                        p.gnrh_volume_l,
                        k,
                        period,
                    );
                    let occ = hypothalamus::mean_occupancy(peak, gnrh, k, period, kd);
                    let gate =
                        1.0 - hypothalamus::mean_occupancy(peak, gnrh, k, period, recovery_block);
                    (occ, gate, f, (occ - background_occupancy).max(0.0))
                } else {
                    (background_occupancy, background_gate, 0.0, 0.0)
                }
            }
        };
        dy[ix::PULSE_PHASE] = match mode {
            Mode::Pulsatile => self.pulse_frequency(&r),
            Mode::MeanField => 0.0,
        };

        // Pituitary receptor.
        let rd = y[ix::RECEPTOR_DESENSITIZED];
        let ri = y[ix::RECEPTOR_INTERNALIZED];
        let (d_rd, d_ri) = pituitary::receptor_rates(p, occupancy, gate, rd, ri);
        dy[ix::RECEPTOR_DESENSITIZED] = d_rd;
        dy[ix::RECEPTOR_INTERNALIZED] = d_ri;
        let available = (1.0 - rd - ri).max(0.0);
        // GnRH up-regulates its own receptor: the number follows, over days, the slow signal
        // per receptor (the GnRH exposure, not the number it already has).
        let receptor_number = y[ix::RECEPTOR_NUMBER].max(0.0);
        let per_receptor = y[ix::SLOW_SIGNAL] / (d.signal_ref * receptor_number.max(1e-6));
        dy[ix::RECEPTOR_NUMBER] = d.k_receptor_number
            * (pituitary::receptor_number_target(p, per_receptor) - receptor_number);
        // Available receptors signal fully, desensitized ones in part (release and the
        // synthesis signal alike), in proportion to their number.
        let releasing =
            receptor_number * (available + p.desensitized_receptor_coupling * rd.max(0.0));
        let signal = releasing * occupancy;
        // Uninterrupted GnRH builds a repressor of gonadotropin synthesis; GnRH-free troughs
        // clear it.
        let repressor = y[ix::SYNTHESIS_REPRESSION];
        dy[ix::SYNTHESIS_REPRESSION] =
            pituitary::repressor_rate(d.k_repression_up, d.k_repression_down, gate, repressor);
        let lh_repression = pituitary::inhibition(
            repressor,
            p.synthesis_repression_half,
            p.synthesis_repression_hill,
        ) / d.lh_repression_factor_ref;
        let fsh_repression = pituitary::inhibition(
            repressor,
            p.fsh_synthesis_repression_half,
            p.synthesis_repression_hill,
        ) / d.fsh_repression_factor_ref;
        let slow = y[ix::SLOW_SIGNAL];
        dy[ix::SLOW_SIGNAL] = d.k_signal * (signal - slow);

        // Slow steroid signals at the gonadotroph (ER and androgen).
        let pituitary_er = y[ix::PITUITARY_ER];
        let pituitary_androgen = y[ix::PITUITARY_ANDROGEN];
        dy[ix::PITUITARY_ER] = d.k_pituitary_er * (r.er - pituitary_er);
        dy[ix::PITUITARY_ANDROGEN] = d.k_pituitary_steroid * (free_t_relative - pituitary_androgen);

        // LH: synthesis into the store, exchange with the readily releasable pool, release.
        let lh_synth = d.lh_synthesis
            * lh_repression
            * pituitary::synthesis_drive_from(
                slow,
                d.signal_ref,
                p.lh_basal_synthesis,
                p.lh_synthesis_exponent,
                d.lh_saturation_pow,
            )
            * (pituitary::inhibition(pituitary_er, p.lh_er_half, p.lh_er_hill) / d.lh_er_ref)
            * (pituitary::inhibition(
                pituitary_androgen,
                p.lh_androgen_half,
                p.pituitary_androgen_hill,
            ) / d.lh_androgen_ref);
        let store = y[ix::LH_STORE].max(0.0);
        let releasable = y[ix::LH_RRP].max(0.0);
        let filled = d.rrp_fraction * store;
        let release = match mode {
            Mode::Pulsatile => {
                let release = d.k_release * (signal + d.basal_signal) * releasable;
                let exchange = d.k_refill * (filled - releasable);
                dy[ix::LH_STORE] = lh_synth - d.k_store * store - exchange;
                dy[ix::LH_RRP] = exchange - release;
                release
            }
            Mode::MeanField => {
                // The pulses' exact periodic release (each pulse empties a fraction of the
                // pool, which refills between pulses); the pool state only tracks its mean.
                let train = pituitary::PulseTrain {
                    frequency_per_h: freq,
                    released_per_pulse: if freq > 0.0 {
                        -(-d.k_release * releasing * pulse_occupancy / freq).exp_m1()
                    } else {
                        0.0
                    },
                    continuous_per_h: d.k_release
                        * (releasing * background_occupancy + d.basal_signal),
                };
                let (release, mean) = pituitary::periodic_release(filled, d.k_refill, &train);
                dy[ix::LH_STORE] = lh_synth - d.k_store * store - release;
                dy[ix::LH_RRP] = d.k_refill * (mean - releasable);
                release
            }
        };
        // Reserve mobilization: GnRH far above a pulse (a test dose, an agonist) releases the
        // store directly, through the receptors that still signal.
        let mobilization = y[ix::LH_MOBILIZATION].clamp(0.0, 1.0);
        dy[ix::LH_MOBILIZATION] = d.k_mobilization
            * (pituitary::reserve_mobilization(p, gnrh / blocked) - y[ix::LH_MOBILIZATION]);
        let mobilized =
            p.lh_reserve_mobilization_per_h * mobilization * (releasing / d.releasing_ref) * store;
        dy[ix::LH_STORE] -= mobilized;
        dy[ix::LH] = release + mobilized - d.k_lh * y[ix::LH];

        let fsh_synth = d.fsh_synthesis
            * fsh_repression
            * pituitary::synthesis_drive_from(
                slow,
                d.signal_ref,
                p.fsh_basal_synthesis,
                p.fsh_synthesis_exponent,
                d.fsh_saturation_pow,
            )
            * (pituitary::inhibition(freq, p.fsh_freq_half_per_h, 2.0) / d.fsh_freq_ref)
            * (pituitary::inhibition(
                r.inhibin_b_pg_ml,
                p.fsh_inhibin_half_pg_ml,
                p.fsh_inhibin_hill,
            ) / d.fsh_inhibin_ref)
            * (pituitary::inhibition(pituitary_er, p.fsh_er_half, p.fsh_er_hill) / d.fsh_er_ref)
            * (pituitary::inhibition(
                pituitary_androgen,
                p.fsh_androgen_half,
                p.pituitary_androgen_hill,
            ) / d.fsh_androgen_ref);
        dy[ix::FSH] = fsh_synth - d.k_fsh * y[ix::FSH];

        // Leydig cells.
        let lh_equivalent = y[ix::LH].max(0.0) + exposure.lh_equivalents_iu_l;
        let drive = testis::lh_receptor_drive(p, lh_equivalent);
        let desens = y[ix::LEYDIG_DESENSITIZATION];
        dy[ix::LEYDIG_DESENSITIZATION] =
            d.desens_on * testis::desensitizing_drive(drive) * (1.0 - desens)
                - d.desens_off * desens;
        let capacity = y[ix::LEYDIG_CAPACITY];
        let capacity_target = p.leydig_capacity * (p.leydig_capacity_floor + drive)
            / (p.leydig_capacity_floor + d.drive_ref);
        dy[ix::LEYDIG_CAPACITY] = d.k_capacity * (capacity_target - capacity);
        // Enzyme induction follows sustained receptor stimulation: the LH equivalents are
        // averaged over the induction time first, so LH pulses and their mean induce alike.
        let sustained = y[ix::LEYDIG_INDUCTION];
        // Drugs' LH-equivalents weighted by their steroidogenic efficacy (hCG: 1, LH-like).
        let inducing = y[ix::LH].max(0.0) + exposure.lh_induction_equivalents_iu_l;
        dy[ix::LEYDIG_INDUCTION] = d.k_induction * (inducing / p.lh_reference_iu_l - sustained);
        let induction = testis::induction_steady_state(
            p,
            testis::induction_signal(p, sustained.max(0.0) * p.lh_reference_iu_l),
            d.induction_signal_ref,
        );
        // The adult Leydig population: matured by sustained LH or hCG in a testis that never
        // had them (congenital GnRH deficiency), 1 in every man who went through puberty.
        let adult_leydig = y[ix::LEYDIG_MATURITY].max(0.0);
        dy[ix::LEYDIG_MATURITY] = testis::leydig_maturity_rate(p, sustained, adult_leydig) / 24.0;
        let steroid = y[ix::STEROIDOGENESIS];
        // Stimulation per unit of the man's own Leydig capacity (1 at the reference), through
        // the ceiling on what a Leydig cell can make (Padron 1980, rows L3 and H2), taken to be
        // per cell: the cells number `n^β` of the adult man's (1 unless the Sertoli cells are
        // too few, as in congenital deficiency; docs/MODEL.md 5.4b), each carrying `1/number`
        // of the testis's stimulation.
        let leydig_number = testis::leydig_number(p, y[ix::SERTOLI_NUMBER]);
        let leydig_output = if p.leydig_capacity > 0.0 && leydig_number > 0.0 {
            let stimulation =
                capacity.max(0.0) / p.leydig_capacity * induction * drive * (1.0 - desens)
                    / d.steroid_ref;
            p.leydig_capacity
                * leydig_number
                * hypothalamus::saturating(
                    stimulation / leydig_number,
                    p.leydig_output_ceiling,
                    p.leydig_output_sharpness,
                )
        } else {
            0.0
        };
        dy[ix::STEROIDOGENESIS] = d.k_steroid
            * (adult_leydig * leydig_output * exposure.steroidogenesis_remaining - steroid);

        // Serum T and E2.
        let t_serum = y[ix::TESTOSTERONE];
        let production = d.t_production_ref_ug_h * steroid.max(0.0) + d.t_nontesticular_ug_h;
        dy[ix::TESTOSTERONE] =
            (production + exposure.exogenous_t_ug_h) / d.t_volume_l - d.k_t * t_serum;
        // Peripheral aromatization converts a fixed share of the T that is cleared (Longcope
        // 1969: conversion ratio × MCR × [T]), so it follows the clearance factor too.
        let e2_target = p.estradiol_reference_pg_ml
            * (p.estradiol_peripheral_share
                * p.aromatase_activity
                * exposure.aromatase_remaining
                * d.t_clearance_factor
                * t_serum.max(0.0)
                / d.t_ref_ng_ml
                + (1.0 - p.estradiol_peripheral_share)
                    * exposure.aromatase_remaining
                    * steroid.max(0.0));
        dy[ix::ESTRADIOL] = d.k_e2 * (e2_target - y[ix::ESTRADIOL]);

        // Sertoli drive and the spermatogenic transit chain.
        // Relative to the man's own reference, capped: a man whose spermatogenesis needs far
        // more ITT than the typical man's would otherwise be driven without bound once hCG
        // lifts his ITT above its reference.
        let fsh_total = y[ix::FSH].max(0.0) + exposure.fsh_iu_l;
        // The T that reaches the tubules from serum acts as strongly as the testis's own in
        // the typical man, more in a man who makes more DHT from it.
        let tubular_androgen =
            r.itt_ng_ml + (p.tubular_serum_androgen_gain - 1.0) * t_serum.max(0.0);
        let sertoli = (testis::itt_support(p, tubular_androgen / d.itt_ref)
            * testis::fsh_support(p, fsh_total)
            / d.sertoli_ref)
            .min(p.sertoli_drive_max);
        let loss = d.k_loss * (1.0 - sertoli).max(0.0);
        let reserve = y[ix::RESERVE].max(0.0);
        dy[ix::RESERVE] = testis::reserve_rate(p, sertoli, reserve) / 24.0;
        let maturity = y[ix::SERTOLI_MATURITY].max(0.0);
        // FSH multiplies the Sertoli cells of a testis that has not matured (congenital GnRH
        // deficiency); the number, with their maturity, sets how much the chain can carry.
        let number = y[ix::SERTOLI_NUMBER].max(0.0);
        let number_rate = testis::sertoli_number_rate(p, fsh_total, maturity.min(1.0), number);
        dy[ix::SERTOLI_NUMBER] = number_rate / 24.0;
        // New cells are immature: they dilute the mature share (the mature count `N·M` does
        // not grow by division).
        dy[ix::SERTOLI_MATURITY] = (testis::sertoli_maturity_rate(p, sertoli, fsh_total, maturity)
            - maturity * number_rate / number.max(1e-9))
            / 24.0;
        let mut upstream = p.germ_capacity
            * p.sertoli_capacity
            * number
            * sertoli
            * (maturity / d.maturity_ref)
            * reserve
            / d.reserve_ref;
        for i in 0..GERM_STAGES {
            let x = y[ix::GERM + i];
            dy[ix::GERM + i] = d.k_germ * (upstream - x) - loss * x;
            upstream = x;
        }
        for i in 0..EPIDIDYMAL_STAGES {
            let x = y[ix::EPIDIDYMIS + i];
            dy[ix::EPIDIDYMIS + i] = d.k_epididymis * (upstream - x);
            upstream = x;
        }
    }
}
