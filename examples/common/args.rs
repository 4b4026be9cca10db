//! A small argument reader shared by the examples: `--name value` or `--name=value`, `--help`,
//! typed values with one-line errors naming the option.
// Shared by several examples; each uses a different part.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

/// The remaining command-line arguments.
pub struct Cli {
    args: Vec<(String, Option<String>)>,
}

/// Prints `error: <message>` on one line and returns `code`.
pub fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!(
        "error: {}",
        message.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    ExitCode::from(code)
}

/// The exit code of a run: success, or one `error:` line and code 1.
pub fn exit(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, 1),
    }
}

impl Cli {
    /// Reads the process arguments; `Ok(None)` after printing `usage` for `--help`.
    pub fn parse(usage: &str) -> Result<Option<Cli>, String> {
        let raw: Vec<String> = std::env::args().skip(1).collect();
        let mut args = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            let a = &raw[i];
            if a == "-h" || a == "--help" {
                print!("{usage}");
                return Ok(None);
            }
            if !a.starts_with("--") {
                return Err(format!("unexpected argument `{a}` (see --help)"));
            }
            if let Some((k, v)) = a.split_once('=') {
                args.push((k.to_string(), Some(v.to_string())));
            } else if raw.get(i + 1).is_some_and(|n| !n.starts_with("--")) {
                args.push((a.clone(), Some(raw[i + 1].clone())));
                i += 1;
            } else {
                args.push((a.clone(), None));
            }
            i += 1;
        }
        Ok(Some(Cli { args }))
    }

    fn take(&mut self, name: &str) -> Option<Option<String>> {
        let i = self.args.iter().position(|(k, _)| k == name)?;
        Some(self.args.remove(i).1)
    }

    /// The value of `--name` parsed as `T`, or `default`.
    pub fn value<T: FromStr>(&mut self, name: &str, default: &str) -> Result<T, String>
    where
        T::Err: std::fmt::Display,
    {
        let text = match self.take(name) {
            None => default.to_string(),
            Some(Some(v)) => v,
            Some(None) => return Err(format!("{name} needs a value")),
        };
        text.parse::<T>().map_err(|e| format!("{name}: {e}"))
    }

    /// A number for `--name` within `[min, max]`, or `default`.
    pub fn number(&mut self, name: &str, default: f64, min: f64, max: f64) -> Result<f64, String> {
        let x: f64 = self.value(name, &default.to_string())?;
        if !(min..=max).contains(&x) {
            return Err(format!("{name} must be between {min} and {max}, got {x}"));
        }
        Ok(x)
    }

    /// Whether the flag `--name` was given.
    pub fn flag(&mut self, name: &str) -> Result<bool, String> {
        match self.take(name) {
            None => Ok(false),
            Some(None) => Ok(true),
            Some(Some(v)) => Err(format!("{name} takes no value, got `{v}`")),
        }
    }

    /// The figure path: `--plot FILE` (.svg or .png), `default`, or none with `--no-plot`.
    pub fn plot(&mut self, default: &str) -> Result<Option<PathBuf>, String> {
        let path: String = self.value("--plot", default)?;
        if self.flag("--no-plot")? {
            return Ok(None);
        }
        if !(path.ends_with(".svg") || path.ends_with(".png")) {
            return Err(format!(
                "--plot file must end in .svg or .png, got `{path}`"
            ));
        }
        Ok(Some(PathBuf::from(path)))
    }

    /// Fails on any option left unread.
    pub fn finish(&self) -> Result<(), String> {
        match self.args.first() {
            Some((k, _)) => Err(format!("unknown option `{k}` (see --help)")),
            None => Ok(()),
        }
    }
}
