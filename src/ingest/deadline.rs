//! Deadlines: the day a 完成时限 means (6月底前 → 06-30 of the plan year).

/// The ISO day (`YYYY-MM-DD`) a 完成时限 means, or `None` where it names no day.
///
/// A deadline that names several days (6月底前启动，12月底前完成; 2024—2025年) means the
/// last one, the final deadline. A deadline without a year takes `plan_year`. Wording that
/// names no day (持续推进, 长期坚持, 常态化, in either script) gives `None`, as does an
/// impossible day (2月30日) or a day whose year is unknown.
#[cfg_attr(not(test), allow(dead_code))]
pub fn due_date(due: &str, plan_year: Option<u32>) -> Option<String> {
    let text = due
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_char)
        .collect();
    let mut scanner = Scanner {
        text,
        pos: 0,
        year: plan_year,
        found: Vec::new(),
    };
    scanner.run();
    let (year, month, day) = scanner.found.last()?.day?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Full-width ASCII to ASCII (２０２４ → 2024, －); traditional forms of the few characters
/// the scanner matches on (內, 開, 來, 號) to simplified.
fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '內' => '内',
        '開' => '开',
        '來' => '来',
        '號' => '号',
        _ => c,
    }
}

/// One day named in the text; `start..end` lets a trailing 起 take back the whole phrase.
struct Mention {
    start: usize,
    end: usize,
    /// `None` where the day is impossible or its year unknown.
    day: Option<(u32, u32, u32)>,
}

struct Scanner {
    text: Vec<char>,
    pos: usize,
    /// The year of the latest explicit year, so 12月底前 after 2024年6月 is in 2024.
    year: Option<u32>,
    found: Vec<Mention>,
}

/// Years outside this are counts (3年内), not calendar years.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2199;
/// What may follow 2024年 and still mean its end (年底, 年末, 年内, 年度内).
const YEAR_SUFFIXES: &[&str] = &["度内", "内", "底", "末", "度"];

impl Scanner {
    fn run(&mut self) {
        while self.pos < self.text.len() {
            let start = self.pos;
            if let Some(number) = self.number() {
                self.after_number(start, number);
            } else if self.eat_any(&["全年", "年度内", "年内", "年底", "年末", "下半年"])
            {
                self.push(start, 12, Some(31));
            } else if self.eat("上半年") {
                self.push(start, 6, Some(30));
            } else if self.eat_any(&["起", "开始", "以来"]) {
                // 2024年起长期坚持: a starting point, not a deadline.
                self.drop_phrase_ending_at(start);
            } else {
                self.pos += 1;
            }
        }
    }

    fn after_number(&mut self, start: usize, number: u32) {
        if self.eat("年") {
            self.eat_any(YEAR_SUFFIXES);
            if YEARS.contains(&number) {
                self.year = Some(number);
                self.push(start, 12, Some(31));
            }
        } else if self.eat("月") {
            self.after_month(start, number);
        } else if self.eat("季度") {
            self.eat("末");
            if (1..=4).contains(&number) {
                self.push(start, number * 3, None);
            }
        } else if YEARS.contains(&number) {
            self.after_bare_year(start, number);
        }
    }

    fn after_month(&mut self, start: usize, month: u32) {
        let day = if self.eat_any(&["底", "末", "下旬"]) {
            None
        } else if self.eat("上旬") {
            Some(10)
        } else if self.eat("中旬") {
            Some(20)
        } else {
            let before_day = self.pos;
            match self.number() {
                Some(day) if self.eat_any(&["日", "号"]) => Some(day),
                _ => {
                    self.pos = before_day;
                    None
                }
            }
        };
        self.push(start, month, day);
    }

