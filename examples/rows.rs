//! Branch tool: every scorecard row in one mode with parameter factors, one line each.
//!
//! ```text
//! cargo run --release --example rows -- m|p [name=factor ...]
//! ```
//!
//! `m` runs `mean_field`, `p` `pulsatile`; each `name=factor` multiplies a parameter on every
//! preset (as `calibrate` does). For trying a change by hand before a fit.

use hpg::Mode;
use hpg::study::scorecard::rows;
use rayon::prelude::*;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = if args.first().map(|s| s.as_str()) == Some("p") {
        Mode::Pulsatile
    } else {
        Mode::MeanField
    };
    let owned: Vec<(String, f64)> = args
        .iter()
        .skip(1)
        .filter_map(|a| {
            let (n, v) = a.split_once('=')?;
            Some((n.to_string(), v.parse().ok()?))
        })
        .collect();
    let factors: Vec<(&str, f64)> = owned.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let rows = rows().unwrap();
    let out: Vec<_> = rows
        .par_iter()
        .map(|r| (r.id.clone(), r.run_adjusted(mode, &factors)))
        .collect();
    let mut fails = 0;
    for (id, o) in out {
        match o {
            Ok(o) => {
                if !o.pass {
                    fails += 1;
                }
                println!(
                    "{id:4} {} {}",
                    if o.pass { "ok " } else { "NO " },
                    o.simulated
                )
            }
            Err(e) => println!("{id:4} ERR {e}"),
        }
    }
    println!("fails: {fails}");
}
