//! Every word list of the ingest, one table per vocabulary: role labels and suffixes of
//! notes, column meanings of table headers, official titles, deadline words, remarks and
//! the junk of saved web pages. The recognisers read these tables and hold no words of
//! their own, so a spelling seen in a new province is added in one place.
//!
//! All words are simplified: a traditional document is read through its simplified form
//! (see `hant`), so 牽頭 meets 牵头 here.

use super::wordset::WordSet;
use std::sync::LazyLock;

/// What a word of a note or a header says about the units (or people) it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 牵头, 负责: accountable for the task.
    Lead,
    /// 责任单位: lead on its own, support when the same task also names 牵头 units.
    Responsible,
    /// 配合, 参与, 协同, 协办.
    Support,
    /// 责任领导, 牵头县领导: officials, kept as written.
    Leader,
    /// 联系人, 电话: read past, never taken for units or leaders.
    Contact,
    /// 完成时限.
    Due,
}

/// Labels that open a labelled clause (`牵头单位：…`, `【责任单位】…`), with their role.
/// Longest first where one label is a prefix of another.
pub const LABELS: &[(&str, Role)] = &[
    ("牵头县领导", Role::Leader),
    ("牵头区领导", Role::Leader),
    ("牵头市领导", Role::Leader),
    ("责任县领导", Role::Leader),
    ("责任区领导", Role::Leader),
    ("责任市领导", Role::Leader),
    ("分管县领导", Role::Leader),
    ("分管区领导", Role::Leader),
    ("分管市领导", Role::Leader),
    ("牵头县级领导", Role::Leader),
    ("责任县级领导", Role::Leader),
    ("分管县级领导", Role::Leader),
    ("县级牵头领导", Role::Leader),
    ("县级责任领导", Role::Leader),
    ("县级包抓领导", Role::Leader),
    ("包抓县领导", Role::Leader),
    ("包抓区领导", Role::Leader),
    ("包抓市领导", Role::Leader),
    ("包联县领导", Role::Leader),
    ("包联区领导", Role::Leader),
    ("包保县领导", Role::Leader),
    ("包保区领导", Role::Leader),
    ("挂包县领导", Role::Leader),
    ("挂点县领导", Role::Leader),
    ("挂点区领导", Role::Leader),
    ("联系县领导", Role::Leader),
    ("联系区领导", Role::Leader),
    ("联系市领导", Role::Leader),
    ("协调县领导", Role::Leader),
    ("协调区领导", Role::Leader),
    ("牵头领导", Role::Leader),
    ("责任领导", Role::Leader),
    ("分管领导", Role::Leader),
    ("包抓领导", Role::Leader),
    ("包联领导", Role::Leader),
    ("包保领导", Role::Leader),
    ("联系领导", Role::Leader),
    ("协调领导", Role::Leader),
    ("督办领导", Role::Leader),
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("负责单位", Role::Lead),
    ("负责部门", Role::Lead),
    ("主责单位", Role::Lead),
    ("主责部门", Role::Lead),
    ("主办单位", Role::Lead),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("配合单位", Role::Support),
    ("配合部门", Role::Support),
    ("参与单位", Role::Support),
    ("参与部门", Role::Support),
    ("协办单位", Role::Support),
    ("协助单位", Role::Support),
    ("协同单位", Role::Support),
    ("协同部门", Role::Support),
    ("协作单位", Role::Support),
    ("责任人", Role::Leader),
    ("联系人", Role::Contact),
    ("联系电话", Role::Contact),
    ("电话", Role::Contact),
    ("完成时限", Role::Due),
    ("完成时间", Role::Due),
    ("完成期限", Role::Due),
    ("时间节点", Role::Due),
    ("时间要求", Role::Due),
    ("时限", Role::Due),
    // Role words as labels of their own (`牵头：A；配合：B` in a unit cell), after the
    // labels they begin so those are matched whole.
    ("牵头", Role::Lead),
    ("主责", Role::Lead),
    ("配合", Role::Support),
    ("协办", Role::Support),
];

