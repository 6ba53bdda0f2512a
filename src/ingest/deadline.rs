//! Deadlines: the day a 完成时限 means (6月底前 → 06-30 of the plan year).

use super::vocab::FESTIVALS;

/// The ISO day (`YYYY-MM-DD`) a 完成时限 means, or `None` where it names no day.
///
/// A deadline that names several days (6月底前启动，12月底前完成; 2024—2025年) means the
/// last one, the final deadline. A deadline without a year takes `plan_year`. Wording that
/// names no day (持续推进, 长期坚持, 常态化, in either script) gives `None`, as do an
/// impossible day (2月30日), a day whose year is unknown, and a start (2024年起).
pub fn due_date(due: &str, plan_year: Option<u32>) -> Option<String> {
    let text = due.chars().filter(|c| !c.is_whitespace()).map(fold_char);
    let mut scanner = Scanner {
        text: text.collect(),
        pos: 0,
        year: plan_year,
        found: vec![],
    };
    scanner.run();
    let (year, month, day) = scanner.found.last()?.day?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Full-width ASCII to ASCII (２０２４ → 2024), Chinese digits to ASCII (二〇二四, 六月), and
/// the traditional forms of the few characters matched below (年內, 開始, 以來, 號).
fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '零' => '0',
        '两' | '兩' => '2',
        '內' => '内',
        '開' => '开',
        '來' => '来',
        '號' => '号',
        _ => match "〇一二三四五六七八九".chars().position(|digit| digit == c) {
            Some(value) => char::from_digit(value as u32, 10).unwrap_or(c),
            None => c,
        },
    }
}

/// Years outside this are counts (3年内), not calendar years.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2199;
/// Words that mean the end of the current year on their own.
const YEAR_END_WORDS: &[&str] = &["全年", "年度内", "年内", "年底", "年末", "下半年"];
/// What may follow 2024年 and still mean its end (年底, 年末, 年内, 年度内).
const YEAR_SUFFIXES: &[&str] = &["度内", "内", "底", "末", "度"];

/// One day named in the text; `start..end` (bytes) lets a trailing 起 take back its phrase.
struct Mention {
    start: usize,
    end: usize,
    /// `None` where the day is impossible or its year unknown.
    day: Option<(u32, u32, u32)>,
}

struct Scanner {
    text: String,
    pos: usize,
    /// The latest explicit year, so the 12月底前 of 2024年6月…12月底前 is in 2024.
    year: Option<u32>,
    found: Vec<Mention>,
}

impl Scanner {
    fn run(&mut self) {
        while let Some(next) = self.rest().chars().next() {
            let start = self.pos;
            if let Some(number) = self.number() {
                self.after_number(start, number);
            } else if self.eat_any(YEAR_END_WORDS) {
                self.push(start, 12, Some(31));
            } else if self.eat("上半年") {
                self.push(start, 6, Some(30));
            } else if let Some(day) = self.festival() {
                match day {
                    Some((month, day)) => self.push(start, month, Some(day)),
                    // 春节前: a lunar day, not known here; said so by no day at all.
                    None => self.found.push(Mention {
                        start,
                        end: self.pos,
                        day: None,
                    }),
                }
            } else if self.eat_any(&["起", "开始", "以来"]) {
                // 2024年6月起持续推进: a starting point, not a deadline.
                self.drop_phrase_ending_at(start);
            } else {
                self.pos += next.len_utf8();
            }
        }
    }

    fn after_number(&mut self, start: usize, number: u32) {
        if self.eat("年") {
            self.eat_any(YEAR_SUFFIXES);
            if YEARS.contains(&number) {
                self.year = Some(number);
                // 2025年春节前 is a day of 2025, not its end.
                if !FESTIVALS.iter().any(|(f, _)| self.rest().starts_with(f)) {
                    self.push(start, 12, Some(31));
                }
            }
        } else if self.eat("月") {
            let day = if self.eat_any(&["底", "末", "下旬"]) {
                None
            } else if self.eat("上旬") {
                Some(10)
            } else if self.eat("中旬") {
                Some(20)
            } else {
                let before_day = self.pos;
                let day = self.number().filter(|_| self.eat_any(&["日", "号"]));
                if day.is_none() {
                    self.pos = before_day; // 10月 alone: its last day
                }
                day
            };
            self.push(start, number, day);
        } else if self.eat("季度") {
            self.eat("末");
            if (1..=4).contains(&number) {
                self.push(start, number * 3, None);
            }
        } else if YEARS.contains(&number) {
            self.after_bare_year(start, number);
        }
    }

