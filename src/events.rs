//! Dosing histories as NONMEM/mrgsolve event records: a CSV table with one row per dose (or
//! observation), read into one list of [`Regimen`]s per man (`ID`).
//!
//! | column | meaning | default |
//! |---|---|---|
//! | `ID` | the man (any text); several IDs run as separate men, in order of first appearance | `1` |
//! | `TIME` | time of the record since the start of the run, in the table's time unit (hours unless [`EventOptions::time_unit`] says otherwise), ≥ 0, not decreasing within an `ID` | required |
//! | `AMT` | the dose, in the drug's table unit ([`table_unit`]: mg; µg for gonadorelin; IU for hCG and FSH), > 0 | required for doses |
//! | `EVID` | 1 a dose, 0 an observation (skipped: samples come from the protocol's `sample_every`) | 1 |
//! | `CMT` | the drug's protocol name (`testosterone_cypionate`, `hcg`, …) | required for doses |
//! | `II` | interval between repeated doses, in the time unit, ≥ 0 | 0 |
//! | `ADDL` | additional doses after this one, every `II`, a whole number ≥ 0 | 0 |
//! | `RATE` | infusion rate (amount per time unit); 0 a bolus; the infusion lasts `AMT / RATE` | 0 |
//! | `SS` | 1: the man has been on `AMT` every `II` since long before (steady state; `TIME` 0 only, boluses) | 0 |
//! | `ROUTE` | `iv`, `sc`, `im`, `oral` or `transdermal` (an hpg extension; NONMEM datasets have no route) | the drug's first route |
//!
//! Column names are case-insensitive; an empty cell or `.` is "not given". Any other column is
//! an error (the table is read for dosing only), as is a bad value: the message names the line
//! of the file and the column. Where NONMEM would read a table differently, the table is
//! refused or the difference is stated:
//!
//! * each man's records stand together (an `ID` that returns after another is refused; NONMEM
//!   would read a new individual);
//! * several `SS=1` rows at `TIME` 0 superpose (as NONMEM's `SS=2` would; its `SS=1` resets what
//!   came before);
//! * the bioavailability of an SC infusion scales its rate for its whole duration (NONMEM keeps
//!   `RATE` and shortens the infusion to `F·AMT/RATE`); the amount absorbed is the same.
//!
//! ```
//! use hpg::events::{EventOptions, EventTable};
//! let csv = "ID,TIME,AMT,CMT,II,ADDL\n\
//!            1,0,100,testosterone_cypionate,168,25\n\
//!            2,0,500,hcg,48,90\n";
//! let table = EventTable::from_reader(csv.as_bytes(), &EventOptions::default())?;
//! assert_eq!(table.subjects().len(), 2);
//! assert_eq!(table.subjects()[1].id, "2");
//! let bad = EventTable::from_reader("TIME,AMT,CMT\n0,-5,hcg\n".as_bytes(), &EventOptions::default());
//! assert_eq!(bad.unwrap_err().to_string(), "events line 2, column AMT: must be a positive number, got -5");
//! # Ok::<(), hpg::HpgError>(())
//! ```

use crate::drugs::{AmountUnit, Drug, Route};
use crate::error::{HpgError, Result, number};
use crate::regimen::Regimen;
use crate::units::{Dose, DoseUnit, Duration, InfusionRate};
use std::io::Read;
use std::path::Path;
use std::str::FromStr;

/// The most dose records one table may expand to (rows and their `ADDL` repeats of infusions).
pub const MAX_EVENTS: u64 = 1_000_000;

/// How to read a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventOptions {
    /// The unit of `TIME`, `II` and of the time in `RATE`.
    pub time_unit: TimeUnit,
}

impl Default for EventOptions {
    /// Hours, as NONMEM datasets usually count.
    fn default() -> Self {
        EventOptions {
            time_unit: TimeUnit::Hours,
        }
    }
}

/// The time unit of an event table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Hours (the default).
    Hours,
    /// Days.
    Days,
    /// Weeks.
    Weeks,
}

