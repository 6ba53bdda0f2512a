//! Black-box specs for the ingest on documents in layouts the five seeds don't use.
//!
//! Every test runs the real binary (`planq export --docs tests/fixtures/<file>`, or `planq
//! check`) and states exactly what a careful reader of the document would extract: metadata,
//! sections, every task with its lead and support units, 完成时限 and targets, and the
//! warnings. The fixtures are invented documents described in `tests/fixtures/README.md`.
//!
//! A task spec is built with `task(no, section, title)` plus `.lead()`, `.support()`,
//! `.due()`, `.targets()`, `.text()`, `.note()` and `.line()`; targets with `eq`, `ge`, `le`, `approx`
//! and `range`, plus `.base()` for scaled units. Checks collect every mismatch of a document
//! before failing, so one run shows all that is wrong.

use rust_decimal::Decimal;
use serde_json::Value;
use std::fmt::Debug;
use std::process::{Command, Output};
use std::str::FromStr;

// ---------------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------------

fn planq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("planq runs")
}

fn fixture_path(file: &str) -> String {
    format!("tests/fixtures/{file}")
}

/// `planq export --docs tests/fixtures/<file>`: the one document it must produce.
fn export(file: &str) -> Value {
    let path = fixture_path(file);
    let out = planq(&["export", "--docs", &path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "planq export --docs {path} exited with {}: {stderr}",
        out.status
    );
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("planq export --docs {path}: stdout is not JSON: {e}"));
    let docs = json["documents"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: no \"documents\" array in {json}"));
    assert_eq!(docs.len(), 1, "{file}: exactly one document expected");
    assert_eq!(docs[0]["file"], file, "{file}: document file name");
    docs[0].clone()
}

/// 1-based number of the one line of a UTF-8 fixture that contains `needle`.
fn line_of(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(format!(
        "{}/{}",
        env!("CARGO_MANIFEST_DIR"),
        fixture_path(file)
    ))
    .expect("fixture is UTF-8");
    let hits: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{file}: {needle:?} must be on exactly one line"
    );
    hits[0]
}

// ---------------------------------------------------------------------------------------------
// Collecting mismatches
// ---------------------------------------------------------------------------------------------

/// Every mismatch found in one document; `finish` fails with all of them.
struct Mismatches {
    file: String,
    items: Vec<String>,
}

impl Mismatches {
    fn new(doc: &Value) -> Self {
        Mismatches {
            file: doc["file"].as_str().unwrap_or("?").to_string(),
            items: Vec::new(),
        }
    }

    fn check<T: PartialEq + Debug>(&mut self, what: &str, expected: T, got: T) {
        if expected != got {
            self.items
                .push(format!("{what}: expected {expected:?}, got {got:?}"));
        }
    }

    fn note(&mut self, item: String) {
        self.items.push(item);
    }

    fn finish(self) {
        assert!(
            self.items.is_empty(),
            "{}: {} mismatch(es)\n  {}",
            self.file,
            self.items.len(),
            self.items.join("\n  ")
        );
    }
}

fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// Metadata and sections
// ---------------------------------------------------------------------------------------------

struct Meta {
    region: &'static str,
    doc_number: &'static str,
    issuer: &'static str,
    date: &'static str,
    title: &'static str,
}

fn assert_meta(doc: &Value, m: Meta) {
    let mut mm = Mismatches::new(doc);
    mm.check("kind", Some("annual_tasks".into()), string(&doc["kind"]));
    mm.check("region", Some(m.region.into()), string(&doc["region"]));
    mm.check(
        "doc_number",
        Some(m.doc_number.into()),
        string(&doc["doc_number"]),
    );
    mm.check("issuer", Some(m.issuer.into()), string(&doc["issuer"]));
    mm.check("date", Some(m.date.into()), string(&doc["date"]));
    mm.check("title", Some(m.title.into()), string(&doc["title"]));
    mm.finish();
}

