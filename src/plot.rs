//! Figures (cargo feature `plot`, on by default): a trajectory or a population summary drawn
//! as multi-panel time series with plotters, to `.svg` or `.png`, with the embedded DejaVu Sans
//! font (no system fonts needed).
//!
//! [`trajectory`] and [`population`] draw the standard figures that `examples/simulate` draws;
//! [`Figure`], [`Panel`], [`Series`], [`Fan`] and [`DoseMarks`] build any other. Every axis is
//! labelled with numbers and units (1-2-5 labels on log axes), time runs in days, weeks or months
//! by the length of the run, healthy ranges are shaded and named, doses are one row of marks per
//! drug, and the sperm axis ends at an azoospermia line.
//!
//! ```no_run
//! use hpg::prelude::*;
//! use hpg::plot::{PlotOptions, trajectory};
//! let mut sim = Simulation::new(Patient::new(Preset::Healthy), SimOptions::mode(Mode::MeanField))?;
//! let trt: Regimen =
//!     Regimen::repeated(Drug::TestosteroneCypionate, Dose::mg(100.0)?, Duration::weeks(1.0)).into();
//! sim.add_regimen(trt)?;
//! let traj = sim.run(Duration::weeks(12.0), Duration::days(1.0))?;
//! let options = PlotOptions { regimens: vec![trt], ..PlotOptions::default() };
//! trajectory(&traj, "trt.png", &options).map_err(|e| HpgError::InvalidInput {
//!     field: "plot".into(),
//!     message: e,
//! })?;
//! # Ok::<(), HpgError>(())
//! ```

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use std::path::Path;

pub use plotters::style::RGBColor;

/// One line of a panel.
pub struct Series {
    /// Legend text.
    pub label: String,
    /// Line colour.
    pub color: RGBColor,
    /// (time in days, value)
    pub points: Vec<(f64, f64)>,
}