impl TimeUnit {
    fn hours(self) -> f64 {
        match self {
            TimeUnit::Hours => 1.0,
            TimeUnit::Days => 24.0,
            TimeUnit::Weeks => 168.0,
        }
    }
}

impl FromStr for TimeUnit {
    type Err = HpgError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "h" => Ok(TimeUnit::Hours),
            "d" => Ok(TimeUnit::Days),
            "w" => Ok(TimeUnit::Weeks),
            _ => Err(HpgError::InvalidInput {
                field: "time_unit".into(),
                message: format!("`{s}` is not an event-table time unit (h, d or w)"),
            }),
        }
    }
}

/// The unit `AMT` is counted in for a drug: mg for drugs dosed by mass (µg for gonadorelin,
/// whose doses are micrograms), IU for hCG and FSH.
pub fn table_unit(drug: Drug) -> DoseUnit {
    match drug.spec().components[0].molecule.unit {
        AmountUnit::Mg => DoseUnit::Mg,
        AmountUnit::Ug => DoseUnit::Ug,
        AmountUnit::Iu => DoseUnit::Iu,
    }
}

/// One man of a table: his `ID` and his doses.
#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    /// The `ID` as written.
    pub id: String,
    /// His doses, in the table's order.
    pub regimens: Vec<Regimen>,
}

/// A dosing history: the men of a table, in order of first appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct EventTable {
    subjects: Vec<Subject>,
}

/// The columns a table may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Time,
    Amt,
    Evid,
    Cmt,
    Ii,
    Addl,
    Rate,
    Ss,
    Route,
}

const COLUMNS: [(&str, Column); 10] = [
    ("ID", Column::Id),
    ("TIME", Column::Time),
    ("AMT", Column::Amt),
    ("EVID", Column::Evid),
    ("CMT", Column::Cmt),
    ("II", Column::Ii),
    ("ADDL", Column::Addl),
    ("RATE", Column::Rate),
    ("SS", Column::Ss),
    ("ROUTE", Column::Route),
];

/// One row's cells by column, with the line it came from, for error messages.
struct Row<'a> {
    line: u64,
    cells: [Option<&'a str>; COLUMNS.len()],
}

impl Row<'_> {
    fn error(&self, column: &str, message: impl Into<String>) -> HpgError {
        HpgError::InvalidInput {
            field: format!("events line {}, column {column}", self.line),
            message: one_line(&message.into()),
        }
    }

    fn text(&self, column: Column) -> Option<&str> {
        self.cells[column as usize]
    }

    fn name(column: Column) -> &'static str {
        COLUMNS[column as usize].0
    }

    /// A number, `None` when the cell is empty or `.`.
    fn number(&self, column: Column) -> Result<Option<f64>> {
        let Some(text) = self.text(column) else {
            return Ok(None);
        };
        let value: f64 = text
            .parse()
            .map_err(|_| self.error(Self::name(column), format!("`{text}` is not a number")))?;
        if !value.is_finite() {
            return Err(self.error(
                Self::name(column),
                format!("`{}` is not finite", shown(text)),
            ));
        }
        Ok(Some(value))
    }

    /// A number ≥ 0 (0 when not given).
    fn non_negative(&self, column: Column) -> Result<f64> {
        let value = self.number(column)?.unwrap_or(0.0);
        if value < 0.0 {
            return Err(self.error(
                Self::name(column),
                format!("must be ≥ 0, got {}", number(value)),
            ));
        }
        Ok(value)
    }

    /// A whole number from `0` to `max` (0 when not given).
    fn whole(&self, column: Column, max: u64) -> Result<u64> {
        let value = self.non_negative(column)?;
        if value.fract() != 0.0 || value > max as f64 {
            return Err(self.error(
                Self::name(column),
                format!(
                    "must be a whole number from 0 to {max}, got {}",
                    number(value)
                ),
            ));
        }
        Ok(value as u64)
    }
}

/// A message on one line: a quoted cell may hold line breaks, and a cell echoed back is cut
/// after 60 characters.
fn one_line(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 200 {
        return flat;
    }
    let cut: String = flat.chars().take(200).collect();
    format!("{cut}…")
}

