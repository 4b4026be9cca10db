//! Mechanisms the drug library must reproduce from its structure, not from per-row tuning:
//! each test compares two arms that differ in one thing and asserts the direction
//! and size that the mechanism implies.

use hpg::prelude::*;
use hpg::study::daily_mean;

fn sim(patient: Patient, mode: Mode) -> Simulation {
    Simulation::new(patient, SimOptions::mode(mode)).unwrap()
}

/// Runs `regimens` from time 0 for `days` and returns the mean of the last day.
fn last_day_mean(patient: Patient, mode: Mode, regimens: &[Regimen], days: f64) -> Observation {
    let mut s = sim(patient, mode);
    for r in regimens {
        s.add_regimen(*r).unwrap();
    }
    s.advance_to(Duration::days(days - 1.0)).unwrap();
    daily_mean(&mut s).unwrap()
}

fn baseline(patient: Patient, mode: Mode) -> Observation {
    let mut s = sim(patient, mode);
    daily_mean(&mut s).unwrap()
}

/// Gonadorelin in a man without GnRH: a continuous infusion first releases LH (flare), then
/// desensitizes the receptor so LH falls far below the flare; the same daily amount as pulses
/// builds LH up instead.
#[test]
fn continuous_gonadorelin_flares_then_suppresses_while_pulses_stimulate() {
    let daily_ug = 40.0;
    let continuous: Regimen = Regimen::infusion(
        Drug::Gonadorelin,
        InfusionRate::ug_per_hour(daily_ug / 24.0).unwrap(),
    )
    .route(Route::Iv)
    .into();
    let pulses: Regimen = Regimen::repeated(
        Drug::Gonadorelin,
        Dose::ug(daily_ug / 16.0).unwrap(),
        Duration::minutes(90.0),
    )
    .route(Route::Iv)
    .into();
    let patient = Patient::new(Preset::GnrhDeficient);
    let before = baseline(patient.clone(), Mode::Pulsatile);

    let mut s = sim(patient.clone(), Mode::Pulsatile);
    s.add_regimen(continuous).unwrap();
    let mut flare = 0.0f64;
    s.run_streaming(Duration::days(1.0), Duration::minutes(10.0), |o| {
        flare = flare.max(o.lh_iu_l);
        Ok(())
    })
    .unwrap();
    s.advance_to(Duration::days(13.0)).unwrap();
    let continuous_day14 = daily_mean(&mut s).unwrap().lh_iu_l;
    let pulsed_day14 = last_day_mean(patient, Mode::Pulsatile, &[pulses], 14.0).lh_iu_l;
    eprintln!(
        "baseline {:.3}, flare {flare:.3}, continuous day 14 {continuous_day14:.3}, pulses day 14 {pulsed_day14:.3}",
        before.lh_iu_l
    );
    assert!(
        flare > 5.0 * before.lh_iu_l,
        "no flare: {flare} vs {}",
        before.lh_iu_l
    );
    assert!(
        continuous_day14 < 0.5 * flare,
        "no suppression after the flare"
    );
    assert!(pulsed_day14 > 3.0 * continuous_day14);
    assert!(pulsed_day14 > 0.5 * flare, "pulses lose their effect");
}

/// TRT with gonadorelin: a pump (a pulse every 90 min) keeps more LH and ITT than the same
/// weekly amount injected twice a week, because a bolus lasts minutes (the seed article's Q table).
/// TRT here is the fully suppressive T2 regimen (enanthate 200 mg weekly), so the pituitary
/// sees almost only the exogenous pattern. On top of an endogenous generator that TRT leaves
/// running, extra pump pulses would raise the total pulse rate and desensitize the receptor
/// instead.
#[test]
fn trt_with_a_gonadorelin_pump_keeps_more_lh_and_itt_than_twice_weekly_injections() {
    let trt: Regimen = Regimen::repeated(
        Drug::TestosteroneEnanthate,
        Dose::mg(200.0).unwrap(),
        Duration::weeks(1.0),
    )
    .into();
    let pulse_ug = 5.0;
    let pump: Regimen = Regimen::repeated(
        Drug::Gonadorelin,
        Dose::ug(pulse_ug).unwrap(),
        Duration::minutes(90.0),
    )
    .route(Route::Sc)
    .into();
    let weekly_ug = pulse_ug * 16.0 * 7.0;
    let injections: Regimen = Regimen::repeated(
        Drug::Gonadorelin,
        Dose::ug(weekly_ug / 2.0).unwrap(),
        Duration::hours(84.0),
    )
    .route(Route::Sc)
    .into();
    let patient = Patient::new(Preset::Healthy);
    let before = baseline(patient.clone(), Mode::Pulsatile);
    let with_pump = last_day_mean(patient.clone(), Mode::Pulsatile, &[trt, pump], 56.0);
    let with_injections = last_day_mean(patient.clone(), Mode::Pulsatile, &[trt, injections], 56.0);
    let alone = last_day_mean(patient, Mode::Pulsatile, &[trt], 56.0);
    eprintln!(
        "LH: base {:.2} pump {:.2} injections {:.2} TRT alone {:.2}; ITT: base {:.0} pump {:.0} injections {:.0} alone {:.0}",
        before.lh_iu_l,
        with_pump.lh_iu_l,
        with_injections.lh_iu_l,
        alone.lh_iu_l,
        before.itt_ng_ml,
        with_pump.itt_ng_ml,
        with_injections.itt_ng_ml,
        alone.itt_ng_ml
    );
    assert!(with_pump.lh_iu_l > 2.0 * with_injections.lh_iu_l);
    assert!(with_pump.itt_ng_ml > 2.0 * with_injections.itt_ng_ml);
    // Injections twice a week barely differ from TRT alone.
    assert!(with_injections.itt_ng_ml < 2.0 * alone.itt_ng_ml);
}

/// Clomiphene raises LH and FSH by blocking estrogen feedback on an intact axis; a man
/// without GnRH has no feedback loop to release, so nothing rises.
#[test]
fn serms_raise_gonadotropins_only_while_feedback_is_intact() {
    let clomiphene: Regimen = Regimen::repeated(
        Drug::ClomipheneCitrate,
        Dose::mg(25.0).unwrap(),
        Duration::days(1.0),
    )
    .into();
    for mode in [Mode::MeanField, Mode::Pulsatile] {
        let ratio = |preset| {
            let before = baseline(Patient::new(preset), mode);
            let after = last_day_mean(Patient::new(preset), mode, &[clomiphene], 42.0);
            (
                after.lh_iu_l / before.lh_iu_l,
                after.fsh_iu_l / before.fsh_iu_l,
                after.lh_iu_l,
            )
        };
        let (lh_intact, fsh_intact, _) = ratio(Preset::SecondaryHypogonadism);
        let (lh_deficient, fsh_deficient, lh_deficient_abs) = ratio(Preset::GnrhDeficient);
        eprintln!(
            "{mode:?}: intact LH ×{lh_intact:.2} FSH ×{fsh_intact:.2}; GnRH-deficient LH ×{lh_deficient:.2} FSH ×{fsh_deficient:.2} (LH {lh_deficient_abs:.2})"
        );
        assert!(lh_intact > 1.3 && fsh_intact > 1.1);
        assert!(lh_deficient < 1.1 && fsh_deficient < 1.1);
        assert!(lh_deficient_abs < 1.0);
    }
}

