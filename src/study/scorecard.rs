//! The clinical scorecard: every published target row (id, source, regimen, band) as a
//! simulation with its band. `tests/clinical.rs` asserts each row; `examples/validate.rs`
//! prints the table; the README shows it.
//!
//! Every row uses the same parameters (the presets of [`crate::Preset`]); nothing here is
//! tuned per row.

use super::endpoints::{daily_mean, mean_over};
use crate::Result;
use crate::prelude::*;
use crate::units::DAYS_PER_MONTH;

/// The outcome of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The simulated value(s), formatted for the scorecard.
    pub simulated: String,
    /// Whether every number of the row lies in its band.
    pub pass: bool,
}

/// One calibration target.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// The row id (B1, T2, …), as in the README scorecard.
    pub id: &'static str,
    /// The study.
    pub source: &'static str,
    /// The regimen and patient.
    pub regimen: &'static str,
    /// The band, as text.
    pub band: &'static str,
    /// Runs the row in the given mode.
    pub run: fn(Mode) -> Result<Outcome>,
    /// Whether the row is about pulses (then it is checked in pulsatile mode only).
    pub pulsatile_only: bool,
}

fn start(preset: Preset, mode: Mode) -> Result<Simulation> {
    Simulation::new(Patient::new(preset), SimOptions::mode(mode))
}

/// Daily-mean baseline over the first day, then the regimens start at day 1.
fn baseline_then(
    preset: Preset,
    mode: Mode,
    regimens: &[Regimen],
) -> Result<(Simulation, Observation)> {
    let mut sim = start(preset, mode)?;
    let base = daily_mean(&mut sim)?;
    for r in regimens {
        sim.add_regimen(r.starting(Duration::days(1.0) + r.start))?;
    }
    Ok((sim, base))
}

fn within(x: f64, lo: f64, hi: f64) -> bool {
    x >= lo && x <= hi
}

fn days(d: f64) -> Duration {
    Duration::days(d)
}

fn te_weekly(mg: f64) -> Result<Regimen> {
    Ok(Regimen::repeated(
        Drug::TestosteroneEnanthate,
        Dose::mg(mg)?,
        Duration::weeks(1.0),
    ))
}

fn baseline_row(
    mode: Mode,
    f: fn(&Observation) -> f64,
    lo: f64,
    hi: f64,
    unit: &str,
) -> Result<Outcome> {
    let mut sim = start(Preset::Healthy, mode)?;
    let m = mean_over(&mut sim, days(3.0), Duration::minutes(10.0))?;
    let v = f(&m);
    Ok(Outcome {
        simulated: format!("{v:.3} {unit}"),
        pass: within(v, lo, hi),
    })
}

fn ratio_text(name: &str, r: f64) -> String {
    format!("{name} ×{r:.2}")
}

