//! Taking connections and serving the router on each. Axum's own `serve` has no timeout for a
//! request's head, no cap per client address and no bound on draining; a slow or hostile client
//! could hold connections open for ever, and a stopping instance would wait for ever (or, without
//! draining, cut requests off).
//!
//! On draining ([`Lifecycle::drain`]): connections already made are served (the kernel's backlog
//! too), no new one is taken (the listening socket closes, so a proxy's next connect is refused
//! and goes to another instance), each connection ends after the request it is on once a last
//! second has passed, and whatever is still running after the grace period is left to end with
//! the process.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::Service;

use crate::client::TrustedProxies;
use crate::lifecycle::Lifecycle;

/// How long, once draining, a connection still takes requests before it ends after the one it is
/// on.
const LAST_CALL: Duration = Duration::from_secs(1);

/// What a connection may cost.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Until a request's head has arrived whole.
    pub header_timeout: Duration,
    /// Connections open at once from one address (trusted proxies are not counted).
    pub per_address: usize,
    /// How long draining waits for the requests in flight.
    pub grace: Duration,
    pub proxies: Arc<TrustedProxies>,
}

/// Serve until draining has begun and every connection has ended (or the grace period is over).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    lifecycle: Arc<Lifecycle>,
    limits: Limits,
) -> std::io::Result<()> {
    let open = Arc::new(OpenConnections::default());
    // Every connection's task holds a receiver: when the sender sees none, all have ended.
    let (ended, ending) = watch::channel(());
    let draining = lifecycle.draining();
    tokio::pin!(draining);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut draining => break,
        };
        match accepted {
            Ok((stream, remote)) => connection(stream, remote, &router, &lifecycle, &limits, &open, &ending),
            Err(err) => {
                // Out of file descriptors and the like: a moment later may work. Never stop serving.
                tracing::warn!(error = %err, "cannot take a connection");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
    // The connections the kernel completed before the socket closes were made to this instance:
    // they are served, not reset. Only those already waiting: under load new ones keep coming.
    for (stream, remote) in waiting_connections(listener) {
        connection(stream, remote, &router, &lifecycle, &limits, &open, &ending);
    }
    drop(ending);
    tracing::info!(grace = ?limits.grace, "draining: no new connections; finishing the requests in flight");
    if tokio::time::timeout(limits.grace, ended.closed()).await.is_err() {
        tracing::warn!("requests still in flight after the grace period; they end with the process");
    }
    Ok(())
}

/// Every connection in the kernel's queue, taken from the socket itself, which is then closed.
/// Not through tokio's `accept`: it asks the socket only once the reactor has heard it is ready,
/// and a worker busy under load may not have heard of connections that arrived since, which closing
/// the socket would reset.
fn waiting_connections(listener: TcpListener) -> Vec<(TcpStream, SocketAddr)> {
    let listener = match listener.into_std() {
        Ok(listener) => listener,
        Err(err) => {
            tracing::warn!(error = %err, "cannot take the connections waiting at the stop");
            return Vec::new();
        }
    };
    let mut waiting = Vec::new();
    // The socket is non-blocking: `WouldBlock` says the queue is empty.
    while let Ok((stream, remote)) = listener.accept() {
        // An accepted socket does not inherit non-blocking mode, which tokio needs.
        match stream.set_nonblocking(true).and_then(|()| TcpStream::from_std(stream)) {
            Ok(stream) => waiting.push((stream, remote)),
            Err(err) => tracing::warn!(error = %err, %remote, "cannot serve a connection waiting at the stop"),
        }
    }
    waiting
}

/// Serve one connection in its own task.
fn connection(
    stream: TcpStream,
    remote: SocketAddr,
    router: &Router,
    lifecycle: &Lifecycle,
    limits: &Limits,
    open: &Arc<OpenConnections>,
    ending: &watch::Receiver<()>,
) {
    let slot = if limits.proxies.trusts(remote.ip()) {
        None
    } else {
        match open.take(remote.ip(), limits.per_address) {
            Some(slot) => Some(slot),
            // Closed unanswered: answering would cost what the cap is there to save.
            None => return,
        }
    };
    let _ = stream.set_nodelay(true);
    let router = router.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(remote));
        router.clone().call(request)
    });
    let draining = lifecycle.draining();
    let ending = ending.clone();
    let header_timeout = limits.header_timeout;
    tokio::spawn(async move {
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
        let served = builder.serve_connection(TokioIo::new(stream), service);
        tokio::pin!(served, draining);
        let result = tokio::select! {
            result = served.as_mut() => result,
            () = &mut draining => {
                // A connection made just before the stop may not have sent its request yet (hyper
                // would close it unanswered): it gets a moment to. Then it ends after the request
                // it is on, or at once when between requests.
                tokio::select! {
                    result = served.as_mut() => result,
                    () = tokio::time::sleep(LAST_CALL) => {
                        served.as_mut().graceful_shutdown();
                        served.await
                    }
                }
            }
        };
        if let Err(err) = result {
            tracing::debug!(error = %err, %remote, "connection ended");
        }
        drop(slot);
        drop(ending);
    });
}

