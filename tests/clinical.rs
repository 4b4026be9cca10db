//! One test per row of the clinical scorecard (`hpg::study::scorecard`), named by its id, asserting its band in
//! pulsatile mode and, where the row is not about pulses, in mean-field mode too.
//! The same parameters serve every row (see `hpg::study::scorecard`).

use hpg::Mode;
use hpg::study::scorecard::rows;

fn check(id: &str, mode: Mode) {
    let row = rows()
        .expect("the shipped scorecard parses")
        .into_iter()
        .find(|r| r.id == id)
        .expect("row exists");
    let outcome = row
        .run(mode)
        .unwrap_or_else(|e| panic!("{id} failed to run: {e}"));
    assert!(
        outcome.pass,
        "{id} ({mode}): simulated {} outside band {}",
        outcome.simulated, row.band
    );
}

macro_rules! rows {
    ($($id:ident),* ; pulsatile only: $($pid:ident),*) => {
        $(
            #[allow(non_snake_case)]
            mod $id {
                #[test]
                fn pulsatile() { super::check(stringify!($id), hpg::Mode::Pulsatile); }
                #[test]
                fn mean_field() { super::check(stringify!($id), hpg::Mode::MeanField); }
            }
        )*
        $(
            #[allow(non_snake_case)]
            mod $pid {
                #[test]
                fn pulsatile() { super::check(stringify!($pid), hpg::Mode::Pulsatile); }
            }
        )*
    };
}

rows!(B1, B2, B3, B4, B5, B6, B7, B10, B11, T1, T3, T4, T5, T6, T7, S1, S2, S3, A1, A2, G1, G2,
      D7, E2, E3;
      pulsatile only: B8, B9, G3);

/// Wave 2 rows the current model misses in its structure (pituitary release, steroid feedback,
/// E2's share, the Leydig cell); each is a test, ignored with the reason until the mechanisms
/// that should pass it are built. `cargo test --release --test clinical -- --ignored` shows
/// where each stands; the README scorecard lists the numbers.
macro_rules! known_misses {
    ($($id:ident: $why:literal),* $(,)?) => {
        $(
            #[allow(non_snake_case)]
            mod $id {
                #[test]
                #[ignore = $why]
                fn pulsatile() { super::check(stringify!($id), hpg::Mode::Pulsatile); }
                #[test]
                #[ignore = $why]
                fn mean_field() { super::check(stringify!($id), hpg::Mode::MeanField); }
            }
        )*
    };
}

known_misses!(
    D1: "known miss: a single enanthate dose leaves LH 0.68x and FSH 0.81x at day 14 (band <= 0.25x): no slow steroid feedback on synthesis",
    D2: "known miss: trough LH 0.14x, FSH 0.24x on enanthate 200 mg weekly (band <= 0.10x)",
    D3: "known miss: cypionate 100 mg weekly leaves LH 0.73x and FSH 1.00x before the day-42 dose (band <= 0.15x)",
    D4: "known miss: FSH climbs to 2.1x baseline late in a 14-day cypionate cycle (band <= 0.5x)",
    D5: "known miss: with GnRH clamped, T lowers FSH (0.67x) no more than LH (0.64x): no direct pituitary steroid action stronger on FSH",
    D6: "known miss: after 12 months of TRT sperm reaches 3/10/20 M/mL 5.7-7.5 weeks later than Handelsman 2005 (bands +-3 weeks)",
    P2: "known miss: read against the same man without the bolus, LH peaks 50 min after 2.5 ug IV and 60 min after 20 ug (bands 10-25, 15-35; 40/45 min in mean_field): no readily releasable pool",
    P3: "known miss: first LH peak 0.9 IU/L and last/first 6.7x in GnRH deficiency (bands 4-15 IU/L, 1.3-2.5x): the pool starts empty and fills over days",
    P4: "known miss: FSH flares to 130 IU/L in the first week of a pump (band <= 30): no priming; sperm also returns too early (2.7 and 3.7 months, bands 3-12 and 8-24)",
    L1: "known miss: hCG 5000 IU raises T 1.5x (band 1.8-3.0x) with a peak 9 h after the dose (band 48-96 h): no inducible steroidogenic capacity",
    E1: "known miss: anastrozole 1 mg daily (E2 -41 %) raises LH only 1.28x in young and 1.45x in older men (band 1.6-2.8x), T alike in both: E2's share of feedback too small",
);

