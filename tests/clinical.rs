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

rows!(B1, B2, B3, B4, B5, B6, B7, B10, B11, T1, T2, T3, T4, T5, T6, T7, S1, S2, S3, A1, A2, A3, G1,
      G2, D1, D2, D3, D4, D5, D6, D7, P2, P5, P6, P7, L1, E1, E2, E3, X1, U1, GL1, GL2, F1, F2, DG1,
      DG2, LP1, LP2, LP3, LP4, L2, L3, H1, H2, H3, E5;
      pulsatile only: B8, B9, G3, P1);

/// Rows the current model misses in its structure (Wave 2, round two, the held-out trials
/// E4, K2, GL3, GL4, H4 and X2, and K1's first day of castration); each is a test, ignored with
/// the reason until the mechanism that should pass it is built. `cargo test --release --test
/// clinical -- --ignored` shows where each stands; the README scorecard lists the numbers.
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
    P3: "known miss, argued from sources: in GnRH deficiency basal FSH rises x17.9 by day 7 of 50 ug IV every 4 h (band x3-8, from 2.8 -> 13.6 mIU/mL on a 1970s radioimmunoassay whose normal range was 5-15). The absolute values agree: day 7 18.8 IU/L (published 13.6 +- 2.6 SE of six men; Valk 1980: 15.5 +- 2.5 on day 5 of a pump); the ratio misses at its foot, where the model's untreated man has 1.05 IU/L as modern assays find (P7, held out: Mao 2018's 82 men 1.1 +- 0.9). The LH peaks 12.8 -> 20.2 IU/L and their ratio x1.58 pass in pulsatile, x2.40 in mean_field; only FSH misses",
    E4: "known miss, a trial held out of every fit: letrozole 2.5 mg daily for 28 days lowers E2 64-71 % (published 46 and 62 %, band 30-75 %) and T rises x1.87-1.88 in the young man and x1.51-1.54 in the older (in band), but LH rises x2.21-2.29 in the young man and x2.22-2.33 in the older (published x4.4 and x4.2, band x2.8-6.5): with E2 carrying most of the drive's signal (docs/MODEL.md 9.8) and the AI blocking testicular aromatase too (since 2026-12-02, fifteenth session: x1.9-2.1 before), what caps LH is the pituitary's disinhibition as E2 falls, not its synthesis ceiling or the pulse rate (measured in the sixteenth session: a steeper disinhibition passes E4 but breaks the SERM and anastrozole rows; docs/MODEL.md 10 item 7)",
    K1: "known miss: ketoconazole 400 mg every 6 h castrates within a day (T 54-65 ng/dL, published 32-58; its potency was fitted to that at 46-55, before the faster pituitary ER signal raised LH), and by day 5 LH is x2.48-2.64 and FSH x2.26-2.36 (published x2.6-3 and x2.0-2.5; the LH chose the pituitary ER signal's half-life and the FSH, with X2's, FSH's ER coupling), but on the second day LH is x1.36-1.40 (published x2.8, band x2-4) and the GnRH pulses x1.25 (men x1.9): the frequency ceiling now sits at twice the slower 95-min reference train, but the fast free-T term and the drive take days to use it (docs/MODEL.md 9.6)",
    K2: "known miss, not fitted (added 2026-12-02; G3 used the same study's slowing of the pulses qualitatively): in castrate men with E2 held castrate (ketoconazole; letrozole in the model), enanthate 125 mg on day 4 restores T (560 ng/dL) and halves LH over the night of days 6-7 by halving GnRH pulse frequency (Pitteloud 2008: LH x0.50, pulses 13.3 -> 6.7 per 12 h); the model slows the pulses only to x0.86 of the arm without T and LH to x0.89 (band x0.3-0.75): T's own hypothalamic action is weak beside E2's, and LH barely follows pulse frequency (the pituitary's receptor losses, releasable-pool refill and synthesis ceiling: docs/MODEL.md 9.9)",
    GL3: "known miss, a trial held out of every fit (added 2026-12-02): testosterone gel 100 mg daily alone in eugonadal men left 77 % of them above 1 M/mL at 20-24 weeks (Ilani 2012), but the model's healthy man is azoospermic (0.004 M/mL at 24 weeks) with LH x0.02 and FSH x0.04 by week 4: its integral drive shuts the axis down for any sustained excess of the combined steroid signal, and a replacement-dose gel is one (daily mean T 850 ng/dL, more than cypionate 100 mg weekly gives, whose LH D3 needs lost by day 42: a leak on the drive that lets GL3 pass breaks D3, T2 and D1); TE 50 mg weekly, which keeps mean T at baseline, halves LH as Matsumoto 1990 found (docs/MODEL.md 9.9, 9.10)",
    GL4: "known miss, a trial held out of every fit (added 2026-12-02, thirteenth session): obese men with secondary hypogonadism on AndroGel 1.62 % for 16 weeks lost 33 % and 72 % of their sperm on average in the two enclomiphene phase III trials (Kim 2016; 24 % and 44 % under 10 M/mL), but the model's secondary man on the equivalent 50 mg of 1 % gel is azoospermic by week 16 (sperm x0.01, LH x0.02-0.04, FSH x0.06-0.07): the drive's integral action again, as in GL3 (docs/MODEL.md 9.10)",
    H4: "known miss, a trial held out of every fit (added 2026-12-02, sixteenth session): in 31 men with T > 300 ng/dL, hCG alone at about 1500 IU a week left T (431 -> 461 ng/dL), LH, FSH and E2 unchanged (Rainer 2022), but the model's healthy man on 500 IU three times weekly has T x1.50-1.61, LH x0.02, FSH x0.03 and his sperm falling (x0.54) at 3 months: the hCG alone lifts his steroids past the set point (in men under TRT ~1750 IU a week made x1.26 of LH's ITT, Coviello 2005), so the drive's integral action takes his own LH and FSH to its floor, as with T gel (GL3, GL4; docs/MODEL.md 9.10, 10). A weak trial (retrospective, schedule and sampling times not given), but the miss is far outside any reading of it",
    X2: "known miss, held out of the last fit: tamoxifen 10 mg daily for six months raises LH x1.94-2.00 (published x2.4 from a low 1.7 IU/L, band x1.5-4), FSH x1.30-1.34 (x1.57; its FSH, with K1's, set FSH's ER coupling by hand, MODEL 4.5) and T x1.81-1.82 (x1.52, in band), but E2 only x1.81-1.83 (published x3.4, band x2-5): the model's E2 follows T, and tamoxifen's own rise of E2 in men is not modelled (docs/MODEL.md 10 item 9). LH reached its band when E2 took most of the drive's signal (docs/MODEL.md 9.8; x1.33-1.50 before)",
);