/// One panel: a quantity over time.
pub struct Panel {
    /// Panel title.
    pub title: String,
    /// Y-axis label with its unit.
    pub y_label: String,
    /// The lines.
    pub series: Vec<Series>,
    /// Healthy reference band (low, high) and where it comes from.
    pub band: Option<(f64, f64, &'static str)>,
    /// Logarithmic y axis (for quantities spanning decades, e.g. sperm).
    pub log_y: bool,
    /// A floor line (value, label): values below it are drawn on it (e.g. azoospermia).
    pub floor: Option<(f64, &'static str)>,
    /// Shaded bands between two curves (centile fans), drawn under the lines.
    pub fans: Vec<Fan>,
}

/// A shaded band between a lower and an upper curve (e.g. the 5th–95th centiles).
pub struct Fan {
    /// Legend text.
    pub label: String,
    /// Fill colour (mixed with `opacity`).
    pub color: RGBColor,
    /// Opacity of the fill (0–1).
    pub opacity: f64,
    /// (time in days, lower value, upper value)
    pub points: Vec<(f64, f64, f64)>,
}

/// The doses of one drug: one row of marks under every panel, in the drug's colour.
pub struct DoseMarks {
    /// What is given, e.g. "hCG 500 IU/2 d SC".
    pub label: String,
    /// Mark colour.
    pub color: RGBColor,
    /// Dose times \[days\].
    pub times: Vec<f64>,
}

/// A whole figure.
pub struct Figure {
    /// Title over the whole figure.
    pub title: String,
    /// A line under the title (e.g. the regimen), or empty.
    pub subtitle: String,
    /// The panels, row by row.
    pub panels: Vec<Panel>,
    /// Panels per row.
    pub columns: usize,
    /// Dose marks, one row per drug under every panel.
    pub doses: Vec<DoseMarks>,
    /// Width \[pixels\].
    pub width: u32,
    /// Height \[pixels\].
    pub height: u32,
    /// One legend for all panels in a strip at the bottom (the first panel's series), instead of
    /// a legend inside each panel: for many lines that share colours across panels.
    pub shared_legend: bool,
}

/// A palette that survives greyscale printing reasonably (Okabe–Ito colours and greys).
pub const PALETTE: [RGBColor; 9] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
    RGBColor(100, 100, 100),
    RGBColor(160, 30, 30),
    RGBColor(30, 30, 160),
];

static FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

/// Draws `figure` to `path` (`.svg` or `.png`); the error is one line.
pub fn draw(figure: &Figure, path: &Path) -> Result<(), String> {
    register_font("sans-serif", FontStyle::Normal, FONT)
        .map_err(|_| "cannot load the embedded font".to_string())?;
    let size = (figure.width, figure.height);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let result = match ext {
        "svg" => draw_on(figure, SVGBackend::new(path, size).into_drawing_area()),
        "png" => draw_on(figure, BitMapBackend::new(path, size).into_drawing_area()),
        _ => {
            return Err(format!(
                "plot file must end in .svg or .png, got `{}`",
                path.display()
            ));
        }
    };
    result.map_err(|e| format!("cannot draw {}: {e}", path.display()))
}

/// A tick label without spurious decimals: `1100`, `2.5`, `0.05`.
pub fn tick_label(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let magnitude = v.abs();
    let decimals = if magnitude >= 10.0 {
        0
    } else {
        // Two significant digits below 10, trailing zeros dropped.
        (1.0 - magnitude.log10().floor()).max(0.0) as usize
    };
    let text = format!("{v:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Ticks 1-2-5 per decade between `lo` and `hi` (more per decade when the range is short).
pub fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mantissas: &[f64] = if hi / lo < 20.0 {
        &[1.0, 1.5, 2.0, 3.0, 5.0, 7.0]
    } else if hi / lo < 1e4 {
        &[1.0, 2.0, 5.0]
    } else {
        &[1.0]
    };
    let mut ticks = Vec::new();
    let mut decade = 10f64.powf(lo.log10().floor());
    while decade <= hi {
        for m in mantissas {
            let t = m * decade;
            if t >= lo && t <= hi {
                ticks.push(t);
            }
        }
        decade *= 10.0;
    }
    ticks
}

/// The time unit of an axis spanning `t_end` days: days up to 10 weeks, weeks up to two years,
/// months beyond. Returns (days per unit, axis label).
pub fn time_unit(t_end: f64) -> (f64, &'static str) {
    if t_end <= 70.0 {
        (1.0, "time (days)")
    } else if t_end <= 730.0 {
        (7.0, "time (weeks)")
    } else {
        (crate::units::DAYS_PER_MONTH, "time (months)")
    }
}

fn draw_on<DB: DrawingBackend>(
    figure: &Figure,
    root: DrawingArea<DB, Shift>,
) -> Result<(), Box<dyn std::error::Error + 'static>>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let root = root.titled(&figure.title, ("sans-serif", 26))?;
    let root = if figure.subtitle.is_empty() {
        root
    } else {
        root.titled(
            &figure.subtitle,
            ("sans-serif", 17).into_font().color(&BLACK.mix(0.75)),
        )?
    };
    // Legend strip at the bottom: the shared series legend and the dose rows.
    let shared = if figure.shared_legend {
        figure.panels.first().map_or(0, |p| p.series.len())
    } else {
        0
    };
    let entries = shared + figure.doses.len();
    let (root, strip) = if entries > 0 {
        let strip_height = 30 * entries.div_ceil(3) as u32 + 20;
        let (_, h) = root.dim_in_pixel();
        let (top, bottom) = root.split_vertically(h.saturating_sub(strip_height));
        (top, Some(bottom))
    } else {
        (root, None)
    };
    if let Some(strip) = &strip {
        let mut items: Vec<(String, RGBColor, bool)> = Vec::new();
        if let Some(first) = figure.panels.first().filter(|_| figure.shared_legend) {
            items.extend(
                first
                    .series
                    .iter()
                    .map(|s| (s.label.clone(), s.color, false)),
            );
        }
        items.extend(
            figure
                .doses
                .iter()
                .map(|d| (format!("doses: {}", d.label), d.color, true)),
        );
        for (i, (label, color, is_dose)) in items.into_iter().enumerate() {
            let (col, row) = ((i % 3) as i32, (i / 3) as i32);
            let (x, y) = (80 + col * (figure.width as i32 - 120) / 3, 12 + row * 30);
            if is_dose {
                for k in 0..4 {
                    strip.draw(&PathElement::new(
                        [(x + 4 + 9 * k, y + 1), (x + 4 + 9 * k, y + 15)],
                        color.stroke_width(2),
                    ))?;
                }
            } else {
                strip.draw(&PathElement::new(
                    [(x, y + 8), (x + 36, y + 8)],
                    color.stroke_width(4),
                ))?;
            }
            strip.draw(&Text::new(
                label,
                (x + 46, y),
                ("sans-serif", 17).into_font(),
            ))?;
        }
    }
    let rows = figure.panels.len().div_ceil(figure.columns);
    let areas = root.split_evenly((rows, figure.columns));
    for (panel, area) in figure.panels.iter().zip(areas.iter()) {
        // Each panel spans its own data (a zoom panel beside a whole-run panel).
        let t_end = panel
            .series
            .iter()
            .flat_map(|s| s.points.last())
            .map(|p| p.0)
            .chain(panel.fans.iter().flat_map(|f| f.points.last()).map(|p| p.0))
            .fold(0.0f64, f64::max)
            .max(1.0);
        draw_panel(panel, area, t_end, &figure.doses, !figure.shared_legend)?;
    }
    root.present()?;
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(
    panel: &Panel,
    area: &DrawingArea<DB, Shift>,
    t_end: f64,
    doses: &[DoseMarks],
    with_legend: bool,
) -> Result<(), Box<dyn std::error::Error + 'static>>
where
    DB::ErrorType: 'static,
{
    let values = panel
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .chain(
            panel
                .fans
                .iter()
                .flat_map(|f| f.points.iter().flat_map(|p| [p.1, p.2])),
        );
    let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if let Some((b_lo, b_hi, _)) = panel.band {
        lo = lo.min(b_lo);
        hi = hi.max(b_hi);
    }
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let (per_unit, x_label) = time_unit(t_end);
    let x_end = t_end / per_unit;
    // Title, then the legend in rows above the plot (never on the data), then the chart.
    let area = area.titled(&panel.title, ("sans-serif", 18))?;
    let legend = if with_legend {
        legend_entries(panel)
    } else {
        Vec::new()
    };
    // Flow layout: entries left to right, wrapping at the panel's width.
    let (width, _) = area.dim_in_pixel();
    let font = ("sans-serif", 13).into_font();
    let mut placed = Vec::with_capacity(legend.len());
    let (mut x, mut y) = (70i32, 2i32);
    for (label, _) in &legend {
        let text_width = area.estimate_text_size(label, &font.clone().into())?.0 as i32;
        let entry_width = 26 + text_width + 24;
        if x > 70 && x + entry_width > width as i32 - 10 {
            (x, y) = (70, y + 20);
        }
        placed.push((x, y));
        x += entry_width;
    }
    let legend_height = if legend.is_empty() { 0 } else { y as u32 + 20 };
    let (legend_area, area) = area.split_vertically(legend_height);
    for ((label, marker), &(x, y)) in legend.iter().zip(&placed) {
        match marker {
            LegendMarker::Line(color) => legend_area.draw(&PathElement::new(
                [(x, y + 7), (x + 20, y + 7)],
                color.stroke_width(2),
            ))?,
            LegendMarker::Dashed => {
                for dash in [0, 12] {
                    legend_area.draw(&PathElement::new(
                        [(x + dash, y + 7), (x + dash + 8, y + 7)],
                        BLACK.mix(0.55),
                    ))?;
                }
            }
            LegendMarker::Fill(color) => legend_area.draw(&Rectangle::new(
                [(x, y + 2), (x + 20, y + 12)],
                color.filled(),
            ))?,
        }
        legend_area.draw(&Text::new(label.clone(), (x + 26, y), font.clone()))?;
    }
    let mut builder = ChartBuilder::on(&area);
    builder
        .margin(12)
        .margin_top(6)
        .x_label_area_size(36)
        .y_label_area_size(62);
    // Dose rows take the bottom 4 % of the axis each; each scale says where a fraction of
    // its height lies, and the drawing is shared.
    let rows = doses.len().max(1) as f64;
    if panel.log_y {
        let lo = match panel.floor {
            Some((f, _)) => f,
            None => lo.max(hi * 1e-4).max(1e-3),
        };
        let top = hi * 1.3;
        let bottom = lo / (top / lo).powf(0.04 * rows / (1.0 - 0.04 * rows)).max(1.25);
        let ticks = log_ticks(bottom, top);
        let mut chart = builder
            .build_cartesian_2d(0.0..x_end, (bottom..top).log_scale().with_key_points(ticks))?;
        let at = |fraction: f64| bottom * (top / bottom).powf(fraction);
        fill(
            &mut chart,
            panel,
            (x_label, per_unit, x_end),
            doses,
            lo,
            &at,
        )
    } else {
        let pad = 0.08 * (hi - lo).max(hi.abs() * 0.05).max(1e-9);
        let floor = if lo >= 0.0 {
            0.0f64.max(lo - pad)
        } else {
            lo - pad
        };
        let top = hi + pad;
        let bottom = floor - (top - floor) * 0.04 * (rows - 1.0);
        let mut chart = builder.build_cartesian_2d(0.0..x_end, bottom..top)?;
        let at = |fraction: f64| bottom + (top - bottom) * fraction;
        fill(
            &mut chart,
            panel,
            (x_label, per_unit, x_end),
            doses,
            f64::NEG_INFINITY,
            &at,
        )
    }
}

/// How a legend entry is marked.
enum LegendMarker {
    Line(RGBColor),
    Dashed,
    Fill(RGBAColor),
}

/// A panel's legend: the healthy range, the floor line, the fans and the lines; empty when the
/// panel shows a single line and nothing else (its title and axis say what it is).
fn legend_entries(panel: &Panel) -> Vec<(String, LegendMarker)> {
    let mut entries = Vec::new();
    if let Some((_, _, source)) = panel.band {
        entries.push((
            format!("healthy range, {source}"),
            LegendMarker::Fill(RGBColor(120, 200, 120).mix(0.3)),
        ));
    }
    if let Some((_, label)) = panel.floor {
        entries.push((label.to_string(), LegendMarker::Dashed));
    }
    for fan in &panel.fans {
        entries.push((
            fan.label.clone(),
            LegendMarker::Fill(fan.color.mix(fan.opacity)),
        ));
    }
    for s in &panel.series {
        entries.push((s.label.clone(), LegendMarker::Line(s.color)));
    }
    if panel.series.len() + panel.fans.len() > 1 || panel.band.is_some() || panel.floor.is_some() {
        entries
    } else {
        Vec::new()
    }
}

/// Draws mesh, healthy band, floor line, lines (clipped at the floor) and dose rows on a chart
/// of either scale. `at(f)` is the y value at fraction `f` of the axis height.
fn fill<'a, DB, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    panel: &'a Panel,
    (x_label, per_unit, x_end): (&str, f64, f64),
    doses: &[DoseMarks],
    floor: f64,
    at: &dyn Fn(f64) -> f64,
) -> Result<(), Box<dyn std::error::Error + 'static>>
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    Y: Ranged<ValueType = f64> + plotters::coord::ranged1d::ValueFormatter<f64>,
{
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(&panel.y_label)
        .x_label_formatter(&|v| tick_label(*v))
        .y_label_formatter(&|v| tick_label(*v))
        .light_line_style(WHITE)
        .draw()?;
    if let Some((b_lo, b_hi, _)) = panel.band {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, b_lo.max(at(0.0))), (x_end, b_hi)],
            RGBColor(120, 200, 120).mix(0.18).filled(),
        )))?;
    }
    if let Some((value, _)) = panel.floor {
        chart.draw_series(DashedLineSeries::new(
            [(0.0, value), (x_end, value)],
            6,
            4,
            BLACK.mix(0.55).stroke_width(1),
        ))?;
    }
    for fan in &panel.fans {
        let upper = fan
            .points
            .iter()
            .map(|&(t, _, hi)| (t / per_unit, hi.max(floor)));
        let lower = fan
            .points
            .iter()
            .rev()
            .map(|&(t, lo, _)| (t / per_unit, lo.max(floor)));
        let color = fan.color.mix(fan.opacity);
        chart.draw_series(std::iter::once(Polygon::new(
            upper.chain(lower).collect::<Vec<_>>(),
            color.filled(),
        )))?;
    }
    for s in &panel.series {
        let points = s.points.iter().map(|&(t, v)| (t / per_unit, v.max(floor)));
        chart.draw_series(LineSeries::new(points, s.color.stroke_width(2)))?;
    }
    for (row, d) in doses.iter().enumerate() {
        let (y0, y1) = (at(0.04 * row as f64 + 0.005), at(0.04 * (row + 1) as f64));
        chart.draw_series(d.times.iter().map(|&t| {
            PathElement::new(
                [(t / per_unit, y0), (t / per_unit, y1)],
                d.color.stroke_width(1),
            )
        }))?;
    }
    Ok(())
}