/// All rows, in scorecard order.
pub fn rows() -> Vec<Row> {
    vec![
        Row {
            id: "B1",
            source: "Travison 2017",
            regimen: "healthy, daily mean",
            band: "T 450–650 ng/dL",
            pulsatile_only: false,
            run: |m| baseline_row(m, |o| o.testosterone_ng_dl, 450.0, 650.0, "ng/dL"),
        },
        Row {
            id: "B2",
            source: "Södergård 1982; Vermeulen",
            regimen: "healthy",
            band: "free T 1.5–2.5 % of total",
            pulsatile_only: false,
            run: |m| {
                baseline_row(
                    m,
                    |o| o.free_testosterone_pg_ml / (10.0 * o.testosterone_ng_dl) * 100.0,
                    1.5,
                    2.5,
                    "%",
                )
            },
        },
        Row {
            id: "B3",
            source: "FAMHES",
            regimen: "healthy, daily mean",
            band: "LH 3–7 IU/L",
            pulsatile_only: false,
            run: |m| baseline_row(m, |o| o.lh_iu_l, 3.0, 7.0, "IU/L"),
        },
        Row {
            id: "B4",
            source: "FAMHES",
            regimen: "healthy, daily mean",
            band: "FSH 3–7 IU/L",
            pulsatile_only: false,
            run: |m| baseline_row(m, |o| o.fsh_iu_l, 3.0, 7.0, "IU/L"),
        },
        Row {
            id: "B5",
            source: "Verdonk 2019",
            regimen: "healthy",
            band: "E2 15–35 pg/mL",
            pulsatile_only: false,
            run: |m| baseline_row(m, |o| o.estradiol_pg_ml, 15.0, 35.0, "pg/mL"),
        },
        Row {
            id: "B6",
            source: "Grunewald 2013",
            regimen: "healthy",
            band: "inhibin B 100–250 pg/mL",
            pulsatile_only: false,
            run: |m| baseline_row(m, |o| o.inhibin_b_pg_ml, 100.0, 250.0, "pg/mL"),
        },
        Row {
            id: "B7",
            source: "Coviello 2005",
            regimen: "healthy",
            band: "ITT/serum T 60–120×",
            pulsatile_only: false,
            run: |m| {
                baseline_row(
                    m,
                    |o| o.itt_ng_ml / (o.testosterone_ng_dl / 100.0),
                    60.0,
                    120.0,
                    "×",
                )
            },
        },
        Row {
            id: "B8",
            source: "Veldhuis 1986, 1987",
            regimen: "healthy, pulsatile",
            band: "LH pulse interval 70–110 min",
            pulsatile_only: true,
            run: |_| {
                let mut sim = start(Preset::Healthy, Mode::Pulsatile)?;
                sim.advance_by(days(2.0))?;
                let interval = 2.0 * 24.0 * 60.0 / sim.stats().pulses as f64;
                Ok(Outcome {
                    simulated: format!("{interval:.1} min"),
                    pass: within(interval, 70.0, 110.0),
                })
            },
        },
        Row {
            id: "B9",
            source: "Veldhuis (R)",
            regimen: "healthy, pulsatile",
            band: "T peak 20–90 min after LH peak",
            pulsatile_only: true,
            run: |_| b9_lag(),
        },
        Row {
            id: "B10",
            source: "ESA 2019",
            regimen: "healthy",
            band: "testis volume 18–25 mL",
            pulsatile_only: false,
            run: |m| baseline_row(m, |o| o.testis_volume_ml, 18.0, 25.0, "mL"),
        },
        Row {
            id: "B11",
            source: "Cooper 2010",
            regimen: "healthy",
            band: "sperm 40–100 M/mL",
            pulsatile_only: false,
            run: |m| baseline_row(m, |o| o.sperm_million_per_ml, 40.0, 100.0, "M/mL"),
        },
        Row {
            id: "T1",
            source: "Nankin 1987",
            regimen: "TC 200 mg IM once (secondary)",
            band: "peak day 1.5–6, peak ×2–4, day-14 T < ×1.4",
            pulsatile_only: false,
            run: t1,
        },
        Row {
            id: "T2",
            source: "Coviello 2005",
            regimen: "TE 200 mg weekly, 3 wk (healthy)",
            band: "LH, FSH < 15 % of baseline; ITT −85…−98 %",
            pulsatile_only: false,
            run: |m| {
                let (mut sim, base) = baseline_then(Preset::Healthy, m, &[te_weekly(200.0)?])?;
                sim.advance_to(days(21.0))?;
                let end = daily_mean(&mut sim)?;
                let (lh, fsh) = (end.lh_iu_l / base.lh_iu_l, end.fsh_iu_l / base.fsh_iu_l);
                let itt = end.itt_ng_ml / base.itt_ng_ml - 1.0;
                Ok(Outcome {
                    simulated: format!(
                        "LH {:.1} %, FSH {:.1} %, ITT {:+.1} %",
                        100.0 * lh,
                        100.0 * fsh,
                        100.0 * itt
                    ),
                    pass: lh < 0.15 && fsh < 0.15 && within(itt, -0.98, -0.85),
                })
            },
        },
        Row {
            id: "T3",
            source: "Coviello 2005",
            regimen: "T2 + hCG 250 IU SC every other day",
            band: "ITT −30…+20 %",
            pulsatile_only: false,
            run: |m| {
                let hcg = Regimen::repeated(Drug::Hcg, Dose::iu(250.0)?, days(2.0));
                let (mut sim, base) = baseline_then(Preset::Healthy, m, &[te_weekly(200.0)?, hcg])?;
                sim.advance_to(days(21.0))?;
                let end = daily_mean(&mut sim)?;
                let itt = end.itt_ng_ml / base.itt_ng_ml - 1.0;
                Ok(Outcome {
                    simulated: format!(
                        "ITT {:+.1} %, T {:.0} ng/dL",
                        100.0 * itt,
                        end.testosterone_ng_dl
                    ),
                    pass: within(itt, -0.30, 0.20),
                })
            },
        },
        Row {
            id: "T4",
            source: "WHO 1990",
            regimen: "TE 200 mg weekly, 6 mo (healthy)",
            band: "sperm < 1 M/mL by day 90–180",
            pulsatile_only: false,
            run: |m| {
                let (mut sim, _) = baseline_then(Preset::Healthy, m, &[te_weekly(200.0)?])?;
                let day = first_day(&mut sim, 200.0, |o| o.sperm_million_per_ml < 1.0)?;
                Ok(Outcome {
                    simulated: day.map_or("not by day 200".into(), |d| format!("day {d:.0}")),
                    pass: day.is_some_and(|d| within(d, 90.0, 180.0)),
                })
            },
        },
        Row {
            id: "T5",
            source: "Liu 2006",
            regimen: "T4, then stop",
            band: "sperm ≥ 20 M/mL at 2–6 mo after last dose",
            pulsatile_only: false,
            run: |m| {
                let (mut sim, _) =
                    baseline_then(Preset::Healthy, m, &[te_weekly(200.0)?.times(26)])?;
                let last_dose = 1.0 + 25.0 * 7.0;
                sim.advance_to(days(last_dose))?;
                let day = first_day(&mut sim, 400.0, |o| o.sperm_million_per_ml >= 20.0)?;
                let months = day.map(|d| (d - last_dose) / DAYS_PER_MONTH);
                Ok(Outcome {
                    simulated: months
                        .map_or("not within 400 d".into(), |mo| format!("{mo:.1} months")),
                    pass: months.is_some_and(|mo| within(mo, 2.0, 6.0)),
                })
            },
        },
        Row {
            id: "T6",
            source: "Hsieh 2013",
            regimen: "TC 100 mg weekly + hCG 500 IU every other day, 1 y (secondary)",
            band: "sperm ≥ 50 % of baseline at 1 y",
            pulsatile_only: false,
            run: |m| {
                let trt = Regimen::repeated(
                    Drug::TestosteroneCypionate,
                    Dose::mg(100.0)?,
                    Duration::weeks(1.0),
                );
                let hcg = Regimen::repeated(Drug::Hcg, Dose::iu(500.0)?, days(2.0));
                let (mut sim, base) = baseline_then(Preset::SecondaryHypogonadism, m, &[trt, hcg])?;
                sim.advance_to(days(365.0))?;
                let end = daily_mean(&mut sim)?;
                let r = end.sperm_million_per_ml / base.sperm_million_per_ml;
                Ok(Outcome {
                    simulated: format!(
                        "sperm {:.0} % of baseline, T {:.0} → {:.0} ng/dL",
                        100.0 * r,
                        base.testosterone_ng_dl,
                        end.testosterone_ng_dl
                    ),
                    pass: r >= 0.5,
                })
            },
        },
        Row {
            id: "T7",
            source: "ESA 2019",
            regimen: "TE 200 mg weekly, 1 y (healthy)",
            band: "testis volume −20…−50 %",
            pulsatile_only: false,
            run: |m| {
                let (mut sim, base) = baseline_then(Preset::Healthy, m, &[te_weekly(200.0)?])?;
                sim.advance_to(days(365.0))?;
                let end = daily_mean(&mut sim)?;
                let r = end.testis_volume_ml / base.testis_volume_ml - 1.0;
                Ok(Outcome {
                    simulated: format!("{:+.1} %", 100.0 * r),
                    pass: within(r, -0.50, -0.20),
                })
            },
        },
        Row {
            id: "S1",
            source: "Helo 2017",
            regimen: "clomiphene 25 mg daily, 12 wk (secondary)",
            band: "T ×1.7–3.0; LH ×1.3–2.5; E2 ×1.4–2.5",
            pulsatile_only: false,
            run: |m| {
                let clo = Regimen::repeated(Drug::ClomipheneCitrate, Dose::mg(25.0)?, days(1.0));
                let (mut sim, base) = baseline_then(Preset::SecondaryHypogonadism, m, &[clo])?;
                sim.advance_to(days(84.0))?;
                let end = daily_mean(&mut sim)?;
                let (t, lh, e2) = (
                    end.testosterone_ng_dl / base.testosterone_ng_dl,
                    end.lh_iu_l / base.lh_iu_l,
                    end.estradiol_pg_ml / base.estradiol_pg_ml,
                );
                Ok(Outcome {
                    simulated: format!(
                        "{}, {}, {}",
                        ratio_text("T", t),
                        ratio_text("LH", lh),
                        ratio_text("E2", e2)
                    ),
                    pass: within(t, 1.7, 3.0) && within(lh, 1.3, 2.5) && within(e2, 1.4, 2.5),
                })
            },
        },
        Row {
            id: "S2",
            source: "Katz 2012",
            regimen: "clomiphene 25 mg every other day, 12 wk (secondary)",
            band: "T ×1.7–3.0; LH and FSH above baseline",
            pulsatile_only: false,
            run: |m| {
                let clo = Regimen::repeated(Drug::ClomipheneCitrate, Dose::mg(25.0)?, days(2.0));
                let (mut sim, base) = baseline_then(Preset::SecondaryHypogonadism, m, &[clo])?;
                sim.advance_to(days(84.0))?;
                let end = daily_mean(&mut sim)?;
                let (t, lh, fsh) = (
                    end.testosterone_ng_dl / base.testosterone_ng_dl,
                    end.lh_iu_l / base.lh_iu_l,
                    end.fsh_iu_l / base.fsh_iu_l,
                );
                Ok(Outcome {
                    simulated: format!(
                        "{}, {}, {}",
                        ratio_text("T", t),
                        ratio_text("LH", lh),
                        ratio_text("FSH", fsh)
                    ),
                    pass: within(t, 1.7, 3.0) && lh > 1.0 && fsh > 1.0,
                })
            },
        },
        Row {
            id: "S3",
            source: "Wiehle 2013; ZA-002",
            regimen: "enclomiphene 25 mg daily, 14 d (secondary)",
            band: "T 350–750 ng/dL at day 14; within 20 % of baseline 28 d after the last dose",
            pulsatile_only: false,
            run: |m| {
                let en =
                    Regimen::repeated(Drug::Enclomiphene, Dose::mg(25.0)?, days(1.0)).times(14);
                let (mut sim, base) = baseline_then(Preset::SecondaryHypogonadism, m, &[en])?;
                sim.advance_to(days(14.0))?;
                let d14 = daily_mean(&mut sim)?;
                sim.advance_to(days(14.0 + 28.0))?;
                let after = daily_mean(&mut sim)?;
                let back = after.testosterone_ng_dl / base.testosterone_ng_dl - 1.0;
                Ok(Outcome {
                    simulated: format!(
                        "T {:.0} ng/dL at day 14; {:+.0} % of baseline 28 d after",
                        d14.testosterone_ng_dl,
                        100.0 * back
                    ),
                    pass: within(d14.testosterone_ng_dl, 350.0, 750.0) && back.abs() <= 0.20,
                })
            },
        },
        Row {
            id: "A1",
            source: "Leder 2004",
            regimen: "anastrozole 1 mg daily, 12 wk (older)",
            band: "T ×1.3–2.0; E2 −20…−55 %; LH ×1.2–2.2",
            pulsatile_only: false,
            run: |m| anastrozole(m, 84.0),
        },
        Row {
            id: "A2",
            source: "Burnett-Bowie 2009",
            regimen: "anastrozole 1 mg daily, 1 y (older)",
            band: "as A1",
            pulsatile_only: false,
            run: |m| anastrozole(m, 365.0),
        },
        Row {
            id: "G1",
            source: "Belchetz 1978",
            regimen: "gonadorelin 2.5 ug IV every 90 min vs 40 ug/day continuous (GnRH-deficient)",
            band: "day 14: LH pulsatile ≥ 3× continuous, pulsatile 2–10 IU/L",
            pulsatile_only: false,
            run: |m| {
                let pulses =
                    Regimen::repeated(Drug::Gonadorelin, Dose::ug(2.5)?, Duration::minutes(90.0))
                        .route(Route::Iv);
                let continuous =
                    Regimen::infusion(Drug::Gonadorelin, InfusionRate::ug_per_hour(40.0 / 24.0)?)
                        .route(Route::Iv);
                let lh = |r: Regimen| -> Result<f64> {
                    let (mut sim, _) = baseline_then(Preset::GnrhDeficient, m, &[r])?;
                    sim.advance_to(days(14.0))?;
                    Ok(daily_mean(&mut sim)?.lh_iu_l)
                };
                let (p, c) = (lh(pulses)?, lh(continuous)?);
                Ok(Outcome {
                    simulated: format!(
                        "LH pulsatile {p:.2}, continuous {c:.2} IU/L (×{:.1})",
                        p / c
                    ),
                    pass: p >= 3.0 * c && within(p, 2.0, 10.0),
                })
            },
        },
        Row {
            id: "G2",
            source: "Liu 1988",
            regimen: "gonadorelin 10 ug SC every 2 h (GnRH-deficient)",
            band: "T 300–900 ng/dL within 4 wk",
            pulsatile_only: false,
            run: |m| {
                let pump =
                    Regimen::repeated(Drug::Gonadorelin, Dose::ug(10.0)?, Duration::hours(2.0))
                        .route(Route::Sc);
                let (mut sim, _) = baseline_then(Preset::GnrhDeficient, m, &[pump])?;
                sim.advance_to(days(28.0))?;
                let end = daily_mean(&mut sim)?;
                Ok(Outcome {
                    simulated: format!(
                        "T {:.0} ng/dL, LH {:.1}, FSH {:.1} IU/L at day 28",
                        end.testosterone_ng_dl, end.lh_iu_l, end.fsh_iu_l
                    ),
                    pass: within(end.testosterone_ng_dl, 300.0, 900.0),
                })
            },
        },
        Row {
            id: "G3",
            source: "Pitteloud 2008",
            regimen: "T add-back: TE 100 mg weekly (healthy), pulsatile",
            band: "pulse frequency falls; LH pulse amplitude does not fall",
            pulsatile_only: true,
            run: |_| g3(),
        },
    ]
}

