//! The axum application: staff UI (server-rendered, Simplified Chinese), public portal, and the
//! JSON API under `/api/v1` with its OpenAPI document.
//!
//! The only crate that knows HTTP. Handlers stay thin: parse → authorise → load → decide (domain)
//! → commit (store) → render.

mod api;
pub mod auth;
pub mod calendar;
mod error;
pub mod excel;
pub mod keys;
pub mod ledger;
mod pages;
mod portal;
mod portal_normative;
mod public_decisions;
mod public_powers;
pub mod router;
pub mod search;
mod state;
mod templates;
mod time;
// Supervision (issue #5 items 5 and 10): portal results of random inspections.
mod public_inspections;

// Indicators (issue #9) and the annual report.
pub mod indicators;
mod public_reports;
pub mod svg;

pub use error::WebError;
pub use router::app;
pub use state::{AppState, Clock};

use std::net::SocketAddr;

/// Serves `state` on `listen` until Ctrl-C or SIGTERM, then finishes requests in flight.
pub async fn serve(state: AppState, listen: SocketAddr) -> std::io::Result<()> {
    let state = state.load().await.map_err(std::io::Error::other)?;
    ledger::spawn_signer(state.clone());
    indicators::spawn_worker(state.clone());
    search::spawn_feeder(state.clone());
    let listener = tokio::net::TcpListener::bind(listen).await?;
    tracing::info!("fazhi listening on http://{}", listener.local_addr()?);
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