/// Healthy reference ranges shaded in the panels, with the sources named in each label.
pub mod reference {
    /// Total T 2.5–97.5th centile \[ng/dL\] (Travison 2017, B1).
    pub const TESTOSTERONE: (f64, f64, &str) = (264.0, 916.0, "Travison 2017");
    /// LH \[IU/L\] (FAMHES, B3).
    pub const LH: (f64, f64, &str) = (2.2, 11.6, "LH, FAMHES");
    /// E2 by LC-MS/MS, 12–136 pmol/L \[pg/mL\] (Verdonk 2019, B5).
    pub const ESTRADIOL: (f64, f64, &str) = (12.0 / 3.67, 136.0 / 3.67, "Verdonk 2019");
    /// Inhibin B 10–90th centile \[pg/mL\] (Grunewald 2013, B6).
    pub const INHIBIN_B: (f64, f64, &str) = (55.0, 247.0, "Grunewald 2013");
    /// Sperm concentration from the 5th centile up \[M/mL\] (Cooper 2010, B11).
    pub const SPERM: (f64, f64, &str) = (15.0, 250.0, "Cooper 2010 (≥ 5th centile)");
    /// Testis volume of non-users \[mL\] (targets B10 band).
    pub const TESTIS: (f64, f64, &str) = (18.0, 25.0, "non-users, ESA 2019");
    /// Free T: 1.5–2.5 % of the total T range \[pg/mL\] (B1 × B2).
    pub const FREE_T: (f64, f64, &str) = (
        0.015 * 2640.0,
        0.025 * 9160.0,
        "1.5–2.5 % of Travison 2017's total T",
    );
    /// FSH \[IU/L\] (FAMHES, B4).
    pub const FSH: (f64, f64, &str) = (1.8, 16.5, "FSH, FAMHES");
}