/// First day (daily samples) on which `cond` holds, within `horizon` days from now.
fn first_day(
    sim: &mut Simulation,
    horizon: f64,
    cond: impl Fn(&Observation) -> bool,
) -> Result<Option<f64>> {
    let mut found = None;
    sim.run_streaming(days(horizon), days(1.0), |o| {
        if found.is_none() && cond(o) {
            found = Some(o.time_days);
        }
        Ok(())
    })?;
    Ok(found)
}

fn t1(mode: Mode) -> Result<Outcome> {
    let tc = Regimen::single(Drug::TestosteroneCypionate, Dose::mg(200.0)?);
    let (mut sim, base) = baseline_then(Preset::SecondaryHypogonadism, mode, &[tc])?;
    let mut peak = (0.0, 0.0);
    let mut day14 = 0.0;
    for day in 1..=15 {
        let m = daily_mean(&mut sim)?;
        if m.testosterone_ng_dl > peak.1 {
            peak = (day as f64 - 0.5, m.testosterone_ng_dl);
        }
        if day == 14 {
            day14 = m.testosterone_ng_dl;
        }
    }
    let (ratio, r14) = (
        peak.1 / base.testosterone_ng_dl,
        day14 / base.testosterone_ng_dl,
    );
    Ok(Outcome {
        simulated: format!("peak day {:.1}, ×{ratio:.2}; day 14 ×{r14:.2}", peak.0),
        pass: within(peak.0, 1.5, 6.0) && within(ratio, 2.0, 4.0) && r14 < 1.4,
    })
}

