//! Every physiological parameter of the model: its value for a healthy young man, its unit, the
//! source it was taken from or the target it was fitted to, and its valid range.
//!
//! Organ gains are written as *reference outputs*: the level an organ produces at a fixed
//! reference input (a healthy pulse train, healthy LH, healthy FSH …). The rate constants that
//! realise them are derived once in `crate::model::Derived`. This keeps every parameter in a
//! clinical unit a reader can check, and lets a preset change one organ without retuning the
//! others (the approach of Tornøe et al. 2007, who set βTe so that Te starts at its baseline).
//!
//! Source tags (see `docs/MODEL.md`): \[R\] read in the source, \[C\] recalled, \[D\] derived
//! from \[R\] numbers, \[F\] fitted to a row of the clinical scorecard (`hpg::study::scorecard`).

use crate::drugs::DrugParams;
use crate::error::{HpgError, Result};
use serde::{Deserialize, Serialize};

macro_rules! define_params {
    ($( $(#[doc = $doc:expr])* $name:ident : [$min:expr, $max:expr] = $default:expr ; )*) => {
        /// All model parameters. Build with [`Params::healthy`] or through
        /// [`crate::Patient`]; change one with [`Params::set`], which validates it.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Params {
            $( $(#[doc = $doc])* pub $name: f64, )*
            /// Every drug constant (PK rates, volumes, bioavailabilities, potencies), by dotted
            /// name ([`crate::drugs::DrugParameter`]); the drug files' values by default.
            #[serde(default)]
            pub drugs: DrugParams,
        }

        impl Params {
            /// The names of the physiological parameters, in declaration order. The drug
            /// parameters follow them in [`Params::names`].
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// Parameters of a healthy young man (the `healthy` preset).
            pub fn healthy() -> Self {
                Params { $($name: $default,)* drugs: DrugParams::default() }
            }

            /// The value of the parameter called `name`, if it exists.
            pub fn get(&self, name: &str) -> Option<f64> {
                match name {
                    $(stringify!($name) => Some(self.$name),)*
                    _ => self.drugs.get(name),
                }
            }

            /// The valid closed range of the parameter called `name`, if it exists.
            pub fn range(name: &str) -> Option<(f64, f64)> {
                match name {
                    $(stringify!($name) => Some(($min, $max)),)*
                    _ => DrugParams::range(name),
                }
            }

            fn slot(&mut self, name: &str) -> Option<&mut f64> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => self.drugs.slot(name),
                }
            }
        }
    };
}

define_params! {
    // ---------------------------------------------------------------- hypothalamus
    /// Maximal GnRH pulse frequency with no sex-steroid feedback \[1/h\], before the ceiling's
    /// saturation. \[F\] B8 together with Pitteloud 2008 (ketoconazole castration raised
    /// frequency toward ~13/12 h); 1.25 /h until the reference train slowed from 0.8 to 0.63 /h
    /// (2026-12-02), scaled with it.
    pulse_freq_max: [0.0, 10.0] = 0.984;
    /// Free T at which its fast slowing of pulse frequency is half-maximal \[pg/mL\]. \[F\] G3
    /// (Pitteloud 2008: T add-back halves frequency, 13.3 → 6.7 per 12 h) together with the
    /// kisspeptin drive, which carries most of the sustained slowing (doubling free T alone cuts
    /// this fast term to ~0.6×). Row K2 (the same study, read numerically) shows it too weak:
    /// pulses ×0.82 where men's halve (docs/MODEL.md 9.9).
    freq_free_t_half: [1.0, 10000.0] = 150.0;
    /// Hill exponent of free-T slowing of pulse frequency \[-\]. \[F\] G3, T2.
    freq_free_t_hill: [0.5, 8.0] = 1.5;
    /// Hypothalamic ER signal at which E2 slowing of frequency is half-maximal \[-\]. \[F\]
    /// Pitteloud 2008: E2 add-back slowed frequency by ~25 % (11.4 → 8.6 per 12 h).
    freq_er_half: [0.01, 10.0] = 1.518;
    /// Hill exponent of ER slowing of pulse frequency \[-\]. \[F\] as above.
    freq_er_hill: [0.5, 8.0] = 2.0;
    /// GnRH mass per pulse, as gonadorelin-equivalent IV dose \[ug\]. \[C\] physiological pulsatile
    /// replacement in GnRH-deficient men is ~25 ng/kg IV (~2 ug per pulse at 75 kg).
    pulse_mass_ug: [0.0, 1000.0] = 2.0;
    /// Relative rise of pulse mass from no T to twice baseline free T \[-\]. \[R\] Pitteloud 2008 and
    /// Liu (PMC2758726): T slightly raises LH mass per burst while slowing frequency; Zwart,
    /// Iranmanesh & Veldhuis 1997 (JCEM 82:2062): castration by ketoconazole leaves LH burst
    /// mass and amplitude unchanged. \[F\] K1 by hand: 0.1, mass ×0.85 at castrate T, ×1.1 at
    /// twice reference (it was 0.5, halving the mass at castrate T).
    pulse_mass_t_gain: [0.0, 2.0] = 0.1;
    /// Gain of the hypothalamic (kisspeptin) drive's integral action while the sex steroids
    /// sit above their set point \[1/d per unit log steroid signal\]:
    /// `dK/dt = −gain · ln(s) · (K − floor)` for `s > 1`, where `s` is the combined free-T
    /// and ER signal relative to the set point. A steady exogenous T supply that alone keeps
    /// `s` above 1 shuts the generator down. \[R\] sex steroids suppress arcuate Kiss1
    /// expression (Smith, Adv Exp Med Biol 784, 2013); Matsumoto 1990: 50 mg enanthate
    /// weekly halves LH, 100 mg suppresses it as much as 300 mg; \[F\] D3 (100 mg cypionate
    /// weekly loses LH within 5–6 weeks), D1, T1: the joint fit (both modes) left it at 0.94;
    /// raised by hand to 1.8 where Nelder–Mead stalled; doubled to 3.6 when free T's weight
    /// halved (2026-12-02, docs/MODEL.md 9.8: D3's 100 mg arm), confirmed by `calibrate`
    /// (3.69).
    kisspeptin_gain_per_d: [0.0, 100.0] = 3.6;
    /// Gain of the same integral action while the steroids sit below their set point
    /// \[1/d per unit log steroid signal\]: `dK/dt = −gain · ln(s) · K · (1 − K/max)` for
    /// `s < 1` and a small deficit (see `kisspeptin_recovery_saturation` for large ones). An
    /// aromatase inhibitor raises LH within days (E1; Hayes 2000: LH pulse frequency 10.2 →
    /// 14.0 per 24 h within a week of anastrozole). \[F\] E1, X1 by hand (0.0605 ×4, when the
    /// recovery began to saturate, 2026-12-02, docs/MODEL.md 9.8), confirmed by `calibrate`
    /// (0.221); D1, D4, D7, T5 bound it through the saturation. 0.242 → 0.2374 with the
    /// ceiling on Leydig output (D7's `pulsatile` recovery ratio; 2026-12-02, fifteenth session).
    kisspeptin_recovery_gain_per_d: [0.0, 100.0] = 0.2374;
    /// Steroid deficit (`−ln s`) at which the drive's recovery runs at half its small-signal
    /// rate \[-\]: `dK/dt = g_up · L·c/(L + c) · K · (1 − K/max)` with `L = −ln s`, so a small
    /// deficit (an aromatase inhibitor, a SERM) acts in proportion while a deep one (castrate T
    /// after TRT stops) cannot drive the tone faster than `g_up · c` (≈ 0.1 /d). For `c ≫ L`
    /// it is the proportional law used until 2026-12-02. \[R\] men's generator answers an
    /// aromatase inhibitor within a week (Hayes 2000) yet recovers over weeks to months after
    /// androgens (D1, D4, D7; months after long use); \[F\] by hand with the recovery gain on E1
    /// and X1 with D1, D4, D7 and T5 in view, confirmed by `calibrate` (0.41; docs/MODEL.md 9.8).
    kisspeptin_recovery_saturation: [0.01, 1000.0] = 0.4;
    /// Weight of free T in the combined steroid signal the kisspeptin drive defends \[-\].
    /// \[R\] Pitteloud 2008: T slows the generator without aromatization; \[F\] E1, X1, A1
    /// (with the ER weight: how far T must rise when E2 is blocked): 0.545 → 0.2723 when E2
    /// took most of the signal (2026-12-02, docs/MODEL.md 9.8), confirmed by `calibrate`
    /// (0.279); 0.2476 in the fit with the ceiling on Leydig output and 0.2525 in the
    /// last fit of that session (2026-12-02, fifteenth, docs/MODEL.md 9.11).
    kisspeptin_free_t_weight: [0.0, 10.0] = 0.2525;
    /// Weight of the ER signal in the combined steroid signal \[-\]. \[R\] E2 carries most of
    /// T's feedback on the male generator: anastrozole opposed T add-back's suppression of LH
    /// in castrated men (Schnorr, Bray & Veldhuis 2001), raised LH pulse frequency 10.2 → 14.0
    /// per 24 h (Hayes 2000), letrozole raised T ×2.5 with LH ×4.4 (T'Sjoen 2005, row E4);
    /// \[F\] E1, X1 (GnRH pulses quicken on tamoxifen, as in men) by hand: 0.240 → 0.719
    /// (2026-12-02, docs/MODEL.md 9.8), confirmed by `calibrate` (0.733); 0.7385 in the fit
    /// with the ceiling on Leydig output, 0.7299 in that session's last fit (fifteenth, 9.11).
    kisspeptin_er_weight: [0.0, 10.0] = 0.7299;
    /// Set point of the kisspeptin drive: the combined steroid signal it defends, relative to
    /// the reference man's \[-\]. 1 in the typical man; populations vary it (men differ in the
    /// level their axis defends); the `older` man's is lower. Scales the free-T and ER terms
    /// together (it scaled free T alone until 2026-12-02, docs/MODEL.md 9.8).
    kisspeptin_set_point: [0.05, 20.0] = 1.0;
    /// Highest kisspeptin drive, relative to the reference man's \[-\]: the integral action
    /// stops there (a generator that cannot be driven harder; secondary hypogonadism). \[C\].
    kisspeptin_max: [1.01, 100.0] = 3.0;
    /// Lowest kisspeptin drive \[-\]: the tone never vanishes, so the axis restarts after
    /// suppression. \[C\]; \[F\] D7 and T5 (LH returns within weeks of stopping TRT).
    kisspeptin_floor: [1e-6, 0.99] = 0.01;
    /// Ceiling the GnRH pulse frequency approaches with no sex-steroid feedback at all
    /// \[1/h\]: the frequency the feedback terms ask for saturates smoothly toward it (and is
    /// unchanged at the reference 0.63 /h). \[R\] twice the reference: ketoconazole
    /// castration doubled LH pulse frequency within a day (Zwart 1997: 118 → 62 min) and raised
    /// GnRH pulses to 13.3 per 12 h (1.1 /h, Pitteloud 2008); agonadal men pulse 2.7× as often
    /// as normal men (Genazzani 1990). Keeps the generator out of the frequencies at which the
    /// gonadotroph desensitizes (which would otherwise let a low-E2 man's axis collapse); LP1,
    /// DG1 and DG2 bound it (docs/MODEL.md 9.6). 1.2 /h (×1.5 of a 0.8 /h reference) until
    /// 2026-12-02.
    pulse_freq_ceiling_per_h: [0.64, 20.0] = 1.26;
    /// Sharpness of the approach to that ceiling \[-\]: the generator runs at
    /// `f_ref · m·x / (m^p − 1 + x^p)^(1/p)` for a requested `x = f_fast·K / f_ref` and
    /// relative ceiling `m = pulse_freq_ceiling_per_h / f_ref`, so 1 is a hyperbola (whose slope
    /// at the reference is `1 − 1/m`: it halves every change of the requested frequency there
    /// while `m` = 2) and larger values pass changes near the reference through and bend only
    /// close to the ceiling. \[C\] 1, the model before 2026-12-02; 4 passes K1's pulses (men
    /// double their frequency within a day, Zwart 1997) but not as a whole-scorecard change
    /// (docs/MODEL.md 9.9).
    pulse_freq_ceiling_sharpness: [1.0, 16.0] = 1.0;
    /// Weibull shape of the inter-pulse intervals when a seed is given \[-\]; larger is more
    /// regular. \[C\] Keenan & Veldhuis renewal-process fits (γ ≈ 2–4).
    pulse_regularity: [1.0, 50.0] = 3.0;
    // ---------------------------------------------------------------- GnRH and its receptor
    /// GnRH (gonadorelin) half-life \[min\]. \[R\] 2.6–5.2 min IV in men.
    gnrh_half_life_min: [0.5, 60.0] = 4.0;
    /// Distribution volume of GnRH seen by the pituitary \[L\]. \[C\] order of extracellular water;
    /// only its ratio to `gnrh_receptor_kd_pg_ml` matters.
    gnrh_volume_l: [0.1, 100.0] = 12.0;
    /// GnRH concentration giving half receptor occupancy \[pg/mL\]. \[F\] P1, P2: an endogenous
    /// pulse (~170 pg/mL peak) occupies ~60 % of the receptors at its peak, so larger boluses
    /// still add (the graded LRH 1–3000 ug study found no maximal dose).
    gnrh_receptor_kd_pg_ml: [1e-3, 1e6] = 100.0;
    /// GnRH concentration that halves receptor recovery from desensitization \[pg/mL\]:
    /// recovery proceeds only while GnRH is (nearly) absent. \[F\] G1: continuous GnRH at the
    /// pulses' daily amount (~13 pg/mL) blocks recovery, the troughs between pulses allow it.
    receptor_recovery_block_pg_ml: [1e-4, 1e4] = 0.2175;
    /// Absorption half-life of subcutaneous gonadorelin \[min\]. \[C\] SC peptides of this size peak
    /// in 10–30 min; \[F\] G2 (SC pulses every 2 h must stay pulses).
    gnrh_sc_absorption_half_life_min: [1.0, 600.0] = 8.0;
    /// Rate at which occupied receptors desensitize \[1/h\]. \[F\] G1; Washington 2004 and Röblitz
    /// 2013 give minutes-to-hours desensitization.
    receptor_desensitization_per_h: [0.0, 100.0] = 3.768;
    /// Rate at which desensitized receptors recover while unoccupied \[1/h\]. \[F\] G1: recovery
    /// t½ ~15 min between pulses; under continuous GnRH recovery stalls.
    receptor_recovery_per_h: [1e-4, 100.0] = 3.0;
    /// Rate at which desensitized receptors are internalized (down-regulation) \[1/h\]. \[F\] G1.
    receptor_internalization_per_h: [0.0, 10.0] = 0.02;
    /// Rate at which internalized receptors return \[1/h\]. \[C\] down-regulation recovers over
    /// days (t½ ~6 d); \[F\] G1.
    receptor_return_per_h: [1e-5, 10.0] = 0.005;
    /// Share of their coupling that desensitized receptors keep, for LH release and for the
    /// synthesis signal \[-\]. \[C\] the mammalian type I GnRH receptor has no C-terminal tail
    /// and does not desensitize within minutes (McArdle 2002, J Endocrinol 173:1): under
    /// sustained GnRH, secretion goes on for days (the agonist flare). \[F\] LP1, G1.
    desensitized_receptor_coupling: [0.0, 1.0] = 0.3;
    /// GnRH receptor number with no GnRH, relative to the reference man's \[-\]: GnRH
    /// up-regulates its own receptor (homologous up-regulation), so a pituitary long deprived
    /// of GnRH holds few receptors and its responses build up over days of pulses
    /// (self-priming). \[R\] receptor number follows GnRH pulse frequency and falls without
    /// GnRH (Katt 1985, Endocrinology 116:2113; Clayton 1989, J Endocrinol 120:11);
    /// \[F\] P3 (first response to 50 µg in GnRH-deficient men 8.3 IU/L, rising ×1.8 over a
    /// week of pulses).
    gnrh_receptor_number_floor: [0.01, 1.0] = 0.3;
    /// Time constant of that up-regulation (and of its loss without GnRH) \[h\]. \[C\] receptor
    /// number follows GnRH over days (Katt 1985); \[F\] P3 (priming over a week).
    gnrh_receptor_number_tau_h: [1.0, 5000.0] = 96.0;
    /// Slow GnRH signal per receptor, relative to the reference, at which up-regulation is
    /// half-saturated \[-\]: the number reaches at most `floor + (1 − floor)(1 + half)` (1.14).
    /// \[C\] saturating, so a primed pituitary does not exceed a normal one by much, and only a
    /// pituitary deprived of GnRH loses many receptors; \[F\] P3 with the floor, keeping P1 in
    /// its band (1 gives the same P3 but P1 1.95 IU/L, under its band).
    gnrh_receptor_number_half: [0.01, 100.0] = 0.2;
    /// Time for uninterrupted GnRH to build the repressor of gonadotropin synthesis \[h\]
    /// (`1/k_up`; it builds only while GnRH is present). \[F\] LP1's FSH at day 14 (published
    /// −76 %, band ≤ 0.5×; 240 h gave 0.85×) with the derepression time in the same ratio, so
    /// the reference repressor is unchanged; held out: the agonist flare lasts 5–12 days (the
    /// Lupron Depot label), G1.
    synthesis_repression_tau_h: [0.1, 5000.0] = 96.0;
    /// Time for the repressor to clear while GnRH is absent \[h\] (`1/k_down`): the troughs
    /// between physiological pulses keep it low. \[F\] G1 and LP1 at 2.4 h until 2026-12-01;
    /// since then scaled with the build-up time (1/100 of it), not fitted on its own.
    synthesis_derepression_tau_h: [0.01, 1000.0] = 0.96;
    /// Repressor level that halves LH synthesis \[-\]: β-subunit transcription needs
    /// GnRH-free intervals and falls under sustained GnRH while secretion goes on (Haisenleder
    /// 1991, Endocrinology 128:509; free α-subunit rises on agonists). \[F\] G1, LP1.
    synthesis_repression_half: [0.01, 100.0] = 0.3;
    /// Hill exponent of that repression \[-\]. \[F\] G1, LP1.
    synthesis_repression_hill: [0.5, 8.0] = 4.0;
    /// Repressor level that halves FSH synthesis \[-\]: FSH falls less than LH on GnRH
    /// agonists and partly escapes. \[F\] LP1's FSH (0.7 until 2026-12-02; 0.595 since FSH
    /// answers the pituitary ER signal more strongly, `fsh_er_half`).
    fsh_synthesis_repression_half: [0.01, 100.0] = 0.595;
    /// Time constant of the slow GnRH signal that drives gonadotropin synthesis \[h\]. \[C\]
    /// LHβ/FSHβ transcription integrates GnRH over hours.
    synthesis_signal_tau_h: [0.1, 200.0] = 4.0;
    /// Slow GnRH signal, relative to the reference, at which gonadotropin synthesis is
    /// half-saturated \[-\]: synthesis can rise at most `1 + saturation^exponent`-fold.
    /// \[C\] subunit transcription saturates with GnRH dose; \[F\] P3, P4 (GnRH pumps in GnRH-
    /// deficient men bring LH and FSH into or just above the normal range, not to castrate
    /// levels).
    synthesis_saturation: [0.1, 1000.0] = 1.006;
    // ---------------------------------------------------------------- LH
    /// Daily-mean serum LH of a normal pituitary at the reference GnRH input and E2 \[IU/L\].
    /// \[R\] FAMHES 2.2–11.6 IU/L (B3); 5 chosen mid-band.
    lh_reference_iu_l: [0.01, 200.0] = 5.0;
    /// LH held in the gonadotroph's storage pool at the reference input, as hours of reference
    /// secretion \[h\]. \[C\] the pituitary holds days of LH secretion; Tornøe 2007 pool turnover
    /// is days. \[F\] P3 (priming builds over days).
    lh_store_hours: [0.5, 2000.0] = 48.0;
    /// Half-life of stored LH degraded without release \[h\]. \[C\] intracellular turnover of
    /// days; \[F\] P3 (the store of a GnRH-deficient pituitary).
    lh_store_half_life_h: [0.5, 5000.0] = 72.0;
    /// Half-time of refilling the readily releasable LH pool from the store \[min\]. \[C\]
    /// gonadotroph RRP refills within ~30–60 min; \[F\] G3 (slower pulses on T are larger:
    /// Pitteloud 2008; at 30 min the pool refilled fully within a 95-min interval and G3's
    /// amplitude fell to ×0.91) and P1 (pulses every ~95 min stay large).
    lh_rrp_refill_half_life_min: [1.0, 1000.0] = 45.0;
    /// Fraction of the readily releasable pool one reference pulse releases \[-\]. \[F\] P1
    /// (pulse increment ~+90 % over nadir), P2.
    lh_pulse_release_fraction: [0.01, 0.99] = 0.8;
    /// Rate at which GnRH far above an endogenous pulse empties the LH store directly, at full
    /// mobilization and the reference receptor number \[1/h\]. The reserve pool: a clinical
    /// GnRH test dose releases several times what a pulse does, and the response keeps rising
    /// up to 3000 ug (P5's sources), so large stimuli reach beyond the readily releasable
    /// pool (the "sensitivity" and "reserve" of Wang, Lasley, Lein & Yen 1976, JCEM 42:718).
    /// \[F\] P5 (held out: P2's 20 ug area, LP1's flare).
    lh_reserve_mobilization_per_h: [0.0, 100.0] = 8.0;
    /// GnRH concentration (IV-equivalent) at half-maximal reserve mobilization \[pg/mL\].
    /// \[C\] gonadotroph Ca2+ signals pass from oscillations to a sustained spike-plateau only at
    /// high GnRH (Durán-Pastén & Fiordelisio 2013, Front Endocrinol 4:127): set at 36× an
    /// endogenous pulse's peak (167 pg/mL), so pulses mobilize almost nothing. \[F\] P5.
    lh_reserve_gnrh_half_pg_ml: [1.0, 1e7] = 6000.0;
    /// Hill exponent of reserve mobilization in the GnRH concentration \[-\]. \[C\] a threshold:
    /// an endogenous pulse mobilizes < 0.1 % of the maximum.
    lh_reserve_hill: [0.5, 8.0] = 3.0;
    /// Time constant with which reserve mobilization follows the GnRH concentration \[min\].
    /// \[C\] GnRH-stimulated exocytosis outlasts the stimulus by minutes (the sustained,
    /// PKC-dependent second phase of release); \[F\] P5 (LH peaks 20–30 min after a 100 ug bolus
    /// whose GnRH falls with a 4-min half-life).
    lh_reserve_mobilization_tau_min: [0.1, 600.0] = 15.0;
    /// Constitutive LH release with no GnRH, as a fraction of the reference signal \[-\].
    /// \[F\] GnRH-deficient men still have measurable LH (0.1–1 IU/L).
    lh_basal_release: [0.0, 1.0] = 0.02;
    /// LH synthesis with no GnRH, as a fraction of reference synthesis \[-\]. \[F\] GnRH-deficient
    /// men have LH < 1 IU/L; P3's priming (a smaller store to start from: 0.20 until the
    /// reference train slowed, 2026-12-02, when a week of pulses primed a bolus only ×1.29).
    lh_basal_synthesis: [0.0, 1.0] = 0.18;
    /// Exponent of the slow GnRH signal in LH synthesis \[-\]. \[F\] T2: LH falls to 5 % on TE
    /// (Coviello 2005).
    lh_synthesis_exponent: [0.5, 4.0] = 1.75;
    /// Serum LH effective half-life \[h\]. \[R\] 1–2 h effective (published kinetics; Tornøe 1.3 h).
    lh_half_life_h: [0.05, 24.0] = 1.2;
    /// Half-life of the slow androgen effect on gonadotropin synthesis \[h\]: the pituitary's
    /// androgen signal follows serum free T with this lag. \[F\] D1 (a single enanthate dose
    /// still suppresses at day 14), D3, D5; Tornøe 2007 uses an effect compartment of this kind.
    pituitary_steroid_half_life_h: [0.01, 2000.0] = 154.0;
    /// Half-life of the pituitary's ER signal behind serum \[h\]. \[R\] E2 lowers LH pulse
    /// amplitude at the gonadotroph of GnRH-deficient men on fixed GnRH within 3–4 days
    /// (Finkelstein 1991, JCEM 73:621; Pitteloud 2008, JCEM 93:784); \[F\] K1 (LH ×2.6–3 by
    /// days 3–6 of castration by ketoconazole: Hayes 2001, Schnorr 2001): 154 h / 4, chosen
    /// between /3 and /5 by hand.
    pituitary_er_half_life_h: [0.01, 2000.0] = 38.5;
    /// Pituitary ER signal halving LH synthesis \[-\]. \[F\] Pitteloud 2008 (E2 lowers LH
    /// amplitude at the pituitary), Sheckter 1989 (D5), T2, A1; 0.2246 → 0.2189 in the fits
    /// with the ceiling on Leydig output (2026-12-02, fifteenth session).
    lh_er_half: [0.01, 10.0] = 0.2189;
    /// Hill exponent of pituitary ER inhibition of LH synthesis \[-\]. \[F\] as above.
    lh_er_hill: [0.5, 8.0] = 2.0;
    /// Free T, relative to the reference man's, halving LH synthesis by direct androgen action
    /// at the pituitary \[-\]. \[R\] Pitteloud 2008: normal T does not suppress LH in GnRH-
    /// deficient men (so the half is well above 1); Sheckter 1989 and the testolactone study:
    /// supraphysiological T suppresses LH and FSH without aromatization. \[F\] D5.
    lh_androgen_half: [0.1, 1000.0] = 4.0;
    /// Free T, relative to reference, halving FSH synthesis at the pituitary \[-\]. \[F\] D5
    /// (FSH falls more than LH with GnRH clamped: enanthate 200 mg weekly, free T ~2.5–3×) and
    /// S2, X2 (a SERM's 1.5–2× free T must leave FSH free to rise: men's FSH rises ×1.6–2 on
    /// tamoxifen, ×2–4 on clomiphene). 2.035 until 2026-12-02 took ~20 % off FSH at 1.5×
    /// free T; 2.646 (×1.3, set by hand) takes ~7 % and keeps D5's FSH at ×0.31 (band
    /// 0.15–0.45).
    fsh_androgen_half: [0.1, 1000.0] = 2.646;
    /// Hill exponent of the pituitary androgen action \[-\]. \[F\] D5 and S2: a threshold
    /// (4, set by hand; the joint fit had 2) so supraphysiological T acts at the pituitary and
    /// physiological rises barely do (Pitteloud 2008).
    pituitary_androgen_hill: [0.5, 8.0] = 4.0;
    // ---------------------------------------------------------------- FSH
    /// Serum FSH of a normal pituitary at reference GnRH input, inhibin B and E2 \[IU/L\]. \[R\]
    /// FAMHES 1.8–16.5 IU/L (B4); 5 chosen mid-band.
    fsh_reference_iu_l: [0.0, 200.0] = 5.0;
    /// FSH synthesis with no GnRH, as a fraction of reference synthesis \[-\]. \[F\] DG1: under
    /// full GnRH-receptor blockade (degarelix) FSH falls 89 % and stays there for the year with
    /// T and E2 castrate (Klotz 2008; Crawford 2016: ~97 % at 3 months), so what the pituitary
    /// makes without GnRH, even freed of steroid and with less inhibin, is about a tenth of
    /// normal (0.035 gives ×0.12 at day 84; 0.0787, fitted earlier to "GnRH-deficient men have
    /// FSH < 1 IU/L", gave ×0.24). GnRH-deficient men: ~0.7 IU/L.
    fsh_basal_synthesis: [0.0, 1.0] = 0.035;
    /// Exponent of the slow GnRH signal in FSH synthesis \[-\]. \[F\] T2: FSH falls to 3 % on TE
    /// (Coviello 2005), deeper than a linear dependence allows. \[C\] at most 2: the signal
    /// dips during each pulse (receptors desensitize while occupied), so the `pulsatile` mean
    /// signal sits ~5 % under the `mean_field` one, and an exponent e turns that into ~5·e %
    /// less FSH (3.8 gave 21 %, past the 10 % the modes must agree within; 1.6 gives 8 %).
    fsh_synthesis_exponent: [0.5, 2.0] = 1.6;
    /// Serum FSH half-life \[h\]. \[R\] 274–346 min (Veldhuis).
    fsh_half_life_h: [0.1, 48.0] = 5.0;
    /// Pulse frequency halving FSH synthesis \[1/h\]. \[R\] form from Röblitz 2013 (slow pulses favour
    /// FSH); value \[F\] so that the preference is mild in men.
    fsh_freq_half_per_h: [0.01, 100.0] = 3.02;
    /// Inhibin B halving FSH synthesis \[pg/mL\]. \[F\] Hayes 2001 (inhibin restrains FSH
    /// independently of sex steroids); equal to the healthy level.
    fsh_inhibin_half_pg_ml: [1.0, 10000.0] = 120.0;
    /// Hill exponent of inhibin B inhibition of FSH \[-\]. \[F\] primary hypogonadism FSH rise.
    fsh_inhibin_hill: [0.5, 8.0] = 1.532;
    /// Pituitary ER signal halving FSH synthesis \[-\]. \[R\] E2 restrains FSH at the
    /// pituitary in men (Hayes 2001, JCEM 86:53; aromatase inhibition and castration raise FSH
    /// about as much as LH: ×2–2.5 by days 3–6 of ketoconazole, row K1). \[F\] by hand on X2's
    /// and K1's FSH with D1, LP1 and DG1 in view (2026-12-02): 0.322, between LH's 0.225 (which
    /// gives FSH ×2 on enclomiphene but lifts D1's FSH at day 42 to ×1.25 and LP1's to ×0.85)
    /// and the earlier 0.496 (FSH ×0.8–0.9 on tamoxifen and the AIs, where men's rises); 0.29
    /// when the reference train slowed (X2's `mean_field` FSH had fallen to ×1.10, band ≥ 1.15).
    fsh_er_half: [0.01, 10.0] = 0.29;
    /// Hill exponent of pituitary ER inhibition of FSH synthesis \[-\]. \[F\] T2, D5.
    fsh_er_hill: [0.5, 8.0] = 2.0;
    // ---------------------------------------------------------------- Leydig cells
    /// LH giving half-maximal acute Leydig stimulation \[IU/L\]. \[F\] joint fit with enzyme
    /// induction (L1 with S1–S3, A1, T1–T7 and the D rows, both modes), from Tornøe 2007's
    /// L50 = 5.18 IU/L; 4.08 until refitted with the ceiling on Leydig output (2026-12-02,
    /// fifteenth session, `examples/calibrate` with L2 and L3, docs/MODEL.md 9.11).
    leydig_lh_half_iu_l: [0.01, 1000.0] = 2.725;
    /// Hill exponent of the acute LH receptor drive \[-\]. \[F\] same fits, from Tornøe 2007's
    /// κ = 1.9 (1.68 before the ceiling).
    leydig_lh_hill: [0.5, 8.0] = 2.5;
    /// Maximal Leydig capacity relative to a healthy testis \[-\]. 1 = healthy; presets lower it.
    leydig_capacity: [0.0, 5.0] = 1.0;
    /// Floor of the capacity's target, in units of LH-receptor drive \[-\]: the target is
    /// `leydig_capacity · (floor + drive) / (floor + reference drive)`, so with no LH drive the
    /// capacity settles at floor / (floor + reference drive), about 11 % of `leydig_capacity`
    /// at the reference drive of ~0.82 (15 % at ~0.58 before the Leydig ceiling's refit).
    /// \[F\] T7 and recovery after TRT (atrophy, not loss).
    leydig_capacity_floor: [0.0, 10.0] = 0.1;
    /// Time constant of Leydig capacity toward its LH-dependent target \[d\]. \[C\] atrophy under
    /// suppression over weeks, recovery over months; \[F\] G2.
    leydig_capacity_tau_d: [0.1, 1000.0] = 20.0;
    /// Time constant of steroidogenesis following LH receptor drive \[h\]. \[F\] B9: T pulses lag LH
    /// pulses by 30–60 min; Veldhuis: T rises with half-time 97 min after an LH step.
    steroidogenesis_tau_h: [0.01, 24.0] = 0.75;
    /// Leydig LH-receptor desensitization recovery half-life \[h\]. \[F\] same fit, from 48 h
    /// (Gries 1999: a second T peak days after a large hCG dose).
    leydig_desensitization_recovery_h: [0.1, 2000.0] = 38.54;
    /// Steady desensitization at full receptor drive \[-\] (0–1). \[F\] after Gries 1999 (T output
    /// falls when hCG exceeds ~30 IU/L). In this structure the fall is not reproduced: 30 IU/L
    /// of hCG is only ~3.6 LH-equivalents, and once capacity has grown with the drive, steady
    /// output no longer falls (`docs/MODEL.md`, known limitations). 0.5 until the ceiling on
    /// Leydig output took over the plateau (2026-12-02, fifteenth session, same fit).
    leydig_desensitization_max: [0.0, 0.99] = 0.0622;
    /// Sustained LH-equivalent stimulation giving half the maximal induction of steroidogenic
    /// enzymes \[IU/L\]. Induction follows receptor occupancy, which keeps rising far above the
    /// LH that already drives acute T output near its maximum (spare receptors). \[F\] joint fit
    /// (L1: the delayed T peak 72–96 h after 6000 IU hCG, Padron 1980, with S1–S3 and A1);
    /// 18.9 until refitted with the ceiling (2026-12-02, fifteenth session; L2, L3 fitted).
    leydig_induction_half_iu_l: [0.01, 1000.0] = 47.53;
    /// Hill exponent of the induction signal \[-\]. \[F\] same fit, from 2.
    leydig_induction_hill: [0.5, 8.0] = 1.826;
    /// Gain of enzyme induction: enzyme content at full induction signal is `1 + gain` times
    /// that at none \[-\]. 0 turns induction off. \[F\] same fit (Padron 1980: T ×1.6 at 4 h,
    /// ×2.4 at 72–96 h after hCG; the difference is induction); 1.94 until refitted with the
    /// ceiling (2026-12-02, fifteenth session), which now bounds what induction can add.
    leydig_induction_gain: [0.0, 100.0] = 11.58;
    /// Time constant over which sustained stimulation is averaged for enzyme induction \[h\].
    /// \[F\] same fit, from 48 h: the delayed T peak comes 72–96 h after a dose (Padron 1980),
    /// while hCG itself peaks at ~20 h (Mannaerts 1998); 110 h until refitted with the ceiling
    /// (2026-12-02, fifteenth session: L3's peak at 48 h).
    leydig_induction_tau_h: [0.1, 1000.0] = 40.0;
    /// Ceiling on steroidogenic output per unit of the man's Leydig capacity, relative to his
    /// output at the reference stimulation \[-\]: capacity, induction, receptor drive and
    /// desensitization multiply into a stimulation `x` (1 at the reference) that passes through
    /// `sat(x; m, p)` (the pulse generator's saturating curve, 1 at `x = 1`, tending to `m`).
    /// \[R\] Padron 1980: T peaks ×2.4 (IM) and ×2.2 (IV, 5–8× the hCG levels) 72–96 h after
    /// hCG, a second dose at 24 h adds nothing; three daily 1500 IU doses give the 72-h T of
    /// one (row L3); men on months of hCG 5000 IU twice weekly stay near ×2.1 (row H2).
    leydig_output_ceiling: [1.01, 100.0] = 2.4;
    /// Sharpness `p` of the approach to that ceiling \[-\]: the slope at the reference is
    /// `1 − m^(−p)`. \[F\] joint fits with the Leydig curve (`examples/calibrate`, both modes,
    /// docs/MODEL.md 9.11): 5.6, 6.1, then 6.67 after the testicular aromatase block.
    leydig_output_sharpness: [1.0, 16.0] = 6.67;
    /// Exponent linking the adult Leydig cell number to the Sertoli cell number \[-\]: the
    /// number is `n^β` of the adult man's, with `n` the Sertoli number relative to the adult
    /// (`sertoli_number`, 1 in any man who went through puberty). The ceiling on Leydig output
    /// is taken to be per cell (an assumption: Padron's ceiling is a whole-testis measurement),
    /// so fewer cells lower the testis's maximum (`leydig_output_ceiling × n^β`) and leave
    /// sub-maximal output, which the testis's steroidogenic capacity sets, nearly unchanged
    /// (×0.92 at the reference stimulation when `n^β` = 0.43, ×1 well below it). \[R\]
    /// (abstracts, mice) Leydig cell number is directly proportional to
    /// Sertoli cell number in development and in the adult (Rebourcet et al. 2017,
    /// Endocrinology 158:2955); prepubertal Sertoli cells are needed for a normal adult Leydig
    /// number (Rebourcet et al. 2014, Development 141:2139); ablating adult Sertoli cells cuts
    /// the Leydig cells by 75 % (Rebourcet et al. 2014, PLoS One 9:e105687). In men with
    /// congenital hypogonadotropic hypogonadism testis growth on hCG follows the initial
    /// volume (Burris 1988, JCEM 66:1144) and T stays in or below the normal range. β = 1
    /// (proportional) is set from the mouse data, not fitted (docs/MODEL.md 5.4b).
    leydig_sertoli_exponent: [0.0, 4.0] = 1.0;
    /// Rate of maturation of the adult Leydig population at full stimulation \[1/d\]:
    /// logistic growth of the adult share (adult Leydig cells form from progenitors under LH
    /// at puberty and multiply as they form). Matters only in a man whose
    /// `leydig_immature_floor` is below 1. \[F\] L2 (hCG 1500 IU every six days in men who never
    /// went through puberty: T peaks ~200 ng/dL at month 4 and ~400 at month 12).
    leydig_maturation_per_d: [0.0, 1.0] = 0.0114;
    /// Sustained LH-equivalent stimulation, relative to the reference LH, giving half the
    /// maximal maturation rate (Hill 4) \[-\]. \[C\] an adult man's LH (1) matures a testis at
    /// nearly the full rate; a GnRH-deficient man's own LH (~0.08) does not in a lifetime.
    leydig_maturation_half: [0.01, 100.0] = 0.5;
    /// Rate at which the adult Leydig share returns toward its floor without stimulation
    /// \[1/d\] (only in a man whose floor is below 1). \[C\] as the Sertoli cells'
    /// (`sertoli_regression_per_d`): adult Leydig cells persist for decades without LH;
    /// they atrophy (the capacity), they are not lost.
    leydig_regression_per_d: [0.0, 1.0] = 0.000137;
    /// Adult Leydig share of a testis that never had LH or hCG \[-\]: 1 in a man who went
    /// through puberty or was treated with gonadotropins before; low in
    /// `gnrh_deficient_untreated`. \[F\] L2 (T does not rise after a first 1500 IU dose of hCG).
    leydig_immature_floor: [0.001, 1.0] = 1.0;
    // ---------------------------------------------------------------- testosterone, binding, E2
    /// Serum total T made by a healthy-capacity testis at reference LH \[ng/dL\]. \[R\] Travison 2017
    /// median 531 ng/dL (B1).
    testosterone_reference_ng_dl: [1.0, 5000.0] = 530.0;
    /// Serum T from non-testicular (adrenal) sources \[ng/dL\]. \[C\] castrate levels in men are
    /// 15–50 ng/dL.
    nontesticular_testosterone_ng_dl: [0.0, 500.0] = 15.0;
    /// Serum T half-life \[h\]. \[C\] ~1 h; \[R\] approach half-time 97 min after an LH step
    /// (including steroidogenesis lag).
    testosterone_half_life_h: [0.05, 24.0] = 1.0;
    /// Metabolic clearance rate of T \[L/h\]. \[C\] ~1200 L/day in young men (Southren); consistent
    /// with 6–7 mg/day production at 530 ng/dL.
    testosterone_clearance_l_h: [1.0, 1000.0] = 50.0;
    /// Intratesticular / serum T ratio at reference \[-\]. \[R\] Coviello 2005: 1174 vs 14.1 nmol/L,
    /// ~80× (B7).
    itt_serum_ratio: [1.0, 1000.0] = 80.0;
    /// Androgenic action on spermatogenesis of the T that reaches the tubules from serum,
    /// relative to the same amount made by the testis \[-\]: men who convert more of it to
    /// DHT (5α-reductase) keep some spermatogenesis on suppressive TRT. \[C\] 1 in the typical
    /// man (at least 0.01, so the tubules always read some androgen);
    /// it matters only when serum T is high and the testis makes little (the serum share of
    /// ITT is 1/80 at reference). Mechanism from Anderson, Wallace & Wu 1996 (JCEM 81:902; PMID
    /// 8772548): on enanthate 200 mg weekly the men who stayed oligozoospermic rather than
    /// azoospermic had the same serum T but larger rises of DHT and its metabolites, while
    /// LH and FSH were suppressed below detection in both groups (Wallace, Gow & Wu 1993, JCEM
    /// 77:290). Its spread between men is fitted to T4 (`hpg::population::SPREADS`).
    tubular_serum_androgen_gain: [0.01, 1000.0] = 1.0;
    /// SHBG \[nmol/L\]. \[R\] healthy young men ~30–40 nmol/L.
    shbg_nmol_l: [0.1, 500.0] = 35.0;
    /// Albumin \[g/L\]. \[R\] normal 43 g/L (Vermeulen 1999 default).
    albumin_g_l: [1.0, 100.0] = 43.0;
    /// How T clearance follows the fraction of T not bound to SHBG \[-\]: clearance =
    /// `testosterone_clearance_l_h` × (non-SHBG fraction / that of the healthy man)^exponent,
    /// both fractions taken at the reference T, the first at the man's own SHBG and albumin. A
    /// per-man constant: a linearization that does not follow SHBG saturation at high T (on
    /// TRT the real non-SHBG fraction, and so clearance, rise further). 1 is the
    /// free-hormone view (only T off SHBG is extracted); 0 switches the dependence off. \[R\]
    /// Laurent 2016 Sci Rep 6:35539 (human SHBG in mice raises total T through feedback and a
    /// longer T half-life, free T unchanged); Vermeulen 1969 (MCR of T falls as SHBG binding
    /// rises).
    clearance_shbg_exponent: [0.0, 3.0] = 1.0;
    /// Serum E2 at reference T and aromatase \[pg/mL\]. \[R\] Verdonk 2019 LC-MS/MS (B5).
    estradiol_reference_pg_ml: [0.1, 1000.0] = 25.0;
    /// Aromatase activity relative to a lean young man \[-\]. Presets raise it (adiposity).
    aromatase_activity: [0.0, 10.0] = 1.0;
    /// Share of E2 from peripheral aromatization (rest testicular) \[-\]. \[R\] ~80 % peripheral.
    estradiol_peripheral_share: [0.0, 1.0] = 0.8;
    /// Serum E2 half-life \[h\]. \[C\] ~1 h.
    estradiol_half_life_h: [0.05, 24.0] = 1.0;
    /// E2 concentration giving half estrogen-receptor occupancy \[pg/mL\]. \[F\] places healthy
    /// occupancy at 1/3, leaving room for both rises and falls.
    estradiol_er_kd_pg_ml: [0.1, 1000.0] = 50.0;
    // ---------------------------------------------------------------- Sertoli cells, sperm
    /// ITT giving half-maximal support of spermatogenesis, relative to reference ITT \[-\]. \[F\]
    /// T2–T4 (−94 % ITT → azoospermia) and T3 (−7 % ITT keeps it).
    sertoli_itt_half: [1e-4, 10.0] = 0.2;
    /// Hill exponent of ITT support of spermatogenesis \[-\]. \[F\] T4.
    sertoli_itt_hill: [0.5, 10.0] = 4.0;
    /// Share of spermatogenic drive that does not need FSH \[-\]. \[F\] T6 (TRT + hCG keeps sperm
    /// with FSH suppressed); isolated FSH deficiency causes oligo-, not azoospermia.
    sertoli_fsh_independent_share: [0.0, 1.0] = 0.6;
    /// FSH giving half the FSH-dependent drive \[IU/L\]. \[F\] equal to reference FSH.
    sertoli_fsh_half_iu_l: [0.01, 200.0] = 5.0;
    /// Highest spermatogenic drive relative to the man's own reference \[-\]. The drive is the
    /// ITT and FSH support relative to his reference support, so a man whose spermatogenesis
    /// needs much more ITT than the typical man's (the population spread of
    /// `sertoli_itt_half`) would be driven without bound when hCG lifts ITT above its
    /// reference; real testes do not make many times their normal output. \[C\] hCG or FSH on
    /// top of a normal axis raises ITT 2–3× without raising sperm output in proportion; 1.25.
    sertoli_drive_max: [1.0, 100.0] = 1.25;
    /// Sertoli cell function relative to healthy \[-\]. Presets lower it (primary hypogonadism).
    sertoli_capacity: [0.0, 5.0] = 1.0;
    /// Germ-cell capacity (how many germ cells the testis can carry) relative to healthy \[-\].
    germ_capacity: [0.0, 5.0] = 1.0;
    /// Duration of spermatogenesis, spermatogonium to spermatozoon \[d\]. \[R\] 64–74 d.
    spermatogenesis_days: [10.0, 200.0] = 70.0;
    /// Epididymal transit \[d\]. \[R\] ~10 d.
    epididymal_transit_days: [1.0, 60.0] = 10.0;
    /// Depletion rate of the spermatogonial reserve under full loss of spermatogenic drive
    /// \[1/d\] (t½ ≈ 1.9 years). \[R\] Zhengwei 1998 (JCEM 83:1284): after 19–24 weeks of
    /// enanthate 200 mg weekly, type A spermatogonia per Sertoli cell were unchanged while B
    /// spermatogonia fell to 10 % and later cells to 11–18 %: months of adult suppression do not
    /// deplete the reserve (the block is A → B maturation, which the chain input carries). Only
    /// years without drive (congenital or long-standing deficiency) empty it. Was 0.03 (t½ 23 d,
    /// fitted to T5), which made recovery after TRT twice too slow (D6) once the gonadotropins
    /// came back at their published pace.
    reserve_depletion_per_d: [0.0, 10.0] = 0.001;
    /// Self-renewal rate of the spermatogonial reserve at full drive \[1/d\] (logistic
    /// growth). \[F\] T5 under the first model, when months of TRT depleted the reserve; since
    /// they do not (see `reserve_depletion_per_d`) it sets recovery only after years without
    /// drive (e.g. congenital GnRH deficiency on a pump, P4).
    reserve_regrowth_per_d: [1e-4, 10.0] = 0.05;
    /// Seeding of the reserve that never disappears, as a fraction of healthy \[-\]. \[C\]
    /// azoospermia after hormonal suppression is reversible in (nearly) all men.
    reserve_seed: [0.0, 1.0] = 0.01;
    /// Spermatogenic drive (relative to reference) below which the reserve depletes (half
    /// rate, Hill 4) \[-\]. \[C\] only the absence of drive (years of gonadotropin deficiency, not
    /// mild hypogonadism) depletes it, and slowly (`reserve_depletion_per_d`); \[F\] B11's 5th
    /// centile and T4 under the first model.
    reserve_suppression_half: [0.01, 1.0] = 0.12;
    /// Rate at which spermatogenic drive and FSH mature Sertoli cells that never matured
    /// \[1/d\] (logistic: the doubling time of the mature share is `ln 2 / rate`).
    /// \[C\] in congenital GnRH deficiency (prepubertal testes) sperm appear after 6–24 months
    /// of GnRH or gonadotropins, months later than in acquired deficiency; \[F\] P4.
    sertoli_maturation_per_d: [1e-5, 10.0] = 0.0107;
    /// Spermatogenic drive (relative to reference) giving half the maturation rate \[-\]
    /// (Hill 4). \[C\] maturation needs FSH and intratesticular T near adult levels.
    sertoli_maturation_half: [0.01, 10.0] = 0.3;
    /// FSH giving half the maturation rate (Hill 2) \[IU/L\]: the immature testis matures only
    /// with FSH near adult levels, whatever its intratesticular T. \[F\] Mao 2017 (Asian J
    /// Androl 19:680, congenital deficiency, row P6): first sperm after a median 6 months on a
    /// GnRH pump (serum FSH ~7 IU/L in the model) against 18 months on hCG + hMG 75 IU three
    /// times weekly (FSH ~1.7 IU/L).
    sertoli_maturation_fsh_half_iu_l: [0.01, 200.0] = 2.1;
    /// Rate at which the Sertoli maturity and number return toward their floors without drive
    /// or FSH \[1/d\] (only in a man whose floors are below 1). \[C\] adult Sertoli cells do
    /// not dedifferentiate on months of TRT (recovery is complete, T5, D6): 20 years.
    sertoli_regression_per_d: [0.0, 1.0] = 0.000137;
    /// Mature Sertoli share of a testis that never had gonadotropins \[-\]: 1 in every preset
    /// but `gnrh_deficient`, whose men have it as their drive- and FSH-free steady state.
    /// \[F\] P4.
    sertoli_immature_floor: [0.0, 1.0] = 1.0;
    /// Rate at which FSH multiplies Sertoli cells that have not yet matured \[1/d\] (logistic
    /// in the Sertoli number, gated by the immature share `1 − M`: proliferation stops as the
    /// cells mature). \[R\] the Sertoli number is set by FSH before and at puberty and fixes
    /// adult sperm output (Sharpe 2003); in congenital GnRH deficiency FSH alone before hCG
    /// or GnRH raises inhibin B and testis volume (Dwyer 2013, JCEM 98:E1790: 29 → 107 pg/mL
    /// and 1.1 → 2.2 mL in four months; Kohva 2018); \[F\] that rise, as far as the adult
    /// number allows without germ cells (model: 27 → 66 pg/mL, 3.8 → 8.9 mL).
    sertoli_proliferation_per_d: [0.0, 10.0] = 0.052;
    /// FSH giving half the maximal Sertoli proliferation (Hill 6) \[IU/L\]. \[C\] immature
    /// Sertoli cells need FSH near adult levels to divide: the deficient man's GnRH-independent
    /// FSH (~0.7 IU/L) must leave his testis prepubertal for life (with Hill 4 it crept toward
    /// the adult number over decades).
    sertoli_proliferation_fsh_half_iu_l: [0.01, 200.0] = 4.0;
    /// Sertoli cell number of a testis that never had FSH, relative to the adult number
    /// \[-\]: 1 in every preset but `gnrh_deficient` (men who went through puberty have their
    /// adult number and keep it). \[F\] untreated inhibin B of complete congenital deficiency
    /// (Dwyer 2013: 29 ± 9 pg/mL; Kohva 2018: 15 ± 5; model 27) with P6.
    sertoli_number_floor: [0.001, 1.0] = 1.0;
    /// Germ-cell loss rate when spermatogenic drive fails \[1/d\]. \[F\] T4: sperm output falls
    /// "roughly exponentially over weeks" (WHO 2005), not only after one full cycle.
    germ_cell_loss_per_d: [0.0, 10.0] = 0.03;
    /// Sperm concentration at reference drive \[million/mL\]. \[R\] Cooper 2010 median ~70 (B11).
    sperm_reference_m_ml: [0.0, 1000.0] = 70.0;
    /// Inhibin B at reference Sertoli function and germ content \[pg/mL\]. \[R\] Grunewald 2013
    /// median ~130–170 (B6).
    inhibin_b_reference_pg_ml: [0.0, 2000.0] = 170.0;
    /// Share of inhibin B that needs germ cells \[-\]. \[C\] inhibin B is made by Sertoli cells
    /// with pachytene spermatocytes/spermatids; it falls but persists under TRT.
    inhibin_b_germ_share: [0.0, 1.0] = 0.6;
    /// Testis volume at reference \[mL\]. \[R\] ESA 2019: 23.2 mL non-users (B10).
    testis_volume_reference_ml: [1.0, 60.0] = 22.0;
    /// Share of testis volume that is germinal epithelium \[-\]. \[F\] T7: 14.3 vs 23.2 mL (−38 %)
    /// in current androgen users.
    testis_volume_germ_share: [0.0, 1.0] = 0.35;
    /// Share of testis volume that is Leydig/interstitium \[-\]. \[C\] ~5–10 %.
    testis_volume_leydig_share: [0.0, 1.0] = 0.05;
}

impl Params {
    /// Every parameter name: the physiological ones ([`Params::NAMES`]), then the drug
    /// constants (`hcg.clearance_l_per_d`, …, [`crate::drugs::DrugParameter::all`]).
    pub fn names() -> impl Iterator<Item = &'static str> {
        Params::NAMES
            .iter()
            .copied()
            .chain(crate::drugs::DrugParameter::all().iter().map(|p| p.name))
    }

    /// Sets parameter `name` to `value`, validating both.
    ///
    /// ```
    /// let mut p = hpg::Params::healthy();
    /// p.set("shbg_nmol_l", 50.0).unwrap();
    /// assert!(p.set("shbg_nmol_l", f64::NAN).is_err());
    /// assert!(p.set("no_such_parameter", 1.0).is_err());
    /// ```
    pub fn set(&mut self, name: &str, value: f64) -> Result<()> {
        let (min, max) = Params::range(name).ok_or_else(|| HpgError::UnknownParameter {
            name: name.to_string(),
        })?;
        check(name, value, min, max)?;
        *self
            .slot(name)
            .expect("range and slot cover the same names") = value;
        Ok(())
    }

    /// Checks every parameter against its range and the cross-parameter constraints.
    pub fn validate(&self) -> Result<()> {
        for name in Params::names() {
            let (min, max) = Params::range(name).expect("every name has a range");
            check(
                name,
                self.get(name).expect("every name has a value"),
                min,
                max,
            )?;
        }
        let shares = self.testis_volume_germ_share + self.testis_volume_leydig_share;
        if shares > 1.0 {
            return Err(HpgError::InvalidParameter {
                name: "testis_volume_germ_share".into(),
                value: self.testis_volume_germ_share,
                reason: format!("germ and Leydig shares of testis volume add up to {shares} > 1"),
            });
        }
        Ok(())
    }
}

fn check(name: &str, value: f64, min: f64, max: f64) -> Result<()> {
    if !value.is_finite() || value < min || value > max {
        return Err(HpgError::InvalidParameter {
            name: name.to_string(),
            value,
            reason: format!("must be a finite number in [{min}, {max}]"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn healthy_parameters_are_valid_and_named() {
        let p = Params::healthy();
        p.validate().unwrap();
        for name in Params::names() {
            assert!(p.get(name).is_some(), "{name}");
        }
        assert!(Params::names().count() > Params::NAMES.len());
    }

    #[test]
    fn out_of_range_values_are_refused() {
        let mut p = Params::healthy();
        assert!(p.set("lh_half_life_h", -1.0).is_err());
        assert!(p.set("lh_half_life_h", f64::INFINITY).is_err());
        assert!(matches!(
            p.set("lh_halflife", 1.0),
            Err(HpgError::UnknownParameter { .. })
        ));
        p.testis_volume_germ_share = 0.99;
        assert!(p.validate().is_err());
    }
}
