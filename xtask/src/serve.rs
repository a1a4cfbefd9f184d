//! A small static file server for `dist/` (std only), used by `cargo xtask
//! serve` and by the end-to-end tests. Serves `.wasm` as `application/wasm`
//! so browsers can stream-compile it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;
use std::time::Duration;

use crate::cmd::{root, Result};
use crate::{build, tools};

pub fn run(args: &[String]) -> Result<()> {
    let mut port = 8080u16;
    let mut build_first = true;
    let mut check_only = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => port = it.next().and_then(|p| p.parse().ok()).ok_or("--port needs a number")?,
            "--no-build" => build_first = false,
            "--check" => check_only = true,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if build_first {
        build::run()?;
    } else {
        tools::ensure_build_tools().ok();
    }
    let server = Server::start(&root().join("dist"), port)?;
    let url = server.url();
    check(&url)?;
    println!("PyMem Lab is served at {url}  (Ctrl-C to stop)");
    if check_only {
        return Ok(());
    }
    loop {
        thread::park();
    }
}

/// A running server; it stops when the process exits.
pub struct Server {
    addr: SocketAddr,
}

impl Server {
    /// Binds 127.0.0.1:`port` (0 for any free port) and serves `dir` on a
    /// background thread.
    pub fn start(dir: &Path, port: u16) -> Result<Server> {
        if !dir.join("index.html").exists() {
            return Err(format!("{} has no index.html: build first", dir.display()));
        }
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let dir = dir.to_path_buf();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let dir = dir.clone();
                thread::spawn(move || {
                    let _ = handle(stream, &dir);
                });
            }
        });
        Ok(Server { addr })
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }
}

fn handle(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; bodies are not expected.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"method not allowed", false);
    }
    match resolve(dir, target) {
        Some(path) => match std::fs::read(&path) {
            Ok(body) => respond(&mut stream, "200 OK", content_type(&path), &body, head_only),
            Err(_) => respond(&mut stream, "404 Not Found", "text/plain", b"not found", head_only),
        },
        None => respond(&mut stream, "404 Not Found", "text/plain", b"not found", head_only),
    }
}

/// Maps a request target to a file under `dir`, refusing anything that would
/// leave it. `/` and directories map to `index.html`.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = dir.to_path_buf();
    for c in Path::new(path.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn respond(stream: &mut TcpStream, status: &str, ctype: &str, body: &[u8], head_only: bool) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Fetches `url` and confirms it answers 200 with the page, so "served" is a
/// checked claim, not a hope.
pub fn check(url: &str) -> Result<()> {
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("{url} does not answer: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    stream
        .write_all(format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
        .map_err(|e| e.to_string())?;
    let mut body = String::new();
    stream.read_to_string(&mut body).map_err(|e| e.to_string())?;
    if body.starts_with("HTTP/1.1 200") && body.contains("<html") {
        Ok(())
    } else {
        Err(format!("{url} answered unexpectedly: {}", body.lines().next().unwrap_or("")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_files_and_refuses_escapes() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<html>hi</html>").unwrap();
        std::fs::write(dir.join("app.wasm"), b"\0asm").unwrap();
        assert_eq!(resolve(&dir, "/"), Some(dir.join("index.html")));
        assert_eq!(resolve(&dir, "/app.wasm?v=1"), Some(dir.join("app.wasm")));
        assert_eq!(resolve(&dir, "/../etc/passwd"), None);
        assert_eq!(content_type(Path::new("x.wasm")), "application/wasm");
        let server = Server::start(&dir, 0).unwrap();
        check(&server.url()).unwrap();
        std::fs::remove_dir_all(&dir).ok();
    }
}
