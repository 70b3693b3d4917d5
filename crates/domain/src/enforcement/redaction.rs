//! Redaction of personal data for the public portal: names of individuals masked, identity
//! numbers, phone numbers and street addresses removed, over structured fields and free text.
//!
//! Why: 个人信息保护法 and the publication rules (STATUTES.md §2.4, §3.1; DESIGN.md "Personal
//! data") let a decision be published but not a person's identifiers. Organisations' names are
//! published as they are: they are not personal data, and 个体工商户 trading names are the public
//! face of a business even when they contain the owner's name.
//!
//! Free text is redacted by rules, not by a model: names we know (from the structured fields)
//! and names after labels such as 「当事人：」; digit runs that are ID, mobile or landline numbers;
//! values after address labels and spans that end in a house number (「人民路88号3栋201室」).
//! The rules err on the side of removing too much.

/// What replaces a removed identifier.
pub const REMOVED: &str = "***";

/// Compound surnames (复姓) that keep both characters when a name is masked.
const COMPOUND_SURNAMES: [&str; 40] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "公冶",
    "太史", "申屠", "濮阳", "闻人", "万俟", "赫连", "鲜于", "闾丘", "司空", "左丘", "拓跋", "第五",
    "东郭", "梁丘", "谷梁", "公羊",
];

/// Labels after which a person's name follows (with a colon).
const NAME_LABELS: [&str; 14] = [
    "当事人",
    "法定代表人",
    "负责人",
    "经营者",
    "联系人",
    "委托代理人",
    "代理人",
    "证人",
    "姓名",
    "户主",
    "投诉人",
    "举报人",
    "申请人",
    "被检查人",
];

/// Labels after which an address follows; longer first so 「家庭住址」 wins over 「住址」.
const ADDRESS_LABELS: [&str; 14] = [
    "家庭住址",
    "户籍地址",
    "居住地址",
    "经常居住地",
    "现住址",
    "户籍地",
    "住所地",
    "居住于",
    "居住在",
    "住址",
    "住所",
    "地址",
    "家住",
    "现住",
];

/// Labels after which a phone number follows (catches short local numbers too).
const PHONE_LABELS: [&str; 8] = [
    "联系电话",
    "手机号码",
    "手机号",
    "电话",
    "手机",
    "联系方式",
    "Tel",
    "TEL",
];

/// Suffixes that make a run of characters an organisation, not a person.
const ORGANISATION_SUFFIXES: [&str; 16] = [
    "公司",
    "店",
    "厂",
    "中心",
    "合作社",
    "部",
    "局",
    "所",
    "院",
    "会",
    "社",
    "场",
    "馆",
    "行",
    "站",
    "队",
];

/// The road words before a house number.
const ROAD_WORDS: [char; 9] = ['路', '街', '道', '巷', '弄', '里', '同', '村', '组'];

/// Characters that end an address or a name when scanning.
fn is_delimiter(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '、'
            | '\n'
            | '\r'
            | '）'
            | ')'
            | '（'
            | '('
            | '：'
            | ':'
            | '！'
            | '？'
            | '"'
            | '“'
            | '”'
            | '《'
            | '》'
            | '【'
            | '】'
    ) || c.is_whitespace()
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn is_cn_numeral(c: char) -> bool {
    "零〇一二三四五六七八九十百".contains(c)
}

/// Masks a person's name: 张三 → 张*, 张小明 → 张**, 欧阳修文 → 欧阳**. Latin names keep their
/// first letter; the 「·」 of minority names is kept.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    let chars: Vec<char> = name.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let keep = if chars.len() >= 3 && COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
        2
    } else {
        1
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < keep || *c == '·' || *c == ' ' {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// The names the redactor should know about in a text.
#[derive(Debug, Clone, Copy, Default)]
pub struct KnownNames<'a> {
    /// Individuals: masked wherever they occur.
    pub people: &'a [&'a str],
    /// Organisations: never touched, even when they contain a person's name.
    pub organisations: &'a [&'a str],
}

