/*!
TLS, the layer under `tls+tcp://` and `wss://`: rustls with ring's primitives (no C
library of its own to build or to trust beyond ring's), certificates and keys read from
PEM files once, before anything binds, so that a missing or mismatched file is a usage
error and not a failure at the first peer.

nngcat's four options keep nngcat's meaning:
- `--cert FILE`: the certificate chain this side presents, in PEM; its key follows in the
  same file unless `--key FILE` names another. A bound endpoint needs one; a connecting
  one presents it when given (a client certificate).
- `--cacert FILE`: the roots a connecting side trusts, instead of the system's
  (rustls-native-certs). A bound side asks no client for a certificate, as nngcat's
  does not: one set of options serves every endpoint of a socket, so `--cacert` given
  for a tap's or a bus's connection to its server must not lock out its own clients.
- `--insecure`: no verification of the peer's certificate at all.

The name checked is the URL's host, as nngcat checks it (a DNS name, or an IP address
that the certificate must list as one).

Once a handshake is done, the stream is an `AsyncRead + AsyncWrite` like a TCP one, and
the SP framing (sp.rs) and ws (ws.rs) run over it unchanged.
*/

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, ring};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    AlertDescription, CertificateError, ClientConfig, DigitallySignedStruct, Error as TlsError,
    InconsistentKeys, RootCertStore, ServerConfig, SignatureScheme,
};

/// How long a peer has to complete the TLS handshake: the time a slow link needs for
/// its few round trips, and the most a silent or stalled peer holds a connection.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

/// nngcat's TLS options, as given.
#[derive(Clone, Debug, Default)]
pub struct Files {
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub cacert: Option<PathBuf>,
    pub insecure: bool,
}

impl Files {
    /// Whether any option was given.
    pub fn any(&self) -> bool {
        self.cert.is_some() || self.key.is_some() || self.cacert.is_some() || self.insecure
    }
}

/// A socket's TLS, both sides, ready to use: built once from `Files`.
#[derive(Clone)]
pub struct Tls {
    client: Arc<ClientConfig>,
    /// With --cert only: a server needs a certificate.
    server: Option<Arc<ServerConfig>>,
    /// Where the trusted roots came from, for the error that says they did not do.
    roots: Roots,
}

#[derive(Clone, Debug)]
enum Roots {
    File(PathBuf),
    System(usize),
    Unverified,
}

impl fmt::Debug for Tls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tls")
            .field("server", &self.server.is_some())
            .field("roots", &self.roots)
            .finish()
    }
}

impl Tls {
    /// Reads the files and builds both sides; the error is one line for the user.
    pub fn load(files: &Files) -> Result<Tls, String> {
        let provider = provider();
        let own = match &files.cert {
            Some(cert) => Some(own_certificate(cert, files.key.as_deref())?),
            None => None,
        };
        let (roots, trusted) = if files.insecure {
            (RootCertStore::empty(), Roots::Unverified)
        } else if let Some(cacert) = &files.cacert {
            (read_roots(cacert)?, Roots::File(cacert.clone()))
        } else {
            let roots = system_roots();
            let count = roots.len();
            (roots, Roots::System(count))
        };
        let roots = Arc::new(roots);
        let mismatch = |err: TlsError| key_problem(err, files);

        let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|err| format!("cannot set up TLS: {err}"))?;
        let builder = if files.insecure {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Unverified(Arc::clone(&provider))))
        } else {
            builder.with_root_certificates(Arc::clone(&roots))
        };
        let client = match &own {
            Some((chain, key)) => builder
                .with_client_auth_cert(chain.clone(), key.clone_key())
                .map_err(mismatch)?,
            None => builder.with_no_client_auth(),
        };

        let server = match own {
            None => None,
            Some((chain, key)) => {
                let builder = ServerConfig::builder_with_provider(Arc::clone(&provider))
                    .with_safe_default_protocol_versions()
                    .map_err(|err| format!("cannot set up TLS: {err}"))?;
                Some(Arc::new(
                    builder
                        .with_no_client_auth()
                        .with_single_cert(chain, key)
                        .map_err(mismatch)?,
                ))
            }
        };
        Ok(Tls {
            client: Arc::new(client),
            server,
            roots: trusted,
        })
    }

    /// A client that checks nothing: how the probe finds out that an endpoint speaks
    /// TLS at all, and which SP type is behind it, before anything is trusted.
    pub fn unverified_client() -> Arc<ClientConfig> {
        let provider = provider();
        let config = ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map(|builder| {
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(Unverified(provider)))
                    .with_no_client_auth()
            });
        match config {
            Ok(config) => Arc::new(config),
            // ring's default provider supports its own default versions.
            Err(_) => Arc::new(
                ClientConfig::builder()
                    .with_root_certificates(RootCertStore::empty())
                    .with_no_client_auth(),
            ),
        }
    }

    pub fn client_config(&self) -> Arc<ClientConfig> {
        Arc::clone(&self.client)
    }

    pub fn connector(&self) -> tokio_rustls::TlsConnector {
        tokio_rustls::TlsConnector::from(Arc::clone(&self.client))
    }

    /// The server side, when --cert was given.
    pub fn acceptor(&self) -> Option<tokio_rustls::TlsAcceptor> {
        self.server
            .as_ref()
            .map(|config| tokio_rustls::TlsAcceptor::from(Arc::clone(config)))
    }

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
                    other => format!("{other:?}"),
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
                format!("{peer} refused the TLS handshake: alert {alert:?}{why}")
            }
            TlsError::InvalidMessage(_) | TlsError::InappropriateMessage { .. } => {
                format!("{peer} does not speak TLS: its first bytes are not a TLS record")
            }
            TlsError::PeerIncompatible(why) => {
                format!("{peer} has no TLS version or cipher in common with nncat ({why:?})")
            }
            other => format!("TLS handshake with {peer} failed: {other}"),
        }
    }
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

