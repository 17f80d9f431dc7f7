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

This file builds both sides' configuration; `tls/pem.rs` reads the files it is built
from, and `tls/failure.rs` says a failed handshake in the user's words.
*/

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, ring};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    ClientConfig, DigitallySignedStruct, Error as TlsError, RootCertStore, ServerConfig,
    SignatureScheme,
};

/// How long a peer has to complete the TLS handshake: the time a slow link needs for
/// its few round trips, and the most a silent or stalled peer holds a connection.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

mod failure;
mod pem;

pub use failure::{is_certificate_problem, is_not_tls};
use pem::{key_problem, own_certificate, read_roots, system_roots};

/// nngcat's TLS options, as given.
#[derive(Clone, Debug, Default)]
pub struct Files {
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub cacert: Option<PathBuf>,
    pub insecure: bool,
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