    /// 2024.6.30, 2024-06-30, 2024/6 (a day or month), or 2024-2025 / 2024至2025 (years).
    fn after_bare_year(&mut self, start: usize, year: u32) {
        let Some(&separator) = self.text.get(self.pos) else {
            return;
        };
        if !"-./—–~至".contains(separator) {
            return;
        }
        let after_year = self.pos;
        self.pos += 1;
        let second_start = self.pos;
        let Some(second) = self.number() else { return };
        self.year = Some(year);
        if YEARS.contains(&second) {
            // The first year closes a phrase of its own; the second is the final deadline.
            self.found.push(Mention {
                start,
                end: after_year,
                day: Some((year, 12, 31)),
            });
            self.year = Some(second);
            self.eat("年");
            self.eat_any(YEAR_SUFFIXES);
            self.push(second_start, 12, Some(31));
        } else if "-./".contains(separator) {
            let day = if self.text.get(self.pos) == Some(&separator) {
                self.pos += 1;
                self.number()
            } else {
                None
            };
            self.push(start, second, day);
        }
    }

    /// Records month `month` of the current year, day `day` or (`None`) its last day.
    fn push(&mut self, start: usize, month: u32, day: Option<u32>) {
        let valid_day = self
            .year
            .filter(|_| (1..=12).contains(&month))
            .and_then(|year| {
                let last = days_in_month(year, month);
                let day = day.unwrap_or(last);
                (1..=last).contains(&day).then_some((year, month, day))
            });
        self.found.push(Mention {
            start,
            end: self.pos,
            day: valid_day,
        });
    }

    fn drop_phrase_ending_at(&mut self, mut boundary: usize) {
        while self.found.last().is_some_and(|last| last.end == boundary) {
            boundary = self.found.pop().map_or(boundary, |last| last.start);
        }
    }

