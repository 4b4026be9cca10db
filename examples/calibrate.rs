//! Calibration as code: a reproducible joint fit of chosen parameters against the scorecard
//! rows, with rows held out to see how a fit predicts rather than confirms.
//!
//! ```text
//! cargo run --release --example calibrate -- [--params a,b,c] [--fit IDS|all|first] [--hold-out IDS|wave2|none]
//!     [--mode both|mean_field|pulsatile] [--minutes M] [--iterations N] [--pull W]
//! ```
//!
//! The loss of a parameter set is, over every check of every fitted row in each mode, 100 times
//! the square of its distance outside its band plus 10 times that distance (log scale for
//! levels and ratios: a value 10 % outside costs about 2, 1 % outside 0.11), plus `pull` times
//! the square of its distance from the band's centre, so a fit does not trade even a small
//! band miss for a centre. Parameters are explored as log-factors on every
//! preset's value (a preset's own changes keep their proportion), or on one preset's only when
//! named `preset:parameter` (e.g. `older:kisspeptin_set_point`), by Nelder–Mead (`argmin`),
//! from the current values; nothing is random, so a run is reproducible. The run prints the
//! scorecard before and after (fitted and held-out rows), the factors and new values, and the
//! local sensitivity of each row's loss to each parameter: which rows constrain which
//! parameters, and which parameters no row constrains.

#[path = "common/cli.rs"]
mod cli;

use argmin::core::{CostFunction, Error, Executor, State};
use argmin::solver::neldermead::NelderMead;
use clap::Parser;
use cli::{between, exit, fail};
use hpg::Mode;
use hpg::study::scorecard::{Row, rows, scoped_parameter};
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::Instant;

const DEFAULT_PARAMS: [&str; 16] = [
    "kisspeptin_gain_per_d",
    "kisspeptin_recovery_gain_per_d",
    "kisspeptin_er_weight",
    "kisspeptin_free_t_weight",
    "freq_er_half",
    "lh_er_half",
    "fsh_er_half",
    "fsh_androgen_half",
    "fsh_inhibin_hill",
    "receptor_recovery_block_pg_ml",
    "receptor_desensitization_per_h",
    "lh_basal_synthesis",
    "fsh_synthesis_exponent",
    "pituitary_steroid_half_life_h",
    "pituitary_er_half_life_h",
    "synthesis_saturation",
];

/// Weight of the squared distance outside a band against the pull toward its centre.
const MISS_WEIGHT: f64 = 100.0;
/// Weight of the distance itself, so that small misses are not nearly free.
const MISS_LINEAR_WEIGHT: f64 = 10.0;

const WAVE2: [&str; 16] = [
    "D1", "D2", "D3", "D4", "D5", "D6", "D7", "P1", "P2", "P3", "P4", "L1", "E1", "E2", "E3", "X1",
];

/// One row in one mode.
type Task<'a> = (&'a Row, Mode);

/// The loss of the fitted rows at log-factors `x`.
struct Fit<'a> {
    tasks: Vec<Task<'a>>,
    params: Vec<String>,
    pull: f64,
    /// Extra weight on named rows' losses (`--weight`); 1 for the rest.
    weights: Vec<(String, f64)>,
    deadline: Instant,
}

impl Fit<'_> {
    fn factors(&self, x: &[f64]) -> Vec<(&str, f64)> {
        self.params
            .iter()
            .zip(x)
            .map(|(p, v)| (p.as_str(), v.exp()))
            .collect()
    }

    /// Each task's loss (a failed run, e.g. a factor outside a parameter's range, costs 1e5).
    fn row_losses(&self, x: &[f64]) -> Vec<f64> {
        let factors = self.factors(x);
        self.tasks
            .par_iter()
            .map(|(row, mode)| {
                let weight = self
                    .weights
                    .iter()
                    .find(|(id, _)| *id == row.id)
                    .map_or(1.0, |(_, w)| *w);
                weight * row_loss(row, *mode, &factors, self.pull)
            })
            .collect()
    }
}