/// Anastrozole raises LH through less estradiol feedback: the same drug in a man whose
/// hypothalamus and pituitary ignore the ER signal lowers E2 as much but leaves LH alone.
/// Tamoxifen acts at hypothalamus and pituitary mostly through its active metabolite
/// (endoxifen, a near-pure antagonist 30–100× as potent as the parent): 20 mg daily raises LH
/// about as much as clomiphene 25 mg daily (within 25 %), and its metabolite builds up over
/// weeks rather than days.
#[test]
fn tamoxifen_raises_lh_like_clomiphene_through_its_metabolite() {
    let patient = Patient::new(Preset::SecondaryHypogonadism);
    let mode = Mode::MeanField;
    let before = baseline(patient.clone(), mode);
    let daily = |drug, mg| -> Regimen {
        Regimen::repeated(drug, Dose::mg(mg).unwrap(), Duration::days(1.0)).into()
    };
    let tam = last_day_mean(patient.clone(), mode, &[daily(Drug::Tamoxifen, 20.0)], 84.0);
    let clo = last_day_mean(
        patient.clone(),
        mode,
        &[daily(Drug::ClomipheneCitrate, 25.0)],
        84.0,
    );
    let (lh_tam, lh_clo) = (tam.lh_iu_l / before.lh_iu_l, clo.lh_iu_l / before.lh_iu_l);
    eprintln!("LH x{lh_tam:.2} on tamoxifen, x{lh_clo:.2} on clomiphene");
    assert!(lh_tam > 1.3 && lh_clo > 1.3, "{lh_tam} {lh_clo}");
    assert!((lh_tam / lh_clo - 1.0).abs() < 0.25, "{lh_tam} vs {lh_clo}");
    // The metabolite accumulates over weeks: at day 7 it is under half its day-84 level.
    let mut s = sim(patient, mode);
    s.add_regimen(daily(Drug::Tamoxifen, 20.0)).unwrap();
    s.advance_to(Duration::days(7.0)).unwrap();
    let week1 = s.exposure().concentration("endoxifen").unwrap();
    s.advance_to(Duration::days(84.0)).unwrap();
    let week12 = s.exposure().concentration("endoxifen").unwrap();
    assert!(week1 < 0.5 * week12, "{week1} vs {week12}");
}

#[test]
fn anastrozole_raises_lh_through_less_estradiol_feedback() {
    let anastrozole: Regimen = Regimen::repeated(
        Drug::Anastrozole,
        Dose::mg(1.0).unwrap(),
        Duration::days(1.0),
    )
    .into();
    let intact = Patient::new(Preset::Older);
    // ER feedback made negligible: half-effect ER signals far above any reachable value.
    let blind = Patient::new(Preset::Older)
        .with("freq_er_half", 10.0)
        .with("kisspeptin_er_weight", 0.0)
        .with("lh_er_half", 10.0)
        .with("fsh_er_half", 10.0);
    for mode in [Mode::MeanField, Mode::Pulsatile] {
        let change = |p: &Patient| {
            let before = baseline(p.clone(), mode);
            let after = last_day_mean(p.clone(), mode, &[anastrozole], 42.0);
            (
                after.lh_iu_l / before.lh_iu_l,
                after.estradiol_pg_ml / before.estradiol_pg_ml,
            )
        };
        let (lh_intact, e2_intact) = change(&intact);
        let (lh_blind, e2_blind) = change(&blind);
        eprintln!(
            "{mode:?}: intact LH ×{lh_intact:.3} E2 ×{e2_intact:.3}; ER-blind LH ×{lh_blind:.3} E2 ×{e2_blind:.3}"
        );
        assert!(lh_intact > 1.2, "LH must rise with intact feedback");
        assert!(e2_intact < 0.85 && e2_blind < 0.85, "E2 must fall in both");
        assert!((lh_blind - 1.0).abs() < 0.05, "no ER feedback, no LH rise");
    }
}

/// hCG acts on the Leydig LH receptor, not the pituitary: ITT and serum T rise while LH falls
/// (the extra T feeds back).
#[test]
fn hcg_raises_itt_without_raising_lh() {
    let hcg: Regimen =
        Regimen::repeated(Drug::Hcg, Dose::iu(500.0).unwrap(), Duration::days(2.0)).into();
    for mode in [Mode::MeanField, Mode::Pulsatile] {
        let before = baseline(Patient::new(Preset::Healthy), mode);
        let after = last_day_mean(Patient::new(Preset::Healthy), mode, &[hcg], 28.0);
        eprintln!(
            "{mode:?}: ITT {:.0} → {:.0}, T {:.0} → {:.0}, LH {:.2} → {:.2}",
            before.itt_ng_ml,
            after.itt_ng_ml,
            before.testosterone_ng_dl,
            after.testosterone_ng_dl,
            before.lh_iu_l,
            after.lh_iu_l
        );
        assert!(after.itt_ng_ml > 1.2 * before.itt_ng_ml);
        assert!(after.testosterone_ng_dl > before.testosterone_ng_dl);
        assert!(after.lh_iu_l < before.lh_iu_l);
    }
}

/// Dose–response of LH to weekly testosterone enanthate (Matsumoto 1990, JCEM 70:282): 50 mg
/// weekly halves LH (ED50) and 100 mg weekly suppresses it as much as 300 mg. Not a scorecard
/// row, and not fitted: the integral kisspeptin drive passes it (LH 0.63×, 0.05×, 0.01× at 50,
/// 100, 300 mg), which the proportional feedback before it could not.
#[test]
fn weekly_enanthate_suppresses_lh_with_an_ed50_near_50_mg() {
    let patient = Patient::new(Preset::Healthy);
    let before = baseline(patient.clone(), Mode::MeanField).lh_iu_l;
    // Trough-to-trough mean over the 8th week.
    let weekly_mean_lh = |mg: f64| {
        let te: Regimen = Regimen::repeated(
            Drug::TestosteroneEnanthate,
            Dose::mg(mg).unwrap(),
            Duration::weeks(1.0),
        )
        .into();
        let mut s = sim(patient.clone(), Mode::MeanField);
        s.add_regimen(te).unwrap();
        s.advance_to(Duration::weeks(7.0)).unwrap();
        hpg::study::mean_over(&mut s, Duration::weeks(1.0), Duration::hours(2.0))
            .unwrap()
            .lh_iu_l
            / before
    };
    let (lh50, lh100, lh300) = (
        weekly_mean_lh(50.0),
        weekly_mean_lh(100.0),
        weekly_mean_lh(300.0),
    );
    eprintln!("LH fraction of baseline: 50 mg {lh50:.2}, 100 mg {lh100:.2}, 300 mg {lh300:.2}");
    assert!((0.3..=0.7).contains(&lh50));
    assert!(lh100 < 0.25 && lh100 < lh300 + 0.1);
}

/// The spermatogonial reserve: months of adult suppression leave it in place (Zhengwei 1998:
/// type A spermatogonia per Sertoli cell unchanged after 19–24 weeks of enanthate), so sperm
/// comes back about as fast after 12 months of TRT as after 3. A reserve that did deplete within
/// weeks (30× the sourced rate, as the first model had it) would make the longer course clearly
/// slower, and slower still in a man whose reserve regrows slowly.
#[test]
fn months_of_suppression_leave_the_reserve_and_the_recovery_time() {
    let months_back = |patient: &Patient, months_on: f64| {
        let r = hpg::study::scenarios::recovery_after_trt(patient, months_on, 730, Mode::MeanField)
            .unwrap();
        assert!(r.sperm_nadir < 1.0, "{months_on} months suppress");
        r.sperm_days.expect("sperm comes back within two years") / hpg::units::DAYS_PER_MONTH
    };
    let healthy = Patient::new(Preset::Healthy);
    let (three, twelve) = (months_back(&healthy, 3.0), months_back(&healthy, 12.0));
    assert!(
        twelve >= three - 0.05 && twelve - three < 0.5,
        "3 months on: {three:.2}, 12 months on: {twelve:.2}"
    );
    let depleting = healthy.with("reserve_depletion_per_d", 0.03);
    let (a, b) = (months_back(&depleting, 3.0), months_back(&depleting, 12.0));
    assert!(b > a + 0.5, "fast depletion: {a:.2} vs {b:.2}");
    let slow = depleting.with("reserve_regrowth_per_d", 0.01);
    assert!(months_back(&slow, 12.0) > b + 3.0);
}

