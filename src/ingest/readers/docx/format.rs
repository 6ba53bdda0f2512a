//! How a list level writes its number, in each of Word's number formats: 一 十一 二十一,
//! 壹拾, ① … ㊿, 甲 乙 丙, a … z aa, i ii iii; past a format's range, digits, as Word does.

/// How one level writes its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Decimal,
    DecimalZero,
    DecimalFullWidth,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// 一 … 十 十一 二十一 一百零一 (chineseCounting, chineseCountingThousand).
    Chinese,
    /// 壹 贰 … 壹拾.
    ChineseLegal,
    /// 一 … 十 百 (no 一 before 百 and 千).
    Japanese,
    /// 甲 乙 丙 … 癸.
    HeavenlyStem,
    /// 子 丑 寅 … 亥.
    EarthlyBranch,
    /// 一〇 一一: each digit written as an ideograph.
    IdeographDigit,
    /// ① ② … ㊿.
    Circled,
    /// ⑴ ⑵ … ⒇.
    Parenthesized,
    /// ⒈ ⒉ … ⒛.
    FullStop,
    /// ㊀ ㊁ … ㊉.
    CircledIdeograph,
    Bullet,
    None,
}

impl Format {
    /// The format named by `w:numFmt`; `None` for `custom`, whose pattern is not read (Word
    /// writes a plain format beside it, in `mc:Fallback`, which is used instead).
    pub fn named(name: &str) -> Option<Format> {
        Some(match name {
            "custom" => return None,
            "decimalZero" => Format::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => Format::DecimalFullWidth,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "chineseCounting"
            | "chineseCountingThousand"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "japaneseLegal" => Format::Chinese,
            "chineseLegalSimplified" => Format::ChineseLegal,
            "japaneseCounting" => Format::Japanese,
            "ideographTraditional" => Format::HeavenlyStem,
            "ideographZodiac" => Format::EarthlyBranch,
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                Format::IdeographDigit
            }
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Format::Circled,
            "decimalEnclosedParen" => Format::Parenthesized,
            "decimalEnclosedFullstop" => Format::FullStop,
            "ideographEnclosedCircle" => Format::CircledIdeograph,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            // ordinal, cardinalText and the scripts planq never meets: digits say the number.
            _ => Format::Decimal,
        })
    }
}

/// A number as a level of this format writes it; past a format's range (㊿, 甲…癸),
/// digits, as Word does.
pub fn written(n: i64, format: Format) -> String {
    let from = |base: u32, first: i64, last: i64| {
        (first..=last)
            .contains(&n)
            .then(|| char::from_u32(base + (n - first) as u32))
            .flatten()
            .map(String::from)
    };
    let listed = |list: &str| {
        usize::try_from(n)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| list.chars().nth(i))
            .map(String::from)
    };
    let text = match format {
        Format::Decimal => None,
        Format::None | Format::Bullet => Some(String::new()),
        Format::DecimalZero => (0..10).contains(&n).then(|| format!("0{n}")),
        Format::DecimalFullWidth => (n >= 0).then(|| {
            n.to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect()
        }),
        Format::LowerLetter => letters(n).map(|s| s.to_ascii_lowercase()),
        Format::UpperLetter => letters(n),
        Format::LowerRoman => roman(n).map(|s| s.to_ascii_lowercase()),
        Format::UpperRoman => roman(n),
        Format::Chinese => counted(n, &CHINESE),
        Format::ChineseLegal => counted(n, &LEGAL),
        Format::Japanese => counted(n, &JAPANESE),
        Format::HeavenlyStem => listed("甲乙丙丁戊己庚辛壬癸"),
        Format::EarthlyBranch => listed("子丑寅卯辰巳午未申酉戌亥"),
        Format::IdeographDigit => (n >= 0).then(|| {
            n.to_string()
                .chars()
                .map(|c| CHINESE.digits[c as usize - '0' as usize])
                .collect()
        }),
        Format::Circled => from(0x2460, 1, 20)
            .or_else(|| from(0x3251, 21, 35))
            .or_else(|| from(0x32B1, 36, 50)),
        Format::Parenthesized => from(0x2474, 1, 20),
        Format::FullStop => from(0x2488, 1, 20),
        Format::CircledIdeograph => from(0x3280, 1, 10),
    };
    text.unwrap_or_else(|| n.to_string())
}

