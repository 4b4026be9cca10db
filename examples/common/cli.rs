//! Command-line handling shared by the examples: options declared with clap (derive), every
//! failure reported as one `error:` line, and the same exit codes everywhere: 0 for success
//! (and for `--help` and `--version`), 2 for bad usage or invalid input, 1 for a failed run.
// Shared by several examples; each uses a different part.
#![allow(dead_code)]

use clap::Parser;
use clap::error::ErrorKind;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code for bad usage or invalid input (options, an unreadable or invalid file).
pub const EXIT_INPUT: u8 = 2;
/// Exit code for a failure while running (simulating, fitting, writing).
pub const EXIT_RUN: u8 = 1;

/// Parses the process arguments into `T`. `--help` and `--version` print to stdout and end the
/// process with 0; a usage error prints one `error:` line, clap's suggestion included, and
/// ends it with [`EXIT_INPUT`].
pub fn parse<T: Parser>() -> T {
    match T::try_parse() {
        Ok(args) => args,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            std::process::exit(0)
        }
        Err(e) => {
            eprintln!("error: {}", usage_error_line(&e.render().to_string()));
            std::process::exit(EXIT_INPUT.into())
        }
    }
}

/// clap's rendered error in one line: its message, tip and possible values, without the usage
/// block that follows.
fn usage_error_line(rendered: &str) -> String {
    let mut line = String::new();
    for part in rendered
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more"))
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
    {
        if !line.is_empty() {
            line.push_str(if line.ends_with(':') { " " } else { "; " });
        }
        line.push_str(part);
    }
    line
}

/// Prints `error: <message>` on one line (whitespace collapsed) and returns `code`.
pub fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("error: {}", one_line(message));
    ExitCode::from(code)
}

/// The exit code of a run: success, or one `error:` line and [`EXIT_RUN`].
pub fn exit(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, EXIT_RUN),
    }
}

/// `text` with its whitespace (newlines included) collapsed to single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A figure path: it must end in `.svg` or `.png`.
pub fn figure_path(text: &str) -> Result<PathBuf, String> {
    if text.ends_with(".svg") || text.ends_with(".png") {
        Ok(PathBuf::from(text))
    } else {
        Err(format!(
            "the figure file must end in .svg or .png, got `{text}`"
        ))
    }
}

/// The figure options of an example that draws one by default.
#[derive(clap::Args, Debug)]
pub struct FigureArgs {
    /// Write the figure to FILE (.svg or .png) [default: the example's name, .png]
    #[arg(long, value_name = "FILE", value_parser = figure_path)]
    pub plot: Option<PathBuf>,
    /// Do not draw the figure
    #[arg(long, conflicts_with = "plot")]
    pub no_plot: bool,
}

impl FigureArgs {
    /// Where to draw the figure: `--plot`, else `default`; none with `--no-plot`.
    pub fn path(&self, default: &str) -> Option<PathBuf> {
        if self.no_plot {
            None
        } else {
            Some(self.plot.clone().unwrap_or_else(|| PathBuf::from(default)))
        }
    }
}

/// Parses a preset name (`healthy`, `older`, …) for clap.
pub fn preset(text: &str) -> Result<hpg::Preset, String> {
    text.parse().map_err(|e: hpg::HpgError| e.to_string())
}

/// Parses a mode name (`pulsatile` or `mean_field`) for clap.
pub fn mode(text: &str) -> Result<hpg::Mode, String> {
    text.parse().map_err(|e: hpg::HpgError| e.to_string())
}

/// A clap value parser for `NAME=VALUE` with NAME a model parameter and VALUE a number (what
/// the value must satisfy is the caller's to check).
pub fn parameter_and_number(text: &str) -> Result<(String, f64), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=VALUE"))?;
    if hpg::Params::range(name).is_none() {
        return Err(format!("unknown parameter `{name}`"));
    }
    let value: f64 = value
        .parse()
        .map_err(|_| format!("`{value}` is not a number"))?;
    Ok((name.to_string(), value))
}

/// A clap value parser for a number in `[min, max]`.
pub fn between(min: f64, max: f64) -> impl Fn(&str) -> Result<f64, String> + Clone + Send + Sync {
    move |text| match text.trim().parse::<f64>() {
        Ok(x) if (min..=max).contains(&x) => Ok(x),
        Ok(x) => Err(format!("must be between {min} and {max}, got {x}")),
        Err(_) => Err(format!("`{text}` is not a number")),
    }
}