/// Role words closing an unlabelled clause (`A、B牵头`), longest first so 按职责分工负责
/// wins over 负责. 负责 says who is responsible, as 责任单位 does: lead on its own, and
/// support beside a 牵头 unit or after a first-listed-leads remark.
pub const ROLE_SUFFIXES: &[(&str, Role)] = &[
    // A、B为牵头单位，C为责任单位: the clause names its role as a label would.
    ("为牵头单位", Role::Lead),
    ("为牵头部门", Role::Lead),
    ("为主责单位", Role::Lead),
    ("为责任单位", Role::Responsible),
    ("为责任部门", Role::Responsible),
    ("为配合单位", Role::Support),
    ("为协办单位", Role::Support),
    ("为参与单位", Role::Support),
    ("主办", Role::Lead),
    ("按职责分工负责", Role::Responsible),
    ("按照职责分工负责", Role::Responsible),
    ("分别牵头负责", Role::Lead),
    ("牵头负责", Role::Lead),
    ("共同负责", Role::Responsible),
    ("分别负责", Role::Responsible),
    ("分别牵头", Role::Lead),
    ("共同牵头", Role::Lead),
    ("联合牵头", Role::Lead),
    ("并列牵头", Role::Lead),
    ("具体负责", Role::Responsible),
    ("负责落实", Role::Responsible),
    ("牵头落实", Role::Lead),
    ("牵头抓总", Role::Lead),
    ("牵头", Role::Lead),
    ("负责", Role::Responsible),
    ("配合落实", Role::Support),
    ("共同配合", Role::Support),
    ("参与配合", Role::Support),
    ("协同配合", Role::Support),
    ("协同推进", Role::Support),
    ("按职责配合", Role::Support),
    ("配合", Role::Support),
    ("参与", Role::Support),
    ("协同", Role::Support),
    ("协办", Role::Support),
    ("协助", Role::Support),
];