/// A cell as an error message shows it: on one line, at most 60 characters.
fn shown(cell: &str) -> String {
    let flat = one_line(cell);
    if flat.chars().count() <= 60 {
        flat
    } else {
        format!("{}…", flat.chars().take(60).collect::<String>())
    }
}

impl EventTable {
    /// Reads a table from CSV text (a header row, then records).
    pub fn from_reader(reader: impl Read, options: &EventOptions) -> Result<Self> {
        let mut csv = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(reader);
        let header_error = |message: String| HpgError::InvalidInput {
            field: "events line 1".into(),
            message: one_line(&message),
        };
        let headers = csv
            .headers()
            .map_err(|e| header_error(format!("cannot read the header: {e}")))?
            .clone();
        // Column position → which column.
        let mut layout: Vec<Column> = Vec::new();
        for name in headers.iter() {
            let upper = name.to_ascii_uppercase();
            let column = COLUMNS
                .iter()
                .find(|(n, _)| *n == upper)
                .map(|(_, c)| *c)
                .ok_or_else(|| {
                    header_error(format!(
                        "unknown column `{}` (columns: ID, TIME, AMT, EVID, CMT, II, ADDL, RATE, \
                         SS, ROUTE)",
                        shown(name)
                    ))
                })?;
            if layout.contains(&column) {
                return Err(header_error(format!(
                    "column `{}` is given twice",
                    shown(name)
                )));
            }
            layout.push(column);
        }
        for required in [Column::Time, Column::Amt, Column::Cmt] {
            if !layout.contains(&required) {
                return Err(header_error(format!(
                    "needs a `{}` column",
                    Row::name(required)
                )));
            }
        }

        let mut table = EventTable {
            subjects: Vec::new(),
        };
        // Last time seen per subject (same order as `table.subjects`).
        let mut last_time: Vec<f64> = Vec::new();
        let mut events: u64 = 0;
        for record in csv.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                HpgError::InvalidInput {
                    field: format!("events line {line}"),
                    message: match e.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => format!("has {len} cells where the header has {expected_len}"),
                        _ => one_line(&e.to_string()),
                    },
                }
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let mut cells = [None; COLUMNS.len()];
            for (column, text) in layout.iter().zip(record.iter()) {
                if !text.is_empty() && text != "." {
                    cells[*column as usize] = Some(text);
                }
            }
            let row = Row { line, cells };
            let id = row.text(Column::Id).unwrap_or("1").to_string();
            let time_h = row
                .number(Column::Time)?
                .ok_or_else(|| row.error("TIME", "is required"))?;
            if time_h < 0.0 {
                return Err(row.error("TIME", format!("must be ≥ 0, got {}", number(time_h))));
            }
            let time_h = time_h * options.time_unit.hours();
            if !time_h.is_finite() {
                return Err(row.error("TIME", "is too large once converted to hours"));
            }
            let index = match table.subjects.iter().position(|s| s.id == id) {
                // NONMEM reads a returning ID as a new individual; here each man's records
                // must stand together, so such a table is refused rather than misread.
                Some(i) if i + 1 != table.subjects.len() => {
                    return Err(row.error(
                        "ID",
                        format!(
                            "ID {} appears again after other IDs; give each man's records \
                             together",
                            shown(&id)
                        ),
                    ));
                }
                Some(i) => i,
                None => {
                    table.subjects.push(Subject {
                        id: id.clone(),
                        regimens: Vec::new(),
                    });
                    last_time.push(0.0);
                    table.subjects.len() - 1
                }
            };
            if time_h < last_time[index] {
                return Err(row.error(
                    "TIME",
                    format!(
                        "goes backwards within ID {}: {} after {}",
                        shown(&id),
                        number(time_h / options.time_unit.hours()),
                        number(last_time[index] / options.time_unit.hours())
                    ),
                ));
            }
            last_time[index] = time_h;
            let regimens = row_regimens(&row, time_h, options, MAX_EVENTS - events)?;
            events += regimens.len() as u64;
            table.subjects[index].regimens.extend(regimens);
        }
        if table.subjects.is_empty() {
            return Err(HpgError::InvalidInput {
                field: "events".into(),
                message: "the table has no records".into(),
            });
        }
        Ok(table)
    }

    /// Reads the table in file `path`; errors name the file.
    pub fn from_path(path: &Path, options: &EventOptions) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| HpgError::InvalidInput {
            field: "events".into(),
            message: format!("cannot read `{}`: {e}", path.display()),
        })?;
        EventTable::from_reader(std::io::BufReader::new(file), options).map_err(|e| match e {
            HpgError::InvalidInput { field, message } => HpgError::InvalidInput {
                field: format!("{}: {field}", path.display()),
                message,
            },
            other => other,
        })
    }

    /// The men, in order of first appearance.
    pub fn subjects(&self) -> &[Subject] {
        &self.subjects
    }

    /// A table of man `index` alone.
    pub(crate) fn only(&self, index: usize) -> EventTable {
        EventTable {
            subjects: vec![self.subjects[index].clone()],
        }
    }
}