/// The drive's recovery saturates in the steroid deficit (docs/MODEL.md 9.8): a small deficit
/// (anastrozole) is answered within days, while the deep one that follows a large androgen dose
/// does not drive the tone back faster than about 0.1 /d. With the proportional law at the same
/// small-signal gain, LH rebounds above baseline six weeks after 500 mg enanthate (men's is
/// still suppressed: D1); with the proportional law at the old gain, anastrozole raises LH a
/// little less (in `mean_field` ×1.60 against ×1.65; the faster gain matters more for X1's
/// pulses in `pulsatile`).
#[test]
fn the_drive_answers_a_small_deficit_fast_and_a_deep_one_slowly() {
    let lh_ratio = |patient: Patient, regimen: Regimen, day: f64| {
        let before = baseline(patient.clone(), Mode::MeanField).lh_iu_l;
        last_day_mean(patient, Mode::MeanField, &[regimen], day).lh_iu_l / before
    };
    let enanthate = Regimen::single(Drug::TestosteroneEnanthate, Dose::mg(500.0).unwrap());
    let anastrozole: Regimen = Regimen::repeated(
        Drug::Anastrozole,
        Dose::mg(1.0).unwrap(),
        Duration::days(1.0),
    )
    .into();
    let healthy = || Patient::new(Preset::Healthy);
    let proportional = || healthy().with("kisspeptin_recovery_saturation", 1000.0);
    let old_law = || proportional().with("kisspeptin_recovery_gain_per_d", 0.0605);
    let after_te = lh_ratio(healthy(), enanthate, 43.0);
    let after_te_proportional = lh_ratio(proportional(), enanthate, 43.0);
    let on_ai = lh_ratio(healthy(), anastrozole, 11.0);
    let on_ai_old_law = lh_ratio(old_law(), anastrozole, 11.0);
    eprintln!(
        "LH 42 d after 500 mg TE: ×{after_te:.2} (proportional ×{after_te_proportional:.2}); \
         day 10 of anastrozole: ×{on_ai:.2} (old law ×{on_ai_old_law:.2})"
    );
    assert!(after_te < 0.8, "D1: LH still suppressed, ×{after_te:.2}");
    assert!(after_te_proportional > 1.0, "×{after_te_proportional:.2}");
    assert!(
        on_ai > 1.5 && on_ai > on_ai_old_law,
        "×{on_ai:.2} vs ×{on_ai_old_law:.2}"
    );
}

/// The kisspeptin drive integrates the sex-steroid signal against a set point: a steady
/// exogenous T supply keeps LH down for as long as it lasts, and LH comes back more slowly
/// than it went (the integral's gain is larger above the set point than below it). Without
/// the integral action (gain 0) the same supply leaves far more LH.
#[test]
fn exogenous_testosterone_shuts_the_generator_through_integral_feedback() {
    let te: Regimen = Regimen::repeated(
        Drug::TestosteroneEnanthate,
        Dose::mg(200.0).unwrap(),
        Duration::weeks(1.0),
    )
    .until(Duration::weeks(12.0))
    .into();
    let lh_path = |patient: Patient| {
        let before = baseline(patient.clone(), Mode::MeanField).lh_iu_l;
        let mut s = sim(patient, Mode::MeanField);
        s.add_regimen(te).unwrap();
        let mut days_down = None;
        let mut days_back = None;
        for day in 1..=240 {
            s.advance_to(Duration::days(f64::from(day))).unwrap();
            let lh = s.observe().unwrap().lh_iu_l / before;
            if days_down.is_none() && lh < 0.1 {
                days_down = Some(day);
            }
            if day > 84 && days_back.is_none() && lh > 0.9 {
                days_back = Some(day - 84);
            }
        }
        (days_down, days_back)
    };
    let (down, back) = lh_path(Patient::new(Preset::Healthy));
    let (down, back) = (
        down.expect("LH falls below 10 %"),
        back.expect("LH comes back"),
    );
    eprintln!("LH below 10 % after {down} d; back above 90 % {back} d after the last dose");
    // The depot keeps T high for about two weeks after the last dose; LH comes back after it.
    assert!(back > down + 7, "down {down} d, back {back} d");
    let proportional = Patient::new(Preset::Healthy)
        .with("kisspeptin_gain_per_d", 0.0)
        .with("kisspeptin_recovery_gain_per_d", 0.0);
    let before = baseline(proportional.clone(), Mode::MeanField).lh_iu_l;
    let with_integral = last_day_mean(Patient::new(Preset::Healthy), Mode::MeanField, &[te], 70.0);
    let without = last_day_mean(proportional, Mode::MeanField, &[te], 70.0);
    let base = baseline(Patient::new(Preset::Healthy), Mode::MeanField).lh_iu_l;
    assert!(
        without.lh_iu_l / before > 2.0 * with_integral.lh_iu_l / base,
        "week 10 LH: {:.3}x with the integral, {:.3}x without",
        with_integral.lh_iu_l / base,
        without.lh_iu_l / before
    );
}

/// The gonadotroph's LH store is filled by GnRH-driven synthesis and turns over in days: in a
/// GnRH-deficient man the same bolus releases more LH after a week of pulses than at the start
/// (priming); and a bolus empties most of the readily releasable pool, so a second bolus half
/// an hour later releases less than the first. Each response is read against the same man
/// without that bolus.
#[test]
fn the_lh_store_primes_over_days_and_the_releasable_pool_empties_in_minutes() {
    let patient = Patient::new(Preset::GnrhDeficient);
    let t = 2.0;
    let first = bolus_response(&patient, None, t);
    let earlier: Regimen = Regimen::single(Drug::Gonadorelin, Dose::ug(25.0).unwrap())
        .route(Route::Iv)
        .starting(Duration::hours(t - 0.5));
    let second = bolus_response(&patient, Some(earlier), t);
    let primed = bolus_response(&patient, Some(week_of_pulses()), 7.0 * 24.0 + 2.0);
    eprintln!(
        "bolus response {first:.2}, 30 min after another {second:.2}, after a week of pulses {primed:.2} IU/L"
    );
    assert!(first > 0.5, "a bolus releases LH: {first}");
    assert!(second < 0.8 * first, "first {first:.2}, second {second:.2}");
    assert!(primed > 1.3 * first, "first {first:.2}, primed {primed:.2}");
}

/// A week of 5 µg IV gonadorelin pulses every 90 minutes (a pump's physiological dose).
fn week_of_pulses() -> Regimen {
    Regimen::repeated(
        Drug::Gonadorelin,
        Dose::ug(5.0).unwrap(),
        Duration::minutes(90.0),
    )
    .route(Route::Iv)
    .until(Duration::days(7.0))
    .into()
}

