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

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(event: &str, id: Option<&str>, data: &str) -> Sent {
        Sent {
            event: event.into(),
            id: id.map(String::from),
            data: data.into(),
        }
    }

    #[test]
    fn events_are_cut_where_a_blank_line_ends_them_however_the_bytes_arrive() {
        let stream = "event: ready\nid: 7\nretry: 1000\ndata: {}\n\n: keep-alive\n\nevent: change\r\nid: 8\r\ndata: {\"id\":8}\r\n\r\n";
        let whole = Parser::default().push(stream.as_bytes());
        assert_eq!(
            whole,
            [sent("ready", Some("7"), "{}"), sent("change", Some("8"), "{\"id\":8}")]
        );
        // Byte by byte: nothing is lost or doubled at any cut.
        let mut parser = Parser::default();
        let mut bit_by_bit = Vec::new();
        for byte in stream.as_bytes() {
            bit_by_bit.extend(parser.push(&[*byte]));
        }
        assert_eq!(bit_by_bit, whole);
    }

    #[test]
    fn a_character_split_between_chunks_arrives_whole() {
        let data = "event: change\ndata: {\"name\":\"Zoë\"}\n\n".as_bytes();
        let cut = data.iter().position(|b| *b >= 0x80).unwrap() + 1;
        let mut parser = Parser::default();
        assert!(parser.push(&data[..cut]).is_empty(), "nothing until the block ends");
        assert_eq!(parser.push(&data[cut..]), [sent("change", None, "{\"name\":\"Zoë\"}")]);
    }

    #[test]
    fn data_lines_join_and_comments_alone_send_nothing() {
        let mut parser = Parser::default();
        assert!(parser.push(b": only a comment\n\n").is_empty());
        assert_eq!(parser.push(b"data:a\ndata: b\n\n"), [sent("", None, "a\nb")]);
    }
}
