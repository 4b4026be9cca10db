//! Prints the clinical scorecard: every scorecard row, simulated in both modes, against its
//! band (`src/study/scorecard/targets.toml`). With `--readme README.md` it also writes the table
//! into the README between the scorecard markers, so the README's table is never typed by hand.
//!
//! `cargo run --release --example validate [-- [ROW ...] [--readme README.md]]`
//!
//! Exits 1 when a row is outside its band in `pulsatile` (or a run fails), 2 on bad options.
use hpg::Mode;
use hpg::study::scorecard::{Outcome, rows};

const BEGIN: &str = "<!-- scorecard:begin (written by `cargo run --release --example validate -- --readme README.md`) -->";
const END: &str = "<!-- scorecard:end -->";

fn usage(problem: &str) -> ! {
    eprintln!("error: {problem} (see --help)");
    std::process::exit(2);
}

fn main() {
    let mut only: Vec<String> = Vec::new();
    let mut readme = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--readme" => {
                readme = Some(
                    args.next()
                        .unwrap_or_else(|| usage("--readme needs a file")),
                )
            }
            "--help" | "-h" => {
                println!(
                    "Prints the clinical scorecard (every row in both modes, against its band).\n\n\
                     Usage: validate [ROW ...] [--readme README.md]\n\n  \
                     ROW                 only these row ids (e.g. T2 S1)\n  \
                     --readme FILE       also write the table into FILE between the scorecard markers\n\n\
                     Exit status: 0 all rows in band in pulsatile mode, 1 a row outside its band or a\n\
                     failed run, 2 bad options."
                );
                return;
            }
            s if s.starts_with('-') => usage(&format!("unknown option `{s}`")),
            id => only.push(id.to_string()),
        }
    }
    let rows = match rows() {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let mut table = String::new();
    table.push_str(
        "| id | source | regimen | simulated (pulsatile) | band | pulsatile | mean_field |\n",
    );
    table.push_str("|---|---|---|---|---|---|---|\n");
    let run = |row: &hpg::study::scorecard::Row, mode| match row.run(mode) {
        Ok(o) => o,
        Err(e) => Outcome {
            simulated: format!("error: {e}"),
            pass: false,
            checks: Vec::new(),
        },
    };
    let mut failed = 0;
    let mut mean_field_misses = Vec::new();
    for row in rows
        .iter()
        .filter(|r| only.is_empty() || only.contains(&r.id))
    {
        let pulsatile = run(row, Mode::Pulsatile);
        failed += usize::from(!pulsatile.pass);
        let mean_field = if row.pulsatile_only {
            "—".to_string()
        } else {
            let o = run(row, Mode::MeanField);
            if o.pass {
                "yes".to_string()
            } else {
                mean_field_misses.push(format!("{}: {}", row.id, o.simulated));
                "**no**".to_string()
            }
        };
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            row.id,
            row.source,
            row.regimen,
            pulsatile.simulated,
            row.band,
            if pulsatile.pass { "yes" } else { "**no**" },
            mean_field
        ));
    }
    print!("{table}");
    for miss in &mean_field_misses {
        eprintln!("mean_field miss: {miss}");
    }
    eprintln!("{failed} row(s) outside their band in pulsatile mode");
    if let Some(path) = readme
        && let Err(e) = write_into(&path, &table)
    {
        eprintln!("error: {path}: {e}");
        std::process::exit(1);
    }
    if failed > 0 {
        std::process::exit(1);
    }
}

/// Replaces the text between the scorecard markers of `path` with `table`.
fn write_into(path: &str, table: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let (Some(begin), Some(end)) = (text.find(BEGIN), text.find(END)) else {
        return Err(format!("no scorecard markers ({BEGIN} … {END})"));
    };
    if end < begin {
        return Err("the scorecard markers are out of order".into());
    }
    let updated = format!("{}{BEGIN}\n{table}{}", &text[..begin], &text[end..]);
    std::fs::write(path, updated).map_err(|e| e.to_string())
}