/// T after one 6000 IU IM hCG dose over the next 6 days, hourly, relative to the hour before.
fn t_after_hcg_test(patient: Patient, mode: Mode) -> Vec<f64> {
    let mut s = sim(patient, mode);
    s.advance_to(Duration::days(1.0)).unwrap();
    let before = s.observe().unwrap().testosterone_ng_dl;
    s.give(Drug::Hcg, Route::Im, Dose::iu(6000.0).unwrap())
        .unwrap();
    (1..=144)
        .map(|h| {
            s.advance_to(Duration::hours(24.0 + h as f64)).unwrap();
            s.observe().unwrap().testosterone_ng_dl / before
        })
        .collect()
}

/// The hCG test (Padron 1980: 6000 IU IM gives T ×1.6 within 4 h, a plateau through 24 h and a
/// delayed peak of ×2.4 at 72–96 h): the delayed peak is enzyme induction by sustained receptor
/// stimulation. With induction switched off, the same dose gives only the acute rise, which
/// desensitization and falling LH then wear down.
#[test]
fn a_large_hcg_dose_gives_a_delayed_t_peak_through_enzyme_induction() {
    for mode in [Mode::MeanField, Mode::Pulsatile] {
        let with = t_after_hcg_test(Patient::new(Preset::Healthy), mode);
        let without = t_after_hcg_test(
            Patient::new(Preset::Healthy).with("leydig_induction_gain", 0.0),
            mode,
        );
        let late_peak = |t: &[f64]| t[47..96].iter().cloned().fold(0.0, f64::max);
        eprintln!(
            "{mode:?}: with induction T ×{:.2} at 4 h, ×{:.2} at 48–96 h; without ×{:.2}, ×{:.2}",
            with[3],
            late_peak(&with),
            without[3],
            late_peak(&without)
        );
        assert!((1.2..=2.0).contains(&with[3]), "acute rise ×{:.2}", with[3]);
        assert!(late_peak(&with) > 1.2 * with[3]);
        assert!(late_peak(&without) < without[3] * 1.1);
        assert!(late_peak(&with) > 1.3 * late_peak(&without));
    }
}

/// T over the first `days` of a leuprolide 7.5 mg depot in an older man (hourly), and LH's
/// mean on day 28, with parameters changed by `changes`.
fn leuprolide_course(changes: &[(&str, f64)], days: f64) -> (Vec<f64>, f64, f64) {
    let mut patient = Patient::new(Preset::Older);
    for &(name, value) in changes {
        patient = patient.with(name, value);
    }
    let before = baseline(patient.clone(), Mode::MeanField);
    let mut s = sim(patient, Mode::MeanField);
    s.add_regimen(Regimen::single(Drug::Leuprolide, Dose::mg(7.5).unwrap()))
        .unwrap();
    let mut t = Vec::new();
    s.run_streaming(Duration::days(days), Duration::hours(1.0), |o| {
        t.push(o.testosterone_ng_dl / before.testosterone_ng_dl);
        Ok(())
    })
    .unwrap();
    s.advance_to(Duration::days(27.0)).unwrap();
    let day28 = daily_mean(&mut s).unwrap();
    (t, day28.lh_iu_l / before.lh_iu_l, day28.testosterone_ng_dl)
}

/// A GnRH agonist depot: secretion goes on under full receptor occupancy, so LH and T flare in
/// the first days; the repressor of synthesis that uninterrupted GnRH builds then starves the
/// store, and T is castrate by day 28. Without the repressor the flare never ends. The flare's
/// size comes from the reserve the agonist mobilizes (section 4.4a of docs/MODEL.md): without
/// it, only the readily releasable pool answers and T rises ×1.3 at most (the model before it).
#[test]
fn an_agonist_depot_flares_then_castrates_through_the_synthesis_repressor() {
    let (t, lh28, t28) = leuprolide_course(&[], 7.0);
    let flare = t.iter().cloned().fold(0.0, f64::max);
    eprintln!("flare T x{flare:.2}, day 28: LH x{lh28:.3}, T {t28:.1} ng/dL");
    assert!(flare > 1.4, "flare too small: T x{flare:.2}");
    assert!(t28 < 50.0, "not castrate by day 28: {t28:.1} ng/dL");
    assert!(lh28 < 0.2, "LH not suppressed at day 28: x{lh28:.3}");

    let (_, lh28_free, t28_free) = leuprolide_course(&[("synthesis_repression_half", 100.0)], 1.0);
    eprintln!("no repressor, day 28: LH x{lh28_free:.3}, T {t28_free:.1} ng/dL");
    assert!(t28_free > 4.0 * t28, "castration without the repressor");

    let (t_pool_only, _, _) = leuprolide_course(&[("lh_reserve_mobilization_per_h", 0.0)], 7.0);
    let flare_pool_only = t_pool_only.iter().cloned().fold(0.0, f64::max);
    eprintln!("no reserve mobilization: flare T x{flare_pool_only:.2}");
    assert!(
        flare_pool_only < 1.32 && flare > flare_pool_only + 0.15,
        "the reserve does not carry the flare: x{flare_pool_only:.2} without, x{flare:.2} with"
    );
}

/// Months from the start of a gonadorelin pump (5 ug SC every 90 min) to sperm >= 1 M/mL.
fn months_to_sperm_on_a_pump(patient: Patient) -> f64 {
    let mut s = sim(patient, Mode::MeanField);
    let pump: Regimen = Regimen::repeated(
        Drug::Gonadorelin,
        Dose::ug(5.0).unwrap(),
        Duration::minutes(90.0),
    )
    .route(Route::Sc)
    .into();
    s.add_regimen(pump).unwrap();
    let mut first = None;
    s.run_streaming(Duration::days(730.0), Duration::days(1.0), |o| {
        if first.is_none() && o.sperm_million_per_ml >= 1.0 {
            first = Some(o.time_days);
        }
        Ok(())
    })
    .unwrap();
    first.expect("sperm within two years") / 30.44
}

/// Congenital GnRH deficiency: Sertoli cells that never matured must be matured by the
/// gonadotropins first, so sperm come months later than in a man whose deficiency came after
/// puberty (the same man with adult Sertoli cells), on the same pump.
#[test]
fn a_congenitally_deficient_testis_makes_sperm_months_later_than_an_adult_one() {
    let congenital = months_to_sperm_on_a_pump(Patient::new(Preset::GnrhDeficient));
    let acquired = months_to_sperm_on_a_pump(
        Patient::new(Preset::GnrhDeficient)
            .with("sertoli_immature_floor", 1.0)
            .with("sertoli_number_floor", 1.0),
    );
    eprintln!("sperm >= 1 M/mL: congenital {congenital:.1} months, acquired {acquired:.1}");
    assert!(acquired < 3.5, "acquired deficiency: {acquired:.1} months");
    assert!(
        congenital > acquired + 2.0,
        "{congenital:.1} vs {acquired:.1}"
    );
}

