//! RFC 8785 examples.

use ledger::jcs::{JcsError, canonicalize, format_es_number};
use serde_json::{Value, json};

#[test]
fn rfc8785_section_3_2_2_example() {
    let input = r#"{
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
    }"#;
    let v: Value = serde_json::from_str(input).unwrap();
    assert_eq!(
        canonicalize(&v).unwrap(),
        r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
    );
}

#[test]
fn rfc8785_section_3_2_3_sorting() {
    let input = r#"{
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"
    }"#;
    let v: Value = serde_json::from_str(input).unwrap();
    let want = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\
                \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
                \"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}";
    assert_eq!(canonicalize(&v).unwrap(), want);
}

#[test]
fn rfc8785_appendix_b_numbers() {
    let table = [
        ("0000000000000000", "0"),
        ("8000000000000000", "0"),
        ("0000000000000001", "5e-324"),
        ("8000000000000001", "-5e-324"),
        ("7fefffffffffffff", "1.7976931348623157e+308"),
        ("ffefffffffffffff", "-1.7976931348623157e+308"),
        ("4340000000000000", "9007199254740992"),
        ("c340000000000000", "-9007199254740992"),
        ("4430000000000000", "295147905179352830000"),
        ("44b52d02c7e14af5", "9.999999999999997e+22"),
        ("44b52d02c7e14af6", "1e+23"),
        ("44b52d02c7e14af7", "1.0000000000000001e+23"),
        ("444b1ae4d6e2ef4e", "999999999999999700000"),
        ("444b1ae4d6e2ef4f", "999999999999999900000"),
        ("444b1ae4d6e2ef50", "1e+21"),
        ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
        ("3eb0c6f7a0b5ed8d", "0.000001"),
        ("41b3de4355555553", "333333333.3333332"),
        ("41b3de4355555554", "333333333.33333325"),
        ("41b3de4355555555", "333333333.3333333"),
        ("41b3de4355555556", "333333333.3333334"),
        ("41b3de4355555557", "333333333.33333343"),
        ("becbf647612f3696", "-0.0000033333333333333333"),
        ("43143ff3c1cb0959", "1424953923781206.2"),
    ];
    for (bits, want) in table {
        let x = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
        assert_eq!(format_es_number(x).unwrap(), want, "0x{bits}");
        // And through a JSON value, where serde_json keeps it as a float.
        if let Some(n) = serde_json::Number::from_f64(x) {
            assert_eq!(canonicalize(&Value::Number(n)).unwrap(), want, "0x{bits}");
        }
    }
    for bits in ["7fffffffffffffff", "7ff0000000000000", "fff0000000000000"] {
        let x = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
        assert_eq!(format_es_number(x), Err(JcsError::NonFinite));
    }
}

#[test]
fn integers() {
    assert_eq!(
        canonicalize(&json!([0, -1, 42, 9007199254740992u64])).unwrap(),
        "[0,-1,42,9007199254740992]"
    );
    assert_eq!(
        canonicalize(&json!(-9007199254740992i64)).unwrap(),
        "-9007199254740992"
    );
    assert_eq!(canonicalize(&json!(1e21)).unwrap(), "1e+21");
    // A double with a large integral value is written as ECMAScript writes it.
    assert_eq!(
        canonicalize(&json!(1152921504606846976.0)).unwrap(),
        "1152921504606847000"
    );
    // Integers beyond 2^53 are refused (I-JSON), not rounded.
    for big in [
        json!(9007199254740993u64),
        json!(1u64 << 60),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
    ] {
        assert!(
            matches!(canonicalize(&big), Err(JcsError::InexactInteger(_))),
            "{big}"
        );
    }
}

#[test]
fn strings_and_nesting() {
    let v = json!({"b": [1, {"z": null, "a": "\u{7f}\u{2028}<>&/"}], "a": "法治\u{1}"});
    assert_eq!(
        canonicalize(&v).unwrap(),
        "{\"a\":\"法治\\u0001\",\"b\":[1,{\"a\":\"\u{7f}\u{2028}<>&/\",\"z\":null}]}"
    );
    assert_eq!(canonicalize(&json!({})).unwrap(), "{}");
    assert_eq!(canonicalize(&json!([])).unwrap(), "[]");
    assert_eq!(
        canonicalize(&json!("\u{8}\t\n\u{c}\r\"\\")).unwrap(),
        r#""\b\t\n\f\r\"\\""#
    );
}