/// Comparator words before a number (不低于30个, ≥95%), with the comparator they give.
pub const COMPARATOR_PREFIXES: &[(&str, Comparator)] = &[
    ("≥", Comparator::Ge),
    (">=", Comparator::Ge),
    ("＞", Comparator::Ge),
    (">", Comparator::Ge),
    ("超", Comparator::Ge),
    ("不低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("至少", Comparator::Ge),
    ("突破", Comparator::Ge),
    ("超过", Comparator::Ge),
    ("大于", Comparator::Ge),
    ("高于", Comparator::Ge),
    ("多于", Comparator::Ge),
    ("不超过", Comparator::Le),
    ("不高于", Comparator::Le),
    ("低于", Comparator::Le),
    ("少于", Comparator::Le),
    ("控制在", Comparator::Le),
    ("≤", Comparator::Le),
    ("<=", Comparator::Le),
    ("＜", Comparator::Le),
    ("<", Comparator::Le),
    ("大约", Comparator::Approx),
    ("约", Comparator::Approx),
];

/// The longest comparator word before a number that `text` ends with (不高于 before 高于,
/// 不超过 before 超过), with its comparator.
pub fn comparator_prefix_ending(text: &str) -> Option<(&'static str, Comparator)> {
    COMPARATOR_PREFIXES
        .iter()
        .copied()
        .filter(|(w, _)| text.ends_with(w))
        .max_by_key(|(w, _)| w.len())
}

/// Comparator words after a number and its unit (30个以上, 5%左右).
pub const COMPARATOR_SUFFIXES: &[(&str, Comparator)] = &[
    ("以上", Comparator::Ge),
    ("以下", Comparator::Le),
    ("以内", Comparator::Le),
    ("之内", Comparator::Le),
    ("左右", Comparator::Approx),
    ("上下", Comparator::Approx),
];

/// Marks after a unit inside a list that give its role in the list: 县商务局（牵头）,
/// 县民政局（主责）, 县财政局（配合）. Beside a lead mark, the unmarked units support.
pub const UNIT_MARKS: &[(&str, Role)] = &[
    ("（牵头）", Role::Lead),
    ("(牵头)", Role::Lead),
    ("（牵头单位）", Role::Lead),
    ("(牵头单位)", Role::Lead),
    ("（主责）", Role::Lead),
    ("(主责)", Role::Lead),
    ("（主责单位）", Role::Lead),
    ("(主责单位)", Role::Lead),
    ("（配合）", Role::Support),
    ("(配合)", Role::Support),
    ("（配合单位）", Role::Support),
    ("(配合单位)", Role::Support),
    ("（协办）", Role::Support),
    ("(协办)", Role::Support),
    ("（参与）", Role::Support),
    ("(参与)", Role::Support),
    ("（按职责分工负责）", Role::Responsible),
    ("(按职责分工负责)", Role::Responsible),
    ("（负责）", Role::Responsible),
    ("(负责)", Role::Responsible),
];

/// Symbols printed beside a unit to mark it lead (县住建局★, with a foot note 标注“★”的为牵头
/// 单位); the units beside it without one support. Never part of a name.
pub const LEAD_SYMBOLS: &[char] = &['★'];

/// Marks after the last of several units that lead together: 县乡村振兴服务中心、县农业农村局
/// （共同牵头）. Every unit of its 、-run leads.
pub const JOINT_LEAD_MARKS: &[&str] = &[
    "（共同牵头）",
    "(共同牵头)",
    "（联合牵头）",
    "(联合牵头)",
    "（并列牵头）",
    "(并列牵头)",
];

/// What a document says of its own force in its last article (本措施自印发之日起施行,
/// 有效期至2026年12月31日, 本方案由县发改局负责解释): closing matter, no task.
pub const EFFECT_WORDS: &[&str] = &[
    "之日起施行",
    "起施行",
    "起实施",
    "有效期",
    "负责解释",
    "适用于",
    "所称",
];

/// What a document calls itself after 本 (本措施, 本办法, 本方案): how its closing article
/// names it.
pub const DOCUMENT_NOUNS: &[&str] = &[
    "措施", "办法", "方案", "意见", "规定", "细则", "通知", "清单", "计划", "规划", "政策",
];

/// Trailing words that close a list of units without naming one.
pub const LIST_TAILS: &[&str] = &[
    "等有关部门",
    "等相关部门",
    "等相关单位",
    "等有关单位",
    "等部门",
    "等单位",
    "等",
];

/// Last characters of a government body's name (局, 委, 办, 中心, 政府, 街道, 有关部门…),
/// in both scripts (縣直有關部門, 鄉鎮).
pub const BODY_ENDINGS: &str =
    "局委办部室院所站队会处科厅心司团府道镇乡区县市行社联馆校台园组署位门\
    辦隊會處廳團鎮鄉區縣館臺組門";

/// Titles that end an official's name (刘建华常务副县长): such a name is a leader, not a unit.
pub const OFFICIAL_TITLES: &[&str] = &[
    "县长",
    "区长",
    "市长",
    "镇长",
    "乡长",
    "旗长",
    "州长",
    "书记",
    "常委",
    "主席",
    "秘书长",
    "检察长",
    "党组成员",
    "院长",
    "部长",
    "主任",
    "同志",
];

/// Words a post's title may open with (常务副县长, 分管副县长, 党组书记): the post's own words, no
/// person's name.
pub const POST_QUALIFIERS: &[&str] = &["常务", "分管", "党组", "副"];

/// Bodies whose posts an official holds (县委常委, 县政府党组成员, 县人大常委会副主任,
/// 县政协副主席): how what stands before a title ends when it names the body, not a person.
pub const POST_BODIES: &[&str] = &["委", "政府", "人大常委会", "人大", "政协", "管委会"];

use crate::model::{Comparator, Status};

/// Last characters that close a body's name for certain (局, 委, 中心, 公司): a line of a unit
/// cell ending in one is a whole name, so a whole name on the next line is another unit
/// (区发展改革局 / 国网青萝供电公司). 市, 会 and the like also end words inside names
/// (县城市管理局, 县人力资源和社会保障局) and are not among them.
pub const CLOSING_BODY_ENDINGS: &str = "局委办院所站队司府处心厅";

/// How the name of a unit opens: a line in a unit cell that opens so starts a new unit; one
/// that does not continues the name the line before broke off (`县人力资源和社会` / `保障局`).
pub const UNIT_OPENINGS: &[&str] = &[
    "县", "区", "市", "省", "州", "旗", "镇", "乡", "街道", "各", "有关", "相关", "沿线", "驻",
];

/// Status words of progress reports and what they mean, tried in order: the first word the
/// status contains decides, so negations (未完成) come before what they negate (完成) and
/// 基本完成 before 完成.
pub const STATUS_WORDS: &[(&str, Status)] = &[
    ("未启动", Status::NotStarted),
    ("未开始", Status::NotStarted),
    ("未开工", Status::NotStarted),
    ("未达到序时", Status::Behind),
    ("未完成序时", Status::Behind),
    ("未达序时", Status::Behind),
    ("未达进度", Status::Behind),
    ("未完成", Status::Behind),
    // 未按期完成: late, not done.
    ("未按期", Status::Behind),
    ("未按时", Status::Behind),
    ("逾期", Status::Behind),
    ("滞后", Status::Behind),
    ("欠进度", Status::Behind),
    ("慢序时", Status::Behind),
    ("落后", Status::Behind),
    ("推进缓慢", Status::Behind),
    ("进展缓慢", Status::Behind),
    ("超额完成序时", Status::Ahead),
    ("超进度", Status::Ahead),
    ("超序时", Status::Ahead),
    ("快于序时", Status::Ahead),
    // 完成序时进度 keeps to the schedule: it is no 完成.
    ("完成序时", Status::OnPace),
    ("达到序时", Status::OnPace),
    ("序时", Status::OnPace),
    ("时序推进", Status::OnPace),
    ("按时推进", Status::OnPace),
    ("基本完成", Status::OnPace),
    ("达进度", Status::OnPace),
    ("按进度", Status::OnPace),
    ("正常推进", Status::OnPace),
    ("有序推进", Status::OnPace),
    ("按计划推进", Status::OnPace),
    // 阶段性完成: a stage is done, the task is not.
    ("阶段性完成", Status::Ongoing),
    ("提前完成", Status::Done),
    ("已完成", Status::Done),
    ("全部完成", Status::Done),
    ("已落实", Status::Done),
    ("完成", Status::Done),
    ("办结", Status::Done),
    ("销号", Status::Done),
    ("持续推进", Status::Ongoing),
    ("长期", Status::Ongoing),
    ("常态化", Status::Ongoing),
    ("正在推进", Status::Ongoing),
    ("推进中", Status::Ongoing),
    ("进行中", Status::Ongoing),
    ("稳步推进", Status::Ongoing),
    ("正在实施", Status::Ongoing),
    ("已开工", Status::Ongoing),
];

/// Words that make what a progress phrase says was completed the task as a whole (已完成,
/// 已完成年度目标任务, 已完成并投入使用, 已完成竣工验收); a completion of anything else is one
/// step of it done (已完成招标, 完成选址), no status.
pub const WHOLE_TASK_WORDS: &[&str] = &[
    "任务",
    "目标",
    "计划",
    "验收",
    "投用",
    "投入使用",
    "竣工",
    "建设",
];

/// The status a progress report's opening phrase gives: as [`status_of`], except that a
/// completion said of one step (已完成招标) is no status at all.
pub fn phrase_status(phrase: &str) -> Status {
    let status = status_of(phrase);
    if status != Status::Done {
        return status;
    }
    let phrase = super::hant::to_simplified(phrase);
    let whole = STATUS_WORDS
        .iter()
        .filter(|(_, s)| *s == Status::Done)
        .filter_map(|(w, _)| phrase.split_once(w))
        .any(|(_, object)| {
            let object = object.trim();
            object.is_empty() || WHOLE_TASK_WORDS.iter().any(|w| object.contains(w))
        });
    if whole {
        Status::Done
    } else {
        Status::Unknown
    }
}

/// The status a word (as written, any width or script) means; `Unknown` for one no entry
/// of [`STATUS_WORDS`] is in.
pub fn status_of(word: &str) -> Status {
    let word = super::hant::to_simplified(word);
    STATUS_WORDS
        .iter()
        .find(|(w, _)| word.contains(w))
        .map_or(Status::Unknown, |(_, s)| *s)
}

/// The column (or label) naming the person answerable for a task: a leader, unless the
/// table also has a column of leaders.
pub const PERSON_IN_CHARGE: &str = "责任人";

/// What a table header cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// 序号, 编号.
    No,
    /// 分类, 类别, 领域: the group a row belongs to (merged down its group).
    Section,
    /// 任务, 事项, 项目, 内容, 措施: the task's text; the first such column gives the title.
    Task,
    /// 目标: more of the task's text, whose figures are its targets.
    Target,
    /// A column of units or people by role, or the deadline.
    Role(Role),
    /// 备注: kept apart; its figures and dates are neither targets nor deadlines.
    Remark,
    /// 进展, 完成情况: what was done, as written; its figures are actuals, not targets.
    Progress,
    /// 状态: the status word of a progress report.
    Status,
    /// 一季度, 6月, 上半年, 进度安排: what is planned by a point in the year; its figures are
    /// milestones, neither targets nor deadlines.
    Schedule,
}