#[test]
fn every_row_of_the_scorecard_has_a_test() {
    let rows = rows().expect("the shipped scorecard parses");
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 70, "{ids:?}");
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

/// `phases` averages each arm over evenly spaced phases of the man's own pulses in
/// `pulsatile` mode (a bolus study's mean over its men), leaves `mean_field` alone, refuses
/// counts outside 1–64, and refuses to average pulse counts.
#[test]
fn phase_averaged_arms() {
    let card = |phases: &str, baseline: &str, check: &str| {
        format!(
            r#"
[[row]]
id = "C2"
source = "test"
regimen = "gonadorelin 2.5 ug IV once"
band = "any"
patient = "healthy"
{phases}
{baseline}
arm = [{{ name = "bolus", regimen = [{{ drug = "gonadorelin", dose = "2.5 ug", route = "iv" }}] }}]
check = [{check}]
"#
        )
    };
    let area = r#"{ measure = "sampled_area", quantity = "lh_iu_l", sampled = [1.0, 1.0625], every = "5min", label = "area", report_only = true }"#;
    let value = |phases: &str, mode: Mode| {
        let rows = hpg::study::scorecard::from_toml(&card(phases, "", area)).unwrap();
        rows[0].run(mode).unwrap().checks[0].value.unwrap()
    };
    // One run lands the bolus at one phase of the pulses; the average differs from it.
    let single = value("", Mode::Pulsatile);
    let averaged = value("phases = 8", Mode::Pulsatile);
    assert!(single > 0.0 && averaged > 0.0);
    assert!(
        (single - averaged).abs() > 1e-3 * single,
        "{single} {averaged}"
    );
    // mean_field has no pulses: the same value either way.
    assert_eq!(
        value("", Mode::MeanField),
        value("phases = 8", Mode::MeanField)
    );
    for bad in ["phases = 0", "phases = 65"] {
        let err = hpg::study::scorecard::from_toml(&card(bad, "", area)).unwrap_err();
        assert!(err.to_string().contains("phases"), "{err}");
    }
    // Pulses cannot be averaged over their own phases: such a row is refused when read.
    let interval = r#"{ measure = "pulse_interval", label = "interval", report_only = true }"#;
    let no_bolus = card("phases = 2", "", interval).replace(
        r#"regimen = [{ drug = "gonadorelin", dose = "2.5 ug", route = "iv" }]"#,
        "regimen = []",
    );
    let err = hpg::study::scorecard::from_toml(&no_bolus).unwrap_err();
    assert!(err.to_string().contains("phases"), "{err}");
    let increment =
        r#"{ measure = "pulse_increment", every = "10min", label = "pulses", report_only = true }"#;
    let err = hpg::study::scorecard::from_toml(&card(
        "phases = 2",
        r#"baseline = "lh_pulses""#,
        increment,
    ))
    .unwrap_err();
    assert!(err.to_string().contains("phases"), "{err}");
    // The baseline is averaged too: a ratio to it differs from one phase's.
    let ratio = r#"{ measure = "sampled_max_ratio", quantity = "lh_iu_l", sampled = [1.0, 1.0625], every = "5min", label = "peak", report_only = true }"#;
    let peak = |phases: &str| {
        let rows = hpg::study::scorecard::from_toml(&card(phases, "", ratio)).unwrap();
        rows[0].run(Mode::Pulsatile).unwrap().checks[0]
            .value
            .unwrap()
    };
    assert!((peak("") - peak("phases = 8")).abs() > 1e-3);
}
