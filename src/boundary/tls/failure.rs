/*!
A failed TLS handshake in the user's words: which certificate was refused and why,
with the fix (the root to give, the name the URL should carry), an alert from the peer,
a peer that does not speak TLS; and which failures are about certificates, for the
doctor. Apart from the configuration, which it only reads (where the roots came from).
*/

use std::io;
use std::time::{Duration, SystemTime};

use rustls::pki_types::UnixTime;
use rustls::{AlertDescription, CertificateError, Error as TlsError};

use super::{Roots, Tls};

impl Tls {
    /// What to do about a server certificate no root vouches for.
    fn untrusted_hint(&self) -> String {
        match &self.roots {
            Roots::File(path) => format!(
                "it is not signed by a root in --cacert '{}' (give the CA that signed it, or --insecure to skip the check)",
                path.display()
            ),
            Roots::System(0) => "this system has no trusted roots (give the CA that signed it with --cacert FILE, or --insecure to skip the check)".into(),
            Roots::System(_) => "it is not signed by a root this system trusts (give the CA that signed it with --cacert FILE, or --insecure to skip the check)".into(),
            Roots::Unverified => "it was not checked".into(),
        }
    }

    /// A failed handshake in the user's words, one line; `peer` is "the server" or "the
    /// client", `name` the name checked (a connecting side's host).
    pub fn describe(&self, err: &io::Error, peer: &str, name: Option<&str>) -> String {
        let Some(tls) = tls_error(err) else {
            return match err.kind() {
                io::ErrorKind::UnexpectedEof => {
                    format!("{peer} closed the connection during the TLS handshake")
                }
                _ => format!(
                    "TLS handshake failed: {}",
                    crate::report::without_os_error_numbers(&err.to_string())
                ),
            };
        };
        match tls {
            TlsError::InvalidCertificate(problem) => {
                let what = match problem {
                    CertificateError::UnknownIssuer => self.untrusted_hint(),
                    CertificateError::NotValidForName => format!(
                        "it is not for the name '{}' (the host in the URL)",
                        name.unwrap_or("?")
                    ),
                    CertificateError::NotValidForNameContext { presented, .. } => format!(
                        "it is not for the name '{}' (the host in the URL); it names {}",
                        name.unwrap_or("?"),
                        if presented.is_empty() {
                            "nothing".to_string()
                        } else {
                            presented
                                .iter()
                                .map(|name| presented_name(name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ),
                    CertificateError::Expired => "it has expired".into(),
                    CertificateError::ExpiredContext { not_after, .. } => {
                        format!("it has expired (at {})", rfc3339(*not_after))
                    }
                    CertificateError::NotValidYet => "it is not valid yet".into(),
                    CertificateError::NotValidYetContext { not_before, .. } => {
                        format!("it is not valid before {}", rfc3339(*not_before))
                    }
                    CertificateError::BadSignature => {
                        "its signature does not verify".into()
                    }
                    CertificateError::BadEncoding => "it is not a valid certificate".into(),
                    CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
                        "it is not meant for this use (its extended key usage)".into()
                    }
                    CertificateError::Other(other)
                        if matches!(
                            other.0.downcast_ref::<webpki::Error>(),
                            Some(webpki::Error::CaUsedAsEndEntity)
                        ) =>
                    {
                        "it is a CA certificate (basicConstraints CA:TRUE), which may not serve as a server's or client's own; `openssl req -x509` makes one unless given -addext basicConstraints=critical,CA:FALSE (or --insecure to skip the check)".into()
                    }
                    CertificateError::UnsupportedSignatureAlgorithmContext { .. }
                    | CertificateError::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => {
                        "it is signed with an algorithm nncat does not check (ECDSA on P-256 or P-384, Ed25519 and RSA are checked; P-521 is not)".into()
                    }
                    CertificateError::UnhandledCriticalExtension => {
                        "it has a critical extension nncat does not know".into()
                    }
                    CertificateError::Revoked => "it is revoked".into(),
                    CertificateError::Other(other) => format!("it does not verify ({other})"),
                    // rustls's own text for the rest falls back to Rust's debug form.
                    _ => "it does not verify".into(),
                };
                format!("{peer}'s certificate is refused: {what}")
            }
            TlsError::NoCertificatesPresented => {
                format!("{peer} presented no certificate (this side asks for one: --cacert)")
            }
            TlsError::AlertReceived(alert) => {
                let why = match alert {
                    AlertDescription::CertificateRequired | AlertDescription::HandshakeFailure
                        if peer == "the server" =>
                    {
                        " (does it ask for a client certificate? give one with --cert FILE)"
                    }
                    AlertDescription::UnknownCA | AlertDescription::BadCertificate => {
                        " (it does not trust this side's certificate)"
                    }
                    AlertDescription::DecodeError | AlertDescription::UnexpectedMessage => {
                        " (does it speak TLS?)"
                    }
                    _ => "",
                };
                format!(
                    "{peer} refused the TLS handshake: alert '{}'{why}",
                    words_of(&format!("{alert:?}"))
                )
            }
            TlsError::InvalidMessage(_) | TlsError::InappropriateMessage { .. } => {
                format!("{peer} does not speak TLS: its first bytes are not a TLS record")
            }
            TlsError::PeerIncompatible(why) => {
                format!(
                    "{peer} has no TLS version or cipher in common with nncat ({})",
                    words_of(&format!("{why:?}"))
                )
            }
            other => format!("TLS handshake with {peer} failed: {other}"),
        }
    }
}

/// A variant's name as words (`HandshakeFailure` -> "handshake failure"), where rustls
/// has no text for it but its name; whatever the variant holds is left out.
fn words_of(name: &str) -> String {
    let name = name.split(['(', ' ', '{']).next().unwrap_or(name);
    let mut words = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    words
}

/// A name as rustls lists it (`DnsName("a.example")`), as a certificate shows it
/// (`DNS:a.example`).
fn presented_name(name: &str) -> String {
    let inner = |prefix: &str| {
        name.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(')'))
            .map(|value| value.trim_matches('"').to_string())
    };
    if let Some(dns) = inner("DnsName(") {
        format!("DNS:{dns}")
    } else if let Some(ip) = inner("IpAddress(") {
        format!("IP:{ip}")
    } else {
        name.to_string()
    }
}

/// Whether a failed handshake was about the certificates (worth keeping for the doctor
/// as it is) rather than about the peer not speaking TLS (which a probe explains better).
pub fn is_certificate_problem(err: &io::Error) -> bool {
    matches!(
        tls_error(err),
        Some(
            TlsError::InvalidCertificate(_)
                | TlsError::NoCertificatesPresented
                | TlsError::AlertReceived(_)
                | TlsError::PeerIncompatible(_)
        )
    )
}

/// Whether a failed handshake says the peer does not speak TLS.
pub fn is_not_tls(err: &io::Error) -> bool {
    matches!(
        tls_error(err),
        Some(TlsError::InvalidMessage(_) | TlsError::InappropriateMessage { .. })
    )
}

/// The rustls error inside an I/O error, as tokio-rustls and rustls's own streams wrap it.
fn tls_error(err: &io::Error) -> Option<&TlsError> {
    err.get_ref()
        .and_then(|inner| inner.downcast_ref::<TlsError>())
}

fn rfc3339(time: UnixTime) -> String {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(time.as_secs());
    humantime::format_rfc3339_seconds(at).to_string()
}
