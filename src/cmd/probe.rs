/*!
probe: what listens at each URL (one line each, failures said with their reason), or,
with --bind, what connects to us. The wire work is in `probe`; this is the
command's loop and its output.
*/

use std::collections::HashSet;
use std::io::Write;
use std::time::Instant;

use anyhow::{Context, Result};
use serde_json::json;

use crate::boundary::tls::Certificate;
use crate::error::Failure;
use crate::options::ProbePlan;
use crate::probe::{self, Found, Identity, Listener, ProbeError};
use crate::report;
use crate::signals::Idle;
use crate::url::Url;

pub fn run(plan: &ProbePlan) -> Result<()> {
    match &plan.bind {
        Some(url) => listen(plan, url),
        None => probe_all(plan),
    }
}

/// Probes every URL at once (each waits on its own server), then reports them in the
/// order given.
fn probe_all(plan: &ProbePlan) -> Result<()> {
    let found: Vec<Result<Found, ProbeError>> = std::thread::scope(|scope| {
        let running: Vec<_> = plan
            .urls
            .iter()
            .map(|url| scope.spawn(|| probe::examine(url, plan.timeout, plan.tls.as_ref())))
            .collect();
        running
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(ProbeError::Failed("the probe failed".into())))
            })
            .collect()
    });
    let mut stdout = std::io::stdout().lock();
    let mut all_sp = true;
    for (url, result) in plan.urls.iter().zip(found) {
        match result {
            Ok(found) if plan.json => writeln!(
                stdout,
                "{}",
                identity_json(url, None, found.identity, found.certificate.as_ref())
            )?,
            Ok(found) => {
                let certificate = found
                    .certificate
                    .as_ref()
                    .map_or_else(String::new, |cert| format!("  {}", certificate_text(cert)));
                writeln!(
                    stdout,
                    "{url}  {}{certificate}",
                    talk_to(url, found.identity)
                )?;
            }
            Err(why) => {
                all_sp = false;
                if plan.json {
                    writeln!(stdout, "{}", error_json(url, None, &why))?;
                } else {
                    report::fail(Some(why.reason()), &format!("{url}: {why}"));
                }
            }
        }
    }
    stdout.flush().context("cannot write to stdout")?;
    if all_sp {
        Ok(())
    } else {
        Err(Failure::Reported.into())
    }
}

/// "rep (SP protocol 49)  talk to it: nncat req --connect URL".
pub fn talk_to(url: &str, identity: Identity) -> String {
    match identity.kind() {
        Some(kind) => format!(
            "{}  talk to it: nncat {} --connect {url}",
            identity.describe(),
            kind.peer()
        ),
        None => format!("{}  (no nncat type talks to it)", identity.describe()),
    }
}

/// "127.0.0.1:53612  req (SP protocol 48)  answer it: nncat rep --bind URL".
fn text_visitor(url: &str, from: &str, identity: Identity) -> String {
    match identity.kind() {
        Some(kind) => format!(
            "{from}  {}  answer it: nncat {} --bind {url}",
            identity.describe(),
            kind.peer()
        ),
        None => format!("{from}  {}", identity.describe()),
    }
}

/// "certificate: CN=localhost, expires 2026-05-01T12:00:00Z" (its terminal-safe form:
/// the subject is the server's to choose).
fn certificate_text(cert: &Certificate) -> String {
    let expired = if cert.expired { " (expired)" } else { "" };
    format!(
        "certificate: {}, expires {}{expired}",
        crate::format::for_terminal(&cert.subject),
        cert.expires
    )
}

