//! Clinical endpoints read off simulated trajectories: means over a window (a day of hourly
//! samples stands for a blood draw's daily average) and the time to sperm recovery after TRT.

use crate::error::{HpgError, Result};
use crate::output::Observation;
use crate::sim::Simulation;
use crate::units::{DAYS_PER_MONTH, Duration};

/// Mean of every output over the next `duration`, sampled every `every` (the current instant
/// excluded), stamped with the time at its end.
pub fn mean_over(sim: &mut Simulation, duration: Duration, every: Duration) -> Result<Observation> {
    let mut samples = Vec::new();
    let mut first = true;
    sim.run_streaming(duration, every, |o| {
        if !first {
            samples.push(*o);
        }
        first = false;
        Ok(())
    })?;
    let mut mean = Observation::mean(&samples).ok_or_else(|| HpgError::InvalidInput {
        field: "sample_every".into(),
        message: format!("{every} leaves no sample within {duration}"),
    })?;
    mean.time_days = sim.time_days();
    Ok(mean)
}

/// Daily mean of every output over the next day, sampled every 10 min: hourly samples would
/// alias `pulsatile` LH pulses (one every ~90–95 min) by several per cent (they did until
/// 2026-12-02).
pub fn daily_mean(sim: &mut Simulation) -> Result<Observation> {
    mean_over(sim, Duration::days(1.0), Duration::minutes(10.0))
}

/// Liu 2006's recovery endpoint on one man's trajectory after stopping TRT: months from the
/// last dose (`last_dose_day`) until sperm is back to ≥ 20 M/mL, or, for a man whose baseline
/// (the first sample) is under 20 M/mL, back within 5 % of that baseline (the model approaches
/// it only asymptotically). Counted after both the last dose and the lowest point within 120
/// days of it; 0 for a man never pushed below the threshold; `None` if he does not get back
/// within the trajectory.
///
/// ```
/// use hpg::Observation;
/// use hpg::study::months_to_sperm_recovery;
/// // Only time (column 0) and sperm (column 8) matter here.
/// let at = |day: f64, sperm: f64| {
///     Observation::from_values([day, 500.0, 100.0, 5.0, 5.0, 25.0, 400.0, 170.0, sperm, 22.0])
/// };
/// let man = [at(0.0, 60.0), at(100.0, 0.0), at(150.0, 5.0), at(252.0, 25.0)];
/// // Last dose on day 100: back to >= 20 M/mL 152 days (5.0 months) later.
/// let months = months_to_sperm_recovery(&man, 100.0).unwrap();
/// assert!((months - 152.0 / hpg::units::DAYS_PER_MONTH).abs() < 1e-12);
/// ```
pub fn months_to_sperm_recovery(samples: &[Observation], last_dose_day: f64) -> Option<f64> {
    let baseline = samples.first()?.sperm_million_per_ml;
    let target = if baseline < 20.0 {
        0.95 * baseline
    } else {
        20.0
    };
    let nadir = samples
        .iter()
        .filter(|o| o.time_days <= last_dose_day + 120.0)
        .min_by(|a, b| a.sperm_million_per_ml.total_cmp(&b.sperm_million_per_ml))?;
    if nadir.sperm_million_per_ml >= target {
        return Some(0.0);
    }
    // Back means back after both the lowest point and the last dose.
    let from = nadir.time_days.max(last_dose_day);
    samples
        .iter()
        .find(|o| o.time_days > from && o.sperm_million_per_ml >= target)
        .map(|o| (o.time_days - last_dose_day) / DAYS_PER_MONTH)
}