/// FSH multiplies the Sertoli cells of a testis that never had it (congenital GnRH deficiency):
/// FSH alone for four months raises inhibin B ×3.7 (Dwyer 2013, JCEM 98:E1790: 29 → 107 pg/mL
/// in men with testes < 4 mL) and ×5.7 over six to seven months (Kohva 2018, J Endocr Soc:
/// 15 → 85 pg/mL), where hCG alone, which leaves FSH low, does not.
#[test]
fn fsh_alone_multiplies_the_sertoli_cells_of_a_prepubertal_testis() {
    let deficient = Patient::new(Preset::GnrhDeficient);
    let before = baseline(deficient.clone(), Mode::MeanField).inhibin_b_pg_ml;
    let fsh = Regimen::repeated(Drug::Fsh, Dose::iu(75.0).unwrap(), Duration::days(1.0));
    let hcg = Regimen::repeated(Drug::Hcg, Dose::iu(2000.0).unwrap(), Duration::hours(84.0));
    let on_fsh =
        last_day_mean(deficient.clone(), Mode::MeanField, &[fsh.into()], 120.0).inhibin_b_pg_ml;
    let on_hcg = last_day_mean(deficient, Mode::MeanField, &[hcg.into()], 120.0).inhibin_b_pg_ml;
    eprintln!("inhibin B {before:.1} → FSH alone {on_fsh:.1}, hCG alone {on_hcg:.1} pg/mL");
    // Untreated complete deficiency: 15 ± 5 (Kohva) to 29 ± 9 pg/mL (Dwyer).
    assert!(
        (10.0..=40.0).contains(&before),
        "untreated inhibin B {before:.1}"
    );
    // The published rises include germ cells that FSH alone starts; the model's Sertoli
    // number alone is bounded by the adult number, so ×2 is the floor asked here.
    assert!(
        on_fsh > 2.0 * before,
        "FSH alone: {before:.1} → {on_fsh:.1}"
    );
    // hCG alone leaves FSH at the deficient man's own ~0.7 IU/L: no cell divides.
    assert!(
        on_hcg < 1.15 * before,
        "hCG alone: {before:.1} → {on_hcg:.1}"
    );
}

/// Largest LH rise (IU/L, 5-min samples for two hours) that a 25 µg IV gonadorelin bolus at
/// `at_h` adds in `patient`, on top of `background` (or of nothing).
fn bolus_response(patient: &Patient, background: Option<Regimen>, at_h: f64) -> f64 {
    let bolus: Regimen = Regimen::single(Drug::Gonadorelin, Dose::ug(25.0).unwrap())
        .route(Route::Iv)
        .starting(Duration::hours(at_h));
    let path = |with_bolus: bool| -> Vec<f64> {
        let mut s = sim(patient.clone(), Mode::Pulsatile);
        if let Some(r) = background {
            s.add_regimen(r).unwrap();
        }
        if with_bolus {
            s.add_regimen(bolus).unwrap();
        }
        (0..=24)
            .map(|k| {
                s.advance_to(Duration::hours(at_h + f64::from(k) * 5.0 / 60.0))
                    .unwrap()
                    .lh_iu_l
            })
            .collect()
    };
    path(true)
        .iter()
        .zip(path(false))
        .map(|(a, b)| a - b)
        .fold(f64::MIN, f64::max)
}

/// GnRH up-regulates its own receptor (section 4.1a of docs/MODEL.md): a pituitary long
/// deprived of GnRH holds a fraction of the normal receptor number, so its first response to
/// a bolus is smaller than the same store would give through a full complement, and a week
/// of pulses restores the number (self-priming on top of the store's filling). Switched off
/// (floor 1), the deficient man's first response is larger and a week of pulses adds less.
/// At the reference pulse train the number is 1, so the healthy man's baseline does not
/// depend on the floor.
#[test]
fn gnrh_up_regulates_its_own_receptor() {
    let pump = week_of_pulses();
    let deficient = Patient::new(Preset::GnrhDeficient);
    let without = deficient.clone().with("gnrh_receptor_number_floor", 1.0);
    let week = 7.0 * 24.0 + 2.0;
    let (first, primed) = (
        bolus_response(&deficient, None, 2.0),
        bolus_response(&deficient, Some(pump), week),
    );
    let (first_off, primed_off) = (
        bolus_response(&without, None, 2.0),
        bolus_response(&without, Some(pump), week),
    );
    eprintln!(
        "25 ug bolus in a GnRH-deficient man: first {first:.2}, after a week of pulses \
         {primed:.2} IU/L; without up-regulation {first_off:.2} and {primed_off:.2}"
    );
    assert!(first < 0.8 * first_off, "{first:.2} against {first_off:.2}");
    assert!(
        primed / first > 1.2 * (primed_off / first_off),
        "priming ×{:.2} against ×{:.2}",
        primed / first,
        primed_off / first_off
    );
    // In `pulsatile` the signal per receptor sits ~5 % under the reference (receptors
    // desensitize during each pulse), so the number sits just under 1 and LH a few per cent
    // lower (3.6 % when written); in `mean_field` the number is exactly 1.
    let healthy = Patient::new(Preset::Healthy);
    let lh = baseline(healthy.clone(), Mode::Pulsatile).lh_iu_l;
    let lh_off = baseline(
        healthy.with("gnrh_receptor_number_floor", 1.0),
        Mode::Pulsatile,
    )
    .lh_iu_l;
    eprintln!("healthy pulsatile LH {lh:.3} IU/L, without up-regulation {lh_off:.3}");
    assert!(
        (lh / lh_off - 1.0).abs() < 0.05,
        "LH {lh:.3} against {lh_off:.3}"
    );
}

/// T `hours` after one 1500 IU IM dose of hCG, relative to the man's baseline, with hCG's
/// steroidogenic efficacy set to `efficacy`.
fn t_after_1500_iu_hcg(efficacy: f64, hours: f64) -> f64 {
    let patient = Patient::new(Preset::Healthy).with("hcg.steroidogenic_efficacy", efficacy);
    let before = baseline(patient.clone(), Mode::MeanField).testosterone_ng_dl;
    let mut s = sim(patient, Mode::MeanField);
    s.add_regimen(Regimen::single(Drug::Hcg, Dose::iu(1500.0).unwrap()).route(Route::Im))
        .unwrap();
    s.advance_to(Duration::hours(hours))
        .unwrap()
        .testosterone_ng_dl
        / before
}

/// hCG and LH share the Leydig receptor but not necessarily its signalling (hCG favours
/// cAMP/PKA; Casarini 2012): `hcg.steroidogenic_efficacy` weights hCG's stimulation in enzyme
/// induction only. Raised, one 1500 IU dose lifts T more by 72 h (the delayed, induced part of
/// the response), while the acute response in the first hours, before induction has moved,
/// stays the same (induction averages over `leydig_induction_tau_h`, 40 h since 2026-12-02,
/// so the two already differ by 1 % at 3 h; read at 2 h). The shipped value is 1.257
/// (docs/MODEL.md 5.4).
#[test]
fn hcg_steroidogenic_efficacy_acts_through_induction_alone() {
    let (lh_like, stronger) = (
        t_after_1500_iu_hcg(1.0, 72.0),
        t_after_1500_iu_hcg(4.0, 72.0),
    );
    let (early, early_stronger) = (t_after_1500_iu_hcg(1.0, 2.0), t_after_1500_iu_hcg(4.0, 2.0));
    eprintln!(
        "T after 1500 IU hCG: at 72 h ×{lh_like:.2} (efficacy 1), ×{stronger:.2} (4); \
         at 2 h ×{early:.3} and ×{early_stronger:.3}"
    );
    assert!(
        stronger > 1.2 * lh_like,
        "×{stronger:.2} against ×{lh_like:.2}"
    );
    assert!(
        early > 1.05,
        "the acute response is there at 2 h: ×{early:.3}"
    );
    assert!(
        (early_stronger / early - 1.0).abs() < 0.01,
        "×{early_stronger:.3} against ×{early:.3}"
    );
}

/// Highest LH over the 2 h after an IV gonadorelin bolus of `ug` at 1 h, over the man's
/// baseline (`mean_field`, 5-min samples).
fn gnrh_test_peak_ratio(patient: &Patient, ug: f64) -> f64 {
    let base = baseline(patient.clone(), Mode::MeanField).lh_iu_l;
    gnrh_test_peak_over(patient, None, 1.0, ug) / base
}

