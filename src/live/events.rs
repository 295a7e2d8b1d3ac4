//! Server-sent events cut out of the bytes of a stream as they arrive (the text/event-stream
//! format: blocks of `field: value` lines ended by a blank line).

/// One event.
#[derive(Debug, Default, PartialEq)]
pub struct Sent {
    pub event: String,
    pub id: Option<String>,
    pub data: String,
}

/// Keeps what has arrived of a block until its end arrives. Bytes, not text: a chunk may end in
/// the middle of a character.
#[derive(Default)]
pub struct Parser {
    buffer: Vec<u8>,
}

impl Parser {
    /// The events completed by `bytes`.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Sent> {
        self.buffer.extend(bytes.iter().copied().filter(|b| *b != b'\r'));
        let mut events = Vec::new();
        while let Some(end) = self.buffer.windows(2).position(|w| w == b"\n\n") {
            let block: Vec<u8> = self.buffer.drain(..end + 2).collect();
            let mut sent = Sent::default();
            for line in String::from_utf8_lossy(&block).lines() {
                // Lines starting with a colon are comments (the server's keep-alive).
                let (field, value) = line.split_once(':').unwrap_or((line, ""));
                let value = value.strip_prefix(' ').unwrap_or(value);
                match field {
                    "event" => sent.event = value.to_string(),
                    "id" => sent.id = Some(value.to_string()),
                    "data" => {
                        if !sent.data.is_empty() {
                            sent.data.push('\n');
                        }
                        sent.data.push_str(value);
                    }
                    _ => {}
                }
            }
            if !sent.event.is_empty() || !sent.data.is_empty() {
                events.push(sent);
            }
        }
        events
    }
}