/// Redacts free text for publication.
pub fn redact_text(text: &str, names: &KnownNames<'_>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut plan = Plan::new(chars.len());
    // Organisation names are protected first: nothing inside them changes.
    for org in names.organisations {
        for start in find_all(&chars, org) {
            plan.protect(start, start + org.chars().count());
        }
    }
    numbers(&chars, &mut plan);
    labelled_phones(&chars, &mut plan);
    labelled_addresses(&chars, &mut plan);
    house_numbers(&chars, &mut plan);
    let mut people: Vec<&str> = names
        .people
        .iter()
        .map(|p| p.trim())
        .filter(|p| p.chars().count() >= 2)
        .collect();
    people.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    for person in people {
        for start in find_all(&chars, person) {
            plan.replace(start, start + person.chars().count(), mask_name(person));
        }
    }
    labelled_names(&chars, &mut plan);
    plan.render(&chars)
}

/// The kind of a structured field, which decides what redaction does to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// An individual's name: masked.
    PersonName,
    /// An organisation's name: published as is.
    OrganisationName,
    /// An identity document number: removed.
    IdNumber,
    /// A phone number: removed.
    Phone,
    /// A street address: removed.
    Address,
    /// Free text (facts, reasons): redacted with [`redact_text`].
    Text,
    /// Not personal (document number, amount, date): published as is.
    Plain,
}

/// One structured field of a record to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Field name, e.g. `party_name`.
    pub name: String,
    /// Kind.
    pub kind: FieldKind,
    /// Value.
    pub value: String,
}

/// Redacts a record: person-name fields are masked, identifier fields removed, and free text
/// redacted knowing every person and organisation named in the record's fields.
pub fn redact_fields(fields: &[Field]) -> Vec<Field> {
    let people: Vec<&str> = fields
        .iter()
        .filter(|f| f.kind == FieldKind::PersonName)
        .map(|f| f.value.as_str())
        .collect();
    let organisations: Vec<&str> = fields
        .iter()
        .filter(|f| f.kind == FieldKind::OrganisationName)
        .map(|f| f.value.trim())
        .filter(|v| !v.is_empty())
        .collect();
    let names = KnownNames {
        people: &people,
        organisations: &organisations,
    };
    fields
        .iter()
        .map(|f| {
            let value = match f.kind {
                FieldKind::PersonName => mask_name(&f.value),
                FieldKind::OrganisationName | FieldKind::Plain => f.value.clone(),
                FieldKind::IdNumber | FieldKind::Phone | FieldKind::Address => {
                    if f.value.trim().is_empty() {
                        String::new()
                    } else {
                        REMOVED.to_owned()
                    }
                }
                FieldKind::Text => redact_text(&f.value, &names),
            };
            Field {
                name: f.name.clone(),
                kind: f.kind,
                value,
            }
        })
        .collect()
}

/// Replacements planned over a text's characters; the first claim on a character wins.
struct Plan {
    claimed: Vec<bool>,
    protected: Vec<bool>,
    replacements: Vec<(usize, usize, String)>,
}

impl Plan {
    fn new(len: usize) -> Self {
        Plan {
            claimed: vec![false; len],
            protected: vec![false; len],
            replacements: Vec::new(),
        }
    }

    fn protect(&mut self, start: usize, end: usize) {
        for p in &mut self.protected[start..end] {
            *p = true;
        }
    }

    /// Claims `start..end` unless any of it is claimed or protected.
    fn replace(&mut self, start: usize, end: usize, with: String) -> bool {
        if start >= end
            || self.claimed[start..end].iter().any(|c| *c)
            || self.protected[start..end].iter().any(|c| *c)
        {
            return false;
        }
        for c in &mut self.claimed[start..end] {
            *c = true;
        }
        self.replacements.push((start, end, with));
        true
    }

    fn render(mut self, chars: &[char]) -> String {
        self.replacements.sort_by_key(|r| r.0);
        let mut out = String::with_capacity(chars.len());
        let mut pos = 0;
        for (start, end, with) in self.replacements {
            out.extend(&chars[pos..start]);
            out.push_str(&with);
            pos = end;
        }
        out.extend(&chars[pos..]);
        out
    }
}

fn find_all(chars: &[char], needle: &str) -> Vec<usize> {
    let needle: Vec<char> = needle.chars().collect();
    if needle.is_empty() || needle.len() > chars.len() {
        return Vec::new();
    }
    (0..=chars.len() - needle.len())
        .filter(|&i| chars[i..i + needle.len()] == needle[..])
        .collect()
}

