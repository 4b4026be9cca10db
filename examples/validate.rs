//! Prints the clinical scorecard: every scorecard row, simulated, against its band.
//!
//! `cargo run --release --example validate [-- --mode mean_field]`
use hpg::Mode;
use hpg::study::scorecard::rows;

fn main() {
    let mode = if std::env::args().any(|a| a == "mean_field") {
        Mode::MeanField
    } else {
        Mode::Pulsatile
    };
    println!("| id | source | regimen | simulated ({mode}) | band | pass |");
    println!("|---|---|---|---|---|---|");
    let mut failed = 0;
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "mean_field")
        .collect();
    for row in rows()
        .into_iter()
        .filter(|r| only.is_empty() || only.iter().any(|o| o == r.id))
    {
        let mode = if row.pulsatile_only {
            Mode::Pulsatile
        } else {
            mode
        };
        let (sim, pass) = match (row.run)(mode) {
            Ok(o) => (o.simulated, o.pass),
            Err(e) => (format!("error: {e}"), false),
        };
        failed += usize::from(!pass);
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            row.id,
            row.source,
            row.regimen,
            sim,
            row.band,
            if pass { "yes" } else { "**no**" }
        );
    }
    eprintln!("{failed} row(s) outside their band");
}