/// Highest LH \[IU/L\] over the 2 h after an IV gonadorelin bolus of `ug` given at `at_h`,
/// beside an optional `background` regimen started at 0 (`mean_field`, 5-min samples).
fn gnrh_test_peak_over(patient: &Patient, background: Option<Regimen>, at_h: f64, ug: f64) -> f64 {
    let mut s = sim(patient.clone(), Mode::MeanField);
    if let Some(r) = background {
        s.add_regimen(r).unwrap();
    }
    s.add_regimen(
        Regimen::single(Drug::Gonadorelin, Dose::ug(ug).unwrap())
            .route(Route::Iv)
            .starting(Duration::hours(at_h)),
    )
    .unwrap();
    (0..=24)
        .map(|k| {
            s.advance_to(Duration::hours(at_h + f64::from(k) * 5.0 / 60.0))
                .unwrap()
                .lh_iu_l
        })
        .fold(f64::MIN, f64::max)
}

/// GnRH far above a pulse mobilizes the LH store beyond the readily releasable pool (section
/// 4.4a of docs/MODEL.md): the clinical 100 ug test raises LH several-fold, the response keeps
/// growing with the dose (no maximal dose up to 3000 ug, P5's source), endogenous pulses
/// mobilize next to nothing (the healthy man's pulsatile LH moves by 0.15 %), and without it
/// no bolus releases much more than a pulse.
#[test]
fn a_gnrh_test_dose_mobilizes_the_reserve_that_pulses_leave_alone() {
    let healthy = Patient::new(Preset::Healthy);
    let without = healthy.clone().with("lh_reserve_mobilization_per_h", 0.0);
    let (r100, r1000) = (
        gnrh_test_peak_ratio(&healthy, 100.0),
        gnrh_test_peak_ratio(&healthy, 1000.0),
    );
    let r100_without = gnrh_test_peak_ratio(&without, 100.0);
    eprintln!(
        "100 ug: LH x{r100:.2} (x{r100_without:.2} without the reserve); 1000 ug: x{r1000:.2}"
    );
    assert!(r100 > 4.0, "100 ug gives only x{r100:.2}");
    assert!(
        r100_without < 2.0,
        "the pool alone gives x{r100_without:.2}"
    );
    assert!(
        r1000 > 1.2 * r100,
        "no dose response above 100 ug: x{r1000:.2}"
    );

    let lh = |p: Patient| baseline(p, Mode::Pulsatile).lh_iu_l;
    let (with_reserve, no_reserve) = (lh(healthy), lh(without));
    assert!(
        (with_reserve / no_reserve - 1.0).abs() < 5e-3,
        "endogenous pulses mobilize the reserve: LH {with_reserve:.4} against {no_reserve:.4}"
    );
}

/// A GnRH-receptor antagonist blocks the reserve as it blocks the receptor: three days into
/// degarelix 240 mg the 100 ug test releases a small fraction of what it releases without it
/// (the antagonist's Kd shift applies to mobilization too), while the store it would reach is
/// still there.
#[test]
fn an_antagonist_blocks_the_reserve_that_a_test_dose_reaches() {
    let healthy = Patient::new(Preset::Healthy);
    let at_h = 72.0;
    let degarelix = Regimen::single(Drug::Degarelix, Dose::mg(240.0).unwrap());
    let lh_before_bolus = |background: Option<Regimen>| {
        let mut s = sim(healthy.clone(), Mode::MeanField);
        if let Some(r) = background {
            s.add_regimen(r).unwrap();
        }
        s.advance_to(Duration::hours(at_h)).unwrap().lh_iu_l
    };
    let rise = |background: Option<Regimen>| {
        gnrh_test_peak_over(&healthy, background, at_h, 100.0) - lh_before_bolus(background)
    };
    let (free, blocked) = (rise(None), rise(Some(degarelix)));
    eprintln!("100 ug at 72 h: LH rises {free:.2} IU/L, {blocked:.2} on degarelix");
    assert!(
        free > 15.0,
        "the test dose releases too little: {free:.2} IU/L"
    );
    assert!(
        blocked < 0.2 * free,
        "the antagonist does not block the reserve: {blocked:.2} against {free:.2} IU/L"
    );
}

/// Highest T (sampled hourly) over the `days` after `from` \[ng/dL\].
fn peak_t(s: &mut Simulation, days: f64) -> f64 {
    let mut peak = 0.0f64;
    s.run_streaming(Duration::days(days), Duration::hours(1.0), |o| {
        peak = peak.max(o.testosterone_ng_dl);
        Ok(())
    })
    .unwrap();
    peak
}

/// The adult Leydig population forms from progenitors under LH (at puberty) and then stays:
/// a congenitally deficient man never treated answers his first hCG dose with almost no T
/// (Horm Metab Res 1986: no rise after 1500 IU), a year of hCG forms his adult cells, and
/// six months after it stops a single dose finds them (atrophied, not lost), where a man
/// treated before answers at once.
#[test]
fn hcg_forms_the_adult_leydig_cells_of_an_untreated_deficient_man_and_they_stay() {
    let dose = Dose::iu(1500.0).unwrap();
    let course = Regimen::repeated(Drug::Hcg, dose, Duration::days(6.0))
        .route(Route::Im)
        .times(61);
    let mut untreated = sim(
        Patient::new(Preset::GnrhDeficientUntreated),
        Mode::MeanField,
    );
    untreated.add_regimen(course).unwrap();
    let first_dose = peak_t(&mut untreated, 6.0);
    untreated.advance_to(Duration::days(366.0 + 180.0)).unwrap();
    let months_off = untreated.observe().unwrap().testosterone_ng_dl;
    untreated.give(Drug::Hcg, Route::Im, dose).unwrap();
    let after_a_course = peak_t(&mut untreated, 6.0);
    let mut treated = sim(Patient::new(Preset::GnrhDeficient), Mode::MeanField);
    treated.give(Drug::Hcg, Route::Im, dose).unwrap();
    let treated_before = peak_t(&mut treated, 6.0);
    eprintln!(
        "first 1500 IU: untreated {first_dose:.0}, treated before {treated_before:.0}; \
         6 months after a year of hCG: T {months_off:.0}, then the dose {after_a_course:.0} ng/dL"
    );
    assert!(first_dose < 40.0, "untreated first dose {first_dose:.0}");
    assert!(
        treated_before > 4.0 * first_dose,
        "{treated_before:.0} vs {first_dose:.0}"
    );
    // Off treatment his T falls back near the deficient baseline (no LH), but the cells that
    // formed answer the next dose several times as strongly as the first ever.
    assert!(months_off < 40.0, "T six months off {months_off:.0}");
    assert!(
        after_a_course > 3.0 * first_dose,
        "{after_a_course:.0} vs first {first_dose:.0}"
    );
}