fn row_loss(row: &Row, mode: Mode, factors: &[(&str, f64)], pull: f64) -> f64 {
    match row.run_adjusted(mode, factors) {
        Ok(o) => o
            .checks
            .iter()
            .map(|c| {
                MISS_WEIGHT * c.miss * c.miss
                    + MISS_LINEAR_WEIGHT * c.miss
                    + pull * c.off_centre * c.off_centre
            })
            .sum(),
        Err(_) => 1e5,
    }
}

impl CostFunction for Fit<'_> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, x: &Self::Param) -> Result<f64, Error> {
        if Instant::now() > self.deadline {
            // Out of time: every new point is worse than the best one kept, so the search
            // ends (at `max_iters`, cheaply) on the best point found; with a binding time
            // budget the result depends on the machine's speed.
            return Ok(f64::MAX);
        }
        Ok(self.row_losses(x).iter().sum())
    }
}

fn select<'a>(all: &'a [Row], spec: &str, default: &[&str]) -> Result<Vec<&'a Row>, String> {
    let ids: Vec<String> = match spec {
        "default" => default.iter().map(|s| s.to_string()).collect(),
        "all" => all.iter().map(|r| r.id.clone()).collect(),
        "none" => Vec::new(),
        "first" => all
            .iter()
            .filter(|r| !WAVE2.contains(&r.id.as_str()))
            .map(|r| r.id.clone())
            .collect(),
        "wave2" => WAVE2.iter().map(|s| s.to_string()).collect(),
        list => list.split(',').map(|s| s.trim().to_string()).collect(),
    };
    ids.iter()
        .map(|id| {
            all.iter()
                .find(|r| r.id == *id)
                .ok_or_else(|| format!("no scorecard row `{id}`"))
        })
        .collect()
}

/// The (row, mode) pairs to run: each row in each of `modes` it applies to.
fn tasks<'a>(rows: &[&'a Row], modes: &[Mode]) -> Vec<Task<'a>> {
    rows.iter()
        .flat_map(|row| {
            modes
                .iter()
                .filter(|m| **m == Mode::Pulsatile || !row.pulsatile_only)
                .map(move |m| (*row, *m))
        })
        .collect()
}

/// One line per row and mode: pass/fail and loss, before and after.
fn report(tasks: &[Task], before: &[(&str, f64)], after: &[(&str, f64)], pull: f64) {
    println!("| row | mode | before | loss | after | loss |");
    println!("|---|---|---|---|---|---|");
    for &(row, mode) in tasks {
        let show = |factors: &[(&str, f64)]| match row.run_adjusted(mode, factors) {
            Ok(o) => (
                if o.pass { "pass" } else { "miss" }.to_string(),
                row_loss(row, mode, factors, pull),
            ),
            Err(e) => (format!("error: {e}"), 1e5),
        };
        let (b, lb) = show(before);
        let (a, la) = show(after);
        println!("| {} | {mode} | {b} | {lb:.3} | {a} | {la:.3} |", row.id);
    }
}

/// Joint fit of model parameters against the clinical scorecard (calibration as code).
///
/// Exit status: 0 after a run, 1 when the scorecard cannot be run, 2 on bad options.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Comma-separated parameter names to fit [default: the feedback and pituitary set printed
    /// at the start]
    #[arg(long, value_name = "LIST")]
    params: Option<String>,
    /// Rows to fit: comma-separated ids, `first` (the 26 original rows) or `all`
    #[arg(long, value_name = "ROWS", default_value = "first")]
    fit: String,
    /// Rows reported but not fitted: ids, `wave2` (the 16 Wave 2 rows) or `none`
    #[arg(long, value_name = "ROWS", default_value = "wave2")]
    hold_out: String,
    /// both (every row in each mode it applies to; a fit in one mode can break the other),
    /// mean_field (fast; pulse-only rows are skipped) or pulsatile
    #[arg(long, default_value = "both")]
    mode: String,
    /// Wall-clock budget for the search [minutes]
    #[arg(long, default_value_t = 15.0, value_parser = between(0.01, 600.0))]
    minutes: f64,
    /// Most Nelder-Mead iterations
    #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    iterations: u64,
    /// Weight of the pull toward each band's centre
    #[arg(long, default_value_t = 0.05, value_parser = between(0.0, 10.0))]
    pull: f64,
    /// Weights on fitted rows' losses, e.g. `E1=5,S2=5` (a row near its band's edge that the
    /// search would otherwise trade away); rows not named weigh 1
    #[arg(long, value_name = "ID=W,...")]
    weight: Option<String>,
}

