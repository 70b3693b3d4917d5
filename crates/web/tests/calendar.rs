//! The working-day calendar page, its API and the audited import of a new year's table.

use axum::http::StatusCode;
use store::AuditFilter;

use crate::util::TestApp;

/// A made-up 2027 table in the import format (test data, not the real notice).
const TABLE_2027: &str = "year\t2027\nnotice\t测试〔2026〕1号\t2026-11-01\t测试用2027年部分节假日安排\nholiday\t2027-01-01\t元旦\nworkday\t2027-01-02\t元旦\n";

#[tokio::test]
async fn the_calculator_counts_working_days_across_the_spring_festival() {
    for app in TestApp::all().await {
        let s = app.login("zhifa").await;
        let r = app
            .get(
                "/staff/calendar?from=2024-02-08&days=5&unit=working",
                Some(&s),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("<strong>2024-02-21</strong>"), "{}", r.body);
        let r = app.get("/staff/calendar?date=2024-02-04", Some(&s)).await;
        assert!(r.body.contains("调休上班日"));
        let r = app
            .get(
                "/staff/calendar?from=2024-02-08&days=-3&unit=working",
                Some(&s),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("期限长度不能为负数"));
        assert!(
            r.body.contains("国办发明电"),
            "the provenance of each year is shown"
        );
        let r = app
            .get(
                "/api/v1/calendar/due?from=2025-09-30&days=1&unit=calendar",
                None,
            )
            .await;
        assert_eq!(
            r.json()["due"],
            "2025-10-09",
            "a calendar-day period ending in the National Day holiday rolls over"
        );
        assert_eq!(r.json()["rolled_over"], true);
        let r = app.get("/api/v1/calendar/days/2025-10-11", None).await;
        assert_eq!(r.json()["working_day"], true);
        let r = app.get("/api/v1/calendar/days/2025-13-11", None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        app.finish().await;
    }
}

#[tokio::test]
async fn an_imported_table_is_validated_audited_and_applied() {
    for app in TestApp::all().await {
        let admin = app.login("admin").await;
        // Provisional before the import.
        let r = app
            .get(
                "/api/v1/calendar/due?from=2026-12-31&days=1&unit=working",
                None,
            )
            .await;
        assert_eq!(r.json()["provisional"], true);
        assert_eq!(r.json()["due"], "2027-01-01");
        // A malformed table is refused line by line, and nothing is stored.
        let bad = "year\t2027\nworkday\t2027-01-04\t元旦\n";
        let r = app
            .post_form(
                "/staff/calendar/import",
                Some(&admin),
                &[("kind", "years"), ("source", bad)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("第2行"), "{}", r.body);
        assert!(r.body.contains("不是星期六或星期日"));
        assert!(app.db.store.calendar_tables().await.unwrap().is_empty());
        // A department user may not import.
        let staff = app.login("zhifa").await;
        let r = app
            .post_form(
                "/staff/calendar/import",
                Some(&staff),
                &[("kind", "years"), ("source", TABLE_2027)],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = app
            .post_form(
                "/staff/calendar/import",
                Some(&admin),
                &[("kind", "years"), ("source", TABLE_2027)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .get(
                "/api/v1/calendar/due?from=2026-12-31&days=1&unit=working",
                None,
            )
            .await;
        assert_eq!(r.json()["provisional"], false);
        assert_eq!(
            r.json()["due"],
            "2027-01-02",
            "1 January is a holiday, 2 January a make-up working day"
        );
        let filter = AuditFilter {
            action: Some("calendar.import".into()),
            limit: 10,
            ..Default::default()
        };
        assert_eq!(
            app.db
                .store
                .list_audit(app.government_id, &filter)
                .await
                .unwrap()
                .1,
            0,
            "catalogue changes go to the system audit log"
        );
        assert_eq!(
            app.db.store.calendar_tables().await.unwrap()[0].years,
            "2027"
        );
        let page = app.get("/staff/calendar", Some(&admin)).await;
        assert!(page.body.contains("测试〔2026〕1号"));
        app.finish().await;
    }
}
