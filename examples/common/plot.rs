//! Multi-panel time-series figures for the examples (plotters): one panel per quantity, a
//! shaded reference band, dose times marked, axes labelled with units. `.svg` or `.png`.
// Shared by several examples; each uses a different part.
#![allow(dead_code)]

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use std::path::Path;

/// One line of a panel.
pub struct Series {
    pub label: String,
    pub color: RGBColor,
    /// (time in days, value)
    pub points: Vec<(f64, f64)>,
}

/// One panel: a quantity over time.
pub struct Panel {
    pub title: String,
    pub y_label: String,
    pub series: Vec<Series>,
    /// Healthy reference band (low, high) and where it comes from.
    pub band: Option<(f64, f64, &'static str)>,
    /// Logarithmic y axis (for quantities spanning decades, e.g. sperm).
    pub log_y: bool,
}

/// A whole figure.
pub struct Figure {
    pub title: String,
    pub panels: Vec<Panel>,
    pub columns: usize,
    /// Dose times (days), drawn as ticks under every panel.
    pub doses: Vec<f64>,
    pub width: u32,
    pub height: u32,
    /// One legend for all panels in a strip at the bottom (the first panel's series), instead of
    /// a legend inside each panel: for many lines that share colours across panels.
    pub shared_legend: bool,
}

/// A palette that survives greyscale printing reasonably.
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

fn draw_on<DB: DrawingBackend>(
    figure: &Figure,
    root: DrawingArea<DB, Shift>,
) -> Result<(), Box<dyn std::error::Error + 'static>>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let root = root.titled(&figure.title, ("sans-serif", 26))?;
    let (root, strip) = if figure.shared_legend {
        let entries = figure.panels.first().map_or(0, |p| p.series.len());
        let strip_height = 30 * entries.div_ceil(3) as u32 + 20;
        let (w, h) = root.dim_in_pixel();
        let (top, bottom) = root.split_vertically(h.saturating_sub(strip_height));
        let _ = w;
        (top, Some(bottom))
    } else {
        (root, None)
    };
    if let (Some(strip), Some(first)) = (&strip, figure.panels.first()) {
        for (i, s) in first.series.iter().enumerate() {
            let (col, row) = ((i % 3) as i32, (i / 3) as i32);
            let (x, y) = (80 + col * (figure.width as i32 - 120) / 3, 12 + row * 30);
            strip.draw(&PathElement::new(
                [(x, y + 8), (x + 36, y + 8)],
                s.color.stroke_width(4),
            ))?;
            strip.draw(&Text::new(
                s.label.clone(),
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
    doses: &[f64],
    with_legend: bool,
) -> Result<(), Box<dyn std::error::Error + 'static>>
where
    DB::ErrorType: 'static,
{
    let values = panel
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1));
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
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(12)
        .caption(&panel.title, ("sans-serif", 18))
        .x_label_area_size(36)
        .y_label_area_size(62);
    let days = if t_end > 120.0 {
        "time (days)"
    } else {
        "time (d)"
    };
    // Each scale sets the floor values are clipped to and how tall the dose ticks are; the
    // drawing itself is shared.
    if panel.log_y {
        let lo = lo.max(hi * 1e-4).max(1e-3);
        let floor = lo * 0.8;
        let mut chart = builder.build_cartesian_2d(0.0..t_end, (floor..hi * 1.3).log_scale())?;
        fill(
            &mut chart,
            panel,
            days,
            t_end,
            doses,
            (floor, floor * 1.25),
            with_legend,
        )
    } else {
        let pad = 0.08 * (hi - lo).max(hi.abs() * 0.05).max(1e-9);
        let floor = if lo >= 0.0 {
            0.0f64.max(lo - pad)
        } else {
            lo - pad
        };
        let mut chart = builder.build_cartesian_2d(0.0..t_end, floor..hi + pad)?;
        let tick = (hi + pad - floor) * 0.04;
        fill(
            &mut chart,
            panel,
            days,
            t_end,
            doses,
            (floor, floor + tick),
            with_legend,
        )
    }
}

/// Draws mesh, healthy band, lines (clipped at the floor), dose ticks and legend on a chart of
/// either scale.
fn fill<'a, DB, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    panel: &'a Panel,
    x_label: &str,
    t_end: f64,
    doses: &[f64],
    (floor, tick_top): (f64, f64),
    with_legend: bool,
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
        .light_line_style(WHITE)
        .draw()?;
    if let Some((b_lo, b_hi, source)) = panel.band {
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.0, b_lo.max(floor)), (t_end, b_hi)],
                RGBColor(120, 200, 120).mix(0.18).filled(),
            )))?
            .label(format!("healthy range ({source})"))
            .legend(|(x, y)| {
                Rectangle::new(
                    [(x, y - 5), (x + 16, y + 5)],
                    RGBColor(120, 200, 120).mix(0.3).filled(),
                )
            });
    }
    for s in &panel.series {
        let points = s.points.iter().map(|&(t, v)| (t, v.max(floor)));
        chart
            .draw_series(LineSeries::new(points, s.color.stroke_width(2)))?
            .label(s.label.clone())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], s.color.stroke_width(2)));
    }
    chart.draw_series(
        doses
            .iter()
            .map(|&d| PathElement::new([(d, floor), (d, tick_top)], BLACK.mix(0.6))),
    )?;
    if with_legend && (panel.series.len() > 1 || panel.band.is_some()) {
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .label_font(("sans-serif", 12))
            .position(SeriesLabelPosition::UpperRight)
            .draw()?;
    }
    Ok(())
}