/// Words a header cell holds and what the cell then means, tried in order: the first word
/// found decides (牵头县领导 holds 领导 before 牵头; 完成情况 is progress before 完成时限 is a
/// deadline).
pub const COLUMN_WORDS: &[(&str, Column)] = &[
    ("序号", Column::No),
    ("编号", Column::No),
    ("领导", Column::Role(Role::Leader)),
    // 责任单位及责任人: a unit column that also names people.
    ("责任单位", Column::Role(Role::Responsible)),
    ("牵头单位", Column::Role(Role::Lead)),
    ("牵头部门", Column::Role(Role::Lead)),
    ("配合单位", Column::Role(Role::Support)),
    // Before 责任人: 责任人及联系电话 is a contact column.
    ("联系人", Column::Role(Role::Contact)),
    ("电话", Column::Role(Role::Contact)),
    // 督查 tables name the person answerable for each task (责任人 周立新): a leader, as
    // people in a 责任单位及责任人 cell are — unless a 领导 column names the leaders
    // (`Header::read` then reads 责任人 as a contact).
    (PERSON_IN_CHARGE, Column::Role(Role::Leader)),
    ("牵头", Column::Role(Role::Lead)),
    ("主责", Column::Role(Role::Lead)),
    ("主办", Column::Role(Role::Lead)),
    ("配合", Column::Role(Role::Support)),
    ("协同", Column::Role(Role::Support)),
    ("参与", Column::Role(Role::Support)),
    ("协办", Column::Role(Role::Support)),
    ("协助", Column::Role(Role::Support)),
    ("责任", Column::Role(Role::Responsible)),
    // A plan of the year's progress (进度安排) is no report of it.
    ("进度安排", Column::Schedule),
    ("计划安排", Column::Schedule),
    ("时序安排", Column::Schedule),
    // 完成率 35%: a share done, reported, never a target.
    ("完成率", Column::Progress),
    ("完成比例", Column::Progress),
    ("进展", Column::Progress),
    ("进度", Column::Progress),
    ("完成情况", Column::Progress),
    ("推进情况", Column::Progress),
    ("落实情况", Column::Progress),
    ("状态", Column::Status),
    // After the progress words (一季度完成情况 reports), before the deadline and target
    // words (上半年目标 plans).
    ("季度", Column::Schedule),
    ("半年", Column::Schedule),
    ("时限", Column::Role(Role::Due)),
    ("时间", Column::Role(Role::Due)),
    ("节点", Column::Role(Role::Due)),
    ("期限", Column::Role(Role::Due)),
    ("分类", Column::Section),
    ("类别", Column::Section),
    ("领域", Column::Section),
    ("板块", Column::Section),
    ("备注", Column::Remark),
    ("问题", Column::Remark),
    ("困难", Column::Remark),
    ("说明", Column::Remark),
    ("目标", Column::Target),
    ("指标", Column::Target),
    ("任务", Column::Task),
    ("事项", Column::Task),
    ("项目", Column::Task),
    ("内容", Column::Task),
    ("措施", Column::Task),
    ("举措", Column::Task),
    ("工作", Column::Task),
    ("单位", Column::Role(Role::Responsible)),
    ("部门", Column::Role(Role::Responsible)),
    // 工程名称, 项目名称: what the row is about.
    ("名称", Column::Task),
];

