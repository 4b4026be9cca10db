//! Prints the clinical scorecard: every scorecard row, simulated in both modes, against its
//! band (`src/study/scorecard/targets.toml`). With `--readme README.md` it also writes the table
//! into the README between the scorecard markers, so the README's table is never typed by hand.
//!
//! `cargo run --release --example validate [-- [ROW ...] [--readme README.md]]`
//!
//! Exits 1 when a row is outside its band in a mode it applies to (or a run fails), 2 on bad
//! options (an unknown row id among them).
#[path = "common/cli.rs"]
mod cli;

use clap::Parser;
use hpg::Mode;
use hpg::study::scorecard::{Outcome, rows};
use std::process::ExitCode;

const BEGIN: &str = "<!-- scorecard:begin (written by `cargo run --release --example validate -- --readme README.md`) -->";
const END: &str = "<!-- scorecard:end -->";

/// Prints the clinical scorecard: every row in both modes, against its band.
///
/// Exit status: 0 when every row is in its band in every mode it applies to, 1 when a row is
/// outside its band or a run fails, 2 for bad options.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Only these row ids (e.g. T2 S1); all rows when none are given
    #[arg(value_name = "ROW")]
    rows: Vec<String>,
    /// Also write the table into FILE between the scorecard markers
    #[arg(long, value_name = "FILE")]
    readme: Option<String>,
}

fn main() -> ExitCode {
    let args: Args = cli::parse();
    let rows = match rows() {
        Ok(rows) => rows,
        Err(e) => return cli::fail(&e.to_string(), cli::EXIT_RUN),
    };
    if let Some(unknown) = args
        .rows
        .iter()
        .find(|id| !rows.iter().any(|r| &r.id == *id))
    {
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        return cli::fail(
            &format!("unknown row `{unknown}` (rows: {})", ids.join(", ")),
            cli::EXIT_INPUT,
        );
    }
    // The README must take the table before minutes of rows are run.
    if let Some(path) = &args.readme {
        let markers = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| match (text.find(BEGIN), text.find(END)) {
                (Some(b), Some(e)) if b < e => Ok(()),
                _ => Err(format!("no scorecard markers ({BEGIN} … {END})")),
            });
        if let Err(e) = markers {
            return cli::fail(&format!("{path}: {e}"), cli::EXIT_INPUT);
        }
    }
    let (only, readme) = (args.rows, args.readme);
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
    let mut rows_missed = 0;
    let mut mean_field_misses = Vec::new();
    for row in rows
        .iter()
        .filter(|r| only.is_empty() || only.contains(&r.id))
    {
        let pulsatile = run(row, Mode::Pulsatile);
        failed += usize::from(!pulsatile.pass);
        let mut missed = !pulsatile.pass;
        let mean_field = if row.pulsatile_only {
            "—".to_string()
        } else {
            let o = run(row, Mode::MeanField);
            missed |= !o.pass;
            if o.pass {
                "yes".to_string()
            } else {
                mean_field_misses.push(format!("{}: {}", row.id, o.simulated));
                "**no**".to_string()
            }
        };
        rows_missed += usize::from(missed);
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
    eprintln!(
        "{failed} row(s) outside their band in pulsatile mode, {} in mean_field; {rows_missed} \
         row(s) outside their band in some mode",
        mean_field_misses.len()
    );
    if let Some(path) = readme
        && let Err(e) = write_into(&path, &table)
    {
        return cli::fail(&format!("{path}: {e}"), cli::EXIT_RUN);
    }
    if rows_missed > 0 {
        ExitCode::from(cli::EXIT_RUN)
    } else {
        ExitCode::SUCCESS
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