/// Classifies the digits of a number-like span.
fn is_identifier(digits: &str, trailing_x: bool) -> bool {
    let n = digits.len();
    let bytes = digits.as_bytes();
    let id18 = (n == 18 && !trailing_x) || (n == 17 && trailing_x);
    let id15 = n == 15 && !trailing_x;
    let mobile = |d: &[u8]| d.len() == 11 && d[0] == b'1' && (b'3'..=b'9').contains(&d[1]);
    let is_mobile = !trailing_x
        && (mobile(bytes) || (n == 13 && bytes.starts_with(b"86") && mobile(&bytes[2..])));
    let landline = !trailing_x && bytes.first() == Some(&b'0') && (10..=12).contains(&n);
    id18 || id15 || is_mobile || landline
}

/// ID numbers (18 or 15 digits, final X), mobile numbers (with or without +86) and landlines
/// with area code, written with or without separators.
fn numbers(chars: &[char], plan: &mut Plan) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts = c.is_ascii_digit() || c == '+' || c == '(' || c == '（';
        let prev_alnum = i > 0 && chars[i - 1].is_ascii_alphanumeric();
        if !starts || prev_alnum {
            i += 1;
            continue;
        }
        // Collect digit runs joined by single separators.
        let mut j = i;
        let mut run_ends: Vec<(usize, String, bool)> = Vec::new();
        let mut digits = String::new();
        let mut last_sep = true;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits.push(c);
                last_sep = false;
                j += 1;
                if j >= chars.len() || !chars[j].is_ascii_digit() {
                    let x = j < chars.len() && (chars[j] == 'X' || chars[j] == 'x');
                    let end = if x { j + 1 } else { j };
                    run_ends.push((end, digits.clone(), x));
                    if x {
                        break;
                    }
                }
            } else if matches!(c, '-' | ' ' | '(' | ')' | '（' | '）' | '+' | '—')
                && !(last_sep && c != '(' && c != '（' && c != '+')
            {
                last_sep = true;
                j += 1;
            } else {
                break;
            }
        }
        let mut matched = None;
        for (end, digits, x) in run_ends.iter().rev() {
            let after_ok = *end >= chars.len() || !chars[*end].is_ascii_alphanumeric();
            if after_ok && is_identifier(digits, *x) {
                matched = Some(*end);
                break;
            }
        }
        match matched {
            Some(end) => {
                plan.replace(i, end, REMOVED.to_owned());
                i = end;
            }
            None => {
                // Skip past the first digit run only, so numbers later in the span get a chance.
                let mut k = i;
                while k < chars.len() && !chars[k].is_ascii_digit() {
                    k += 1;
                }
                while k < chars.len() && chars[k].is_ascii_digit() {
                    k += 1;
                }
                i = k.max(i + 1);
            }
        }
    }
}

/// Skips a label's colon and spaces; returns the index of the value.
fn after_label(chars: &[char], mut k: usize) -> usize {
    while k < chars.len()
        && (chars[k] == '：' || chars[k] == ':' || chars[k] == ' ' || chars[k] == '为')
    {
        k += 1;
    }
    k
}

/// Any run of seven or more digits after a phone label (short local numbers have no area code).
fn labelled_phones(chars: &[char], plan: &mut Plan) {
    for label in PHONE_LABELS {
        for start in find_all(chars, label) {
            let mut k = after_label(chars, start + label.chars().count());
            let value_start = k;
            let mut n_digits = 0;
            while k < chars.len()
                && (chars[k].is_ascii_digit() || matches!(chars[k], '-' | ' ' | '+' | '转'))
            {
                if chars[k].is_ascii_digit() {
                    n_digits += 1;
                }
                k += 1;
            }
            while k > value_start && !chars[k - 1].is_ascii_digit() {
                k -= 1;
            }
            if n_digits >= 7 {
                plan.replace(value_start, k, REMOVED.to_owned());
            }
        }
    }
}

/// The value after an address label, up to the next delimiter.
fn labelled_addresses(chars: &[char], plan: &mut Plan) {
    for label in ADDRESS_LABELS {
        for start in find_all(chars, label) {
            let value_start = after_label(chars, start + label.chars().count());
            let mut k = value_start;
            while k < chars.len() && !is_delimiter(chars[k]) {
                k += 1;
            }
            if k > value_start {
                plan.replace(value_start, k, REMOVED.to_owned());
            }
        }
    }
}