    /// 2024.6.30, 2024-06-30, 2024/6 (a day, or a month's last day), or 2024-2025年.
    fn after_bare_year(&mut self, start: usize, year: u32) {
        let year_end = self.pos;
        let separator = self.rest().chars().next().unwrap_or(' ');
        if !"-./—–~至".contains(separator) {
            return;
        }
        self.pos += separator.len_utf8();
        let second_start = self.pos;
        self.year = Some(year);
        match self.number() {
            Some(month) if !YEARS.contains(&month) && "-./".contains(separator) => {
                let day = self.eat(separator.encode_utf8(&mut [0; 4]));
                let day = day.then(|| self.number()).flatten();
                self.push(start, month, day);
            }
            _ => {
                // 2024-2025年, 2024至6月: the year is a phrase of its own; the loop reads on.
                self.pos = year_end;
                self.push(start, 12, Some(31));
                self.pos = second_start;
            }
        }
    }

    /// Records day `day` (`None`: the last) of month `month` in the current year.
    fn push(&mut self, start: usize, month: u32, day: Option<u32>) {
        let valid_month = self.year.filter(|_| (1..=12).contains(&month));
        let day = valid_month.and_then(|year| {
            let last = days_in_month(year, month);
            let day = day.unwrap_or(last);
            (1..=last).contains(&day).then_some((year, month, day))
        });
        let end = self.pos;
        self.found.push(Mention { start, end, day });
    }

    fn drop_phrase_ending_at(&mut self, mut boundary: usize) {
        while self.found.last().is_some_and(|last| last.end == boundary) {
            boundary = self.found.pop().map_or(boundary, |last| last.start);
        }
    }

    /// The holiday the text names here, eaten, with its day (`None` inside: lunar).
    fn festival(&mut self) -> Option<Option<(u32, u32)>> {
        let (word, day) = FESTIVALS.iter().find(|(f, _)| self.rest().starts_with(f))?;
        self.pos += word.len();
        Some(*day)
    }

    /// A run of digits, with 十 as Chinese writes it (十二, 三十一); saturates, never panics.
    fn number(&mut self) -> Option<u32> {
        let (mut total, mut current, mut used) = (0u32, 0u32, 0);
        for c in self.rest().chars() {
            if c == '十' {
                // 十二 = 10 + 2, 二十 = 2 × 10.
                total = total.saturating_add(current.max(1).saturating_mul(10));
                current = 0;
            } else if let Some(digit) = c.to_digit(10) {
                current = current.saturating_mul(10).saturating_add(digit);
            } else {
                break;
            }
            used += c.len_utf8();
        }
        self.pos += used;
        (used > 0).then(|| total.saturating_add(current))
    }

    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.rest().starts_with(word);
        if found {
            self.pos += word.len();
        }
        found
    }

    fn eat_any(&mut self, words: &[&str]) -> bool {
        words.iter().any(|word| self.eat(word))
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    use chrono::Datelike;
    let (next_year, next_month) = if month >= 12 {
        (year.saturating_add(1), 1)
    } else {
        (year, month + 1)
    };
    let next_year = i32::try_from(next_year).unwrap_or(i32::MAX);
    chrono::NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|first| first.pred_opt())
        .map_or(31, |last| last.day())
}

#[cfg(test)]
mod tests {
    use super::due_date;

