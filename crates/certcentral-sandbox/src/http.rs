//! Answers: the `Reply` every handler returns, DigiCert's error body, and the ways of putting
//! an answer on the wire (normally, or broken by a fault).

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http_body_util::BodyExt;
use hyper::body::{Body, Bytes, Frame, Incoming, SizeHint};
use hyper::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use hyper::{Response, StatusCode};
use serde_json::{Value, json};

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

/// Why an answer was not sent: the connection is closed without one (drop faults, a broken
/// request body) or in the middle of one (`truncated_body`). hyper closes an HTTP/1
/// connection without writing anything when the service fails, and closes it at once when a
/// response body fails.
#[derive(Debug)]
pub(crate) struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by the sandbox")
    }
}

impl std::error::Error for Dropped {}

/// What the server does with one request: an answer, or closing the connection.
pub(crate) type Answer = Result<Response<Payload>, Dropped>;

/// How long a truncated answer's connection stays open after its partial body, so that
/// hyper writes out what it buffered before the connection is closed.
const TRUNCATE_LINGER: Duration = Duration::from_millis(10);

/// A chunk of the padding of an oversized body.
static PADDING: [u8; 64 * 1024] = [b'x'; 64 * 1024];

/// A response body.
pub(crate) enum Payload {
    /// The whole body at once (written with the head in one write).
    Full(Option<Bytes>),
    /// `head`, `fill` bytes of `x`, then `tail`, streamed.
    Padded {
        head: Option<Bytes>,
        fill: u64,
        tail: Option<Bytes>,
    },
    /// Part of a body, a short pause (started once the part was handed over, so that hyper
    /// writes it out first), then an error that makes hyper close the connection.
    Truncated {
        part: Option<Bytes>,
        linger: Option<Pin<Box<tokio::time::Sleep>>>,
    },
}

impl Body for Payload {
    type Data = Bytes;
    type Error = Dropped;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Dropped>>> {
        let data = |b: Bytes| Poll::Ready(Some(Ok(Frame::data(b))));
        match self.get_mut() {
            Self::Full(body) => match body.take() {
                Some(b) => data(b),
                None => Poll::Ready(None),
            },
            Self::Padded { head, fill, tail } => {
                if let Some(b) = head.take() {
                    return data(b);
                }
                if *fill > 0 {
                    let n = (*fill).min(PADDING.len() as u64);
                    *fill -= n;
                    return data(Bytes::from_static(&PADDING[..n as usize]));
                }
                match tail.take() {
                    Some(b) => data(b),
                    None => Poll::Ready(None),
                }
            }
            Self::Truncated { part, linger } => {
                if let Some(b) = part.take() {
                    return data(b);
                }
                linger
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(TRUNCATE_LINGER)))
                    .as_mut()
                    .poll(cx)
                    .map(|()| Some(Err(Dropped)))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Self::Full(body) => body.as_ref().is_none_or(Bytes::is_empty),
            Self::Padded { head, fill, tail } => head.is_none() && *fill == 0 && tail.is_none(),
            Self::Truncated { .. } => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Self::Full(body) => SizeHint::with_exact(body.as_ref().map_or(0, |b| b.len() as u64)),
            Self::Padded { head, fill, tail } => {
                let len = |b: &Option<Bytes>| b.as_ref().map_or(0, |b| b.len() as u64);
                SizeHint::with_exact(len(head) + fill + len(tail))
            }
            // The Content-Length header promises more than this body holds.
            Self::Truncated { .. } => SizeHint::default(),
        }
    }
}

fn response(status: u16, content_type: &str, body: Payload) -> Response<Payload> {
    let mut response = Response::new(body);
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    response
}

/// Reads the request body, at most [`MAX_REQUEST_BODY`] bytes; `None` when it is larger (the
/// rest is read and discarded, so that the connection stays usable).
pub(crate) async fn read_body(body: &mut Incoming) -> Result<Option<Vec<u8>>, hyper::Error> {
    let mut bytes = Vec::new();
    let mut too_large = false;
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame?.into_data() else {
            continue;
        };
        if too_large || (bytes.len() + data.len()) as u64 > MAX_REQUEST_BODY {
            too_large = true;
            bytes = Vec::new();
        } else {
            bytes.extend_from_slice(&data);
        }
    }
    Ok((!too_large).then_some(bytes))
}

/// Sends an answer normally.
pub(crate) fn send(reply: Reply) -> Answer {
    let mut response = response(
        reply.status,
        reply.content_type,
        Payload::Full(Some(reply.body.into())),
    );
    for (name, value) in reply.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    Ok(response)
}

/// Closes the connection without answering (the request was read).
pub(crate) fn drop_connection() -> Answer {
    Err(Dropped)
}

/// Sends the status line and headers with a `Content-Length` larger than the body, half of
/// the body, and closes the connection.
pub(crate) fn send_truncated(reply: &Reply) -> Answer {
    let half = Bytes::copy_from_slice(&reply.body[..reply.body.len() / 2]);
    let body = Payload::Truncated {
        part: Some(half),
        linger: None,
    };
    let mut response = response(reply.status, reply.content_type, body);
    let headers = response.headers_mut();
    headers.insert(CONTENT_LENGTH, HeaderValue::from(reply.body.len() + 1024));
    if matches!(reply.status, 204 | 304) {
        // hyper sends no body (nor Content-Length) with these: close after the head.
        headers.insert(CONNECTION, HeaderValue::from_static("close"));
    }
    Ok(response)
}

/// Sends the answer's status with a valid JSON body padded to `size_mb` MiB, streamed.
pub(crate) fn send_oversized(reply: &Reply, size_mb: u32) -> Answer {
    let target = u64::from(size_mb) * 1024 * 1024;
    let rest: Vec<u8> = match reply.body.split_first() {
        Some((b'{', rest)) if rest != b"}" => [b",".as_slice(), rest].concat(),
        _ => b"}".to_vec(),
    };
    let head = Bytes::from_static(b"{\"padding\":\"");
    let tail = Bytes::from([b"\"".as_slice(), &rest].concat());
    let fill = target.saturating_sub((head.len() + tail.len()) as u64);
    let body = Payload::Padded {
        head: Some(head),
        fill,
        tail: Some(tail),
    };
    Ok(response(reply.status, JSON, body))
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