/// Sections as `(id, level, no, title)`, in document order.
fn assert_sections(doc: &Value, expected: &[(&str, u64, &str, &str)]) {
    let render = |id: &str, level: Option<u64>, no: &str, title: &str| {
        format!(
            "{id} L{} {no} {title}",
            level.map_or("?".into(), |l| l.to_string())
        )
    };
    let got: Vec<String> = doc["sections"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| {
                    render(
                        s["id"].as_str().unwrap_or("?"),
                        s["level"].as_u64(),
                        s["no"].as_str().unwrap_or("?"),
                        s["title"].as_str().unwrap_or("?"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let want: Vec<String> = expected
        .iter()
        .map(|&(id, level, no, title)| render(id, Some(level), no, title))
        .collect();
    let mut mm = Mismatches::new(doc);
    mm.check("sections", want, got);
    mm.finish();
}

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

/// An expected target: comparator, value (and upper value) as written, unit as written, and
/// the base value/unit (defaults to value/unit for unscaled units).
#[derive(Clone, Debug)]
struct Tgt {
    cmp: &'static str,
    value: &'static str,
    hi: Option<&'static str>,
    unit: &'static str,
    base: Option<(&'static str, &'static str)>,
}

impl Tgt {
    /// Value in the base unit: `ge("850", "万人次").base("8500000", "人次")`.
    fn base(mut self, value: &'static str, unit: &'static str) -> Self {
        self.base = Some((value, unit));
        self
    }

    fn render(&self) -> String {
        let (bv, bu) = self.base.unwrap_or((self.value, self.unit));
        render_target(self.cmp, self.value, self.hi, self.unit, bv, bu)
    }
}

fn tgt(cmp: &'static str, value: &'static str, unit: &'static str) -> Tgt {
    Tgt {
        cmp,
        value,
        hi: None,
        unit,
        base: None,
    }
}

fn eq(value: &'static str, unit: &'static str) -> Tgt {
    tgt("=", value, unit)
}
fn ge(value: &'static str, unit: &'static str) -> Tgt {
    tgt(">=", value, unit)
}
fn le(value: &'static str, unit: &'static str) -> Tgt {
    tgt("<=", value, unit)
}
fn approx(value: &'static str, unit: &'static str) -> Tgt {
    tgt("~", value, unit)
}
fn range(lo: &'static str, hi: &'static str, unit: &'static str) -> Tgt {
    Tgt {
        hi: Some(hi),
        ..tgt("range", lo, unit)
    }
}

/// Numbers compared by value (15000 = 15000.0), shown normalised.
fn normal(n: &str) -> String {
    Decimal::from_str(n)
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|_| n.to_string())
}

/// `>= 850 万人次 [8500000 人次]`, `range 2..3 家 [2 家]`.
fn render_target(
    cmp: &str,
    value: &str,
    hi: Option<&str>,
    unit: &str,
    base_value: &str,
    base_unit: &str,
) -> String {
    let hi = hi.map(|h| format!("..{h}")).unwrap_or_default();
    format!(
        "{cmp} {value}{hi} {unit} [{} {base_unit}]",
        normal(base_value)
    )
}

fn render_actual_target(t: &Value) -> String {
    let text = |k: &str| match &t[k] {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_string(),
        other => other.to_string(),
    };
    render_target(
        &text("cmp"),
        &text("value"),
        t["value_hi"].as_str(),
        &text("unit"),
        &text("base_value"),
        &text("base_unit"),
    )
}

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

/// What one task must look like.
#[derive(Clone, Debug)]
struct TaskSpec {
    no: &'static str,
    section: &'static str,
    title: &'static str,
    text: Option<&'static str>,
    note: Option<&'static str>,
    line: Option<usize>,
    lead: Vec<&'static str>,
    support: Vec<&'static str>,
    due: Option<&'static str>,
    targets: Vec<Tgt>,
}

fn task(no: &'static str, section: &'static str, title: &'static str) -> TaskSpec {
    TaskSpec {
        no,
        section,
        title,
        text: None,
        note: None,
        line: None,
        lead: Vec::new(),
        support: Vec::new(),
        due: None,
        targets: Vec::new(),
    }
}

impl TaskSpec {
    fn lead(mut self, units: &[&'static str]) -> Self {
        self.lead = units.to_vec();
        self
    }
    fn support(mut self, units: &[&'static str]) -> Self {
        self.support = units.to_vec();
        self
    }
    fn due(mut self, due: &'static str) -> Self {
        self.due = Some(due);
        self
    }
    fn targets(mut self, targets: Vec<Tgt>) -> Self {
        self.targets = targets;
        self
    }
    /// The full text exactly, page breaks repaired, without the number. The model has said
    /// both "note removed" and "note included"; with `.note()` either is accepted.
    fn text(mut self, text: &'static str) -> Self {
        self.text = Some(text);
        self
    }
    /// The responsibility note as printed (page breaks repaired).
    fn note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }
    fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

/// Which parts of the task specs a test checks.
#[derive(Clone, Copy, PartialEq)]
enum Aspect {
    /// Task numbers in order, section, title, text and first line.
    Structure,
    /// `lead`, `support` and `due`.
    Units,
    /// The exact list of targets.
    Targets,
}

fn tasks_of(doc: &Value) -> Vec<Value> {
    doc["tasks"].as_array().cloned().unwrap_or_default()
}

/// The `nth` (0-based) task numbered `no`: a repeated number gives two tasks.
fn find_task<'a>(tasks: &'a [Value], no: &str, nth: usize) -> Option<&'a Value> {
    tasks.iter().filter(|t| t["no"] == no).nth(nth)
}

fn check_tasks(doc: &Value, specs: &[TaskSpec], aspect: Aspect) {
    let tasks = tasks_of(doc);
    let mut mm = Mismatches::new(doc);
    if aspect == Aspect::Structure {
        let got: Vec<String> = tasks
            .iter()
            .map(|t| t["no"].as_str().unwrap_or("?").to_string())
            .collect();
        let want: Vec<String> = specs.iter().map(|s| s.no.to_string()).collect();
        mm.check("task numbers", want, got);
    }
    for (i, spec) in specs.iter().enumerate() {
        let nth = specs[..i].iter().filter(|s| s.no == spec.no).count();
        let Some(t) = find_task(&tasks, spec.no, nth) else {
            mm.note(format!("task {} (#{}): missing", spec.no, nth + 1));
            continue;
        };
        let at = |field: &str| format!("task {}{} {field}", spec.no, ["", "'"][nth.min(1)]);
        match aspect {
            Aspect::Structure => {
                mm.check(
                    &at("section"),
                    Some(spec.section.into()),
                    string(&t["section"]),
                );
                mm.check(&at("title"), Some(spec.title.into()), string(&t["title"]));
                if let Some(body) = spec.text {
                    let got = string(&t["text"]).unwrap_or_default();
                    let with_note = format!("{body}{}", spec.note.unwrap_or(""));
                    if got != body && got != with_note {
                        mm.note(format!(
                            "{}: expected {with_note:?}, got {got:?}",
                            at("text")
                        ));
                    }
                }
                if let Some(line) = spec.line {
                    mm.check(&at("line"), Some(line as u64), t["line"].as_u64());
                }
            }
            Aspect::Units => {
                mm.check(&at("lead"), owned(&spec.lead), strings(&t["lead"]));
                mm.check(&at("support"), owned(&spec.support), strings(&t["support"]));
                mm.check(&at("due"), spec.due.map(String::from), string(&t["due"]));
            }
            Aspect::Targets => {
                let want: Vec<String> = spec.targets.iter().map(Tgt::render).collect();
                let got_targets = t["targets"].as_array().cloned().unwrap_or_default();
                let got: Vec<String> = got_targets.iter().map(render_actual_target).collect();
                mm.check(&at("targets"), want, got);
                for g in &got_targets {
                    let (value, quote) = (g["value"].as_str(), g["quote"].as_str());
                    if let (Some(value), Some(quote)) = (value, quote) {
                        if !quote.contains(value) {
                            mm.note(format!("{}: quote {quote:?} lacks {value}", at("target")));
                        }
                    } else {
                        mm.note(format!("{}: no value or quote in {g}", at("target")));
                    }
                }
            }
        }
    }
    mm.finish();
}

fn task_text(doc: &Value, no: &str) -> String {
    let tasks = tasks_of(doc);
    find_task(&tasks, no, 0)
        .and_then(|t| string(&t["text"]))
        .unwrap_or_else(|| panic!("{}: no task {no} with a text", doc["file"]))
}

/// Lines of the warnings of one kind (`numbering`, `no_units`), sorted.
fn warning_lines(doc: &Value, kind: &str) -> Vec<u64> {
    let mut lines: Vec<u64> = doc["warnings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|w| w["kind"] == kind)
                .map(|w| w["line"].as_u64().unwrap_or(0))
                .collect()
        })
        .unwrap_or_default();
    lines.sort_unstable();
    lines
}

/// A well-formed document: numbering in sequence, every task has a unit.
fn assert_no_structure_warnings(doc: &Value) {
    let mut mm = Mismatches::new(doc);
    mm.check(
        "numbering warning lines",
        vec![],
        warning_lines(doc, "numbering"),
    );
    mm.check(
        "no_units warning lines",
        vec![],
        warning_lines(doc, "no_units"),
    );
    mm.finish();
}

// ---------------------------------------------------------------------------------------------
// Unreadable input
// ---------------------------------------------------------------------------------------------

/// `planq <args…> <file>` on input that holds no plan: no panic; either exit 2 with an error
/// that names the file, or exit 0 with the file named and a warning recorded for it.
fn assert_graceful(args: &[&str], file: &str) {
    let path = fixture_path(file);
    let mut all = args.to_vec();
    all.push(path.as_str());
    let out = planq(&all);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    let cmd = format!("planq {}", all.join(" "));
    assert!(!stderr.contains("panicked"), "{cmd} panicked: {stderr}");
    match out.status.code() {
        Some(2) => assert!(
            stderr.contains(file),
            "{cmd} exited 2 but its error does not name {file}: {stderr:?}"
        ),
        Some(0) => {
            assert!(
                stdout.contains(file) || stderr.contains(file),
                "{cmd} exited 0 without naming {file}: {stdout:?} {stderr:?}"
            );
            let doc = export(file);
            assert!(
                tasks_of(&doc).is_empty(),
                "{file}: tasks found in a file with no plan"
            );
            assert!(
                doc["warnings"].as_array().is_some_and(|w| !w.is_empty()),
                "{cmd} exited 0 but the document has no warning saying it is empty/unreadable"
            );
        }
        other => panic!("{cmd}: exit status {other:?} (want 0 with a warning or 2 with an error); stderr: {stderr}"),
    }
}

// =============================================================================================
// notes_own_lines.txt — notes on their own lines, （一） sections, 1、 1． numbering
// =============================================================================================

const NOTES: &str = "notes_own_lines.txt";

fn notes_own_lines_spec() -> Vec<TaskSpec> {
    let at = |needle| line_of(NOTES, needle);
    vec![
        task("1", "1.1", "推进政务服务事项网上办理")
            .line(at("1、推进政务服务事项"))
            .lead(&["县行政审批服务局"])
            .support(&["县大数据中心", "县司法局"])
            .due("2024年6月底前")
            .targets(vec![ge("98", "%")]),
        task("2", "1.1", "推行“高效办成一件事”")
            .line(at("2、 推行"))
            .lead(&["县行政审批服务局"])
            .due("2024年12月底前")
            .targets(vec![eq("12", "个")]),
        task("3", "1.2", "深化工程建设项目审批制度改革")
            .line(at("3．深化工程建设"))
            .lead(&["县住房和城乡建设局"])
            .support(&["县自然资源局", "县行政审批服务局"])
            .due("2024年9月底前")
            .targets(vec![le("20", "天")]),
        task("4", "1.2", "推进企业开办便利化")
            .line(at("4． 推进企业开办"))
            .lead(&["县市场监督管理局"])
            .support(&["县公安局", "县税务局"])
            .due("长期坚持")
            .targets(vec![ge("1500", "户")]),
        task("5", "2.1", "落实减税降费政策")
            .line(at("5、落实减税降费"))
            .lead(&["县税务局"])
            .support(&["县财政局"])
            .due("2024年12月底前")
            .targets(vec![eq("3.2", "亿元").base("320000000", "元")]),
        task("6", "2.1", "开展“政企面对面”活动")
            .line(at("6、开展"))
            .lead(&["县工商业联合会", "县发展和改革局"])
            .due("2024年12月底前")
            .targets(vec![ge("1", "场")]),
        task("7", "2.2", "加强融资服务")
            .line(at("7．加强融资服务"))
            .lead(&["县地方金融服务中心"])
            .support(&["中国人民银行柳溪县支行", "县财政局"])
            .due("2024年11月底前")
            .targets(vec![
                ge("8", "场"),
                ge("10", "亿元").base("1000000000", "元"),
            ]),
        task("8", "2.2", "保障企业用地需求")
            .line(at("8．保障企业用地"))
            .lead(&["县自然资源局"])
            .due("2024年12月底前")
            .targets(vec![eq("1200", "亩"), ge("800", "亩")]),
    ]
}

#[test]
fn notes_own_lines_metadata() {
    assert_meta(
        &export(NOTES),
        Meta {
            region: "柳溪县",
            doc_number: "柳政办字〔2024〕8号",
            issuer: "柳溪县人民政府办公室",
            date: "2024-03-15",
            title: "柳溪县2024年优化营商环境重点工作任务",
        },
    );
}

#[test]
fn notes_own_lines_sections_nest_yi_under_yi() {
    assert_sections(
        &export(NOTES),
        &[
            ("1", 1, "一", "提升政务服务效能"),
            ("1.1", 2, "（一）", "深化“一网通办”改革"),
            ("1.2", 2, "（二）", "优化涉企审批服务"),
            ("2", 1, "二", "强化市场主体培育"),
            ("2.1", 2, "（一）", "加大惠企政策落实力度"),
            ("2.2", 2, "（二）", "强化要素保障"),
        ],
    );
}

#[test]
fn notes_own_lines_tasks_numbered_with_dun_and_fullwidth_dot() {
    check_tasks(&export(NOTES), &notes_own_lines_spec(), Aspect::Structure);
}

#[test]
fn notes_own_lines_units_and_due_from_note_lines() {
    check_tasks(&export(NOTES), &notes_own_lines_spec(), Aspect::Units);
}

#[test]
fn notes_own_lines_targets() {
    check_tasks(&export(NOTES), &notes_own_lines_spec(), Aspect::Targets);
}

/// Note lines end a task: the closing paragraph after task 8's notes (which mentions
/// 牵头单位 in prose) is no part of task 8.
#[test]
fn notes_own_lines_text_stops_at_the_notes() {
    let doc = export(NOTES);
    let mut mm = Mismatches::new(&doc);
    for (no, body) in [
        ("1", "推进政务服务事项网上办理。全面梳理依申请政务服务事项，县级政务服务事项网上可办率达到98%以上。"),
        ("8", "保障企业用地需求。盘活批而未供和闲置土地1200亩，新增工业用地供应不低于800亩。"),
    ] {
        let text = task_text(&doc, no);
        if !text.starts_with(body) {
            mm.note(format!("task {no} text does not start with {body:?}: {text:?}"));
        }
        if text.contains("2、") || text.contains("报送") {
            mm.note(format!("task {no} text runs into what follows: {text:?}"));
        }
    }
    mm.finish();
}

#[test]
fn notes_own_lines_has_no_numbering_or_unit_warnings() {
    assert_no_structure_warnings(&export(NOTES));
}

// =============================================================================================
// bracket_notes.txt — 【】 [] notes, 按职责分工负责, 牵头负责, mixed widths, body parentheses
// =============================================================================================

const BRACKETS: &str = "bracket_notes.txt";

fn bracket_notes_spec() -> Vec<TaskSpec> {
    vec![
        task("1", "1", "建设高水平创新平台")
            .lead(&["区科学技术局"])
            .targets(vec![eq("8", "家")]),
        task("2", "1", "突破关键核心技术")
            .lead(&["区科学技术局"])
            .support(&["区财政局", "区工业和信息化局"])
            .targets(vec![eq("15", "项"), ge("4", "项")]),
        task("3", "1", "壮大科技型企业群体")
            .lead(&["区科学技术局", "区税务局"])
            .targets(vec![ge("25", "家"), eq("180", "家")]),
        task("4", "1", "加强知识产权保护")
            .lead(&["区市场监督管理局"])
            .support(&["区科学技术局", "区消费者权益保护委员会"])
            .targets(vec![eq("12", "%"), eq("3", "家")]),
        task("5", "2", "推进工业技术改造")
            .lead(&["区工业和信息化局"])
            .support(&["区产业链牵头推进办公室", "区财政局"])
            .targets(vec![eq("30", "个"), eq("4", "个")]),
        task("6", "2", "培育先进制造业集群")
            .lead(&["区工业和信息化局"])
            .targets(vec![ge("150", "亿元").base("15000000000", "元")]),
        task("7", "2", "发展现代服务业")
            .lead(&["区发展和改革局"])
            .support(&["区商务局", "区统计局"])
            .targets(vec![eq("20", "家"), eq("1", "个")]),
        task("8", "2", "推动数字经济发展")
            .lead(&["区工业和信息化局", "区大数据发展中心"])
            .targets(vec![eq("10", "个"), eq("200", "家")]),
        task("9", "3", "加快引进高层次人才")
            .lead(&["区委组织部"])
            .support(&["区人力资源和社会保障局", "区住房和城乡建设局"])
            .targets(vec![ge("3000", "人"), eq("200", "套")]),
        task("10", "3", "优化人才发展环境")
            .lead(&["区委组织部"])
            .support(&["区人力资源和社会保障局", "区工商业联合会"])
            .targets(vec![eq("12", "场")]),
        task("11", "3", "深化产教融合")
            .lead(&["区教育和体育局", "区人力资源和社会保障局"])
            .support(&["区工业和信息化局"])
            .targets(vec![eq("5", "个"), eq("800", "人")]),
    ]
}

#[test]
fn bracket_notes_metadata_with_chinese_numeral_date() {
    assert_meta(
        &export(BRACKETS),
        Meta {
            region: "青石区",
            doc_number: "青政办发〔2023〕22号",
            issuer: "青石区人民政府办公室",
            date: "2023-11-20",
            title: "青石区2023年科技创新和产业升级重点工作任务",
        },
    );
}

#[test]
fn bracket_notes_sections() {
    assert_sections(
        &export(BRACKETS),
        &[
            ("1", 1, "一", "增强科技创新能力"),
            ("2", 1, "二", "推动产业转型升级"),
            ("3", 1, "三", "强化人才支撑"),
        ],
    );
}

#[test]
fn bracket_notes_tasks() {
    check_tasks(&export(BRACKETS), &bracket_notes_spec(), Aspect::Structure);
}

#[test]
fn bracket_notes_units_in_every_note_form() {
    check_tasks(&export(BRACKETS), &bracket_notes_spec(), Aspect::Units);
}

#[test]
fn bracket_notes_targets() {
    check_tasks(&export(BRACKETS), &bracket_notes_spec(), Aspect::Targets);
}

/// A body parenthesis is text, not a note: the task goes on after it.
#[test]
fn bracket_notes_body_parentheses_stay_in_text() {
    let doc = export(BRACKETS);
    let mut mm = Mismatches::new(&doc);
    for (no, body) in [
        (
            "1",
            "做好省级工程研究中心（工程实验室）优化整合，新增市级以上创新平台8家。",
        ),
        ("5", "培育省级智能工厂（数字化车间）4个。"),
        ("8", "实施数字化转型项目10个"),
    ] {
        let text = task_text(&doc, no);
        if !text.contains(body) {
            mm.note(format!("task {no} text lacks {body:?}: {text:?}"));
        }
    }
    mm.finish();
}

#[test]
fn bracket_notes_has_no_numbering_or_unit_warnings() {
    assert_no_structure_warnings(&export(BRACKETS));
}

// =============================================================================================
// ledger.txt — a tab-separated task ledger pasted from a spreadsheet
// =============================================================================================

const LEDGER: &str = "ledger.txt";

fn ledger_spec() -> Vec<TaskSpec> {
    vec![
        task("1", "1", "稳定粮食生产")
            .lead(&["县农业农村局"])
            .support(&["县财政局", "县发展和改革局"])
            .due("2024年10月底前")
            .targets(vec![
                ge("85", "万亩").base("850000", "亩"),
                eq("38", "万吨").base("380000", "吨"),
            ]),
        task("2", "1", "建设高标准农田")
            .lead(&["县农业农村局"])
            .support(&["县财政局", "县自然资源局", "县水利局"])
            .due("2024年12月底前")
            .targets(vec![
                eq("3.5", "万亩").base("35000", "亩"),
                eq("7000", "万元").base("70000000", "元"),
            ]),
        task("3", "1", "发展设施农业")
            .lead(&["县农业农村局"])
            .due("2024年12月底前")
            .targets(vec![eq("600", "个"), range("2", "3", "个")]),
        task("4", "2", "改善农村人居环境")
            .lead(&["县农业农村局", "市生态环境局桐川分局"])
            .support(&["各乡镇人民政府"])
            .due("2024年11月底前")
            .targets(vec![eq("1500", "户"), eq("5", "个百分点")]),
        task("5", "2", "推进“四好农村路”建设")
            .lead(&["县交通运输局"])
            .support(&["县财政局"])
            .due("2024年12月底前")
            .targets(vec![eq("120", "公里"), eq("8", "座")]),
        task("6", "2", "提升农村供水保障")
            .lead(&["县水利局"])
            .support(&["县卫生健康局"])
            .due("2024年9月底前")
            .targets(vec![ge("99", "%"), eq("45", "公里")]),
        task("7", "2", "促进农民增收")
            .lead(&["县人力资源和社会保障局"])
            .support(&["县农业农村局", "县乡村振兴服务中心"])
            .due("长期坚持")
            .targets(vec![approx("7", "%"), approx("2000", "人次")]),
    ]
}

#[test]
fn ledger_metadata() {
    assert_meta(
        &export(LEDGER),
        Meta {
            region: "桐川县",
            doc_number: "桐政办字〔2024〕3号",
            issuer: "桐川县人民政府办公室",
            date: "2024-01-26",
            title: "桐川县2024年乡村振兴重点工作任务清单",
        },
    );
}

#[test]
fn ledger_section_rows_are_sections() {
    assert_sections(
        &export(LEDGER),
        &[
            ("1", 1, "一", "粮食安全和农业生产"),
            ("2", 1, "二", "乡村建设和治理"),
        ],
    );
}

#[test]
fn ledger_rows_are_tasks_titled_by_their_key_task_cell() {
    check_tasks(&export(LEDGER), &ledger_spec(), Aspect::Structure);
}

#[test]
fn ledger_units_and_due_from_columns() {
    check_tasks(&export(LEDGER), &ledger_spec(), Aspect::Units);
}

#[test]
fn ledger_targets() {
    check_tasks(&export(LEDGER), &ledger_spec(), Aspect::Targets);
}

#[test]
fn ledger_text_holds_the_content_cell() {
    let doc = export(LEDGER);
    let mut mm = Mismatches::new(&doc);
    for (no, content) in [
        ("1", "全县粮食播种面积稳定在85万亩以上，总产量达到38万吨。"),
        ("3", "新建改造设施大棚600个，培育蔬菜标准园2~3个。"),
        (
            "7",
            "农村居民人均可支配收入增长7%左右，开展农民技能培训约2000人次。",
        ),
    ] {
        let text = task_text(&doc, no);
        if !text.contains(content) {
            mm.note(format!("task {no} text lacks {content:?}: {text:?}"));
        }
        if text.contains('\t') {
            mm.note(format!("task {no} text holds a raw tab: {text:?}"));
        }
    }
    mm.finish();
}

#[test]
fn ledger_has_no_numbering_or_unit_warnings() {
    assert_no_structure_warnings(&export(LEDGER));
}

// =============================================================================================
// Encodings: gbk_notice.txt (GBK, CRLF), utf16_notice.txt (UTF-16 LE + BOM, CRLF),
// bom_notice.txt (UTF-8 + BOM)
// =============================================================================================

const GBK: &str = "gbk_notice.txt";
const UTF16: &str = "utf16_notice.txt";
const BOM: &str = "bom_notice.txt";

fn gbk_spec() -> Vec<TaskSpec> {
    vec![
        task("1", "1", "推进省市重点项目")
            .lead(&["县发展和改革局"])
            .support(&["县自然资源局", "县住房和城乡建设局"])
            .targets(vec![
                eq("26", "个"),
                ge("45", "亿元").base("4500000000", "元"),
            ]),
        task("2", "1", "强化项目要素保障")
            .lead(&["县自然资源局", "县财政局"])
            .targets(vec![
                eq("2800", "亩"),
                ge("12", "亿元").base("1200000000", "元"),
            ]),
        task("3", "2", "推动工业投资增长")
            .lead(&["县工业和信息化局"])
            .targets(vec![eq("15", "%"), eq("18", "个")]),
        task("4", "2", "激活民间投资")
            .lead(&["县发展和改革局"])
            .support(&["县工商业联合会"])
            .targets(vec![ge("40", "个"), eq("55", "%")]),
    ]
}

fn utf16_spec() -> Vec<TaskSpec> {
    vec![
        task("1", "1", "改造提升老旧小区")
            .lead(&["区住房和城乡建设局"])
            .targets(vec![eq("36", "个"), eq("4200", "户")]),
        task("2", "1", "推进既有住宅加装电梯")
            .lead(&["区住房和城乡建设局"])
            .support(&["各街道办事处"])
            .targets(vec![ge("50", "部")]),
        task("3", "2", "打通城市断头路")
            .lead(&["区城市管理局", "区交通运输局"])
            .targets(vec![eq("6", "条"), eq("1500", "个")]),
    ]
}

fn bom_spec() -> Vec<TaskSpec> {
    vec![
        task("1", "1", "打造精品旅游线路")
            .lead(&["县文化和旅游局"])
            .targets(vec![eq("10", "条"), eq("1", "个")]),
        task("2", "1", "举办文旅节庆活动")
            .lead(&["县文化和旅游局"])
            .support(&["各乡镇人民政府"])
            .targets(vec![ge("200", "场")]),
    ]
}

/// Everything the ingest must read from a short notice, whatever its encoding.
fn assert_whole_notice(
    file: &str,
    meta: Meta,
    sections: &[(&str, u64, &str, &str)],
    tasks: &[TaskSpec],
) {
    let doc = export(file);
    assert_meta(&doc, meta);
    assert_sections(&doc, sections);
    for aspect in [Aspect::Structure, Aspect::Units, Aspect::Targets] {
        check_tasks(&doc, tasks, aspect);
    }
    assert_no_structure_warnings(&doc);
}

#[test]
fn gbk_notice_is_decoded() {
    assert_whole_notice(
        GBK,
        Meta {
            region: "梅岭县",
            doc_number: "梅政办字〔2023〕31号",
            issuer: "梅岭县人民政府办公室",
            date: "2023-06-09",
            title: "梅岭县2023年扩大有效投资重点工作任务",
        },
        &[
            ("1", 1, "一", "加快重点项目建设"),
            ("2", 1, "二", "扩大产业投资"),
        ],
        &gbk_spec(),
    );
}

#[test]
fn utf16_notice_is_decoded() {
    assert_whole_notice(
        UTF16,
        Meta {
            region: "白沙区",
            doc_number: "白政办字〔2024〕5号",
            issuer: "白沙区人民政府办公室",
            date: "2024-04-02",
            title: "白沙区2024年城市更新重点工作任务",
        },
        &[
            ("1", 1, "一", "实施老旧小区改造"),
            ("2", 1, "二", "完善城市功能"),
        ],
        &utf16_spec(),
    );
}

#[test]
fn bom_notice_is_read_without_the_bom() {
    assert_whole_notice(
        BOM,
        Meta {
            region: "松台县",
            doc_number: "松政办字〔2024〕14号",
            issuer: "松台县人民政府办公室",
            date: "2024-05-20",
            title: "松台县2024年文化旅游融合发展重点工作任务",
        },
        &[("1", 1, "一", "丰富文旅产品供给")],
        &bom_spec(),
    );
}

#[test]
fn encoded_notices_pass_check() {
    for file in [GBK, UTF16, BOM] {
        let path = fixture_path(file);
        let out = planq(&["check", &path]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "planq check {path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains(file),
            "planq check {path} does not name the file: {stdout}"
        );
    }
}

// =============================================================================================
// page_breaks.txt — PDF damage, a numbering gap and repeat, a task without a note
// =============================================================================================

const BREAKS: &str = "page_breaks.txt";

fn page_breaks_spec() -> Vec<TaskSpec> {
    let at = |needle| line_of(BREAKS, needle);
    vec![
        task("1", "1", "实施重点项目攻坚")
            .line(at("1. 实施重点项目攻坚"))
            .text("实施重点项目攻坚。全年实施工业重点项目40个，加快推进项目建设进度，确保年内竣工投产15个以上。")
            .note("（区工业和信息化局牵头，区发展和改革局、区自然资源局等部门配合）")
            .lead(&["区工业和信息化局"])
            .support(&["区发展和改革局", "区自然资源局"])
            .targets(vec![eq("40", "个"), ge("15", "个")]),
        task("2", "1", "推进技术改造")
            .line(at("2. 推进技术改造"))
            .text("推进技术改造。实施技术改造项目60个，完成厂房改造面积2.5万平方米，工业技改投资增长12%。")
            .note("（牵头单位：区工业和信息化局，参与单位：区财政局）")
            .lead(&["区工业和信息化局"])
            .support(&["区财政局"])
            .targets(vec![
                eq("60", "个"),
                eq("2.5", "万平方米").base("25000", "平方米"),
                eq("12", "%"),
            ]),
        task("3", "1", "培育优质企业")
            .line(at("3. 培育优质企业"))
            .text("培育优质企业。新增省级专精特新中小企业18家，新增规模以上工业企业25家。")
            .note("（区工业和信息化局负责）")
            .lead(&["区工业和信息化局"])
            .targets(vec![eq("18", "家"), eq("25", "家")]),
        task("5", "1", "推动园区提质")
            .line(at("5. 推动园区提质"))
            .lead(&["区经济开发区管委会"])
            .targets(vec![
                eq("8", "万平方米").base("80000", "平方米"),
                eq("10", "%"),
            ]),
        task("6", "2", "加快工业互联网应用")
            .line(at("6. 加快工业互联网应用"))
            .lead(&["区工业和信息化局", "区大数据局"])
            .targets(vec![eq("120", "家"), eq("6", "个")]),
        task("7", "2", "建设数字基础设施")
            .line(at("7. 建设数字基础设施"))
            .lead(&["区工业和信息化局"])
            .support(&["区住房和城乡建设局"])
            .targets(vec![eq("300", "个")]),
        task("7", "2", "培育数字经济企业")
            .line(at("7. 培育数字经济企业"))
            .lead(&["区工业和信息化局"])
            .targets(vec![eq("30", "家")]),
        task("8", "2", "强化组织保障")
            .line(at("8. 强化组织保障"))
            .text("强化组织保障。建立新型工业化工作专班，定期调度推进，确保各项任务落到实处。"),
    ]
}

#[test]
fn page_breaks_metadata_and_title_without_pdf_spaces() {
    assert_meta(
        &export(BREAKS),
        Meta {
            region: "汶北区",
            doc_number: "汶北政办字〔2023〕17号",
            issuer: "汶北区人民政府办公室",
            date: "2023-04-18",
            title: "汶北区2023年推进新型工业化重点工作任务",
        },
    );
}

#[test]
fn page_breaks_sections() {
    assert_sections(
        &export(BREAKS),
        &[
            ("1", 1, "一", "做强先进制造业"),
            ("2", 1, "二", "推进数字化转型"),
        ],
    );
}

/// Gap (3 → 5) and repeat (7, 7) keep every printed task; `2.5万平方米` at the start of a
/// continuation line is no task 2; the page footer is no text.
#[test]
fn page_breaks_tasks_neither_merged_nor_split_and_text_repaired() {
    check_tasks(&export(BREAKS), &page_breaks_spec(), Aspect::Structure);
}

#[test]
fn page_breaks_units_across_breaks() {
    check_tasks(&export(BREAKS), &page_breaks_spec(), Aspect::Units);
}

#[test]
fn page_breaks_targets() {
    check_tasks(&export(BREAKS), &page_breaks_spec(), Aspect::Targets);
}

#[test]
fn page_breaks_numbering_gap_and_repeat_are_warnings_at_their_lines() {
    let doc = export(BREAKS);
    let mut mm = Mismatches::new(&doc);
    mm.check(
        "numbering warning lines (gap 3→5, repeated 7)",
        vec![
            line_of(BREAKS, "5. 推动园区提质") as u64,
            line_of(BREAKS, "7. 培育数字经济企业") as u64,
        ],
        warning_lines(&doc, "numbering"),
    );
    mm.finish();
}

#[test]
fn page_breaks_task_without_note_is_a_warning() {
    let doc = export(BREAKS);
    let mut mm = Mismatches::new(&doc);
    mm.check(
        "no_units warning lines",
        vec![line_of(BREAKS, "8. 强化组织保障") as u64],
        warning_lines(&doc, "no_units"),
    );
    mm.finish();
}

#[test]
fn page_breaks_check_prints_each_warning_with_its_line() {
    let path = fixture_path(BREAKS);
    let out = planq(&["check", &path]);
    assert!(out.status.success(), "planq check {path}: {}", out.status);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for needle in ["5. 推动园区提质", "7. 培育数字经济企业", "8. 强化组织保障"]
    {
        let line = line_of(BREAKS, needle).to_string();
        let shown = stdout.lines().any(|l| {
            l.split(|c: char| !c.is_ascii_digit())
                .any(|token| token == line)
        });
        assert!(
            shown,
            "planq check {path}: no warning at line {line} ({needle}):\n{stdout}"
        );
    }
}

// =============================================================================================
// targets.txt — quantities, comparators, scales, and numbers that are no targets
// =============================================================================================

const TARGETS: &str = "targets.txt";

fn targets_spec() -> Vec<TaskSpec> {
    vec![
        task("1", "1", "培育壮大市场主体")
            .lead(&["县市场监督管理局"])
            .support(&["县工业和信息化局"])
            .targets(vec![
                range("4", "6", "个"),
                range("2", "3", "家"),
                ge("3000", "户"),
            ]),
        task("2", "1", "加快重点项目建设")
            .lead(&["县发展和改革局"])
            .support(&["县工业和信息化局", "县自然资源局"])
            .targets(vec![
                eq("20", "个"),
                eq("5", "个亿").base("500000000", "元"),
                ge("15", "个"),
            ]),
        task("3", "1", "做大县域经济总量")
            .lead(&["县发展和改革局", "县财政局", "县科学技术局"])
            .targets(vec![
                eq("180", "亿元").base("18000000000", "元"),
                eq("13.5", "亿元").base("1350000000", "元"),
                approx("7", "%"),
                eq("36", "家"),
                eq("85", "家"),
            ]),
        task("4", "1", "完善数字基础设施")
            .lead(&["县工业和信息化局"])
            .support(&["县通信发展办公室"])
            .targets(vec![eq("120", "个"), ge("3000", "个"), eq("100", "%")]),
        task("5", "2", "扩大文旅消费")
            .lead(&["县文化和旅游局"])
            .targets(vec![
                ge("700", "场"),
                ge("850", "万人次").base("8500000", "人次"),
                ge("60", "亿元").base("6000000000", "元"),
                eq("2", "处"),
            ]),
        task("6", "2", "提高对外开放水平")
            .lead(&["县商务局"])
            .targets(vec![
                ge("2", "个"),
                eq("1200", "万美元").base("12000000", "美元"),
            ]),
        task("7", "3", "推进能源绿色转型")
            .lead(&["县发展和改革局"])
            .targets(vec![
                eq("1.5", "万千瓦").base("15000", "千瓦"),
                approx("12", "万千瓦").base("120000", "千瓦"),
                approx("3.2", "亿千瓦时").base("320000000", "千瓦时"),
                eq("2.6", "万吨标准煤").base("26000", "吨标准煤"),
            ]),
        task("8", "3", "持续改善生态环境")
            .lead(&["县生态环境分局", "县自然资源局"])
            .targets(vec![
                eq("2", "个百分点"),
                ge("90", "%"),
                eq("0.8", "万亩").base("8000", "亩"),
            ]),
        task("9", "3", "巩固农业基础")
            .lead(&["县农业农村局"])
            .support(&["县财政局"])
            .targets(vec![
                ge("60", "万亩").base("600000", "亩"),
                eq("25", "万吨").base("250000", "吨"),
                ge("3", "家"),
                ge("12", "万亩").base("120000", "亩"),
            ]),
        task("10", "4", "稳定扩大就业")
            .lead(&["县人力资源和社会保障局"])
            .targets(vec![
                ge("4200", "人"),
                le("3.5", "%"),
                ge("3000", "万元").base("30000000", "元"),
                approx("1.5", "万人次").base("15000", "人次"),
            ]),
        task("11", "4", "提升政务服务水平")
            .lead(&["县行政审批服务局"])
            .support(&["县自然资源局", "县市场监督管理局"])
            .targets(vec![
                le("3", "天"),
                le("0.5", "天"),
                ge("95", "%"),
                ge("98", "%"),
            ]),
        task("12", "4", "办好民生实事")
            .lead(&["县教育和体育局", "县住房和城乡建设局", "县民政局"])
            .targets(vec![
                eq("5", "所"),
                ge("2400", "个"),
                approx("300", "张"),
                eq("6.5", "%"),
                eq("7", "%"),
            ]),
        task("13", "4", "守牢安全发展底线")
            .lead(&["县应急管理局"])
            .support(&["县消防救援大队"])
            .targets(vec![
                le("3", "人"),
                le("0.8", "‰"),
                ge("6", "场"),
                ge("200", "处"),
                range("3", "5", "处"),
            ]),
    ]
}

#[test]
fn targets_doc_metadata() {
    assert_meta(
        &export(TARGETS),
        Meta {
            region: "枫林县",
            doc_number: "枫政办发〔2024〕12号",
            issuer: "枫林县人民政府办公室",
            date: "2024-02-28",
            title: "枫林县2024年经济社会发展重点工作任务",
        },
    );
}

#[test]
fn targets_doc_sections_and_tasks() {
    let doc = export(TARGETS);
    assert_sections(
        &doc,
        &[
            ("1", 1, "一", "壮大实体经济"),
            ("2", 1, "二", "扩大消费和开放"),
            ("3", 1, "三", "推动绿色低碳发展"),
            ("4", 1, "四", "增进民生福祉"),
        ],
    );
    check_tasks(&doc, &targets_spec(), Aspect::Structure);
}

#[test]
fn targets_doc_units() {
    check_tasks(&export(TARGETS), &targets_spec(), Aspect::Units);
}

#[test]
fn targets_exact_per_task() {
    check_tasks(&export(TARGETS), &targets_spec(), Aspect::Targets);
}

/// Named separately so a failure says which kind of non-target leaked in.
#[test]
fn targets_leave_out_non_targets() {
    let doc = export(TARGETS);
    let tasks = tasks_of(&doc);
    let mut mm = Mismatches::new(&doc);
    // (task, value, unit or "" for any unit, why it is no target)
    let non_targets = [
        ("2", "500", "", "qualifier 投资500万元以上"),
        ("4", "5", "", "5G"),
        ("4", "10", "", "10G-PON / 10月"),
        ("4", "2024", "", "a date"),
        ("5", "3", "", "3A级"),
        ("6", "500", "", "世界500强"),
        ("6", "30", "", "“惠企政策30条”"),
        ("8", "2.5", "", "PM2.5"),
        ("8", "1.2", "", "historical 2023年完成1.2万亩"),
        ("8", "2023", "", "a year"),
        ("9", "3", "批", "第3批"),
        ("9", "20", "", "《…20条措施》"),
        ("11", "12345", "", "12345热线"),
    ];
    for (no, value, unit, why) in non_targets {
        let Some(t) = find_task(&tasks, no, 0) else {
            mm.note(format!("task {no}: missing"));
            continue;
        };
        for g in t["targets"].as_array().into_iter().flatten() {
            if g["value"] == value && (unit.is_empty() || g["unit"] == unit) {
                mm.note(format!(
                    "task {no}: {} is no target ({why})",
                    render_actual_target(g)
                ));
            }
        }
    }
    mm.finish();
}

#[test]
fn targets_doc_has_no_numbering_or_unit_warnings() {
    assert_no_structure_warnings(&export(TARGETS));
}

// =============================================================================================
// empty.txt and binary.bin — a clear message, never a crash
// =============================================================================================

#[test]
fn empty_file_export_is_graceful() {
    assert_graceful(&["export", "--docs"], "empty.txt");
}

#[test]
fn empty_file_check_is_graceful() {
    assert_graceful(&["check"], "empty.txt");
}

#[test]
fn binary_file_export_is_graceful() {
    assert_graceful(&["export", "--docs"], "binary.bin");
}

#[test]
fn binary_file_check_is_graceful() {
    assert_graceful(&["check"], "binary.bin");
}

// =============================================================================================
// cn_numbered_tasks.txt — tasks numbered （一）, notes without brackets, 由…牵头
// =============================================================================================

const CN_TASKS: &str = "cn_numbered_tasks.txt";

#[test]
fn cn_numbered_items_are_tasks_with_unbracketed_notes() {
    let doc = export(CN_TASKS);
    assert_meta(
        &doc,
        Meta {
            region: "石门县",
            doc_number: "石政办发〔2024〕5号",
            issuer: "石门县人民政府办公室",
            date: "2024-02-28",
            title: "石门县2024年民生实事工作任务",
        },
    );
    assert_sections(
        &doc,
        &[("1", 1, "一", "教育民生"), ("2", 1, "二", "卫生健康")],
    );
    let spec = vec![
        task("1", "1", "扩充学位供给")
            .lead(&["县教育局"])
            .support(&["县财政局", "县自然资源局"])
            .targets(vec![eq("2", "所"), ge("900", "个")]),
        task("2", "1", "改善办学条件")
            .lead(&["县教育局"])
            .support(&["县住建局"])
            .targets(vec![ge("15", "所")]),
        task("1", "2", "提升基层医疗能力")
            .lead(&["县卫健局"])
            .targets(vec![eq("100", "%")]),
        task("3", "2", "加强疾病预防")
            .lead(&["县卫健局", "县疾控中心"])
            .targets(vec![ge("95", "%")]),
    ];
    for aspect in [Aspect::Structure, Aspect::Units, Aspect::Targets] {
        check_tasks(&doc, &spec, aspect);
    }
    // （一） then （三）: the skipped number is reported where it happens.
    assert_eq!(
        warning_lines(&doc, "numbering"),
        [line_of(CN_TASKS, "（三）加强疾病预防") as u64]
    );
}

// =============================================================================================
// five_year_cn_measures.txt — a plan whose measures are numbered 一、 inside each 节
// =============================================================================================

#[test]
fn five_year_plan_with_chinese_numbered_measures() {
    let file = "five_year_cn_measures.txt";
    let doc = export(file);
    assert_eq!(doc["kind"], "five_year_plan");
    assert_eq!(doc["region"], "云溪区");
    assert_sections(
        &doc,
        &[
            ("1", 1, "第一章", "发展基础"),
            ("2", 1, "第二章", "创新驱动发展"),
            ("2.1", 2, "第一节", "培育创新主体"),
            ("2.2", 2, "第二节", "集聚创新人才"),
            ("3", 1, "第三章", "绿色发展"),
            ("3.1", 2, "第一节", "推进节能降碳"),
        ],
    );
    let spec = vec![
        task("1", "2.1", "壮大科技型企业").targets(vec![eq("60", "家"), ge("150", "家")]),
        task("2", "2.1", "建设创新平台").targets(vec![eq("10", "个")]),
        task("1", "2.2", "引进高层次人才").targets(vec![ge("500", "人")]),
    ];
    check_tasks(&doc, &spec, Aspect::Structure);
    check_tasks(&doc, &spec, Aspect::Targets);
    // Measures carry no notes in a five-year plan: no warning per measure.
    assert!(warning_lines(&doc, "no_units").is_empty());
    assert_eq!(
        doc["columns"][0]["items"],
        serde_json::json!(["科创园区", "人才公寓"])
    );
}

// =============================================================================================
// headed_tasks.txt — `（一）title` on its own line, the task's text and note below it
// =============================================================================================

#[test]
fn headings_followed_by_a_noted_paragraph_are_tasks() {
    let file = "headed_tasks.txt";
    let doc = export(file);
    assert_eq!(doc["title"], "南湖区2024年优化营商环境重点任务");
    assert_eq!(doc["region"], "南湖区");
    assert_sections(
        &doc,
        &[
            ("1", 1, "一", "提升政务服务效能"),
            ("2", 1, "二", "优化要素保障"),
        ],
    );
    let spec = vec![
        task("1", "1", "推行“一件事一次办”")
            .line(line_of(file, "（一）推行"))
            .lead(&["区行政审批服务局"])
            .support(&["区大数据中心"])
            .targets(vec![ge("20", "个"), eq("90", "%")]),
        task("2", "1", "深化“一网通办”")
            .lead(&["区大数据中心"])
            .targets(vec![eq("100", "%")]),
        task("1", "2", "保障企业用地")
            .lead(&["区自然资源局"])
            .targets(vec![eq("1500", "亩")]),
    ];
    for aspect in [Aspect::Structure, Aspect::Units, Aspect::Targets] {
        check_tasks(&doc, &spec, aspect);
    }
    assert_eq!(doc["lines"]["unplaced"], 0);
}

// =============================================================================================
// paren_numbered.txt — tasks numbered （1） and ①, two notes on one task, a closing signature
// =============================================================================================

#[test]
fn parenthesised_and_circled_task_numbers_with_a_closing_signature() {
    let file = "paren_numbered.txt";
    let doc = export(file);
    assert_eq!(doc["region"], "青石县");
    assert_eq!(doc["issuer"], "青石县人民政府办公室");
    assert_eq!(doc["date"], "2024-03-01");
    assert_eq!(doc["title"], "青石县2024年政府工作报告重点工作分工方案");
    assert_eq!(doc["doc_number"], serde_json::Value::Null);
    let spec = vec![
        task("1", "1", "扩大有效投资")
            .lead(&["县发展改革局"])
            .support(&["县财政局"])
            .targets(vec![
                eq("120", "个"),
                ge("80", "亿元").base("8000000000", "元"),
            ]),
        task("2", "1", "促进消费升级")
            .lead(&["县商务局"])
            .targets(vec![range("6", "7", "%")]),
        task("1", "2", "稳定就业")
            .lead(&["县人力资源社会保障局"])
            .targets(vec![ge("3000", "人")]),
        task("2", "2", "办好民生实事")
            .lead(&["县交通运输局"])
            .support(&["县财政局"])
            .targets(vec![
                eq("50", "公里"),
                le("5", "个工作日").base("5", "工作日"),
            ]),
    ];
    for aspect in [Aspect::Structure, Aspect::Units, Aspect::Targets] {
        check_tasks(&doc, &spec, aspect);
    }
    // The office and date under the last task are the signature, not stray text.
    assert_eq!(doc["lines"]["footer"], 2);
    assert_eq!(doc["lines"]["unplaced"], 0);
}

// =============================================================================================
// markdown_ledger.txt — markdown tables repeated per section, a 工作目标 column, 责任领导
// =============================================================================================

#[test]
fn markdown_ledger_with_unforeseen_columns() {
    let file = "markdown_ledger.txt";
    let doc = export(file);
    assert_eq!(doc["region"], "南溪区");
    assert_sections(
        &doc,
        &[
            ("1", 1, "一", "确保粮食安全"),
            ("2", 1, "二", "改善城乡环境"),
        ],
    );
    let spec = vec![
        task("1", "1", "建设高标准农田")
            .lead(&["区农业农村局"])
            .support(&["区财政局", "区水利局"])
            .due("2024年底")
            .targets(vec![
                eq("2.5", "万亩").base("25000", "亩"),
                ge("40", "万吨").base("400000", "吨"),
            ]),
        task("2", "1", "稳定生猪生产")
            .lead(&["区农业农村局"])
            .due("持续推进")
            .targets(vec![approx("1.2", "万头").base("12000", "头")]),
        task("3", "2", "改造老旧小区")
            .lead(&["区住房城乡建设局"])
            .support(&["区财政局"])
            .due("2024—2025年")
            .targets(vec![eq("20", "个"), eq("3500", "户")]),
    ];
    for aspect in [Aspect::Structure, Aspect::Units, Aspect::Targets] {
        check_tasks(&doc, &spec, aspect);
    }
    // People (责任领导) are not units; header rows repeat without warnings; the page mark is one.
    assert_eq!(doc["lines"]["unplaced"], 0);
    assert_eq!(doc["lines"]["page"], 1);
}

// =============================================================================================
// five_year_tables.txt — 篇 above chapters, a markdown 主要指标表, a 专栏 between measures
// =============================================================================================

#[test]
fn five_year_plan_with_parts_and_a_markdown_indicator_table() {
    let doc = export("five_year_tables.txt");
    assert_eq!(doc["kind"], "five_year_plan");
    assert_sections(
        &doc,
        &[
            ("P1", 0, "第一篇", "开启新征程"),
            ("1", 1, "第一章", "发展环境"),
            ("2", 1, "第二章", "主要目标"),
            ("P2", 0, "第二篇", "推进绿色发展"),
            ("3", 1, "第三章", "建设美丽鹤鸣"),
            ("3.1", 2, "第一节", "改善生态环境"),
        ],
    );
    let indicators: Vec<String> = doc["indicators"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|i| {
                    let f = |k: &str| i[k].as_str().unwrap_or("-").to_string();
                    format!(
                        "{} {} {} [{}] {}→{} {} {}",
                        f("no"),
                        f("category"),
                        f("name"),
                        f("unit"),
                        f("base"),
                        f("target"),
                        f("cmp"),
                        f("attribute")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        indicators,
        [
            "1 经济发展 地区生产总值增速 [%] 3.5→6 ~ 预期性",
            "2 经济发展 研发经费投入强度 [%] 1.8→2.5 >= 预期性",
            "3 民生福祉 城镇调查失业率 [%] 5.2→5.5 <= 预期性",
        ]
    );
    assert_eq!(
        (
            doc["indicators"][0]["base_year"].as_str(),
            doc["indicators"][0]["target_year"].as_str()
        ),
        (Some("2020"), Some("2025"))
    );
    // The measure after the 专栏 continues the numbering: it is a task, not a column item.
    let spec = vec![
        task("1", "3.1", "加强大气污染防治").targets(vec![le("35", "微克/立方米")]),
        task("2", "3.1", "加强水污染防治").targets(vec![eq("50", "公里")]),
    ];
    check_tasks(&doc, &spec, Aspect::Structure);
    check_tasks(&doc, &spec, Aspect::Targets);
    assert_eq!(
        doc["columns"][0]["items"],
        serde_json::json!(["蓝天工程", "碧水工程"])
    );
}

// =============================================================================================
// flat_table.txt — an 附件 task table flattened to one cell per line, a …文件 masthead
// =============================================================================================

#[test]
fn flattened_attachment_table_gives_its_tasks() {
    let file = "flat_table.txt";
    let doc = export(file);
    assert_meta(
        &doc,
        Meta {
            region: "临川市",
            doc_number: "临政办发〔2024〕9号",
            issuer: "临川市人民政府办公室",
            date: "2024-03-01",
            title: "临川市2024年优化营商环境重点任务清单",
        },
    );
    let spec = [
        task("1", "1", "推行“高效办成一件事”")
            .lead(&["市政务服务管理局"])
            .support(&["市市场监管局", "市公安局", "市税务局"])
            .due("2024年6月底前")
            .targets(vec![
                ge("20", "项"),
                le("1", "个工作日").base("1", "工作日"),
            ]),
        task("2", "1", "优化12345政务服务便民热线")
            .lead(&["市政务服务管理局"])
            .support(&["各区县人民政府"])
            .due("持续推进")
            .targets(vec![ge("95", "%"), ge("98", "%")]),
        task("3", "1", "深化工程建设项目审批制度改革")
            .lead(&["市住房城乡建设局"])
            .support(&["市自然资源和规划局", "市发展改革委"])
            .due("2024年底")
            .targets(vec![le("15", "个工作日").base("15", "工作日")]),
        task("4", "2", "落实减税降费政策")
            .lead(&["市税务局"])
            .support(&["市财政局"])
            .due("2024年12月")
            .targets(vec![
                ge("1", "亿元").base("100000000", "元"),
                eq("1.2", "万户").base("12000", "户"),
            ]),
    ];
    check_tasks(&doc, &spec, Aspect::Units);
    check_tasks(&doc, &spec, Aspect::Targets);
    assert_eq!(tasks_of(&doc).len(), 8);
    // The last row has only one unit cell: it is read as the lead.
    assert_eq!(tasks_of(&doc)[7]["lead"], serde_json::json!(["市工商联"]));
    assert_eq!(doc["lines"]["unplaced"], 0);
}