/// Unlabelled street addresses: a road word, a house number and 号, with what follows
/// (栋/幢/单元/层/楼/室), and the place names before it back to a particle or delimiter.
fn house_numbers(chars: &[char], plan: &mut Plan) {
    const STOPS: [char; 9] = ['在', '于', '至', '到', '从', '经', '的', '往', '距'];
    for p in 0..chars.len() {
        if chars[p] != '号' {
            continue;
        }
        let mut q = p;
        while q > 0
            && (chars[q - 1].is_ascii_digit() || is_cn_numeral(chars[q - 1]) || chars[q - 1] == '-')
        {
            q -= 1;
        }
        if q == p || q == 0 || !ROAD_WORDS.contains(&chars[q - 1]) {
            continue;
        }
        let mut start = q - 1;
        while start > 0
            && is_han(chars[start - 1])
            && !STOPS.contains(&chars[start - 1])
            && q - start < 40
        {
            start -= 1;
        }
        let mut end = p + 1;
        loop {
            let mut k = end;
            while k < chars.len()
                && (chars[k].is_ascii_digit() || is_cn_numeral(chars[k]) || chars[k] == '-')
            {
                k += 1;
            }
            let unit = ["单元", "栋", "幢", "号楼", "楼", "层", "室", "号", "座"]
                .iter()
                .find(|u| {
                    let u: Vec<char> = u.chars().collect();
                    chars.len() >= k + u.len() && chars[k..k + u.len()] == u[..]
                });
            match unit {
                Some(u) if k > end || *u == "单元" => end = k + u.chars().count(),
                _ => break,
            }
        }
        plan.replace(start, end, REMOVED.to_owned());
    }
}

