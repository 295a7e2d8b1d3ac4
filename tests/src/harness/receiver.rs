//! A webhook receiver on a loopback port: plain HTTP/1.1 read off the socket, so nothing of the
//! server's stack is in it. It answers 200 to every POST (after holding the first one back, when
//! asked to) and keeps what it got, with when.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Notify;

/// One request as received.
#[derive(Clone, Debug)]
pub struct Received {
    pub at: Instant,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> String {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

pub struct Receiver {
    pub url: String,
    pub got: Arc<Mutex<Vec<Received>>>,
    /// Told, the first request held back is answered.
    pub release: Arc<Notify>,
}

impl Receiver {
    /// A receiver; with `hold_first`, the first request waits for [`Receiver::release`] before it
    /// is answered (so what follows it queues up at the sender).
    pub async fn start(hold_first: bool) -> std::io::Result<Receiver> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}/hook", listener.local_addr()?);
        let got = Arc::new(Mutex::new(Vec::new()));
        let release = Arc::new(Notify::new());
        let (keep, held) = (got.clone(), release.clone());
        tokio::spawn(async move {
            let mut first = hold_first;
            while let Ok((stream, _)) = listener.accept().await {
                let hold = std::mem::take(&mut first).then(|| held.clone());
                tokio::spawn(serve(stream, keep.clone(), hold));
            }
        });
        Ok(Receiver { url, got, release })
    }

    pub fn count(&self) -> usize {
        self.got.lock().unwrap().len()
    }

    pub fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

/// Requests on one connection until it closes.
async fn serve(mut stream: tokio::net::TcpStream, keep: Arc<Mutex<Vec<Received>>>, mut hold: Option<Arc<Notify>>) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let (head_end, length) = loop {
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buffer[..end]).to_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                break (end + 4, length);
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        while buffer.len() < head_end + length {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
        let headers = head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
            .collect();
        let body = buffer[head_end..head_end + length].to_vec();
        buffer.drain(..head_end + length);
        if let Some(release) = hold.take() {
            release.notified().await;
        }
        keep.lock().unwrap().push(Received {
            at: Instant::now(),
            headers,
            body,
        });
        if stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\nreceived")
            .await
            .is_err()
        {
            return;
        }
    }
}