#[allow(non_snake_case)]
mod X1 {
    /// Known miss: LH rises ×1.43 (in band), but the GnRH pulses slow (×0.65) where they
    /// quicken in men (×1.4): the rise in T slows the generator more than the ER block speeds
    /// it; E2's share of the hypothalamic feedback is too small.
    #[test]
    #[ignore = "known miss: pulse frequency falls x0.65 on tamoxifen (must rise, published x1.4): T's feedback on the generator outweighs the ER block"]
    fn pulsatile() {
        super::check("X1", hpg::Mode::Pulsatile);
    }

    #[test]
    fn mean_field() {
        super::check("X1", hpg::Mode::MeanField);
    }
}

#[allow(non_snake_case)]
mod P1 {
    #[test]
    #[ignore = "known miss: LH pulses rise 0.9 IU/L (+21 %) over the nadir (bands 2-6 IU/L, >= +50 %)"]
    fn pulsatile() {
        super::check("P1", hpg::Mode::Pulsatile);
    }
}

#[allow(non_snake_case)]
mod T2 {
    #[test]
    fn pulsatile() {
        super::check("T2", hpg::Mode::Pulsatile);
    }

    /// Known miss (listed in the README scorecard): in mean-field mode LH falls to ~16 % of
    /// baseline (band < 15 %), because averaging the pulse train overstates the signal of
    /// the sparse pulses left under TRT.
    #[test]
    #[ignore = "known miss: mean-field LH 15.9 % of baseline vs band < 15 %"]
    fn mean_field() {
        super::check("T2", hpg::Mode::MeanField);
    }
}

#[test]
fn every_row_of_the_scorecard_has_a_test() {
    let rows = rows().expect("the shipped scorecard parses");
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 42, "{ids:?}");
}

/// A sampled measure read against a control arm is the response to what the arm adds: in
/// `mean_field`, where the man without the bolus stays at his steady state, it equals the
/// response read above the first sample; an unknown control arm is an error naming the field.
#[test]
fn sampled_measures_read_against_a_control_arm() {
    let card = |control: &str| {
        format!(
            r#"
[[row]]
id = "C1"
source = "test"
regimen = "gonadorelin 20 ug IV once"
band = "any"
patient = "healthy"
arm = [
  {{ name = "bolus", regimen = [{{ drug = "gonadorelin", dose = "20 ug", route = "iv" }}] }},
  {{ name = "none", regimen = [] }},
]
check = [
  {{ measure = "sampled_area", name = "plain", quantity = "lh_iu_l", arm = "bolus", sampled = [1.0, 1.0625], every = "5min", label = "plain", report_only = true }},
  {{ measure = "sampled_area", name = "against", quantity = "lh_iu_l", arm = "bolus", {control}, sampled = [1.0, 1.0625], every = "5min", label = "against control", report_only = true }},
  {{ measure = "check_ratio", checks = ["against", "plain"], label = "ratio", within = [0.999999, 1.000001] }},
]
"#
        )
    };
    let rows = hpg::study::scorecard::from_toml(&card(r#"control = "none""#)).unwrap();
    let outcome = rows[0].run(Mode::MeanField).unwrap();
    assert!(outcome.pass, "{}", outcome.simulated);
    assert!(outcome.checks[0].value.unwrap() > 0.0);
    let err = hpg::study::scorecard::from_toml(&card(r#"control = "nobody""#)).unwrap_err();
    assert!(err.to_string().contains("control"), "{err}");
}