/// A header cell is a short name; longer cells are data even when they hold a column word.
const MAX_HEADER_CELL_CHARS: usize = 12;
/// Longest remark a header cell carries in brackets (（列第一位的为牵头单位，其余为配合单位）).
const MAX_HEADER_REMARK_CHARS: usize = 40;

/// The meaning of a table header cell, if it names a column.
pub fn column_meaning(cell: &str) -> Option<Column> {
    // 责任单位（排名第一的为牵头单位）: the name before a closing remark says what the column
    // is.
    let cell = cell.trim();
    // Every line is asked whether it is a header row: one longer than a name and its remark
    // is answered by its length, before it is searched for a bracket.
    if cell.len() > (MAX_HEADER_CELL_CHARS + MAX_HEADER_REMARK_CHARS) * 4 {
        return None;
    }
    let cell = match cell.find(['（', '(']) {
        Some(at) if at > 0 && cell.ends_with(['）', ')']) => &cell[..at],
        _ => cell,
    };
    // A long one is answered from its first characters, without copying it.
    let mut letters = cell.chars().filter(|c| !c.is_whitespace());
    if letters.by_ref().take(MAX_HEADER_CELL_CHARS + 1).count() > MAX_HEADER_CELL_CHARS {
        return None;
    }
    let cell: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    if cell.is_empty() {
        return None;
    }
    if is_month_name(&cell) {
        return Some(Column::Schedule);
    }
    static WORDS: LazyLock<WordSet> =
        LazyLock::new(|| WordSet::new(COLUMN_WORDS.iter().map(|(word, _)| *word)));
    WORDS.first_listed(&cell).map(|i| COLUMN_WORDS[i].1)
}

/// A month as a column's name: 6月, 6月份, 十二月, 12月底.
fn is_month_name(cell: &str) -> bool {
    let month = cell
        .strip_suffix("月份")
        .or_else(|| cell.strip_suffix("月底"))
        .or_else(|| cell.strip_suffix('月'));
    month
        .and_then(crate::ingest::numbering::cn_number)
        .is_some_and(|m| (1..=12).contains(&m))
}

/// Words that make a short clause a deadline (2024年底前完成, 持续推进).
pub const DEADLINE_WORDS: &[&str] = &[
    "底前",
    "前完成",
    "持续推进",
    "长期坚持",
    "长期",
    "年底",
    "季度",
    "上半年",
    "下半年",
    "中旬",
    "上旬",
    "下旬",
    "日前",
    "常态化",
];

