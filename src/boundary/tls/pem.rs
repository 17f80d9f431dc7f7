/*!
The PEM files of nngcat's TLS options, read once before anything binds: this side's
chain and key (--cert, --key), the roots to trust (--cacert, else the system's), each
failure said as one line that names the option and the file. Apart from the
configuration built from them, so that the files' many ways to be wrong read on their
own.
*/

use std::path::Path;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{Error as TlsError, InconsistentKeys, RootCertStore};

use super::Files;

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
pub(super) fn own_certificate(
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
pub(super) fn key_problem(err: TlsError, files: &Files) -> String {
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

pub(super) fn read_roots(path: &Path) -> Result<RootCertStore, String> {
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
pub(super) fn system_roots() -> RootCertStore {
    let mut roots = RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(found.certs);
    roots
}