    /// The annotation guide, one rule a block: `plan year | deadline => day; …` (`-`: no day).
    const GUIDE: &str = "
        # X月底前, X月底, X月末: the month's last day, leap years right
        - | 2024年2月底前 => 2024-02-29; 2023年2月底前 => 2023-02-28; 2000年2月底 => 2000-02-29
        - | 2100年2月末 => 2100-02-28; 2024年4月底前 => 2024-04-30
        2024 | 6月底前 => 2024-06-30; 9月末 => 2024-09-30; 9月底 => 2024-09-30
        # no year and no plan year: no day
        - | 6月底前 => -; 年底前 => -; 上半年 => -; 三季度末 => -; 10月中旬 => -; 12月31日 => -
        # the end of the year
        2024 | 年底前 => 2024-12-31; 年底 => 2024-12-31; 年末 => 2024-12-31; 年内 => 2024-12-31
        2024 | 12月底前 => 2024-12-31; 全年 => 2024-12-31; 年度内 => 2024-12-31; 3年内 => -
        2024 | 2025年底前 => 2025-12-31; 2025年 => 2025-12-31; 2025年度内 => 2025-12-31
        # halves and quarters
        2024 | 上半年 => 2024-06-30; 下半年 => 2024-12-31; 2025年上半年 => 2025-06-30
        2024 | 一季度 => 2024-03-31; 第一季度 => 2024-03-31; 一季度末 => 2024-03-31
        2024 | 1季度 => 2024-03-31; 二季度 => 2024-06-30; 三季度末 => 2024-09-30
        2024 | 第三季度 => 2024-09-30; 四季度 => 2024-12-31; 五季度 => -
        # parts of a month, a month alone, single days, dotted and dashed dates
        2024 | 10月上旬 => 2024-10-10; 10月中旬 => 2024-10-20; 11月下旬 => 2024-11-30
        2024 | 2024年10月 => 2024-10-31; 6月30日前 => 2024-06-30; 2025年3月15日 => 2025-03-15
        2024 | 2024.6.30 => 2024-06-30; 2024-06-30 => 2024-06-30; 2024/6/30 => 2024-06-30
        2024 | 2024.6 => 2024-06-30; 2025年1月5号 => 2025-01-05
        # ongoing work and starting points name no day
        2024 | 持续推进 => -; 长期坚持 => -; 长期 => -; 常态化 => -; 持续 => -; 2024年开始 => -
        2024 | 2024年起长期坚持 => -; 自2024年6月起持续推进 => -
        # several days: the last one, the final deadline
        2023 | 2024年6月底前启动，12月底前完成 => 2024-12-31; 2024年—2025年 => 2025-12-31
        2023 | 2024-2025年 => 2025-12-31; 2024至2025年 => 2025-12-31; 2024至6月 => 2024-06-30
        2023 | 2024年至2025年6月 => 2025-06-30; 2024年起至2025年底 => 2025-12-31
        2023 | 2024年12月底前完成，持续推进 => 2024-12-31; 2024.1.1-2024.3.31 => 2024-03-31
        # full-width digits, Chinese numerals, stray spaces
        2024 | ２０２４年６月底前 => 2024-06-30; ２０２４－０６－３０ => 2024-06-30
        2024 | 六月底前 => 2024-06-30; 十二月底前 => 2024-12-31; 十月三十一日前 => 2024-10-31
        2024 | 二〇二五年三月 => 2025-03-31; 二零二五年二月二十九日 => -; 2024 年 6 月 => 2024-06-30
        # traditional script
        2024 | 長期 => -; 持續推進 => -; 2024年開始 => -; 年內 => 2024-12-31; 第三季度 => 2024-09-30
        # holidays: a solar one is its day; a lunar one (春节) is a day this reader cannot know
        2024 | 国庆节前 => 2024-10-01; 2025年元旦前 => 2025-01-01; 國慶節前 => 2024-10-01
        2024 | 2025年春节前 => -; 春节前 => -; 中秋節前 => -; 2024年6月底前，春节前 => -
        # impossible days
        2024 | 2024年2月30日 => -; 2023年2月29日 => -; 2024年13月 => -; 2024.4.31 => -
        2024 | 6月0日 => -; 2024年2月29日 => 2024-02-29
    ";

    #[test]
    fn every_rule_of_the_annotation_guide() {
        let rows = GUIDE.lines().map(str::trim);
        for row in rows.filter(|row| !row.is_empty() && !row.starts_with('#')) {
            let (plan_year, cases) = row.split_once(" | ").expect("`plan year | cases`");
            let plan_year = plan_year.trim().parse().ok();
            for case in cases.split("; ") {
                let (due, expected) = case.split_once(" => ").expect("`deadline => day`");
                let expected = Some(expected).filter(|&day| day != "-");
                let got = due_date(due, plan_year);
                assert_eq!(got.as_deref(), expected, "{due} in {plan_year:?}");
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let pieces = [
            "",
            "年",
            "月",
            "日",
            "底",
            "起",
            "季度",
            "十",
            "十十十",
            "〇",
            "2024",
            "99999999999",
            "-",
            ".",
            "/",
            "—",
            "至",
            "２",
            "月底前",
            "上半年",
            "\u{0}",
            "😀",
            "內",
            " ",
            "6",
        ];
        for due in pieces
            .iter()
            .flat_map(|a| pieces.map(|b| format!("{a}{b}")))
        {
            for more in pieces {
                for plan_year in [None, Some(2024), Some(0), Some(u32::MAX)] {
                    let _ = due_date(&format!("{due}{more}"), plan_year);
                }
            }
        }
    }
}