/// A, B … Z, AA, BB …: Word repeats the letter; past 30 repeats (a damaged start), digits.
fn letters(n: i64) -> Option<String> {
    let i = n.checked_sub(1).filter(|i| (0..26 * 30).contains(i))?;
    let letter = char::from(b'A' + (i % 26) as u8);
    Some(std::iter::repeat_n(letter, (i / 26 + 1) as usize).collect())
}

fn roman(n: i64) -> Option<String> {
    if !(1..4000).contains(&n) {
        return None;
    }
    const PARTS: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, part) in PARTS {
        while rest >= value {
            out.push_str(part);
            rest -= value;
        }
    }
    Some(out)
}

/// A counting system: its digits, its units (十 百 千), which 一 it leaves out, and the
/// zero written inside a number (一百零一).
struct Counting {
    digits: [char; 10],
    units: [char; 3],
    /// 十一, not 一十一 (Chinese); 百, not 一百 (Japanese); legal numbers drop none.
    drop_one: DropOne,
    inner_zero: Option<char>,
}

#[derive(PartialEq)]
enum DropOne {
    BeforeLeadingTen,
    BeforeEveryUnit,
    Never,
}

const CHINESE: Counting = Counting {
    digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    units: ['十', '百', '千'],
    drop_one: DropOne::BeforeLeadingTen,
    inner_zero: Some('零'),
};
const LEGAL: Counting = Counting {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    units: ['拾', '佰', '仟'],
    drop_one: DropOne::Never,
    inner_zero: Some('零'),
};
const JAPANESE: Counting = Counting {
    digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    units: ['十', '百', '千'],
    drop_one: DropOne::BeforeEveryUnit,
    inner_zero: None,
};

/// 0–9999 in a counting system: 1→一, 10→十, 11→十一, 20→二十, 21→二十一, 101→一百零一.
fn counted(n: i64, system: &Counting) -> Option<String> {
    if !(0..10_000).contains(&n) {
        return None;
    }
    if n == 0 {
        return Some(system.digits[0].to_string());
    }
    let places = [
        (n / 1000, Some(system.units[2])),
        (n / 100 % 10, Some(system.units[1])),
        (n / 10 % 10, Some(system.units[0])),
        (n % 10, None),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (digit, unit) in places {
        if digit == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.extend(system.inner_zero);
            zero = false;
        }
        let drop = digit == 1
            && unit.is_some()
            && match system.drop_one {
                DropOne::BeforeLeadingTen => out.is_empty() && unit == Some(system.units[0]),
                DropOne::BeforeEveryUnit => true,
                DropOne::Never => false,
            };
        if !drop {
            out.push(system.digits[digit as usize]);
        }
        out.extend(unit);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_as_word_writes_it() {
        let cases = [
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1010, "一千零一十"),
        ];
        for (n, text) in cases {
            assert_eq!(written(n, Format::Chinese), text, "{n}");
        }
        assert_eq!(written(10, Format::ChineseLegal), "壹拾");
        assert_eq!(written(110, Format::Japanese), "百十");
        assert_eq!(written(12_000, Format::Chinese), "12000");
    }

    #[test]
    fn other_formats_and_their_ranges() {
        assert_eq!(written(3, Format::HeavenlyStem), "丙");
        assert_eq!(written(11, Format::HeavenlyStem), "11");
        assert_eq!(written(1, Format::Circled), "①");
        assert_eq!(written(21, Format::Circled), "㉑");
        assert_eq!(written(50, Format::Circled), "㊿");
        assert_eq!(written(51, Format::Circled), "51");
        assert_eq!(written(2, Format::Parenthesized), "⑵");
        assert_eq!(written(28, Format::LowerLetter), "bb");
        assert_eq!(written(1994, Format::UpperRoman), "MCMXCIV");
        assert_eq!(written(12, Format::DecimalFullWidth), "１２");
        assert_eq!(written(10, Format::IdeographDigit), "一〇");
        assert_eq!(written(7, Format::DecimalZero), "07");
        assert_eq!(written(i64::MAX, Format::UpperLetter), i64::MAX.to_string());
        assert_eq!(written(-3, Format::Chinese), "-3");
    }
}