/// The connections open per client address.
#[derive(Default)]
struct OpenConnections(Mutex<HashMap<IpAddr, usize>>);

impl OpenConnections {
    /// A place for one more connection from `ip`, or none when it holds `cap` already.
    fn take(self: &Arc<Self>, ip: IpAddr, cap: usize) -> Option<Slot> {
        let mut open = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let count = open.entry(ip).or_default();
        if *count >= cap {
            tracing::warn!(%ip, cap, "too many connections from one address; closing the newest");
            return None;
        }
        *count += 1;
        Some(Slot { open: self.clone(), ip })
    }
}

/// One connection counted against its address, until dropped.
struct Slot {
    open: Arc<OpenConnections>,
    ip: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.open.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Connections the kernel completed before the stop are answered, also those the runtime had
    /// not yet heard of: on one thread, they arrive while the server waits in `accept` and draining
    /// begins before the reactor runs again.
    #[tokio::test(flavor = "current_thread")]
    async fn connections_waiting_when_draining_begins_are_answered_not_reset() {
        use std::io::{Read, Write};

        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let lifecycle = Arc::new(Lifecycle::default());
        let router = Router::new().route("/", axum::routing::get(|| async { "served" }));
        let limits = Limits {
            header_timeout: Duration::from_secs(5),
            per_address: 100,
            grace: Duration::from_secs(5),
            proxies: Arc::new(TrustedProxies::default()),
        };
        let serving = tokio::spawn(serve(listener, router, lifecycle.clone(), limits));
        tokio::task::yield_now().await;
        // Blocking calls: the runtime's one thread does nothing meanwhile.
        let clients: Vec<std::net::TcpStream> = (0..20).map(|_| std::net::TcpStream::connect(addr).unwrap()).collect();
        lifecycle.drain();
        let answers = tokio::task::spawn_blocking(move || {
            let mut clients = clients;
            for client in &mut clients {
                client
                    .write_all(b"GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
                    .unwrap();
            }
            clients
                .into_iter()
                .map(|mut client| {
                    client.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                    let mut answer = String::new();
                    let _ = client.read_to_string(&mut answer);
                    answer
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap();
        let answered = answers
            .iter()
            .filter(|a| a.starts_with("HTTP/1.1 200") && a.ends_with("served"))
            .count();
        assert_eq!(answered, 20, "{answers:?}");
        serving.await.unwrap().unwrap();
        assert!(
            std::net::TcpStream::connect(addr).is_err(),
            "after draining, the socket is closed"
        );
    }

    #[test]
    fn an_address_holds_at_most_its_cap_and_a_closed_connection_frees_its_place() {
        let open = Arc::new(OpenConnections::default());
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let other: IpAddr = "192.0.2.8".parse().unwrap();
        let first = open.take(ip, 2).unwrap();
        let _second = open.take(ip, 2).unwrap();
        assert!(open.take(ip, 2).is_none());
        assert!(open.take(other, 2).is_some(), "another address has its own count");
        drop(first);
        assert!(open.take(ip, 2).is_some());
    }
}
