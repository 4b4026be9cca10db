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

rows!(B1, B2, B3, B4, B5, B6, B7, B10, B11, T1, T3, T4, T5, T6, T7, S1, S2, S3, A1, A2, G1, G2;
      pulsatile only: B8, B9, G3);

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
    assert_eq!(ids.len(), 26, "{ids:?}");
}