/// Why some men stay oligozoospermic on suppressive TRT: LH and FSH are suppressed below
/// detection in all of them and serum T is the same (Wallace, Gow & Wu 1993, JCEM 77:290), but
/// the escapers make more DHT from it (Anderson, Wallace & Wu 1996, JCEM 81:902). A man whose
/// tubules draw more androgen from serum T keeps some sperm on enanthate 200 mg weekly, where
/// the typical man is azoospermic, and has the same sperm before it.
#[test]
fn more_androgen_from_serum_t_keeps_sperm_on_trt_without_changing_baseline() {
    let te = Regimen::repeated(
        Drug::TestosteroneEnanthate,
        Dose::mg(200.0).unwrap(),
        Duration::days(7.0),
    );
    let typical = Patient::new(Preset::Healthy);
    let escaper = Patient::new(Preset::Healthy).with("tubular_serum_androgen_gain", 8.0);
    let before = |p: Patient| baseline(p, Mode::MeanField).sperm_million_per_ml;
    let on_te =
        |p: Patient| last_day_mean(p, Mode::MeanField, &[te.into()], 182.0).sperm_million_per_ml;
    let (typical_before, escaper_before) = (before(typical.clone()), before(escaper.clone()));
    let (typical_on, escaper_on) = (on_te(typical), on_te(escaper));
    eprintln!(
        "sperm before {typical_before:.1} / {escaper_before:.1}; at 6 months of TE \
         {typical_on:.2} / {escaper_on:.2} M/mL (typical / gain 8)"
    );
    assert!(
        (escaper_before / typical_before - 1.0).abs() < 0.02,
        "{escaper_before} vs {typical_before}"
    );
    assert!(typical_on < 1.0, "typical man on TE {typical_on}");
    assert!(escaper_on >= 1.0, "escaper on TE {escaper_on}");
}

/// Ketoconazole blocks the Leydig cell's steroidogenesis while it is there: one 200 mg dose
/// takes T to its nadir within hours and lets it back within a day, with LH unmoved over the
/// first 12 h (Nashan, Knuth, Weidinger & Nieschlag: nadir at 4–5 h, subnormal 8–9 h, no
/// change in LH pulses over 12 h); 400 mg every 6 h keeps T castrate, and ITT falls with
/// serum T (the block is inside the Leydig cell, not at its LH receptor).
#[test]
fn ketoconazole_blocks_testicular_steroidogenesis_while_it_is_there() {
    let mode = Mode::MeanField;
    let before = baseline(Patient::new(Preset::Healthy), mode);
    let mut one = sim(Patient::new(Preset::Healthy), mode);
    one.give(Drug::Ketoconazole, Route::Oral, Dose::mg(200.0).unwrap())
        .unwrap();
    let (mut nadir, mut nadir_h, mut lh_12h) = (f64::INFINITY, 0.0, Vec::new());
    let mut hour = 0.0;
    one.run_streaming(Duration::hours(24.0), Duration::hours(1.0), |o| {
        if o.testosterone_ng_dl < nadir {
            nadir = o.testosterone_ng_dl;
            nadir_h = hour;
        }
        if hour <= 12.0 {
            lh_12h.push(o.lh_iu_l);
        }
        hour += 1.0;
        Ok(())
    })
    .unwrap();
    let day_after = one.observe().unwrap().testosterone_ng_dl;
    let lh_change = lh_12h
        .iter()
        .map(|lh| (lh / before.lh_iu_l - 1.0).abs())
        .fold(0.0, f64::max);
    eprintln!(
        "200 mg: nadir {nadir:.0} ng/dL at {nadir_h} h (baseline {:.0}), {day_after:.0} at 24 h, \
         LH within {:.1} % over 12 h",
        before.testosterone_ng_dl,
        100.0 * lh_change
    );
    assert!(nadir < 0.5 * before.testosterone_ng_dl, "nadir {nadir:.0}");
    assert!((3.0..=8.0).contains(&nadir_h), "nadir at {nadir_h} h");
    assert!(
        day_after > 0.8 * before.testosterone_ng_dl,
        "T at 24 h {day_after:.0}"
    );
    assert!(lh_change < 0.1, "LH moved {:.1} %", 100.0 * lh_change);

    let repeated = Regimen::repeated(
        Drug::Ketoconazole,
        Dose::mg(400.0).unwrap(),
        Duration::hours(6.0),
    );
    let on = last_day_mean(Patient::new(Preset::Healthy), mode, &[repeated.into()], 2.0);
    eprintln!(
        "400 mg every 6 h, day 2: T {:.0} ng/dL, ITT {:.0} ng/mL (baseline {:.0})",
        on.testosterone_ng_dl, on.itt_ng_ml, before.itt_ng_ml
    );
    assert!(
        on.testosterone_ng_dl < 80.0,
        "T {:.0}",
        on.testosterone_ng_dl
    );
    assert!(
        on.itt_ng_ml < 0.2 * before.itt_ng_ml,
        "ITT {:.0}",
        on.itt_ng_ml
    );
}

/// The gonadotroph answers the loss of E2 within days: castration by ketoconazole (T and E2
/// gone within a day, hypothalamus and pituitary untouched) raises LH more than twofold by day
/// 5, as in men (×2.6–3: Hayes 2001, Schnorr 2001), because the pituitary's ER signal follows
/// E2 with a half-life of ~1.6 days (Finkelstein 1991: E2 acts at the gonadotroph within 3–4
/// days). Were it as slow as the androgen signal (154 h), LH would not reach ×1.6 by then.
#[test]
fn castration_raises_lh_within_days_through_the_pituitary_er_signal() {
    let lh_ratio_day_5 = |patient: Patient| {
        let before = baseline(patient.clone(), Mode::MeanField);
        let block = Regimen::repeated(
            Drug::Ketoconazole,
            Dose::mg(400.0).unwrap(),
            Duration::hours(6.0),
        );
        let on = last_day_mean(patient, Mode::MeanField, &[block.into()], 5.0);
        on.lh_iu_l / before.lh_iu_l
    };
    let fast = lh_ratio_day_5(Patient::new(Preset::Healthy));
    let slow =
        lh_ratio_day_5(Patient::new(Preset::Healthy).with("pituitary_er_half_life_h", 154.0));
    eprintln!("LH on day 5 of ketoconazole: ×{fast:.2} (ER half-life 38.5 h), ×{slow:.2} (154 h)");
    assert!(fast > 2.0, "LH ×{fast:.2}");
    assert!(slow < 1.6, "LH ×{slow:.2} with a slow ER signal");
}

/// FSH answers the pituitary ER signal more strongly than it did, though less than LH (Hayes
/// 2001: E2 restrains FSH at the gonadotroph of men), so blocking the receptor with a SERM or
/// lowering E2 with an aromatase inhibitor raises FSH with LH, as in men (tamoxifen ×1.6–2.1,
/// clomiphene ×2–4), instead of letting the rise in T pull it below baseline. With `fsh_er_half`
/// back at its earlier 0.496 (the androgen half and the agonist's repression as now) FSH falls
/// on tamoxifen and rises less than half as much on letrozole (the drive's own rise, since E2
/// carries most of its signal, lifts it a little); the earlier model as a whole had ×0.80 and
/// ×0.88.
#[test]
fn fsh_rises_with_lh_when_the_er_is_blocked_or_e2_falls() {
    let fsh_ratio_day_91 = |patient: Patient, drug: Drug, mg: f64| {
        let before = baseline(patient.clone(), Mode::MeanField);
        let daily = Regimen::repeated(drug, Dose::mg(mg).unwrap(), Duration::days(1.0));
        let on = last_day_mean(patient, Mode::MeanField, &[daily.into()], 91.0);
        (on.fsh_iu_l / before.fsh_iu_l, on.lh_iu_l / before.lh_iu_l)
    };
    let healthy = Patient::new(Preset::Healthy);
    let weak = || Patient::new(Preset::Healthy).with("fsh_er_half", 0.496);
    let (tamoxifen, tamoxifen_lh) = fsh_ratio_day_91(healthy.clone(), Drug::Tamoxifen, 20.0);
    let (letrozole, _) = fsh_ratio_day_91(healthy, Drug::Letrozole, 2.5);
    let (tamoxifen_weak, _) = fsh_ratio_day_91(weak(), Drug::Tamoxifen, 20.0);
    let (letrozole_weak, _) = fsh_ratio_day_91(weak(), Drug::Letrozole, 2.5);
    let (enclomiphene, enclomiphene_lh) = fsh_ratio_day_91(
        Patient::new(Preset::SecondaryHypogonadism),
        Drug::Enclomiphene,
        25.0,
    );
    eprintln!(
        "FSH at 13 weeks: tamoxifen ×{tamoxifen:.2} (LH ×{tamoxifen_lh:.2}; weak coupling \
         ×{tamoxifen_weak:.2}), letrozole ×{letrozole:.2} (weak ×{letrozole_weak:.2}), \
         enclomiphene in secondary hypogonadism ×{enclomiphene:.2} (LH ×{enclomiphene_lh:.2})"
    );
    assert!(tamoxifen > 1.1 && letrozole > 1.05, "FSH must rise");
    assert!(enclomiphene > 1.4, "enclomiphene FSH ×{enclomiphene:.2}");
    assert!(
        tamoxifen_weak < 1.0 && letrozole_weak - 1.0 < 0.5 * (letrozole - 1.0),
        "the weak coupling lets FSH fall (tamoxifen) or barely rise (letrozole)"
    );
}