    /// A run of ASCII digits or Chinese numerals (十二, 三十一, 二〇二四); saturates, never panics.
    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        let (mut total, mut current) = (0u32, 0u32);
        while let Some(&c) = self.text.get(self.pos) {
            if c == '十' {
                let tens = if current == 0 {
                    10
                } else {
                    current.saturating_mul(10)
                };
                total = total.saturating_add(tens);
                current = 0;
            } else if let Some(digit) = digit_value(c) {
                current = current.saturating_mul(10).saturating_add(digit);
            } else {
                break;
            }
            self.pos += 1;
        }
        (self.pos > start).then(|| total.saturating_add(current))
    }

    fn eat(&mut self, word: &str) -> bool {
        let len = word.chars().count();
        let matches = self.text.len() >= self.pos + len
            && word
                .chars()
                .zip(&self.text[self.pos..])
                .all(|(a, &b)| a == b);
        if matches {
            self.pos += len;
        }
        matches
    }

    fn eat_any(&mut self, words: &[&str]) -> bool {
        words.iter().any(|word| self.eat(word))
    }
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '〇' | '零' => Some(0),
        '两' => Some(2),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1),
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::due_date;

    fn day(due: &str, plan_year: Option<u32>) -> Option<String> {
        due_date(due, plan_year)
    }

    fn assert_days(plan_year: Option<u32>, cases: &[(&str, &str)]) {
        for (due, expected) in cases {
            assert_eq!(day(due, plan_year).as_deref(), Some(*expected), "{due}");
        }
    }

    #[test]
    fn month_end_takes_the_last_day_leap_years_right() {
        assert_days(
            None,
            &[
                ("2024年2月底前", "2024-02-29"),
                ("2023年2月底前", "2023-02-28"),
                ("2000年2月底", "2000-02-29"),
                ("2100年2月末", "2100-02-28"),
                ("2024年4月底前", "2024-04-30"),
                ("2024年12月底前", "2024-12-31"),
            ],
        );
        assert_days(
            Some(2024),
            &[("6月底前", "2024-06-30"), ("9月末", "2024-09-30")],
        );
    }

    #[test]
    fn no_year_and_no_plan_year_is_no_day() {
        for due in [
            "6月底前",
            "年底前",
            "上半年",
            "三季度末",
            "10月中旬",
            "12月31日",
        ] {
            assert_eq!(day(due, None), None, "{due}");
        }
    }

    #[test]
    fn year_end_words() {
        let cases = [
            "年底前",
            "年底",
            "年末",
            "12月底前",
            "年内",
            "全年",
            "年度内",
            "年內",
        ];
        for due in cases {
            assert_eq!(day(due, Some(2024)).as_deref(), Some("2024-12-31"), "{due}");
        }
        assert_days(
            None,
            &[("2025年底前", "2025-12-31"), ("2025年", "2025-12-31")],
        );
        assert_days(
            None,
            &[("2025年度内", "2025-12-31"), ("2025年内", "2025-12-31")],
        );
    }

    #[test]
    fn halves_and_quarters() {
        assert_days(
            Some(2024),
            &[
                ("上半年", "2024-06-30"),
                ("下半年", "2024-12-31"),
                ("一季度", "2024-03-31"),
                ("第一季度", "2024-03-31"),
                ("一季度末", "2024-03-31"),
                ("1季度", "2024-03-31"),
                ("二季度", "2024-06-30"),
                ("三季度末", "2024-09-30"),
                ("第三季度", "2024-09-30"),
                ("四季度", "2024-12-31"),
            ],
        );
        assert_days(Some(2024), &[("2025年上半年", "2025-06-30")]);
    }

    #[test]
    fn parts_of_months_and_single_days() {
        assert_days(
            Some(2024),
            &[
                ("10月上旬", "2024-10-10"),
                ("10月中旬", "2024-10-20"),
                ("11月下旬", "2024-11-30"),
                ("2024年10月", "2024-10-31"),
                ("6月30日前", "2024-06-30"),
                ("2025年3月15日", "2025-03-15"),
                ("2024.6.30", "2024-06-30"),
                ("2024-06-30", "2024-06-30"),
                ("2024/6/30", "2024-06-30"),
                ("2024.6", "2024-06-30"),
            ],
        );
    }

    #[test]
    fn ongoing_work_is_no_day_in_either_script() {
        let cases = [
            "持续推进",
            "长期坚持",
            "长期",
            "常态化",
            "持续",
            "長期",
            "持續推進",
        ];
        for due in cases {
            assert_eq!(day(due, Some(2024)), None, "{due}");
        }
        assert_eq!(day("2024年起长期坚持", Some(2024)), None);
        assert_eq!(day("自2024年6月起持续推进", Some(2024)), None);
        assert_eq!(day("2024年开始常态化", Some(2024)), None);
    }

    #[test]
    fn several_days_mean_the_last_one() {
        assert_days(
            Some(2023),
            &[
                ("2024年6月底前启动，12月底前完成", "2024-12-31"),
                ("2024年—2025年", "2025-12-31"),
                ("2024-2025年", "2025-12-31"),
                ("2024—2025", "2025-12-31"),
                ("2024年至2025年6月", "2025-06-30"),
                ("2024年起至2025年底", "2025-12-31"),
                ("2024年12月底前完成，持续推进", "2024-12-31"),
            ],
        );
    }

    #[test]
    fn full_width_digits_chinese_numerals_and_spaces() {
        assert_days(
            Some(2024),
            &[
                ("２０２４年６月底前", "2024-06-30"),
                ("２０２４－０６－３０", "2024-06-30"),
                ("六月底前", "2024-06-30"),
                ("十二月底前", "2024-12-31"),
                ("十月三十一日前", "2024-10-31"),
                ("二〇二五年三月", "2025-03-31"),
                ("2024 年 6 月底前", "2024-06-30"),
            ],
        );
    }

    #[test]
    fn impossible_days_are_no_day() {
        for due in [
            "2024年2月30日",
            "2023年2月29日",
            "2024年13月",
            "2024.4.31",
            "6月0日",
        ] {
            assert_eq!(day(due, Some(2024)), None, "{due}");
        }
        assert_eq!(day("五季度", Some(2024)), None);
        assert_eq!(
            day("3年内", Some(2024)),
            None,
            "a count of years, not a year"
        );
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
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let due = format!("{a}{b}{c}");
                    let _ = due_date(&due, Some(2024));
                    let _ = due_date(&due, None);
                    let _ = due_date(&due, Some(u32::MAX));
                }
            }
        }
    }
}