/// A name after a label such as 「当事人：」, when it looks like a person (2–4 Han characters,
/// no organisation suffix).
fn labelled_names(chars: &[char], plan: &mut Plan) {
    for label in NAME_LABELS {
        for start in find_all(chars, label) {
            let mut k = start + label.chars().count();
            if k >= chars.len() || !(chars[k] == '：' || chars[k] == ':') {
                continue;
            }
            k += 1;
            while k < chars.len() && chars[k] == ' ' {
                k += 1;
            }
            let value_start = k;
            while k < chars.len() && (is_han(chars[k]) || chars[k] == '·') {
                k += 1;
            }
            let value: String = chars[value_start..k].iter().collect();
            let n = k - value_start;
            let organisation = ORGANISATION_SUFFIXES.iter().any(|s| value.ends_with(s));
            if (2..=4).contains(&n) && !organisation {
                plan.replace(value_start, k, mask_name(&value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked() {
        let cases = [
            ("张三", "张*"),
            ("张小明", "张**"),
            ("欧阳修文", "欧阳**"),
            ("欧阳修", "欧阳*"),
            ("司马", "司*"),
            ("诸葛亮", "诸葛*"),
            ("李", "李"),
            (" 王五 ", "王*"),
            ("买买提·艾力", "买**·**"),
            ("John Smith", "J*** *****"),
            ("", ""),
        ];
        for (name, want) in cases {
            assert_eq!(mask_name(name), want, "{name}");
        }
    }

    fn redact(text: &str) -> String {
        redact_text(
            text,
            &KnownNames {
                people: &["张三", "欧阳修文"],
                organisations: &["张三餐饮店", "某某商贸有限公司"],
            },
        )
    }

    #[test]
    fn free_text_redaction_table() {
        let cases = [
            // Known names, everywhere, but not inside organisation names.
            ("张三在店内销售过期食品", "张*在店内销售过期食品"),
            ("欧阳修文与张三共同经营", "欧阳**与张*共同经营"),
            ("张三餐饮店经营者张三", "张三餐饮店经营者张*"),
            (
                "某某商贸有限公司未按规定公示",
                "某某商贸有限公司未按规定公示",
            ),
            // ID numbers: 18 digits, final X, 15 digits.
            ("身份证号110101199003071234，男", "身份证号***，男"),
            ("身份证号码11010119900307123X。", "身份证号码***。"),
            ("身份证号码11010119900307123x。", "身份证号码***。"),
            ("旧证号110101900307123。", "旧证号***。"),
            // Mobile numbers in the ways people write them.
            ("联系13812345678。", "联系***。"),
            ("联系138-1234-5678。", "联系***。"),
            ("联系138 1234 5678。", "联系***。"),
            ("联系+86 13812345678。", "联系***。"),
            ("联系8613812345678。", "联系***。"),
            ("两个号码13812345678、13912345678", "两个号码***、***"),
            // Landlines with area code, and short numbers after a label.
            ("座机0531-88776655。", "座机***。"),
            ("座机(0531)88776655。", "座机***。"),
            ("座机010-12345678", "座机***"),
            ("电话：8765432，", "电话：***，"),
            ("联系电话 87654321", "联系电话 ***"),
            // Not personal: dates, amounts, document numbers, short numbers.
            ("2025-03-07罚款3000元", "2025-03-07罚款3000元"),
            ("某市监罚〔2025〕12号", "某市监罚〔2025〕12号"),
            ("违反第12号令", "违反第12号令"),
            ("罚款12345678901234元", "罚款12345678901234元"),
            (
                "统一社会信用代码91370100MA3C000000",
                "统一社会信用代码91370100MA3C000000",
            ),
            // Addresses after labels, up to the delimiter.
            ("住址：山东省济南市历下区某某小区5号楼，", "住址：***，"),
            ("家庭住址为济南市市中区纬二路。", "家庭住址为***。"),
            ("张三，家住历城区洪家楼南路3号，", "张*，家住***，"),
            // Unlabelled street addresses with house numbers and units.
            ("当事人在人民路88号门前占道经营", "当事人在***门前占道经营"),
            ("于济南市历下区泉城路188号3栋2单元501室查获", "于***查获"),
            ("在解放东路十二号", "在***"),
            // Names after labels.
            ("当事人：王五，", "当事人：王*，"),
            ("法定代表人：李四光。", "法定代表人：李**。"),
            ("当事人：某某商贸有限公司", "当事人：某某商贸有限公司"),
            ("委托代理人: 诸葛亮", "委托代理人: 诸葛*"),
        ];
        for (text, want) in cases {
            assert_eq!(redact(text), want, "{text}");
        }
    }

    #[test]
    fn a_whole_decision_summary() {
        let text = "当事人：张三，男，身份证号码110101199003071234，住址：济南市历下区和平路5号，联系电话13812345678。\
                    经查，张三于2025年3月7日在张三餐饮店销售过期食品，违反《食品安全法》第三十四条。";
        let want = "当事人：张*，男，身份证号码***，住址：***，联系电话***。\
                    经查，张*于2025年3月7日在张三餐饮店销售过期食品，违反《食品安全法》第三十四条。";
        assert_eq!(redact(text), want);
    }

    #[test]
    fn structured_fields() {
        let fields = vec![
            Field {
                name: "party_name".into(),
                kind: FieldKind::PersonName,
                value: "欧阳修文".into(),
            },
            Field {
                name: "shop".into(),
                kind: FieldKind::OrganisationName,
                value: "欧阳修文便利店".into(),
            },
            Field {
                name: "id_number".into(),
                kind: FieldKind::IdNumber,
                value: "110101199003071234".into(),
            },
            Field {
                name: "phone".into(),
                kind: FieldKind::Phone,
                value: "13812345678".into(),
            },
            Field {
                name: "address".into(),
                kind: FieldKind::Address,
                value: "济南市历下区泉城路1号".into(),
            },
            Field {
                name: "empty_phone".into(),
                kind: FieldKind::Phone,
                value: "".into(),
            },
            Field {
                name: "document_number".into(),
                kind: FieldKind::Plain,
                value: "某市监罚〔2025〕12号".into(),
            },
            Field {
                name: "facts".into(),
                kind: FieldKind::Text,
                value: "欧阳修文在欧阳修文便利店销售假冒商品，电话13812345678".into(),
            },
        ];
        let got: Vec<(String, String)> = redact_fields(&fields)
            .into_iter()
            .map(|f| (f.name, f.value))
            .collect();
        let want = [
            ("party_name", "欧阳**"),
            ("shop", "欧阳修文便利店"),
            ("id_number", REMOVED),
            ("phone", REMOVED),
            ("address", REMOVED),
            ("empty_phone", ""),
            ("document_number", "某市监罚〔2025〕12号"),
            ("facts", "欧阳**在欧阳修文便利店销售假冒商品，电话***"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want);
    }
}
