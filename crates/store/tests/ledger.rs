//! The ledger through the store (issue #3): an append is one guarded insert at the log's next
//! position, whoever else writes; the tree's interior nodes are integrated afterwards and must be
//! the tree of the stored entries. Every test runs on SQLite and, when reachable, PostgreSQL.

use domain::org::RegionLevel;
use ledger::Hash;
use ledger::merkle::Appender;
use serde_json::json;
use store::test_support;
use store::{Actor, Store, StoreError};

const T0: i64 = 1_764_000_000_000;

async fn government(store: &Store) -> i64 {
    let actor = Actor::system("测试");
    let mut tx = store.begin_write(0, &actor, T0).await.unwrap();
    tx.create_region("632801", "格尔木市", RegionLevel::County, None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    store
        .create_government(
            &actor,
            T0,
            "632801",
            "格尔木市人民政府",
            None,
            &test_support::test_log("632801"),
        )
        .await
        .unwrap()
        .id
}

/// Writes `n` changes, `per_tx` to a transaction, with record ids `{tag}-{i}`.
async fn write(store: &Store, gov: i64, n: usize, per_tx: usize, tag: &str) {
    let actor = Actor::system("测试");
    let mut i = 0;
    while i < n {
        let mut tx = store.begin_write(gov, &actor, T0).await.unwrap();
        for _ in 0..per_tx.min(n - i) {
            tx.record(
                "test_record",
                &format!("{tag}-{i}"),
                "edit",
                &json!({"i": i}),
            )
            .await
            .unwrap();
            i += 1;
        }
        tx.commit().await.unwrap();
    }
}

/// Every entry's record id, checking that positions run 0, 1, 2, … with no gap.
async fn record_ids(store: &Store, gov: i64) -> Vec<String> {
    let entries = store.ledger_entries(gov, 0, i64::MAX).await.unwrap();
    for (k, e) in entries.iter().enumerate() {
        assert_eq!(e.idx, k as i64, "positions have no gap");
    }
    assert_eq!(store.ledger_size(gov).await.unwrap(), entries.len() as i64);
    entries.into_iter().map(|e| e.record_id).collect()
}

/// The root of the tree of the stored entries, computed in memory.
async fn root_of_entries(store: &Store, gov: i64, size: u64) -> Hash {
    let meta = store.ledger_log(gov).await.unwrap().unwrap();
    let mut appender = Appender::new(meta.hash_algorithm);
    for e in store.ledger_stored_entries(gov, 0, size).await.unwrap() {
        appender.append_entry(e.canonical.as_bytes());
    }
    assert_eq!(appender.size(), size);
    appender.root()
}

#[tokio::test]
async fn an_entry_takes_the_next_position_whoever_wrote_last() {
    for db in test_support::engines().await {
        let gov = government(&db.store).await;
        // A second handle on the same database remembers nothing of the first one's writes, and
        // the first one's memory is stale once the second has written.
        let other = Store::connect(db.store.url()).await.unwrap();
        write(&db.store, gov, 3, 1, "a").await;
        write(&other, gov, 3, 2, "b").await;
        write(&db.store, gov, 3, 1, "c").await;
        write(&other, gov, 2, 2, "d").await;
        let ids = record_ids(&db.store, gov).await;
        assert_eq!(
            ids,
            [
                "1", "a-0", "a-1", "a-2", "b-0", "b-1", "b-2", "c-0", "c-1", "c-2", "d-0", "d-1"
            ],
            "{:?}",
            db.engine()
        );
        other.close().await;
        db.finish().await;
    }
}

#[tokio::test]
async fn concurrent_writers_neither_share_a_position_nor_leave_a_gap() {
    for db in test_support::engines().await {
        let gov = government(&db.store).await;
        let other = Store::connect(db.store.url()).await.unwrap();
        let mut tasks = Vec::new();
        for w in 0..6 {
            let store = if w % 2 == 0 {
                db.store.clone()
            } else {
                other.clone()
            };
            tasks.push(tokio::spawn(async move {
                write(&store, gov, 20, 1 + w % 3, &format!("w{w}")).await;
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let mut ids = record_ids(&db.store, gov).await;
        assert_eq!(ids.len(), 1 + 6 * 20, "{:?}", db.engine());
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 1 + 6 * 20, "each change once");
        let size = db.store.integrate_ledger(gov).await.unwrap();
        assert_eq!(size, 121);
        let meta = db.store.ledger_log(gov).await.unwrap().unwrap();
        assert_eq!(
            db.store
                .ledger_root(gov, meta.hash_algorithm, size)
                .await
                .unwrap(),
            root_of_entries(&db.store, gov, size).await
        );
        other.close().await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_rolled_back_append_takes_no_position() {
    for db in test_support::engines().await {
        let gov = government(&db.store).await;
        write(&db.store, gov, 2, 1, "a").await;
        let actor = Actor::system("测试");
        let mut tx = db.store.begin_write(gov, &actor, T0).await.unwrap();
        tx.record("test_record", "gone", "edit", &json!({}))
            .await
            .unwrap();
        drop(tx);
        write(&db.store, gov, 2, 1, "b").await;
        assert_eq!(
            record_ids(&db.store, gov).await,
            ["1", "a-0", "a-1", "b-0", "b-1"]
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn the_integrated_tree_is_the_tree_of_the_stored_entries() {
    for db in test_support::engines().await {
        let s = &db.store;
        let gov = government(s).await;
        let alg = s.ledger_log(gov).await.unwrap().unwrap().hash_algorithm;
        // More than one integration batch (4,096 entries).
        write(s, gov, 4_500, 250, "a").await;
        assert_eq!(
            s.ledger_tree_size(gov).await.unwrap(),
            0,
            "nothing integrated yet"
        );
        assert_eq!(s.integrate_ledger(gov).await.unwrap(), 4_501);
        assert_eq!(s.ledger_tree_size(gov).await.unwrap(), 4_501);
        assert_eq!(
            s.ledger_root(gov, alg, 4_501).await.unwrap(),
            root_of_entries(s, gov, 4_501).await
        );
        // Roots of earlier sizes come from the same stored nodes.
        assert_eq!(
            s.ledger_root(gov, alg, 1_000).await.unwrap(),
            root_of_entries(s, gov, 1_000).await
        );
        // Asking for a root past the stored tree integrates first.
        write(s, gov, 7, 3, "b").await;
        assert_eq!(
            s.ledger_root(gov, alg, 4_508).await.unwrap(),
            root_of_entries(s, gov, 4_508).await
        );
        assert_eq!(
            s.integrate_ledger(gov).await.unwrap(),
            4_508,
            "nothing left"
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn an_entry_changed_before_integration_is_refused_and_named() {
    for db in test_support::engines().await {
        let s = &db.store;
        let gov = government(s).await;
        write(s, gov, 5, 1, "a").await;
        s.execute_raw(&format!(
            "UPDATE ledger_entries SET body = REPLACE(body, '\"i\":2', '\"i\":9') WHERE government_id = {gov} AND idx = 3"
        ))
        .await
        .unwrap();
        match s.integrate_ledger(gov).await {
            Err(StoreError::Corrupt(msg)) => assert!(msg.contains("第3条"), "{msg}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            s.ledger_tree_size(gov).await.unwrap(),
            0,
            "nothing integrated"
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn the_outbox_is_the_log() {
    for db in test_support::engines().await {
        let s = &db.store;
        let gov = government(s).await;
        write(s, gov, 4, 2, "a").await;
        assert_eq!(s.max_outbox_id(gov).await.unwrap(), 4);
        let rows = s.outbox_rows(gov, "test_record", 1, 4, 10).await.unwrap();
        assert_eq!(
            rows,
            [
                (2, "a-1".to_owned()),
                (3, "a-2".to_owned()),
                (4, "a-3".to_owned())
            ]
        );
        db.finish().await;
    }
}