/// T over the healthy man's baseline after eight weeks of hCG `iu` twice weekly (`mean_field`,
/// mean of the last day), with the ceiling on Leydig output set to `ceiling`.
fn t_on_chronic_hcg(iu: f64, ceiling: f64) -> f64 {
    let patient = Patient::new(Preset::Healthy).with("leydig_output_ceiling", ceiling);
    let before = baseline(patient.clone(), Mode::MeanField).testosterone_ng_dl;
    let hcg: Regimen =
        Regimen::repeated(Drug::Hcg, Dose::iu(iu).unwrap(), Duration::hours(84.0)).into();
    last_day_mean(patient, Mode::MeanField, &[hcg], 56.0).testosterone_ng_dl / before
}

/// What a Leydig cell can make is bounded (Padron 1980: the hCG test's delayed peak is ×2.4,
/// and doses giving 5–8 times the hCG levels do not raise it): on months of saturating hCG, T
/// levels off below `leydig_output_ceiling` × the man's reference output (plus the adrenal
/// share), doubling the dose adds little, and without the ceiling the same regimen goes far
/// higher (capacity, induction and drive multiply).
#[test]
fn leydig_output_levels_off_at_its_ceiling_on_saturating_hcg() {
    let shipped = hpg::Params::healthy().leydig_output_ceiling;
    let (t5000, t10000, unbounded) = (
        t_on_chronic_hcg(5000.0, shipped),
        t_on_chronic_hcg(10000.0, shipped),
        t_on_chronic_hcg(5000.0, 100.0),
    );
    eprintln!(
        "T on 8 weeks of hCG twice weekly: 5000 IU ×{t5000:.2}, 10000 IU ×{t10000:.2}; \
         5000 IU without the ceiling ×{unbounded:.2} (ceiling ×{shipped})"
    );
    assert!(t5000 > 1.8 && t5000 < shipped + 0.1, "×{t5000:.2}");
    assert!(t10000 / t5000 < 1.05, "×{t10000:.2} against ×{t5000:.2}");
    assert!(
        unbounded > 1.3 * t5000,
        "×{unbounded:.2} against ×{t5000:.2}"
    );
}

/// Aromatase inhibitors reach the Leydig cell's aromatase (the same enzyme, CYP19A1) as well as
/// adipose tissue's: in a man whose E2 were all testicular, anastrozole 1 mg daily still lowers
/// it, though his LH and T rise.
#[test]
fn aromatase_inhibitor_lowers_testicular_estradiol_too() {
    let patient = Patient::new(Preset::Healthy).with("estradiol_peripheral_share", 0.0);
    let before = baseline(patient.clone(), Mode::MeanField);
    let ai: Regimen = Regimen::repeated(
        Drug::Anastrozole,
        Dose::mg(1.0).unwrap(),
        Duration::days(1.0),
    )
    .into();
    let after = last_day_mean(patient, Mode::MeanField, &[ai], 14.0);
    let (e2, t) = (
        after.estradiol_pg_ml / before.estradiol_pg_ml,
        after.testosterone_ng_dl / before.testosterone_ng_dl,
    );
    eprintln!("testicular E2 only, anastrozole 1 mg daily, day 14: E2 ×{e2:.2}, T ×{t:.2}");
    assert!(t > 1.1, "T ×{t:.2}");
    assert!(e2 < 0.7, "E2 ×{e2:.2}");
}

/// T of the treated GnRH-deficient man after eight weeks of hCG `iu` twice weekly
/// (`mean_field`, mean of the last day), with the Leydig number's exponent `beta`.
fn deficient_t_on_chronic_hcg(iu: f64, beta: f64) -> f64 {
    let patient = Patient::new(Preset::GnrhDeficient).with("leydig_sertoli_exponent", beta);
    let hcg: Regimen =
        Regimen::repeated(Drug::Hcg, Dose::iu(iu).unwrap(), Duration::hours(84.0)).into();
    last_day_mean(patient, Mode::MeanField, &[hcg], 56.0).testosterone_ng_dl
}

/// The Leydig cells number as the Sertoli cells do (Rebourcet 2017, mice: directly
/// proportional), and the ceiling on output is per cell: a congenitally deficient testis
/// (Sertoli number 0.43 of the adult's) levels off on months of hCG near the normal range
/// (treated cohorts: 427–626 ng/dL, row H3), whatever the dose once it saturates; with the
/// number held adult (`leydig_sertoli_exponent` 0) the same regimens reach the adult ceiling.
/// A single dose, which stays below the ceiling, answers alike either way (row L3).
#[test]
fn a_deficient_testis_with_few_sertoli_cells_has_few_leydig_cells_to_saturate() {
    let (t2000, t5000, adult_number) = (
        deficient_t_on_chronic_hcg(2000.0, 1.0),
        deficient_t_on_chronic_hcg(5000.0, 1.0),
        deficient_t_on_chronic_hcg(2000.0, 0.0),
    );
    let single = |beta: f64| {
        let mut s = sim(
            Patient::new(Preset::GnrhDeficient).with("leydig_sertoli_exponent", beta),
            Mode::MeanField,
        );
        s.give(Drug::Hcg, Route::Im, Dose::iu(1500.0).unwrap())
            .unwrap();
        peak_t(&mut s, 5.0)
    };
    let (one_dose, one_dose_adult_number) = (single(1.0), single(0.0));
    eprintln!(
        "deficient man, 8 weeks of hCG twice weekly: 2000 IU {t2000:.0}, 5000 IU {t5000:.0} \
         ng/dL; with an adult Leydig number {adult_number:.0}; one 1500 IU dose \
         {one_dose:.0} against {one_dose_adult_number:.0}"
    );
    assert!((350.0..750.0).contains(&t2000), "{t2000:.0} ng/dL");
    assert!(t5000 / t2000 < 1.05, "{t5000:.0} against {t2000:.0}");
    assert!(
        adult_number > 1.8 * t2000,
        "{adult_number:.0} against {t2000:.0}"
    );
    assert!(
        (one_dose / one_dose_adult_number - 1.0).abs() < 0.05,
        "{one_dose:.0} against {one_dose_adult_number:.0}"
    );
}