/// `{"url", ["from",] "protocol", "protocol_id", "peers"[, "certificate"]}`, in that
/// order; "from" is null over ipc; "certificate" (subject, expires) only over TLS.
fn identity_json(
    url: &str,
    from: Option<Option<&str>>,
    identity: Identity,
    certificate: Option<&Certificate>,
) -> String {
    let kind = identity.kind();
    let mut fields = vec![("url", json!(url))];
    fields.extend(from.map(|from| ("from", json!(from))));
    fields.push(("protocol", json!(kind.map(|kind| kind.name()))));
    fields.push(("protocol_id", json!(identity.protocol_id)));
    fields.push((
        "peers",
        json!(
            kind.map(|kind| vec![kind.peer().name()])
                .unwrap_or_default()
        ),
    ));
    if let Some(cert) = certificate {
        fields.push((
            "certificate",
            json!({"subject": cert.subject, "expires": cert.expires, "expired": cert.expired}),
        ));
    }
    object(&fields)
}

/// `{"url", ["from",] "error"}`.
fn error_json(url: &str, from: Option<Option<&str>>, why: &ProbeError) -> String {
    let mut fields = vec![("url", json!(url))];
    fields.extend(from.map(|from| ("from", json!(from))));
    fields.push(("error", json!(why.to_string())));
    object(&fields)
}

/// A JSON object with its keys in the order given (serde_json's map sorts them).
fn object(fields: &[(&str, serde_json::Value)]) -> String {
    let inner: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("{}:{value}", json!(key)))
        .collect();
    format!("{{{}}}", inner.join(","))
}

/// probe --bind: each kind of peer from each host, once, until --count or until
/// --recv-timeout passes with no new one.
fn listen(plan: &ProbePlan, url: &Url) -> Result<()> {
    let listener = Listener::bind(url).map_err(|why| match why {
        ProbeError::Unsupported(text) => anyhow::Error::new(Failure::Usage(text)),
        other => anyhow::anyhow!("{other}"),
    })?;
    // As every type's --bind does: the port chosen for port 0 is said whatever -q says
    // (the caller cannot know it otherwise), and every bind is an event in JSON.
    let bound = listener.bound_url(url);
    if crate::report::json() {
        crate::report::happened("bound", &[("url", serde_json::json!(bound.as_str()))]);
    } else if url.port() == Some("0") {
        crate::report::say(&format!("bound {bound}"));
    }
    let mut stdout = std::io::stdout().lock();
    let mut seen = HashSet::new();
    let mut last_new = Instant::now();
    while plan.count.is_none_or(|count| (seen.len() as u64) < count) {
        let wait = plan
            .recv_timeout
            .map(|t| t.saturating_sub(last_new.elapsed()));
        if wait.is_some_and(|w| w.is_zero()) {
            break;
        }
        let visitor = {
            let _idle = Idle::begin();
            listener.next_visitor(wait, plan.timeout)
        };
        if let Some(signal) = crate::signals::received() {
            return Err(Failure::Interrupted(signal).into());
        }
        let Some(visitor) = visitor else { continue };
        // Another nncat probing us (a client explaining its own silence) is no peer.
        if visitor
            .found
            .as_ref()
            .is_ok_and(|found| found.protocol_id == probe::PROBE_PROTOCOL)
        {
            continue;
        }
        let from = visitor.from.as_deref();
        let host = from.map(|from| from.rsplit_once(':').map_or(from, |(host, _)| host));
        let key = (host.map(str::to_string), format!("{:?}", visitor.found));
        if !seen.insert(key) {
            continue;
        }
        last_new = Instant::now();
        let line = match (&visitor.found, plan.json) {
            (Ok(identity), true) => identity_json(url, Some(from), *identity, None),
            (Err(why), true) => error_json(url, Some(from), why),
            (found, false) => {
                let from = from.unwrap_or("a peer");
                match found {
                    Ok(identity) => text_visitor(url, from, *identity),
                    Err(why) => format!("{from}  {why}"),
                }
            }
        };
        writeln!(stdout, "{line}")?;
        stdout.flush().context("cannot write to stdout")?;
    }
    match plan.count {
        Some(count) if (seen.len() as u64) < count => Err(Failure::Timeout(
            format!(
                "{} of {count} peers connected before --recv-timeout {} passed",
                seen.len(),
                humantime::format_duration(plan.recv_timeout.unwrap_or_default())
            ),
            None,
        )
        .into()),
        _ => Ok(()),
    }
}