fn anastrozole(mode: Mode, length_days: f64) -> Result<Outcome> {
    let ai = Regimen::repeated(Drug::Anastrozole, Dose::mg(1.0)?, days(1.0));
    let (mut sim, base) = baseline_then(Preset::Older, mode, &[ai])?;
    sim.advance_to(days(length_days))?;
    let end = daily_mean(&mut sim)?;
    let (t, e2, lh) = (
        end.testosterone_ng_dl / base.testosterone_ng_dl,
        end.estradiol_pg_ml / base.estradiol_pg_ml - 1.0,
        end.lh_iu_l / base.lh_iu_l,
    );
    Ok(Outcome {
        simulated: format!(
            "{}, E2 {:+.0} %, {}",
            ratio_text("T", t),
            100.0 * e2,
            ratio_text("LH", lh)
        ),
        pass: within(t, 1.3, 2.0) && within(e2, -0.55, -0.20) && within(lh, 1.2, 2.2),
    })
}

/// LH pulses in one day sampled every 2 min: (count of LH peaks, mean peak − preceding trough).
fn lh_pulses(sim: &mut Simulation) -> Result<(usize, f64)> {
    let traj = sim.run(days(1.0), Duration::minutes(2.0))?;
    let lh: Vec<f64> = traj.samples.iter().map(|o| o.lh_iu_l).collect();
    let (mut count, mut amp_sum, mut trough) = (0usize, 0.0, lh[0]);
    for i in 1..lh.len() - 1 {
        if lh[i] < lh[i - 1] && lh[i] <= lh[i + 1] {
            trough = lh[i];
        }
        if lh[i] > lh[i - 1] && lh[i] >= lh[i + 1] {
            count += 1;
            amp_sum += lh[i] - trough;
        }
    }
    Ok((count, amp_sum / count.max(1) as f64))
}