/// Healthy reference ranges shaded in the panels, with the sources named in each label.
pub mod reference {
    /// Total T 2.5–97.5th centile \[ng/dL\] (Travison 2017, B1).
    pub const TESTOSTERONE: (f64, f64, &str) = (264.0, 916.0, "Travison 2017");
    /// LH \[IU/L\] (FAMHES, B3).
    pub const LH: (f64, f64, &str) = (2.2, 11.6, "FAMHES, LH");
    /// E2 by LC-MS/MS, 12–136 pmol/L \[pg/mL\] (Verdonk 2019, B5).
    pub const ESTRADIOL: (f64, f64, &str) = (12.0 / 3.67, 136.0 / 3.67, "Verdonk 2019");
    /// Inhibin B 10–90th centile \[pg/mL\] (Grunewald 2013, B6).
    pub const INHIBIN_B: (f64, f64, &str) = (55.0, 247.0, "Grunewald 2013");
    /// Sperm concentration from the 5th centile up \[M/mL\] (Cooper 2010, B11).
    pub const SPERM: (f64, f64, &str) = (15.0, 250.0, "Cooper 2010, ≥ 5th centile");
    /// Testis volume of non-users \[mL\] (targets B10 band).
    pub const TESTIS: (f64, f64, &str) = (18.0, 25.0, "targets B10");
    /// Free T: 1.5–2.5 % of the total T range \[pg/mL\] (B1 × B2).
    pub const FREE_T: (f64, f64, &str) = (0.015 * 2640.0, 0.025 * 9160.0, "B1 × B2");
    /// FSH \[IU/L\] (FAMHES, B4).
    pub const FSH: (f64, f64, &str) = (1.8, 16.5, "FAMHES, FSH");
}

/// How the figures show one output: title, axis label with unit, healthy range, scale.
#[derive(Debug, Clone, Copy)]
pub struct Quantity {
    pub title: &'static str,
    pub y_label: &'static str,
    pub band: Option<(f64, f64, &'static str)>,
    pub log_y: bool,
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
        }
    }

    pub const TESTOSTERONE: Quantity = q(
        "Serum testosterone",
        "total T (ng/dL)",
        Some(reference::TESTOSTERONE),
        false,
    );
    pub const FREE_T: Quantity = q(
        "Free testosterone",
        "free T (pg/mL)",
        Some(reference::FREE_T),
        false,
    );
    pub const LH: Quantity = q("LH", "LH (IU/L)", Some(reference::LH), false);
    pub const FSH: Quantity = q("FSH", "FSH (IU/L)", Some(reference::FSH), false);
    /// LH and FSH in one panel (the LH range shaded).
    pub const GONADOTROPINS: Quantity = q(
        "Gonadotropins",
        "LH, FSH (IU/L)",
        Some(reference::LH),
        false,
    );
    pub const ESTRADIOL: Quantity = q("Estradiol", "E2 (pg/mL)", Some(reference::ESTRADIOL), false);
    pub const ITT: Quantity = q(
        "Intratesticular testosterone",
        "ITT (ng/mL, log)",
        None,
        true,
    );
    pub const INHIBIN_B: Quantity = q(
        "Inhibin B",
        "inhibin B (pg/mL)",
        Some(reference::INHIBIN_B),
        false,
    );
    pub const SPERM: Quantity = q(
        "Sperm concentration",
        "sperm (M/mL, log)",
        Some(reference::SPERM),
        true,
    );
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
