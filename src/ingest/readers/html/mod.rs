//! Reads a saved page of a government site (.html, .htm, .shtml): the byline box as
//! `label：value` lines, the article's title and body as lines, its tables as grids. Site
//! navigation, headers, footers, share buttons and related links are left out — found by
//! what they are (their tags, a few chrome words, how much of their text is links), never by
//! one site's class names.
//!
//! The flow, one file a step: `decode` the bytes, flatten the parsed tree (`dom`), weigh
//! every node and drop the chrome (`page`), take the byline's fields (`byline`), find the
//! article and its title (`page`, `title`), then read the article's blocks as lines
//! (`blocks`) and its data tables as grids (`table`).

mod blocks;
mod byline;
mod decode;
mod dom;
mod page;
mod table;
mod title;

use super::Extract;
use blocks::Piece;
use decode::decode;
use dom::Dom;
use page::Page;
use scraper::Html;

pub fn read(bytes: &[u8]) -> Result<Extract, String> {
    let mut extract = Extract::default();
    let text = decode(bytes, &mut extract.warnings);
    let html = Html::parse_document(&text);
    drop(text);
    let mut page = Page::new(Dom::build(&html));
    drop(html);
    let body = page.dom.first("body").unwrap_or(0);
    let runs = page.byline_runs(body);
    let article = page.article(body).unwrap_or_else(|| {
        extract
            .warnings
            .push("no Chinese running text on the page: all of its text was read".into());
        body
    });
    let fields = page.byline(runs, article);
    if !fields.is_empty() {
        extract.part("byline", "field");
        for (n, (label, value)) in fields.iter().enumerate() {
            extract.line(&format!("{label}：{value}"), n as u32 + 1);
        }
    }
    let pieces = page.pieces(article);
    let titled = match pieces.first() {
        Some(Piece::Line(_, texts)) => texts.first().is_some_and(|&t| page.is_title(t, article)),
        _ => false,
    };
    let title = if titled {
        Vec::new()
    } else {
        page.title_above(body, article)
    };
    extract.part("", "paragraph");
    let mut n = 0u32;
    let mut tables = 0;
    for piece in title
        .into_iter()
        .map(|t| Piece::Line(t, Vec::new()))
        .chain(pieces)
    {
        match piece {
            Piece::Line(text, _) => {
                n += 1;
                extract.line(&text, n);
            }
            Piece::Table(at) => {
                let name = format!("table {}", tables + 1);
                let grid = page.grid(at, &name, &mut extract.warnings);
                if grid.rows.iter().flatten().all(|c| c.text.trim().is_empty()) {
                    continue;
                }
                tables += 1;
                extract.part(name, "row");
                extract.grid(&grid, 1);
                extract.part("", "paragraph");
            }
        }
    }
    Ok(extract)
}

/// The lines `read` makes of a page: what the tests of every step compare.
#[cfg(test)]
fn read_lines(html: &str) -> Vec<String> {
    let extract = read(html.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    extract.text().lines().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_table_holding_most_of_the_page_stays_a_table() {
        // The table's body holds 80% of the page's text: were it the article, its cells
        // would come out one per line and its columns be lost.
        let page = "<html><body><h2>某县2025年重点任务分解表</h2><table>\
            <tr><td>序号</td><td>重点工作任务</td><td>牵头领导</td><td>牵头单位</td></tr>\
            <tr><td>1</td><td>地区生产总值增长6%左右</td><td>常务副县长 黄志远</td><td>县发改局</td></tr>\
            <tr><td>2</td><td>新签约亿元以上招商项目30个</td><td>副县长 林雅婷</td><td>县投资促进局</td></tr>\
            </table></body></html>";
        assert_eq!(
            read_lines(page),
            [
                "某县2025年重点任务分解表",
                "序号\t重点工作任务\t牵头领导\t牵头单位",
                "1\t地区生产总值增长6%左右\t常务副县长 黄志远\t县发改局",
                "2\t新签约亿元以上招商项目30个\t副县长 林雅婷\t县投资促进局",
            ]
        );
    }

    #[test]
    fn old_county_page_laid_out_in_tables_inside_a_form() {
        // The whole page in one ASP.NET <form>: a wrapper, not chrome. The title is a
        // centred cell above the article cell, the article's lines are split by <br>.
        let page = r#"<body><form id="form1">
            <table width="1000"><tr><td><img src="logo.gif"></td></tr>
            <tr><td class="daohang"><a>首页</a> | <a>政务公开</a> | <a>信息公开</a></td></tr></table>
            <table width="1000"><tr>
            <td width="200"><table><tr><td><a>通知公告</a></td></tr><tr><td><a>政策法规</a></td></tr></table></td>
            <td><table width="100%">
            <tr><td align="center" class="biaoti">青林县人民政府办公室关于做好春季防火工作的通知</td></tr>
            <tr><td align="center">发布时间：2024-03-01　信息来源：县政府办　点击数：35</td></tr>
            <tr><td class="bt_content">各乡镇人民政府，县直各单位：<br>
            　　为切实做好春季森林防火工作，确保人民群众生命财产安全，现就有关事项通知如下。<br>
            　　一、加强火源管控<br>
            　　1.严格野外用火审批，全县设立防火检查站12个。（县林业局负责）<br>
            　　2.开展防火宣传进村入户活动不少于30场。（县应急管理局牵头，各乡镇人民政府配合）</td></tr>
            </table></td></tr></table>
            <table><tr><td>版权所有：青林县人民政府　技术支持：青林县信息中心</td></tr></table>
            </form></body>"#;
        assert_eq!(
            read_lines(page),
            [
                "发布时间：2024-03-01",
                "信息来源：县政府办",
                "青林县人民政府办公室关于做好春季防火工作的通知",
                "各乡镇人民政府，县直各单位：",
                "　　为切实做好春季森林防火工作，确保人民群众生命财产安全，现就有关事项通知如下。",
                "　　一、加强火源管控",
                "　　1.严格野外用火审批，全县设立防火检查站12个。（县林业局负责）",
                "　　2.开展防火宣传进村入户活动不少于30场。（县应急管理局牵头，各乡镇人民政府配合）",
            ]
        );
    }

    #[test]
    fn caps_and_odd_markup_do_not_panic() {
        let mut page = String::from("<table>");
        page.push_str(
            "<tr><td colspan=100000 rowspan=0>甲</td><td rowspan=99999999999>乙</td></tr>",
        );
        page.push_str("<tr><td>丙</td></tr></table>");
        let extract = read(page.as_bytes());
        assert!(extract.is_ok());
        let deep = "<div>".repeat(5_000) + "深层嵌套的正文内容" + &"</div>".repeat(5_000);
        assert_eq!(read_lines(&deep), ["深层嵌套的正文内容"]);
        assert!(read(b"\xFF\xFE\x00").is_ok());
    }
}