/// Words that make a dated bracket a deadline (（2025年6月底前）, （三季度末）) rather than a
/// year alone (（2025年）), which names none.
pub const DEADLINE_DAY_WORDS: &[&str] = &["前", "底", "末", "月", "季度", "半年", "年内"];

/// Words that make a line the plan's own title (…重点工作任务, …五年规划纲要, …台账).
pub const PLAN_TITLE_WORDS: &[&str] = &[
    "任务",
    "规划",
    "纲要",
    "计划",
    "要点",
    "方案",
    "清单",
    "责任分工",
    "工作安排",
    "情况表",
    "分解表",
    "台账",
    "实事",
];

/// How the title of a report on the work ends when it names no plan word (关于…督查情况的反馈).
pub const REPORT_TITLE_ENDINGS: &[&str] = &["情况的反馈", "情况的通报", "情况的报告", "情况通报"];

/// Verbs of completion a deadline clause of a task's text may end with (2025年11月底前完成).
pub const COMPLETION_VERBS: &[&str] = &[
    "完成",
    "办结",
    "完工",
    "到位",
    "建成投用",
    "投入使用",
    "建成",
    "投用",
];

/// Words a deadline clause may open with before its date (均须于2025年12月底前完成).
pub const DEADLINE_LEADS: &[&str] = &[
    "均须于",
    "均应于",
    "均需于",
    "须于",
    "应于",
    "均于",
    "于",
    "在",
];

/// Words that open a remark of the document about its tasks (说明：…, 注：…).
pub const REMARK_OPENERS: &[&str] = &["说明", "注", "备注"];

/// What a document says before the deadline of every task that names none (未注明完成
/// 时限的，均须于2025年12月底前完成).
pub const DEFAULT_DEADLINE_MARKS: &[&str] = &[
    "未注明完成时限",
    "未标明完成时限",
    "未标注完成时限",
    "未明确完成时限",
    "未注明时限",
    "未明确时限",
    "没有明确完成时限",
];

/// How a deadline clause ends once its verb is gone: a by-word or a period (6月底前,
/// 2025年第四季度, 年内).
pub const DEADLINE_ENDINGS: &[&str] = &["前", "底", "末", "内", "季度", "月", "日", "半年"];

/// Whole clauses of a task's text that say the work goes on, as its deadline.
pub const ONGOING_CLAUSES: &[&str] =
    &["持续推进", "长期坚持", "长期推进", "持续开展", "常态化推进"];

/// Words before a quantity that give a facility's capacity (年产10万吨饲料项目): with a noun
/// after the quantity, it sizes what is built and is no target. At most four characters.
pub const CAPACITY_WORDS: &[&str] = &[
    "年产",
    "年处理",
    "年加工",
    "日处理",
    "日供水",
    "年吞吐",
    "年屠宰",
    "总装机",
    "装机",
];

/// Deadline wording for work that goes on or recurs (持续推进, 每季度): it names no one day,
/// so an empty due_date is its reading, not a loss. Both scripts.
pub const ONGOING_DEADLINES: &[&str] = &[
    "持续",
    "持續",
    "长期",
    "長期",
    "常态",
    "常態",
    "长效",
    "長效",
    "每季",
    "每月",
    "每年",
    "每半年",
    "每周",
    "每週",
    "每旬",
    "定期",
    "逐年",
    "适时",
    "適時",
    "及时",
    "及時",
    "随时",
    "隨時",
    "全程",
    "按期",
    "按时",
    "按時",
];

/// What a labelled line under a task of a progress report holds: its progress (进展情况：
/// 序时推进。已完成12家…), or what the report says besides (存在问题：…, 下步打算：…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPart {
    Progress,
    /// 推进状态：滞后 — the status word of the task.
    Status,
    Remark,
}

/// Labels of the lines a progress report puts under each task, before a colon.
pub const REPORT_LABELS: &[(&str, ReportPart)] = &[
    ("进展情况", ReportPart::Progress),
    ("推进情况", ReportPart::Progress),
    ("完成情况", ReportPart::Progress),
    ("落实情况", ReportPart::Progress),
    ("进度情况", ReportPart::Progress),
    ("工作进展", ReportPart::Progress),
    ("目前进展", ReportPart::Progress),
    ("推进状态", ReportPart::Status),
    ("完成状态", ReportPart::Status),
    ("进展状态", ReportPart::Status),
    ("存在问题", ReportPart::Remark),
    ("存在的问题", ReportPart::Remark),
    ("困难问题", ReportPart::Remark),
    ("问题困难", ReportPart::Remark),
    ("下步打算", ReportPart::Remark),
    ("下一步打算", ReportPart::Remark),
    ("下步计划", ReportPart::Remark),
    ("下一步计划", ReportPart::Remark),
    ("下步措施", ReportPart::Remark),
    ("下一步措施", ReportPart::Remark),
    ("下步工作", ReportPart::Remark),
    ("下一步工作", ReportPart::Remark),
];