/// How the figures show one output: title, axis label with unit, healthy range, scale.
#[derive(Debug, Clone, Copy)]
pub struct Quantity {
    /// Panel title.
    pub title: &'static str,
    /// Y-axis label with its unit.
    pub y_label: &'static str,
    /// Healthy range (low, high) and its source.
    pub band: Option<(f64, f64, &'static str)>,
    /// Logarithmic y axis.
    pub log_y: bool,
    /// Floor line (value, label).
    pub floor: Option<(f64, &'static str)>,
}

impl Quantity {
    /// A panel of this quantity drawing `series`.
    pub fn panel(self, series: Vec<Series>) -> Panel {
        Panel {
            title: self.title.to_string(),
            y_label: self.y_label.to_string(),
            series,
            band: self.band,
            log_y: self.log_y,
            floor: self.floor,
            fans: Vec::new(),
        }
    }

    /// The same quantity under another panel title.
    pub fn titled(self, title: &'static str) -> Quantity {
        Quantity { title, ..self }
    }
}

/// The outputs as every figure shows them (ITT and sperm span decades, so on log axes).
pub mod quantity {
    use super::{Quantity, reference};

    const fn q(
        title: &'static str,
        y_label: &'static str,
        band: Option<(f64, f64, &'static str)>,
        log_y: bool,
    ) -> Quantity {
        Quantity {
            title,
            y_label,
            band,
            log_y,
            floor: None,
        }
    }

    /// Serum total T, with Travison 2017's range.
    pub const TESTOSTERONE: Quantity = q(
        "Serum testosterone",
        "total T (ng/dL)",
        Some(reference::TESTOSTERONE),
        false,
    );
    /// Free T.
    pub const FREE_T: Quantity = q(
        "Free testosterone",
        "free T (pg/mL)",
        Some(reference::FREE_T),
        false,
    );
    /// LH.
    pub const LH: Quantity = q("LH", "LH (IU/L)", Some(reference::LH), false);
    /// FSH.
    pub const FSH: Quantity = q("FSH", "FSH (IU/L)", Some(reference::FSH), false);
    /// LH and FSH in one panel (the LH range shaded).
    pub const GONADOTROPINS: Quantity = q(
        "Gonadotropins",
        "LH, FSH (IU/L)",
        Some(reference::LH),
        false,
    );
    /// Estradiol.
    pub const ESTRADIOL: Quantity = q("Estradiol", "E2 (pg/mL)", Some(reference::ESTRADIOL), false);
    /// Intratesticular T, on a log axis.
    pub const ITT: Quantity = q(
        "Intratesticular testosterone",
        "ITT (ng/mL, log)",
        None,
        true,
    );
    /// Inhibin B.
    pub const INHIBIN_B: Quantity = q(
        "Inhibin B",
        "inhibin B (pg/mL)",
        Some(reference::INHIBIN_B),
        false,
    );
    /// Sperm on a log axis down to the azoospermia line (0.1 M/mL, below which a semen
    /// analysis finds no sperm in practice); lower values are drawn on the line.
    pub const SPERM: Quantity = Quantity {
        floor: Some((0.1, "azoospermic (< 0.1 M/mL)")),
        ..q(
            "Sperm concentration",
            "sperm (M/mL, log)",
            Some(reference::SPERM),
            true,
        )
    };
    /// Testis volume.
    pub const TESTIS: Quantity = q(
        "Testis volume",
        "volume (mL)",
        Some(reference::TESTIS),
        false,
    );
}

/// Draws `figure` to `path` and says so on stderr.
pub fn save(figure: &Figure, path: &Path) -> Result<(), String> {
    draw(figure, path)?;
    eprintln!("figure written to {}", path.display());
    Ok(())
}

/// What the standard figures show besides the data.
#[derive(Debug, Clone, Default)]
pub struct PlotOptions {
    /// Title; by default the patient and the length of the run.
    pub title: Option<String>,
    /// The patient named in the default title.
    pub patient: Option<crate::Preset>,
    /// The regimens given: written under the title and marked, one row per drug, under every
    /// panel.
    pub regimens: Vec<crate::Regimen>,
}

/// Colours of the dose rows (distinct from the quantities' lines).
pub const DOSE_COLORS: [RGBColor; 4] = [
    RGBColor(120, 60, 160),
    RGBColor(200, 120, 0),
    RGBColor(0, 130, 130),
    RGBColor(170, 40, 90),
];

/// A regimen as a clinician writes it: "testosterone cypionate 100 mg/7 d IM".
///
/// ```
/// use hpg::{Dose, Drug, Duration, Regimen};
/// let r: Regimen = Regimen::repeated(Drug::Hcg, Dose::iu(500.0)?, Duration::days(2.0)).into();
/// assert_eq!(hpg::plot::describe(&r), "hCG 500 IU/2 d SC");
/// # Ok::<(), hpg::HpgError>(())
/// ```
pub fn describe(r: &crate::Regimen) -> String {
    use crate::Schedule;
    let drug = match r.drug() {
        crate::Drug::Hcg => "hCG".to_string(),
        crate::Drug::Fsh => "FSH".to_string(),
        other => other.name().replace('_', " "),
    };
    let route = match r.route_of() {
        crate::Route::Oral => "oral".to_string(),
        crate::Route::Transdermal => "transdermal".to_string(),
        other => format!("{other:?}").to_uppercase(),
    };
    let dose = |d: crate::Dose| d.to_string().replace("ug", "µg");
    match r.schedule() {
        Schedule::Once(d) => format!("{drug} {} {route} once", dose(d)),
        Schedule::Repeated { dose: d, every, .. } => {
            format!("{drug} {}/{} {route}", dose(d), span(every.as_days()))
        }
        Schedule::Infusion { rate, .. } => format!(
            "{drug} {} {}/h {route} infusion",
            tick_label(rate.per_hour()),
            rate.unit().to_string().replace("ug", "µg")
        ),
    }
}

/// A span of days in the unit a reader would use: "6 h", "2 d", "12 wk", "30 mo".
///
/// ```
/// assert_eq!(hpg::plot::span(2.0), "2 d");
/// assert_eq!(hpg::plot::span(182.0), "26 wk");
/// ```
pub fn span(days: f64) -> String {
    if days < 1.0 {
        format!("{} h", tick_label(days * 24.0))
    } else if days < 70.0 || ((days % 7.0).abs() > 1e-9 && days < 365.0) {
        format!("{} d", tick_label(days))
    } else if days < 730.0 {
        format!("{} wk", tick_label(days / 7.0))
    } else {
        format!("{} mo", tick_label(days / crate::units::DAYS_PER_MONTH))
    }
}

/// Dose rows, one per drug in the order the drugs first appear, and the regimen line.
fn dose_rows(regimens: &[crate::Regimen], end_days: f64) -> (Vec<DoseMarks>, String) {
    let mut rows: Vec<(crate::Drug, DoseMarks)> = Vec::new();
    let end = crate::Duration::days(end_days.max(0.0));
    for r in regimens {
        let times = r.event_times(end, 2000).into_iter().map(|t| t.as_days());
        match rows.iter_mut().find(|(drug, _)| *drug == r.drug()) {
            Some((_, marks)) => {
                marks.times.extend(times);
                marks.label.push_str(&format!("; {}", describe(r)));
            }
            None => {
                let color = DOSE_COLORS[rows.len() % DOSE_COLORS.len()];
                let marks = DoseMarks {
                    label: describe(r),
                    color,
                    times: times.collect(),
                };
                rows.push((r.drug(), marks));
            }
        }
    }
    let line = rows
        .iter()
        .map(|(_, m)| m.label.clone())
        .collect::<Vec<_>>()
        .join("; ");
    (rows.into_iter().map(|(_, m)| m).collect(), line)
}

fn default_title(options: &PlotOptions, end_days: f64, who: &str) -> String {
    options.title.clone().unwrap_or_else(|| {
        let patient = options
            .patient
            .map_or("simulated".to_string(), |p| p.name().replace('_', " "));
        if options.regimens.is_empty() {
            format!("{who}{patient} man, {}, no drugs", span(end_days))
        } else {
            format!("{who}{patient} man, {}", span(end_days))
        }
    })
}

/// The standard figure of one man's run: T, free T, LH and FSH, E2, ITT, inhibin B, sperm and
/// testis volume, healthy ranges shaded, the regimen under the title, doses marked.
pub fn trajectory_figure(traj: &crate::Trajectory, options: &PlotOptions) -> Figure {
    use crate::Observation;
    let samples = &traj.samples;
    let line = |label: &str, color, f: fn(&Observation) -> f64| Series {
        label: label.to_string(),
        color,
        points: samples.iter().map(|o| (o.time_days, f(o))).collect(),
    };
    let panels = vec![
        quantity::TESTOSTERONE.panel(vec![line("total T", PALETTE[0], |o| o.testosterone_ng_dl)]),
        quantity::FREE_T.panel(vec![line("free T", PALETTE[0], |o| {
            o.free_testosterone_pg_ml
        })]),
        quantity::GONADOTROPINS.panel(vec![
            line("LH", PALETTE[1], |o| o.lh_iu_l),
            line("FSH", PALETTE[2], |o| o.fsh_iu_l),
        ]),
        quantity::ESTRADIOL.panel(vec![line("E2", PALETTE[3], |o| o.estradiol_pg_ml)]),
        quantity::ITT.panel(vec![line("ITT", PALETTE[4], |o| o.itt_ng_ml)]),
        quantity::INHIBIN_B.panel(vec![line("inhibin B", PALETTE[5], |o| o.inhibin_b_pg_ml)]),
        quantity::SPERM.panel(vec![line("sperm", PALETTE[7], |o| o.sperm_million_per_ml)]),
        quantity::TESTIS.panel(vec![line("testis", PALETTE[6], |o| o.testis_volume_ml)]),
    ];
    let end = samples.last().map_or(0.0, |o| o.time_days);
    let (doses, subtitle) = dose_rows(&options.regimens, end);
    Figure {
        title: default_title(options, end, ""),
        subtitle,
        panels,
        columns: 2,
        doses,
        width: 1400,
        height: 1600,
        shared_legend: false,
    }
}

/// Draws [`trajectory_figure`] to `path` (`.svg` or `.png`); the error is one line.
pub fn trajectory(
    traj: &crate::Trajectory,
    path: impl AsRef<Path>,
    options: &PlotOptions,
) -> Result<(), String> {
    draw(&trajectory_figure(traj, options), path.as_ref())
}

/// The standard figure of a population summary: fan charts (5th–95th and 25th–75th centiles
/// shaded, the median as a line) of T, LH, E2, ITT and sperm, and the share of men with sperm
/// < 1 M/mL and T < 300 ng/dL (the summary's thresholds of those names).
pub fn population_figure(summary: &crate::population::Summary, options: &PlotOptions) -> Figure {
    let panel = |column: &str, shown: Quantity, color: RGBColor| {
        let mut panel = shown.panel(Vec::new());
        if let Some(q) = summary.quantity(column) {
            panel.series.push(Series {
                label: "median".into(),
                color,
                points: q.rows.iter().map(|r| (r.time_days, r.p50)).collect(),
            });
            panel.fans = vec![
                Fan {
                    label: "5th–95th centile".into(),
                    color,
                    opacity: 0.15,
                    points: q.rows.iter().map(|r| (r.time_days, r.p5, r.p95)).collect(),
                },
                Fan {
                    label: "25th–75th centile".into(),
                    color,
                    opacity: 0.3,
                    points: q.rows.iter().map(|r| (r.time_days, r.p25, r.p75)).collect(),
                },
            ];
        }
        panel
    };
    let fraction = |label: &str, text: &str, color| {
        summary.fraction(label).map(|f| Series {
            label: text.to_string(),
            color,
            points: f.rows.iter().map(|&(t, x)| (t, 100.0 * x)).collect(),
        })
    };
    let fractions = Panel {
        title: "Men below clinical thresholds".into(),
        y_label: "men (%)".into(),
        series: [
            fraction("sperm_million_per_ml<1", "sperm < 1 M/mL", PALETTE[7]),
            fraction("testosterone_ng_dl<300", "T < 300 ng/dL", PALETTE[0]),
        ]
        .into_iter()
        .flatten()
        .collect(),
        band: None,
        log_y: false,
        floor: None,
        fans: Vec::new(),
    };
    let end = summary
        .quantities
        .first()
        .and_then(|q| q.rows.last())
        .map_or(0.0, |r| r.time_days);
    let (_, subtitle) = dose_rows(&options.regimens, end);
    Figure {
        title: default_title(
            options,
            end,
            &format!("{} men drawn from the ", summary.patients),
        )
        .replace(" man,", " preset,"),
        subtitle,
        panels: vec![
            panel("testosterone_ng_dl", quantity::TESTOSTERONE, PALETTE[0]),
            panel("lh_iu_l", quantity::LH, PALETTE[1]),
            panel("estradiol_pg_ml", quantity::ESTRADIOL, PALETTE[3]),
            panel("itt_ng_ml", quantity::ITT, PALETTE[4]),
            panel("sperm_million_per_ml", quantity::SPERM, PALETTE[7]),
            fractions,
        ],
        columns: 2,
        doses: Vec::new(),
        width: 1500,
        height: 1500,
        shared_legend: false,
    }
}

/// Draws [`population_figure`] to `path` (`.svg` or `.png`); the error is one line.
pub fn population(
    summary: &crate::population::Summary,
    path: impl AsRef<Path>,
    options: &PlotOptions,
) -> Result<(), String> {
    draw(&population_figure(summary, options), path.as_ref())
}