/// The regimens one row gives (none for an observation); at most `room` of them.
fn row_regimens(row: &Row, time_h: f64, options: &EventOptions, room: u64) -> Result<Vec<Regimen>> {
    let evid = row.whole(Column::Evid, u64::MAX).map_err(|_| {
        row.error(
            "EVID",
            format!(
                "must be 0 (observation) or 1 (dose), got {}",
                row.text(Column::Evid).unwrap_or("")
            ),
        )
    })?;
    let evid = if row.text(Column::Evid).is_none() {
        1
    } else {
        evid
    };
    let amount = row.number(Column::Amt)?;
    match evid {
        0 => {
            if amount.is_some_and(|a| a != 0.0) {
                return Err(row.error(
                    "AMT",
                    "an observation (EVID 0) gives no dose: leave AMT empty or 0",
                ));
            }
            return Ok(Vec::new());
        }
        1 => {}
        other => {
            return Err(row.error(
                "EVID",
                format!(
                    "must be 0 (observation) or 1 (dose), got {other}; resets and other events \
                     (EVID 2–4) are not supported"
                ),
            ));
        }
    }
    let amount = amount.ok_or_else(|| row.error("AMT", "a dose (EVID 1) needs an amount"))?;
    if amount <= 0.0 {
        return Err(row.error(
            "AMT",
            format!("must be a positive number, got {}", number(amount)),
        ));
    }
    let drug_name = row
        .text(Column::Cmt)
        .ok_or_else(|| row.error("CMT", "a dose needs the drug's name"))?;
    let drug = Drug::from_str(drug_name).map_err(|e| match e {
        HpgError::InvalidInput { message, .. } => row.error("CMT", message),
        other => other,
    })?;
    let route = match row.text(Column::Route) {
        Some(text) => Route::from_str(&text.to_ascii_lowercase()).map_err(|e| match e {
            HpgError::InvalidInput { message, .. } => row.error("ROUTE", message),
            other => other,
        })?,
        None => drug.default_route(),
    };
    let unit = table_unit(drug);
    let hours = options.time_unit.hours();
    let every_h = row.non_negative(Column::Ii)? * hours;
    let additional = row.whole(Column::Addl, MAX_EVENTS)?;
    let rate = row.non_negative(Column::Rate).map_err(|_| {
        row.error(
            "RATE",
            format!(
                "must be ≥ 0 (0 a bolus), got {}; modelled rates (-1, -2) are not supported",
                row.text(Column::Rate).unwrap_or("")
            ),
        )
    })?;
    let steady_state = match row.whole(Column::Ss, 1) {
        Ok(ss) => ss == 1,
        Err(_) => {
            return Err(row.error(
                "SS",
                format!(
                    "must be 0 or 1, got {}; SS=2 (superposition) is not supported",
                    row.text(Column::Ss).unwrap_or("")
                ),
            ));
        }
    };
    if additional > 0 && every_h == 0.0 {
        return Err(row.error("II", "ADDL repeats a dose every II, so II must be > 0"));
    }
    if steady_state {
        if every_h == 0.0 {
            return Err(row.error("SS", "a steady state (SS=1) needs the interval II > 0"));
        }
        if rate > 0.0 {
            return Err(row.error(
                "SS",
                "steady state of repeated infusions (SS=1 with RATE) is not supported",
            ));
        }
        if time_h != 0.0 {
            return Err(row.error(
                "SS",
                "a steady state (SS=1) describes the man at the start of the run: TIME must be 0",
            ));
        }
    }
    let within = |e: HpgError| match e {
        HpgError::InvalidInput { field, message } => {
            let column = match field.as_str() {
                "route" => "ROUTE",
                "dose" | "infusion" => "AMT",
                "every" => "II",
                "start" => "TIME",
                "stop" => "RATE",
                "times" => "ADDL",
                "steady_state" => "SS",
                _ => "CMT",
            };
            row.error(column, format!("{drug}: {message}"))
        }
        other => other,
    };
    let dose = Dose::parse(&format!("{amount} {unit}"), "AMT").map_err(|e| match e {
        HpgError::InvalidInput { message, .. } => row.error("AMT", message),
        other => other,
    })?;
    if !every_h.is_finite() || (rate / hours).is_nan() {
        return Err(row.error("II", "is too large once converted to hours"));
    }
    if rate > 0.0 && additional + 1 > room {
        return Err(row.error(
            "ADDL",
            format!("the table expands to more than {MAX_EVENTS} dose records"),
        ));
    }
    let mut regimens = Vec::new();
    if rate > 0.0 {
        let per_hour = InfusionRate::per_hour_in(rate / hours, unit)
            .map_err(|e| row.error("RATE", e.to_string()))?;
        let lasts_h = amount / rate * hours;
        for k in 0..=additional {
            let start = time_h + k as f64 * every_h;
            let infusion: Regimen = Regimen::infusion(drug, per_hour)
                .route(route)
                .starting(Duration::hours(start))
                .until(Duration::hours(start + lasts_h))
                .into();
            infusion.validate().map_err(within)?;
            regimens.push(infusion);
        }
    } else {
        let regimen: Regimen = if additional > 0 || steady_state {
            let doses: Regimen = Regimen::repeated(drug, dose, Duration::hours(every_h))
                .route(route)
                .starting(Duration::hours(time_h))
                .times(additional + 1)
                .into();
            if steady_state {
                doses.at_steady_state()
            } else {
                doses
            }
        } else {
            Regimen::single(drug, dose)
                .route(route)
                .starting(Duration::hours(time_h))
        };
        regimen.validate().map_err(within)?;
        regimens.push(regimen);
    }
    Ok(regimens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regimen::Schedule;

    fn read(text: &str) -> Result<EventTable> {
        EventTable::from_reader(text.as_bytes(), &EventOptions::default())
    }

    fn error_of(text: &str) -> String {
        read(text).unwrap_err().to_string()
    }

    #[test]
    fn good_rows_become_regimens() {
        let t = read(
            "id,time,amt,evid,cmt,ii,addl,rate,ss\n\
             7,0,100,1,testosterone_cypionate,168,3,0,1\n\
             7,12,.,0,.,.,.,.,.\n\
             7,24,1500,1,hcg,48,2,,0\n\
             8,0,10,1,gonadorelin,,,2,\n",
        )
        .unwrap();
        let s = t.subjects();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id, "7");
        assert_eq!(s[0].regimens.len(), 2);
        let trt = s[0].regimens[0];
        assert!(trt.is_steady_state());
        assert_eq!(
            trt.event_times(Duration::days(100.0), 100).len(),
            4,
            "ADDL 3: four doses"
        );
        let hcg = s[0].regimens[1];
        assert_eq!(hcg.start(), Duration::hours(24.0));
        assert_eq!(hcg.drug(), Drug::Hcg);
        // 10 ug at 2 ug/h: an infusion of five hours.
        let pump = s[1].regimens[0];
        assert!(
            matches!(pump.schedule(), Schedule::Infusion { stop: Some(stop), .. } if stop == Duration::hours(5.0))
        );
    }

    #[test]
    fn time_units_scale_time_interval_and_rate() {
        let t = EventTable::from_reader(
            "TIME,AMT,CMT,II,ADDL\n1,500,hcg,2,1\n".as_bytes(),
            &EventOptions {
                time_unit: TimeUnit::Days,
            },
        )
        .unwrap();
        let r = t.subjects()[0].regimens[0];
        let days: Vec<f64> = r
            .event_times(Duration::days(30.0), 10)
            .iter()
            .map(|d| d.as_days())
            .collect();
        assert_eq!(days, vec![1.0, 3.0]);
    }

    #[test]
    fn bad_rows_name_line_and_column() {
        for (text, expected) in [
            (
                "TIME,AMT,CMT,DV\n0,1,hcg,3\n",
                "events line 1: unknown column `DV`",
            ),
            ("TIME,AMT\n0,1\n", "needs a `CMT` column"),
            ("TIME,AMT,CMT,time\n0,1,hcg,0\n", "given twice"),
            (
                "TIME,AMT,CMT\n0,-5,hcg\n",
                "events line 2, column AMT: must be a positive",
            ),
            (
                "TIME,AMT,CMT,EVID\n0,5,hcg,4\n",
                "column EVID: must be 0 (observation) or 1",
            ),
            ("TIME,AMT,CMT,EVID\n0,5,hcg,1.5\n", "column EVID"),
            (
                "TIME,AMT,CMT,SS\n0,5,hcg,1\n",
                "column SS: a steady state (SS=1) needs",
            ),
            ("TIME,AMT,CMT,SS,II\n24,5,hcg,1,48\n", "TIME must be 0"),
            (
                "TIME,AMT,CMT\n0,5,viagra\n",
                "column CMT: unknown drug `viagra`",
            ),
            (
                "ID,TIME,AMT,CMT\n1,48,5,hcg\n1,24,5,hcg\n",
                "events line 3, column TIME: goes backwards within ID 1: 24 after 48",
            ),
            (
                "TIME,AMT,CMT\nsoon,5,hcg\n",
                "column TIME: `soon` is not a number",
            ),
            ("TIME,AMT,CMT\n0,5,hcg,9\n", "events line 2: has 4 cells"),
            ("TIME,AMT,CMT,ADDL\n0,5,hcg,3\n", "column II: ADDL repeats"),
            (
                "TIME,AMT,CMT,RATE\n0,5,anastrozole,1\n",
                "events line 2, column AMT: anastrozole",
            ),
            ("TIME,AMT,CMT,RATE\n0,5,hcg,-1\n", "modelled rates"),
            (
                "TIME,AMT,CMT,ROUTE\n0,5,hcg,oral\n",
                "column ROUTE: hcg: hcg cannot be given oral",
            ),
            ("TIME,AMT,CMT\n", "no records"),
            ("TIME,AMT,CMT\n0,inf,hcg\n", "not finite"),
            ("ID,\"A\nB\"\n1\n", "unknown column `A B`"),
            (
                "ID,TIME,AMT,CMT\n1,0,5,hcg\n2,0,5,hcg\n1,9,5,hcg\n",
                "events line 4, column ID: ID 1 appears again",
            ),
            (
                "TIME,AMT,CMT,RATE,II,ADDL\n0,5,hcg,1,1,1000000\n",
                "column ADDL: the table expands",
            ),
        ] {
            let e = error_of(text);
            assert!(e.contains(expected), "{text:?}: {e}");
        }
    }

    #[test]
    fn observation_rows_are_skipped_but_checked() {
        let t = read("TIME,AMT,CMT,EVID\n0,500,hcg,1\n3,,lh,0\n").unwrap();
        assert_eq!(t.subjects()[0].regimens.len(), 1);
        assert!(error_of("TIME,AMT,CMT,EVID\n3,5,hcg,0\n").contains("observation"));
    }
}