/// What an office writes in a cell it has nothing for (—, 无, ／): no unit, no deadline.
pub const PLACEHOLDER_CELLS: &[&str] = &["无", "暂无", "不涉及", "空"];

/// Whether a cell holds only a placeholder: a word of [`PLACEHOLDER_CELLS`], or dashes,
/// slashes and dots alone.
pub fn is_placeholder(cell: &str) -> bool {
    let cell = cell.trim();
    PLACEHOLDER_CELLS.contains(&cell)
        || (!cell.is_empty()
            && cell.chars().all(|c| {
                matches!(
                    c,
                    '—' | '-' | '－' | '–' | '/' | '／' | '…' | '.' | '·' | ' '
                )
            }))
}

/// How a note printed after a group of tasks opens, before 由 and the units: 以上任务由A牵头,
/// 上述工作由B负责.
pub const GROUP_NOTE_OPENERS: &[&str] = &[
    "以上各项任务",
    "以上各项工作",
    "上述各项任务",
    "上述各项工作",
    "以上任务",
    "以上工作",
    "以上事项",
    "上述任务",
    "上述工作",
    "上述事项",
    "上述",
    "以上",
];

/// Remarks saying the first unit of each list leads (排在首位的为牵头单位): pairs of words
/// that must both occur in the line.
pub const FIRST_LISTED_REMARKS: &[(&str, &str)] = &[
    ("首位", "牵头"),
    ("第一位", "牵头"),
    ("第一个", "牵头"),
    ("排名第一", "牵头"),
    ("排第一", "牵头"),
    ("列第一", "牵头"),
    ("居首", "牵头"),
    ("第一单位", "牵头"),
    ("排在前面", "牵头"),
];

/// Lines a saved web page puts after the article (share buttons, print links, footers).
pub const WEB_JUNK: &[&str] = &[
    "分享到",
    "打印本页",
    "关闭窗口",
    "打印本文",
    "关闭本页",
    "【打印】",
    "【关闭】",
    "扫一扫",
    "网站地图",
    "版权所有",
    "主办单位：",
    "技术支持",
    "ICP备",
    "公网安备",
    "网站标识码",
    "相关链接",
    "上一篇",
    "下一篇",
    "字号：",
    "【字体",
    "返回顶部",
    "附件下载",
    "收藏本页",
];

/// Words in the id or class of an element of a saved web page that mark it as the page's
/// chrome, not its article (`topnav`, `breadcrumb`, `bdsharebuttonbox`).
pub const CHROME_WORDS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "crumb",
    "share",
    "sidebar",
    "related",
    "copyright",
    "banner",
];

/// Labels of a web page's byline (or a report's header) that name the issuing body.
pub const ISSUER_LABELS: &[&str] = &[
    "发布机构",
    "填报单位",
    "发文机关",
    "发文单位",
    "信息来源",
    "来源",
];

/// Labels of the byline box a government web page prints above the article (信息公开
/// fields); the issuer labels of `ISSUER_LABELS` count too.
pub const BYLINE_LABELS: &[&str] = &[
    "索引号",
    "信息索引号",
    "发文机关",
    "发文单位",
    "发布机构",
    "发文字号",
    "文号",
    "成文日期",
    "发文日期",
    "印发日期",
    "发布日期",
    "发布时间",
    "生成日期",
    "标题",
    "名称",
    "主题分类",
    "主题词",
    "体裁分类",
    "有效性",
    "公开方式",
    "公开范围",
];

