//! A small load balancer: each connection goes to the next instance in turn, or to the other when
//! that one refuses (it is stopping, or stopped). It forwards bytes, never retries a request: a
//! request that fails behind it fails for the client.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::net::{TcpListener, TcpStream};

pub struct Proxy {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    pub async fn to(ports: Vec<u16>) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let next = Arc::new(AtomicUsize::new(0));
        let task = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let ports = ports.clone();
                let first = next.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(async move {
                    for turn in 0..ports.len() {
                        let port = ports[(first + turn) % ports.len()];
                        if let Ok(mut server) = TcpStream::connect(("127.0.0.1", port)).await {
                            let _ = server.set_nodelay(true);
                            let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                            return;
                        }
                    }
                });
            }
        });
        Proxy { addr, task }
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
}
