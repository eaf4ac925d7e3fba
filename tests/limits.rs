//! Limits: dates up to 9999-12-31 and `--as-of` as YYYY-MM-DD only, the 100-year period
//! limit in every unit, a chart whose size does not grow with the span, holidays only from the
//! year they were first observed, and matching and hierarchy costs that stay bounded.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use orderly::compile::diff::split_detection_work;
use orderly::model::{LAST_DATE, Period, Unit, parse_ymd};
use orderly::render::chart::{Axis, MAX_TICKS};
use orderly::testing::{AddError, Holidays, add, non_business_reason, us_federal_holidays};

use crate::support::{ONE_VERSION_INSTRUMENT, codes, example_spec, orderly, repo};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn period(count: i64, unit: Unit) -> Period {
    Period { count, unit }
}

const SEC_2: &str = "spec/city-ordinance-12/adopted/sec-2.yaml";

/// Replaces `from` (which must be there) in a file of the spec in `dir`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn as_of_takes_only_yyyy_mm_dd() {
    for bad in [
        "+10000-01-01",
        "-262143-01-01",
        "2026-6-1",
        " 2026-06-01",
        "2026-06-01 ",
        "20260601",
        "2026-02-30",
    ] {
        let arg = format!("--as-of={bad}");
        let run = orderly(
            &repo(),
            &["timeline", "spec/eo-14409", &arg, "--format", "json"],
        );
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("is not a date written as YYYY-MM-DD"),
            "{bad:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{bad:?}");
        assert_eq!(parse_ymd(bad), None, "{bad:?}");
    }
    let run = orderly(
        &repo(),
        &[
            "timeline",
            "spec/eo-14409",
            "--as-of=2026-06-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(parse_ymd("9999-12-31"), Some(LAST_DATE));
}

#[test]
fn arithmetic_stops_at_9999_12_31() {
    assert_eq!(add(d("9999-12-30"), period(1, Unit::Days)), Ok(LAST_DATE));
    for (start, p) in [
        ("9999-12-31", period(1, Unit::Days)),
        ("9999-12-25", period(1, Unit::Weeks)),
        ("9999-12-01", period(1, Unit::Months)),
        ("9999-01-01", period(1, Unit::Years)),
        ("2026-01-01", period(i64::MAX, Unit::Days)),
    ] {
        assert_eq!(add(d(start), p), Err(AddError::OutOfRange), "{start} + {p}");
    }
}

#[test]
fn deadlines_past_9999_are_check_errors() {
    // A period counted from a completion recorded late in 9999.
    let dir = example_spec(None);
    edit(
        dir.path(),
        SEC_2,
        "done_on: 2026-05-14",
        "done_on: 9999-11-14",
    );
    edit(dir.path(), SEC_2, "as_of: 2026-05-20", "as_of: 9999-11-20");
    let run = orderly(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(codes(&run.stdout), ["date-out-of-range"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found = &report["diagnostics"][0];
    assert_eq!(found["file"], SEC_2);
    // `planting-plan`'s `due: { within: 2m, of: survey }` (line 38, the period at column 20).
    assert_eq!(found["line"], 38, "{found}");
    assert_eq!(found["column"], 20, "{found}");
}

#[test]
fn the_period_limit_counts_every_unit_alike() {
    for (within, accepted) in [
        ("100y", true),
        ("1200m", true),
        ("5217w", true),
        ("36525d", true),
        ("101y", false),
        ("1201m", false),
        ("5218w", false),
        ("36526d", false),
    ] {
        let dir = example_spec(None);
        edit(
            dir.path(),
            SEC_2,
            "due: { within: 30d, of: adoption-date }",
            &format!("due: {{ within: {within}, of: adoption-date }}"),
        );
        let run = orderly(dir.path(), &["check", "--format", "json"]);
        let refused = codes(&run.stdout).contains(&"period-out-of-range".to_owned());
        assert_eq!(refused, !accepted, "{within}: {}", run.stdout);
        assert_eq!(run.code, i32::from(!accepted), "{within}");
    }
}

#[test]
fn chart_ticks_are_bounded_whatever_the_span() {
    for (start, end, months, first_label) in [
        ("2026-06-01", "2026-07-01", 1, "2026-06"),
        ("2020-01-01", "2030-01-01", 6, "2020-01"),
        ("0026-01-01", "2026-01-01", 1200, "0100"),
        ("0000-01-01", "9999-12-31", 6000, "0000"),
    ] {
        let (start, end) = (d(start), d(end));
        let axis = Axis::spanning(start, end);
        assert_eq!(axis.months, months, "{start} to {end}");
        let ticks: Vec<NaiveDate> = axis.ticks(start, end).collect();
        assert_eq!(ticks.len(), axis.count(start, end));
        assert!(
            (2..=MAX_TICKS).contains(&ticks.len()),
            "{start} to {end}: {} ticks",
            ticks.len()
        );
        assert_eq!(axis.label(ticks[0]), first_label);
        assert!(ticks.iter().all(|t| (start..=end).contains(t)));
    }
    // A deadline in year 1 on a site built as of 2026: one chart of bounded size.
    let dir = example_spec(None);
    edit(
        dir.path(),
        SEC_2,
        "    due: ongoing\n",
        "    due: { on: 0001-01-01 }\n",
    );
    let site = dir.path().join("site");
    let run = orderly(
        dir.path(),
        &[
            "build",
            "spec",
            "-o",
            site.to_str().unwrap(),
            "--as-of",
            "2026-06-01",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = fs::read_to_string(site.join("city-ordinance-12/adopted/timeline.html")).unwrap();
    let ticks = page.matches(r##"stroke="#999""##).count();
    assert!((2..=MAX_TICKS).contains(&ticks), "{ticks} ticks");
    assert!(page.len() < 200_000, "{} bytes", page.len());
}

/// The holiday of `year` with this name, on its observed day.
fn holiday(year: i32, name: &str) -> Option<NaiveDate> {
    us_federal_holidays(year)
        .into_iter()
        .find(|(_, n)| *n == name)
        .map(|(date, _)| date)
}

#[test]
fn holidays_apply_from_the_year_they_were_first_observed() {
    let mlk = "Birthday of Martin Luther King, Jr.";
    assert_eq!(holiday(1980, mlk), None);
    assert_eq!(holiday(1985, mlk), None);
    assert_eq!(holiday(1986, mlk), Some(d("1986-01-20")));
    assert_eq!(
        non_business_reason(d("1980-01-21"), Holidays::UsFederal),
        None
    );
    let juneteenth = "Juneteenth National Independence Day";
    assert_eq!(holiday(2020, juneteenth), None);
    assert_eq!(holiday(2021, juneteenth), Some(d("2021-06-18")));
    // Veterans Day: the fourth Monday of October from 1971 to 1977, then 11 November.
    assert_eq!(holiday(1975, "Veterans Day"), Some(d("1975-10-27")));
    assert_eq!(
        non_business_reason(d("1975-11-11"), Holidays::UsFederal),
        None
    );
    assert_eq!(holiday(1978, "Veterans Day"), Some(d("1978-11-10")));
    // The Monday holidays from 1971, when the Uniform Monday Holiday Act took effect.
    assert_eq!(
        holiday(1971, "Washington's Birthday"),
        Some(d("1971-02-15"))
    );
    assert_eq!(holiday(1971, "Christmas Day"), Some(d("1971-12-24")));
    assert_eq!(us_federal_holidays(1971).len(), 9);
    // Before 1971 no holidays are known: only weekends move a date.
    for year in [0, 1, 1900, 1970] {
        assert!(us_federal_holidays(year).is_empty(), "{year}");
    }
    assert_eq!(
        non_business_reason(d("1970-12-25"), Holidays::UsFederal),
        None
    );
    assert_eq!(
        non_business_reason(d("0001-01-01"), Holidays::UsFederal),
        None,
        "year 1 has no New Year's Day holiday"
    );
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// A deterministic stream of numbers (a linear congruential generator).
fn numbers(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    }
}

#[test]
fn split_matching_compares_few_pairs() {
    // Every id renamed and every action drawn from one small vocabulary, so that every pair
    // shares words: the full comparison would look at all 1,000 × 1,000 pairs, twice; each
    // provision is compared with a bounded set of candidates instead, and counted as such.
    let mut next = numbers(3);
    let mut action = || {
        let mut text = String::new();
        for _ in 0..60 {
            let _ = write!(text, "w{} ", next() % 1000);
        }
        text
    };
    let old: Vec<String> = (0..1000).map(|_| action()).collect();
    let new: Vec<String> = (0..1000).map(|_| action()).collect();
    let work = split_detection_work(&refs(&old), &refs(&new));
    assert_eq!(work.compared, 2000, "{work:?}");
    assert!(work.bounded > 0, "{work:?}");
    assert!(work.pairs < 100_000, "{work:?}");

    // Actions with words of their own (and a few common ones): only the pairs that share a
    // rare word are compared, and detection is exact.
    let old: Vec<String> = (0..2000)
        .map(|i| format!("task{i} item{i} place{i} the agency shall report"))
        .collect();
    let new: Vec<String> = (0..2000)
        .map(|i| format!("task{i} item{i} place{i} the agency shall report again"))
        .collect();
    let work = split_detection_work(&refs(&old), &refs(&new));
    assert_eq!(work.bounded, 0, "{work:?}");
    assert!(work.pairs <= 2 * (old.len() + new.len()), "{work:?}");
}

#[test]
fn components_of_a_deep_chain() {
    // a0 ← a1 ← ... ← a2999 by `parent`, and a branch b under a1.
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    fs::create_dir_all(spec.join("i/v")).unwrap();
    let n = 3000;
    let mut actors =
        String::from("actors:\n  b:\n    name: B\n    kind: component\n    parent: a1\n");
    for i in 0..n {
        let _ = write!(actors, "  a{i}:\n    name: A{i}\n    kind: ");
        if i == 0 {
            actors.push_str("agency\n");
        } else {
            let _ = writeln!(actors, "component\n    parent: a{}", i - 1);
        }
    }
    fs::write(spec.join("actors.yaml"), actors).unwrap();
    fs::write(spec.join("i/instrument.yaml"), ONE_VERSION_INSTRUMENT).unwrap();
    fs::write(
        spec.join("i/v/s.yaml"),
        format!(
            "section: \"1\"\nsources: [s]\nprovisions:\n  - {{id: p, ref: \"1(a)\", kind: obligation, \
             modality: shall, binding: mandatory, actor: a{}, action: x, due: {{within: 1d, of: start}}, \
             sources: [s], confidence: high}}\n",
            n - 1
        ),
    )
    .unwrap();
    let run = orderly(
        dir.path(),
        &[
            "checklist",
            "spec/i",
            "--actor",
            "a0",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let components: Vec<&str> = list["actors"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let mut expected: Vec<String> = (1..n).map(|i| format!("a{i}")).collect();
    expected.push("b".to_owned());
    expected.sort();
    assert_eq!(components, expected);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}
