//! Minimal HTTP/1.1 framing (Content-Length only) shared by the fixed-answer server and the
//! floor client, plus the JSON line every bench client prints.
//!
//! This is benchmark plumbing, not a general HTTP implementation: chunked bodies are refused,
//! header parsing is just enough to find `Content-Length` and `Connection: close`.

use std::io::{self, Read};

/// Largest message accepted (head + body).
pub const MAX_MESSAGE: usize = 1 << 20;

/// Where one message sits at the front of a [`Conn`]'s buffer.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// Bytes of the start line and headers, including the blank line.
    pub head_len: usize,
    /// Bytes of the body.
    pub body_len: usize,
    /// The peer asked to close the connection after this message.
    pub close: bool,
}

impl Frame {
    /// Head and body.
    pub fn len(&self) -> usize {
        self.head_len + self.body_len
    }

    /// Never true: a message has at least a start line.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// A byte stream read one HTTP message at a time, keeping what follows for the next one.
pub struct Conn<S> {
    stream: S,
    buf: Vec<u8>,
    filled: usize,
}

fn find_head_end(b: &[u8]) -> Option<usize> {
    b.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4)
}

fn parse_head(head: &[u8]) -> io::Result<(usize, bool)> {
    let text = std::str::from_utf8(head)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "non-UTF-8 head"))?;
    let mut len = 0usize;
    let mut close = false;
    for line in text.split("\r\n").skip(1) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            len = value
                .parse()
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad Content-Length"))?;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "chunked bodies are not supported by the bench server",
            ));
        } else if name.eq_ignore_ascii_case("connection") && value.eq_ignore_ascii_case("close") {
            close = true;
        }
    }
    Ok((len, close))
}

impl<S: Read> Conn<S> {
    /// Wraps a stream.
    pub fn new(stream: S) -> Self {
        Self {
            stream,
            buf: vec![0; 64 * 1024],
            filled: 0,
        }
    }

    /// The stream (to write answers on a cloned handle, or directly).
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.stream
    }

    /// The buffered bytes; after [`read_message`](Self::read_message) the message is at the
    /// front.
    pub fn buf(&self) -> &[u8] {
        &self.buf[..self.filled]
    }

    /// Drops the first `n` buffered bytes (the message just handled).
    pub fn consume(&mut self, n: usize) {
        self.buf.copy_within(n..self.filled, 0);
        self.filled -= n;
    }

    fn fill(&mut self) -> io::Result<usize> {
        if self.filled == self.buf.len() {
            if self.buf.len() >= MAX_MESSAGE {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "message too large",
                ));
            }
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let n = self.stream.read(&mut self.buf[self.filled..])?;
        self.filled += n;
        Ok(n)
    }

    /// Reads until one whole message is buffered. `Ok(None)`: the peer closed cleanly
    /// between messages.
    pub fn read_message(&mut self) -> io::Result<Option<Frame>> {
        let head_len = loop {
            if let Some(end) = find_head_end(self.buf()) {
                break end;
            }
            if self.fill()? == 0 {
                return if self.filled == 0 {
                    Ok(None)
                } else {
                    Err(io::ErrorKind::UnexpectedEof.into())
                };
            }
        };
        let (body_len, close) = parse_head(&self.buf[..head_len])?;
        if head_len + body_len > MAX_MESSAGE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "message too large",
            ));
        }
        while self.filled < head_len + body_len {
            if self.fill()? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
        Ok(Some(Frame {
            head_len,
            body_len,
            close,
        }))
    }
}

/// The one JSON line a bench client prints: per-call latencies in nanoseconds.
pub fn result_line(client: &str, threads: usize, wall_ns: u128, samples_ns: &[u64]) -> String {
    let samples: Vec<String> = samples_ns.iter().map(u64::to_string).collect();
    format!(
        "{{\"client\":\"{client}\",\"threads\":{threads},\"calls\":{},\"wall_ns\":{wall_ns},\"samples_ns\":[{}]}}",
        samples_ns.len(),
        samples.join(",")
    )
}

/// `--name value` from the command line.
pub fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// `--name N` from the command line, or a default.
pub fn num_arg(args: &[String], name: &str, default: u64) -> u64 {
    arg(args, name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name} wants a number, not {v:?}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_pipelined_messages() {
        let data = b"POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /y HTTP/1.1\r\nConnection: close\r\n\r\n";
        let mut c = Conn::new(&data[..]);
        let f = c.read_message().unwrap().unwrap();
        assert_eq!((f.body_len, f.close), (3, false));
        assert_eq!(&c.buf()[f.head_len..f.len()], b"abc");
        c.consume(f.len());
        let f = c.read_message().unwrap().unwrap();
        assert_eq!((f.body_len, f.close), (0, true));
        c.consume(f.len());
        assert!(c.read_message().unwrap().is_none());
    }
}