/// Parses `--weight`: `ID=W` pairs, each W finite and positive, each ID a fitted row.
fn parse_weights(spec: &str, fitted: &[&Row]) -> Result<Vec<(String, f64)>, String> {
    spec.split(',')
        .map(|pair| {
            let (id, w) = pair
                .split_once('=')
                .ok_or_else(|| format!("--weight: `{pair}` is not ID=W"))?;
            let (id, w) = (id.trim(), w.trim());
            let w: f64 = w
                .parse()
                .map_err(|_| format!("--weight: `{w}` is not a number"))?;
            if !(w.is_finite() && w > 0.0) {
                return Err(format!("--weight: {id}'s weight {w} is not positive"));
            }
            if !fitted.iter().any(|r| r.id == id) {
                return Err(format!("--weight: `{id}` is not a fitted row"));
            }
            Ok((id.to_string(), w))
        })
        .collect()
}

fn main() -> ExitCode {
    let args: Args = cli::parse();
    let options = (|| -> Result<_, String> {
        let params = args.params.unwrap_or_else(|| DEFAULT_PARAMS.join(","));
        let (fit, hold_out) = (args.fit, args.hold_out);
        let modes = match args.mode.as_str() {
            "both" => vec![Mode::MeanField, Mode::Pulsatile],
            other => vec![other.parse::<Mode>().map_err(|e| format!("--mode: {e}"))?],
        };
        let (minutes, iterations, pull) = (args.minutes, args.iterations, args.pull);
        let params: Vec<String> = params.split(',').map(|s| s.trim().to_string()).collect();
        for (i, p) in params.iter().enumerate() {
            let (_, name) = scoped_parameter(p).map_err(|e| format!("--params: {e}"))?;
            if hpg::Params::range(name).is_none() {
                return Err(format!(
                    "unknown parameter `{name}` (see hpg::Params::names())"
                ));
            }
            if params[..i].contains(p) {
                return Err(format!("parameter `{p}` is given twice"));
            }
        }
        let all = rows().map_err(|e| e.to_string())?;
        let weights = match &args.weight {
            Some(spec) => parse_weights(spec, &select(&all, &fit, &[])?)?,
            None => Vec::new(),
        };
        select(&all, &hold_out, &[])?;
        Ok((
            params, fit, hold_out, modes, minutes, iterations, pull, weights,
        ))
    })();
    let (params, fit_spec, hold_spec, modes, minutes, iterations, pull, weights) = match options {
        Ok(o) => o,
        Err(e) => return fail(&e, 2),
    };
    exit((|| -> Result<(), String> {
        let all = rows().map_err(|e| e.to_string())?;
        let fitted_rows = select(&all, &fit_spec, &[])?;
        let held_rows: Vec<&Row> = select(&all, &hold_spec, &[])?
            .into_iter()
            .filter(|r| !fitted_rows.iter().any(|f| f.id == r.id))
            .collect();
        let fitted = tasks(&fitted_rows, &modes);
        let held = tasks(&held_rows, &modes);
        if fitted.is_empty() {
            return Err("no rows to fit".into());
        }
        let names = |ts: &[Task]| {
            ts.iter()
                .map(|(r, m)| format!("{} ({m})", r.id))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!("# Calibration\n");
        println!("parameters: {}", params.join(", "));
        println!("fitted: {}", names(&fitted));
        if !weights.is_empty() {
            let shown: Vec<String> = weights.iter().map(|(id, w)| format!("{id} ×{w}")).collect();
            println!("weighted: {}", shown.join(", "));
        }
        println!("held out: {}\n", names(&held));
        let started = Instant::now();
        let problem = Fit {
            tasks: fitted.clone(),
            params: params.clone(),
            pull,
            weights: weights.clone(),
            deadline: started + std::time::Duration::from_secs_f64(minutes * 60.0),
        };
        let x0 = vec![0.0; params.len()];
        let start_loss: f64 = problem.row_losses(&x0).iter().sum();
        let mut simplex = vec![x0.clone()];
        for i in 0..params.len() {
            let mut v = x0.clone();
            v[i] = 0.1;
            simplex.push(v);
        }
        let solver = NelderMead::new(simplex)
            .with_sd_tolerance(1e-4)
            .map_err(|e| e.to_string())?;
        let result = Executor::new(problem, solver)
            .configure(|s| s.max_iters(iterations))
            .run()
            .map_err(|e| e.to_string())?;
        let state = result.state();
        let best = state.get_best_param().cloned().unwrap_or(x0.clone());
        println!(
            "loss {start_loss:.4} -> {:.4} after {} iterations, {:.0} s\n",
            state.get_best_cost(),
            state.get_iter(),
            started.elapsed().as_secs_f64()
        );
        let fit = Fit {
            tasks: fitted.clone(),
            params: params.clone(),
            pull,
            weights: weights.clone(),
            deadline: Instant::now() + std::time::Duration::from_secs(86_400),
        };
        let after = fit.factors(&best);
        println!("| parameter | factor | value before (healthy, or the named preset) | after |");
        println!("|---|---|---|---|");
        for (scoped, factor) in &after {
            let (only, name) = scoped_parameter(scoped).expect("checked when parsed");
            let v = only
                .unwrap_or(hpg::Preset::Healthy)
                .params()
                .get(name)
                .unwrap_or(f64::NAN);
            println!("| {scoped} | ×{factor:.3} | {v:.4} | {:.4} |", v * factor);
        }
        println!("\n## Fitted rows\n");
        report(&fitted, &[], &after, pull);
        if !held.is_empty() {
            println!("\n## Held-out rows (not fitted: how the fit predicts)\n");
            report(&held, &[], &after, pull);
        }
        // Which rows constrain which parameters: how much each row's measured values move
        // when one parameter moves (elasticity |d ln value / d ln factor|, central
        // differences; the largest over the row's checks). At the optimum the loss itself is
        // flat for rows inside their bands, so values, not losses, show the constraint.
        println!(
            "\n## Which rows constrain which parameters (largest |d ln value / d ln factor| over a row's checks, at the fit)\n"
        );
        let h = 0.05;
        let values = |x: &[f64]| -> Vec<Vec<Option<f64>>> {
            let factors = fit.factors(x);
            fitted
                .par_iter()
                .map(|(row, mode)| match row.run_adjusted(*mode, &factors) {
                    Ok(o) => o.checks.iter().map(|c| c.value).collect(),
                    Err(_) => Vec::new(),
                })
                .collect()
        };
        let elasticity = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) if a > 0.0 && b > 0.0 => (a / b).ln().abs() / (2.0 * h),
            (Some(a), Some(b)) => (a - b).abs() / (2.0 * h * a.abs().max(b.abs()).max(0.1)),
            _ => 0.0,
        };
        let mut table = vec![vec![0.0f64; params.len()]; fitted.len()];
        for j in 0..params.len() {
            let mut up = best.clone();
            up[j] += h;
            let mut down = best.clone();
            down[j] -= h;
            let (vu, vd) = (values(&up), values(&down));
            for i in 0..fitted.len() {
                table[i][j] = vu[i]
                    .iter()
                    .zip(&vd[i])
                    .map(|(a, b)| elasticity(*a, *b))
                    .fold(0.0, f64::max);
            }
        }
        println!("| row | mode | {} |", params.join(" | "));
        println!("|---|---|{}", "---|".repeat(params.len()));
        for (i, (row, mode)) in fitted.iter().enumerate() {
            let cells: Vec<String> = table[i].iter().map(|s| format!("{s:.2}")).collect();
            println!("| {} | {mode} | {} |", row.id, cells.join(" | "));
        }
        let loose: Vec<&str> = params
            .iter()
            .enumerate()
            .filter(|(j, _)| table.iter().all(|r| r[*j] < 0.01))
            .map(|(_, p)| p.as_str())
            .collect();
        println!(
            "\nnot identifiable from these rows (no measured value moves by 1 % per 100 % change): {}",
            if loose.is_empty() {
                "none".to_string()
            } else {
                loose.join(", ")
            }
        );
        Ok(())
    })())
}