fn b9_lag() -> Result<Outcome> {
    let mut sim = start(Preset::Healthy, Mode::Pulsatile)?;
    let traj = sim.run(days(1.0), Duration::minutes(1.0))?;
    let s = &traj.samples;
    // For each LH peak, the delay to the next T peak.
    let mut lags = Vec::new();
    for i in 1..s.len() - 1 {
        let lh_peak = s[i].lh_iu_l > s[i - 1].lh_iu_l && s[i].lh_iu_l >= s[i + 1].lh_iu_l;
        if !lh_peak {
            continue;
        }
        if let Some(j) = (i + 1..s.len() - 1).find(|&j| {
            s[j].testosterone_ng_dl > s[j - 1].testosterone_ng_dl
                && s[j].testosterone_ng_dl >= s[j + 1].testosterone_ng_dl
        }) {
            lags.push((s[j].time_days - s[i].time_days) * 1440.0);
        }
    }
    let lag = lags.iter().sum::<f64>() / lags.len().max(1) as f64;
    Ok(Outcome {
        simulated: format!("{lag:.0} min (mean of {} pulses)", lags.len()),
        pass: !lags.is_empty() && within(lag, 20.0, 90.0),
    })
}

fn g3() -> Result<Outcome> {
    let mut sim = start(Preset::Healthy, Mode::Pulsatile)?;
    let (n0, a0) = lh_pulses(&mut sim)?;
    sim.add_regimen(te_weekly(100.0)?.starting(days(1.0)))?;
    sim.advance_to(days(8.0))?;
    let (n1, a1) = lh_pulses(&mut sim)?;
    Ok(Outcome {
        simulated: format!("{n0} → {n1} pulses/day; amplitude {a0:.2} → {a1:.2} IU/L"),
        pass: (n1 as f64) < 0.8 * n0 as f64 && a1 >= a0,
    })
}