/// The name a connecting side checks: the URL's host, a DNS name or an IP address.
pub fn server_name(host: &str) -> io::Result<ServerName<'static>> {
    ServerName::try_from(host.to_string()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

/// ring's primitives. rustls 0.23.48 deprecates this to steer users to aws-lc-rs and its
/// post-quantum key exchange; aws-lc-rs needs cmake and a C toolchain at build time, which
/// a fresh machine lacks, and nng's mbedtls offers no post-quantum group anyway.
#[allow(deprecated)]
fn provider() -> Arc<CryptoProvider> {
    Arc::new(ring::default_provider())
}

fn rfc3339(time: UnixTime) -> String {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(time.as_secs());
    humantime::format_rfc3339_seconds(at).to_string()
}

/// Reads a file named by option `option`, with the error a user reads.
fn read(option: &str, path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|err| {
        format!(
            "cannot read {option} '{}': {}",
            path.display(),
            crate::report::without_os_error_numbers(&err.to_string())
        )
    })
}

fn certificates(
    option: &str,
    path: &Path,
    pem: &[u8],
) -> Result<Vec<CertificateDer<'static>>, String> {
    let chain = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| format!("{option} '{}' is not valid PEM: {err}", path.display()))?;
    if chain.is_empty() {
        return Err(format!(
            "{option} '{}' holds no certificate (a PEM file with -----BEGIN CERTIFICATE-----)",
            path.display()
        ));
    }
    Ok(chain)
}

/// This side's chain and key: the key from `key`, else from the certificate's file.
fn own_certificate(
    cert: &Path,
    key: Option<&Path>,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), String> {
    let cert_pem = read("--cert", cert)?;
    let chain = certificates("--cert", cert, &cert_pem)?;
    let (option, key_path, key_pem) = match key {
        Some(path) => ("--key", path, read("--key", path)?),
        None => ("--cert", cert, cert_pem),
    };
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|err| {
        let encrypted = String::from_utf8_lossy(&key_pem).contains("ENCRYPTED PRIVATE KEY");
        match err {
            _ if encrypted => format!(
                "the key in {option} '{}' is encrypted: nncat reads only unencrypted keys (openssl pkey -in FILE -out PLAIN)",
                key_path.display()
            ),
            rustls::pki_types::pem::Error::NoItemsFound if key.is_none() => format!(
                "--cert '{}' holds no private key: add it to the file, or give it with --key FILE",
                cert.display()
            ),
            rustls::pki_types::pem::Error::NoItemsFound => {
                format!("--key '{}' holds no private key", key_path.display())
            }
            err => format!("{option} '{}' is not valid PEM: {err}", key_path.display()),
        }
    })?;
    Ok((chain, key))
}

/// The rustls error of a certificate and key that do not go together, in words.
fn key_problem(err: TlsError, files: &Files) -> String {
    let cert = files
        .cert
        .as_deref()
        .map_or_else(String::new, |path| path.display().to_string());
    let key = files.key.as_deref().map_or_else(
        || format!("--cert '{cert}'"),
        |path| format!("--key '{}'", path.display()),
    );
    match err {
        TlsError::InconsistentKeys(InconsistentKeys::KeyMismatch) => {
            format!("the private key in {key} does not match the certificate in --cert '{cert}'")
        }
        TlsError::General(why) => format!("cannot use the private key in {key}: {why}"),
        other => format!("cannot use the certificate in --cert '{cert}': {other}"),
    }
}

fn read_roots(path: &Path) -> Result<RootCertStore, String> {
    let pem = read("--cacert", path)?;
    let mut roots = RootCertStore::empty();
    for (at, cert) in certificates("--cacert", path, &pem)?
        .into_iter()
        .enumerate()
    {
        roots.add(cert).map_err(|err| {
            format!(
                "certificate {} in --cacert '{}' cannot be a root: {err}",
                at + 1,
                path.display()
            )
        })?;
    }
    Ok(roots)
}

/// The system's roots; those that fail to parse are left out, as a browser would.
fn system_roots() -> RootCertStore {
    let mut roots = RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(found.certs);
    roots
}

/// `--insecure`: every certificate is taken, but the handshake's signatures are still
/// checked (they prove nothing without a trusted certificate, but a broken one is a
/// broken peer).
#[derive(Debug)]
struct Unverified(Arc<CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, TlsError> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// A certificate's subject and expiry, as the probe shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// "CN=localhost", in RFC 4514's order.
    pub subject: String,
    /// "2026-05-01T12:00:00Z".
    pub expires: String,
    pub expired: bool,
}

impl Certificate {
    /// Reads the end-entity certificate a peer presented.
    pub fn read(der: &[u8]) -> Option<Certificate> {
        let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
        let not_after = cert.validity().not_after.timestamp();
        let expires_at =
            SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(not_after).ok()?);
        Some(Certificate {
            subject: cert.subject().to_string(),
            expires: humantime::format_rfc3339_seconds(expires_at).to_string(),
            expired: expires_at < SystemTime::now(),
        })
    }
}
