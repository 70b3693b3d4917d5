use crate::util::TestApp;
#[tokio::test]
async fn tmp_seed_timing() {
    for db in store::test_support::engines().await {
        let e = db.engine();
        let t = std::time::Instant::now();
        let app = TestApp::on(db).await;
        eprintln!("{e:?}: seed {:?}", t.elapsed());
        app.finish().await;
    }
}
