//! Answers: the `Reply` every handler returns, DigiCert's error body, and the ways of putting
//! an answer on the wire (normally, or broken by a fault).

use std::io::{self, Cursor, Read, Write};
use std::net::SocketAddr;

use serde_json::{Value, json};
use tiny_http::{Header, Request, Response, StatusCode};

/// Content type of JSON answers.
pub(crate) const JSON: &str = "application/json";
/// Content type of PEM downloads.
pub(crate) const PEM: &str = "application/x-pem-file";
/// Content type of PKCS#7 downloads.
pub(crate) const P7B: &str = "application/x-pkcs7-certificates";
/// Largest request body read.
pub(crate) const MAX_REQUEST_BODY: u64 = 1024 * 1024;

/// An answer, before it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, value: &Value) -> Self {
        Self::bytes(status, JSON, value.to_string().into_bytes())
    }

    /// Any answer.
    pub fn bytes(status: u16, content_type: &'static str, body: Vec<u8>) -> Self {
        Self {
            status,
            content_type,
            headers: Vec::new(),
            body,
        }
    }

    /// An answer without a body (204 for status updates).
    pub fn no_content() -> Self {
        Self::bytes(204, JSON, Vec::new())
    }

    /// DigiCert's error body with one item.
    pub fn error(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self::errors(status, vec![(code.to_owned(), message.into())])
    }

    /// DigiCert's error body with every item: `{"errors":[{"code","message"}]}`.
    pub fn errors(status: u16, items: Vec<(String, String)>) -> Self {
        let errors: Vec<Value> = items
            .into_iter()
            .map(|(code, message)| json!({ "code": code, "message": message }))
            .collect();
        Self::json(status, &json!({ "errors": errors }))
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// Reads the request body, at most [`MAX_REQUEST_BODY`] bytes; `None` when it is larger.
pub(crate) fn read_body(rq: &mut Request) -> io::Result<Option<Vec<u8>>> {
    let mut body = Vec::new();
    rq.as_reader()
        .take(MAX_REQUEST_BODY + 1)
        .read_to_end(&mut body)?;
    if body.len() as u64 > MAX_REQUEST_BODY {
        // Drain the rest so the connection stays usable.
        io::copy(rq.as_reader(), &mut io::sink())?;
        return Ok(None);
    }
    Ok(Some(body))
}

/// Sends an answer normally.
pub(crate) fn send(rq: Request, reply: Reply) {
    let headers = reply
        .headers
        .iter()
        .filter_map(|(n, v)| header(n, v))
        .chain(header("Content-Type", reply.content_type));
    let mut response = Response::from_data(reply.body).with_status_code(StatusCode(reply.status));
    for h in headers {
        response.add_header(h);
    }
    let _ = rq.respond(response);
}

/// Closes the connection without answering (the request was read).
pub(crate) fn drop_connection(rq: Request, local: SocketAddr) {
    let peer = rq.remote_addr().copied();
    // Taking the raw writer keeps tiny_http from answering 500 for the dropped request.
    let writer = rq.into_writer();
    if let Some(peer) = peer {
        crate::socket::shutdown_connection(local, peer);
    }
    drop(writer);
}

/// Sends the status line and headers with a `Content-Length` larger than the body, half of
/// the body, and closes the connection.
pub(crate) fn send_truncated(rq: Request, reply: &Reply, local: SocketAddr) {
    let peer = rq.remote_addr().copied();
    let mut writer = rq.into_writer();
    let half = &reply.body[..reply.body.len() / 2];
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len() + 1024
    );
    let _ = writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.write_all(half))
        .and_then(|()| writer.flush());
    if let Some(peer) = peer {
        crate::socket::shutdown_connection(local, peer);
    }
    drop(writer);
}

/// Sends the answer's status with a valid JSON body padded to `size_mb` MiB, streamed.
pub(crate) fn send_oversized(rq: Request, reply: &Reply, size_mb: u32) {
    let target = u64::from(size_mb) * 1024 * 1024;
    let rest: Vec<u8> = match reply.body.split_first() {
        Some((b'{', rest)) if rest != b"}" => [b",".as_slice(), rest].concat(),
        _ => b"}".to_vec(),
    };
    let prefix = b"{\"padding\":\"".to_vec();
    let fixed = (prefix.len() + 1 + rest.len()) as u64;
    let fill = target.saturating_sub(fixed);
    let reader = Cursor::new(prefix)
        .chain(io::repeat(b'x').take(fill))
        .chain(Cursor::new(b"\"".to_vec()))
        .chain(Cursor::new(rest));
    let len = (fixed + fill) as usize;
    let headers: Vec<Header> = header("Content-Type", JSON).into_iter().collect();
    let response = Response::new(StatusCode(reply.status), headers, reader, Some(len), None);
    let _ = rq.respond(response);
}

/// A body that is not valid JSON: the first half of the real body and trailing garbage.
pub(crate) fn malformed(reply: &Reply) -> Reply {
    let mut body = reply.body[..reply.body.len() / 2].to_vec();
    body.extend_from_slice(b"}}<not json");
    Reply {
        status: if reply.status == 204 {
            200
        } else {
            reply.status
        },
        body,
        ..reply.clone()
    }
}

/// The 502 page a proxy in front of CertCentral would send.
pub(crate) fn html_502() -> Reply {
    Reply::bytes(
        502,
        "text/html; charset=utf-8",
        b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n".to_vec(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_is_digicert_format() {
        let r = Reply::error(404, "not_found|order", "Order not found.");
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["errors"][0]["code"], "not_found|order");
        assert_eq!(v["errors"][0]["message"], "Order not found.");
    }

    #[test]
    fn malformed_is_not_json() {
        let r = Reply::json(201, &json!({"id": 1, "requests": []}));
        assert!(serde_json::from_slice::<Value>(&malformed(&r).body).is_err());
    }
}
