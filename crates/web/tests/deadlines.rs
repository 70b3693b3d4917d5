//! 我的期限: open deadlines of a user and their department, soonest first, with warning states.

use axum::http::StatusCode;
use store::{Actor, NewDeadline};

use crate::util::TestApp;

fn deadline(
    rule: &str,
    title: &str,
    trigger: &str,
    due: &str,
    assignee: Option<i64>,
    department: Option<i64>,
) -> NewDeadline {
    NewDeadline {
        record_type: "test_record".into(),
        record_id: title.into(),
        rule_id: rule.into(),
        title: title.into(),
        link: "/staff".into(),
        trigger_date: trigger.into(),
        due_date: due.into(),
        provisional: false,
        assignee_user_id: assignee,
        department_id: department,
    }
}

#[tokio::test]
async fn my_deadlines_are_listed_soonest_first_with_their_state() {
    for app in TestApp::all().await {
        let store = &app.db.store;
        let users = store.list_users(app.government_id).await.unwrap();
        let zhifa = users.iter().find(|u| u.username == "zhifa").unwrap();
        let market = zhifa.department_id.unwrap();
        // Today is 2026-03-02 (Monday). Three items: overdue, approaching, normal; one for another department.
        let mut tx = store
            .begin_write(app.government_id, &Actor::system("测试"), crate::util::T0)
            .await
            .unwrap();
        tx.record("test_record", "x", "create", &serde_json::json!({}))
            .await
            .unwrap();
        tx.open_deadline(&deadline(
            "penalty.decision_ordinary",
            "案件甲 作出处罚决定",
            "2025-12-01",
            "2026-03-10",
            Some(zhifa.id),
            None,
        ))
        .await
        .unwrap();
        tx.open_deadline(&deadline(
            "penalty.pay_fine",
            "案件乙 缴纳罚款",
            "2026-02-10",
            "2026-02-27",
            None,
            Some(market),
        ))
        .await
        .unwrap();
        tx.open_deadline(&deadline(
            "penalty.hearing_notice",
            "案件丙 听证通知",
            "2026-02-27",
            "2026-03-04",
            None,
            Some(market),
        ))
        .await
        .unwrap();
        tx.open_deadline(&deadline(
            "penalty.pay_fine",
            "公安案件 缴纳罚款",
            "2026-02-10",
            "2026-02-27",
            None,
            Some(1),
        ))
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let s = app.login("zhifa").await;
        let r = app.get("/staff/deadlines", Some(&s)).await;
        assert_eq!(r.status, StatusCode::OK);
        let a = r.body.find("案件乙").unwrap();
        let b = r.body.find("案件丙").unwrap();
        let c = r.body.find("案件甲").unwrap();
        assert!(a < b && b < c, "soonest first");
        assert!(
            !r.body.contains("公安案件"),
            "another department's item is not mine"
        );
        assert!(r.body.contains("已逾期"));
        assert!(r.body.contains("临近届满"));
        assert!(
            r.body.contains("《行政处罚法》第六十条"),
            "each item shows its legal basis"
        );
        // The demo county's own overdue items of the market bureau (its normative documents'
        // evaluations before expiry, for one) count too.
        let departments = store.list_departments(app.government_id).await.unwrap();
        let in_market = |d: i64| {
            d == market
                || departments
                    .iter()
                    .any(|x| x.id == d && x.parent_id == Some(market))
        };
        let n_overdue = store
            .open_deadlines(app.government_id)
            .await
            .unwrap()
            .iter()
            .filter(|d| {
                d.deadline.assignee_user_id.is_none()
                    && d.deadline.department_id.is_some_and(in_market)
                    && d.deadline.due_date.as_str() < "2026-03-02"
            })
            .count();
        assert!(n_overdue >= 1);
        let home = app.get("/staff", Some(&s)).await;
        assert!(
            home.body
                .contains(&format!("{n_overdue}个事项已超过法定期限"))
        );
        // The legal-affairs office sees every open deadline of the government with all=1.
        let office = app.login("sifaju").await;
        let r = app.get("/staff/deadlines?all=1", Some(&office)).await;
        assert!(r.body.contains("公安案件"));
        let r = app.get("/staff/deadlines", Some(&office)).await;
        assert!(r.body.contains("没有未届满的法定期限事项"));
        // Closing a deadline removes it.
        let mut tx = store
            .begin_write(app.government_id, &Actor::system("测试"), crate::util::T0)
            .await
            .unwrap();
        tx.record("test_record", "x", "transition", &serde_json::json!({}))
            .await
            .unwrap();
        assert_eq!(
            tx.close_deadlines("test_record", "案件乙 缴纳罚款", "penalty.pay_fine", "met")
                .await
                .unwrap(),
            1
        );
        tx.commit().await.unwrap();
        let r = app.get("/staff/deadlines", Some(&s)).await;
        assert!(!r.body.contains("案件乙"));
        app.finish().await;
    }
}