/// Holidays a deadline may name (春节前, 国庆节前), with the day they fall on; `None` for
/// those of the lunar calendar (春节, 中秋), whose day changes from year to year. Longer
/// spellings first, in both scripts.
pub const FESTIVALS: &[(&str, Option<(u32, u32)>)] = &[
    ("国庆节", Some((10, 1))),
    ("國慶節", Some((10, 1))),
    ("国庆", Some((10, 1))),
    ("國慶", Some((10, 1))),
    ("元旦", Some((1, 1))),
    ("劳动节", Some((5, 1))),
    ("勞動節", Some((5, 1))),
    ("春节", None),
    ("春節", None),
    ("元宵节", None),
    ("元宵節", None),
    ("元宵", None),
    ("清明节", None),
    ("清明節", None),
    ("端午节", None),
    ("端午節", None),
    ("端午", None),
    ("中秋节", None),
    ("中秋節", None),
    ("中秋", None),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_columns_are_the_schedule() {
        for cell in [
            "一季度",
            "第四季度",
            "上半年",
            "6月",
            "12月份",
            "十二月",
            "进度安排",
        ] {
            assert_eq!(column_meaning(cell), Some(Column::Schedule), "{cell}");
        }
        // A quarter's report is progress; a month that is no month, or 年月, is nothing.
        assert_eq!(column_meaning("一季度完成情况"), Some(Column::Progress));
        assert_eq!(column_meaning("13月"), None);
        assert_eq!(column_meaning("完成时限"), Some(Column::Role(Role::Due)));
    }

    #[test]
    fn a_step_completed_is_no_status_of_the_task() {
        assert_eq!(phrase_status("已完成"), Status::Done);
        assert_eq!(phrase_status("已完成全年任务"), Status::Done);
        assert_eq!(phrase_status("全部完成并投用"), Status::Done);
        assert_eq!(phrase_status("已完成招标"), Status::Unknown);
        assert_eq!(phrase_status("完成选址"), Status::Unknown);
        assert_eq!(phrase_status("已完成年度目标任务"), Status::Done);
        assert_eq!(phrase_status("已完成并投入使用"), Status::Done);
        assert_eq!(phrase_status("已完成竣工验收"), Status::Done);
        assert_eq!(phrase_status("实行销号管理"), Status::Unknown);
        assert_eq!(phrase_status("序时推进"), Status::OnPace);
    }

    #[test]
    fn status_words_read_negations_first() {
        assert_eq!(status_of("已完成"), Status::Done);
        assert_eq!(status_of("未完成"), Status::Behind);
        assert_eq!(status_of("基本完成"), Status::OnPace);
        assert_eq!(status_of("滞后序时"), Status::Behind);
        assert_eq!(status_of("序时推进"), Status::OnPace);
        assert_eq!(status_of("超序时"), Status::Ahead);
        assert_eq!(status_of("未啟動"), Status::NotStarted);
        assert_eq!(status_of("持续推进"), Status::Ongoing);
        assert_eq!(status_of("待协调"), Status::Unknown);
        assert_eq!(status_of("完成序时进度"), Status::OnPace);
        assert_eq!(status_of("未达到序时进度"), Status::Behind);
        assert_eq!(status_of("超额完成序时进度"), Status::Ahead);
        assert_eq!(status_of("按时序推进"), Status::OnPace);
        assert_eq!(status_of("阶段性完成"), Status::Ongoing);
        assert_eq!(status_of("已办结"), Status::Done);
        assert_eq!(status_of("未按期完成"), Status::Behind);
        assert_eq!(status_of("逾期未完成"), Status::Behind);
    }

    #[test]
    fn header_cells_by_meaning() {
        let meaning = |c| column_meaning(c);
        assert_eq!(meaning("牵头县领导"), Some(Column::Role(Role::Leader)));
        assert_eq!(meaning("牵头单位"), Some(Column::Role(Role::Lead)));
        assert_eq!(meaning("责任单位"), Some(Column::Role(Role::Responsible)));
        assert_eq!(meaning("配合 单位"), Some(Column::Role(Role::Support)));
        assert_eq!(meaning("完成情况"), Some(Column::Progress));
        assert_eq!(meaning("完成时限"), Some(Column::Role(Role::Due)));
        assert_eq!(meaning("时间节点"), Some(Column::Role(Role::Due)));
        assert_eq!(meaning("民生实事项目"), Some(Column::Task));
        assert_eq!(meaning("年度目标任务"), Some(Column::Target));
        assert_eq!(meaning("领域"), Some(Column::Section));
        assert_eq!(meaning("备注"), Some(Column::Remark));
        assert_eq!(meaning("序号"), Some(Column::No));
        assert_eq!(meaning("区发展和改革局"), None);
        assert_eq!(meaning("新建5G基站260个，实现行政村全覆盖"), None);
    }

    #[test]
    fn longer_labels_come_first() {
        // A label that is a prefix of a later one would hide it.
        for (i, (label, _)) in LABELS.iter().enumerate() {
            for (later, _) in &LABELS[i + 1..] {
                assert!(!later.starts_with(label), "{label} hides {later}");
            }
        }
        for (i, (suffix, _)) in ROLE_SUFFIXES.iter().enumerate() {
            for (later, _) in &ROLE_SUFFIXES[i + 1..] {
                assert!(!later.ends_with(suffix), "{suffix} hides {later}");
            }
        }
    }
}
