//! Test certificates, made at run time with the `openssl` program in a test's own
//! folder, never checked in: a CA, and certificates it signs for `localhost` (nng's
//! mbedtls checks DNS names only) with RSA keys in the traditional form nngcat reads.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::{Scratch, require};

/// A test CA and the files made with it, in a folder of their own.
pub struct Certs {
    scratch: Scratch,
}

impl Certs {
    /// A CA (`ca.pem`) and a server certificate for `localhost` and 127.0.0.1 signed by
    /// it (`localhost.pem` with its key appended, `localhost.crt` and `localhost.key`
    /// apart).
    pub fn new() -> Certs {
        require("openssl");
        let certs = Certs {
            scratch: Scratch::new(),
        };
        certs.openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=nncat test CA",
        ]);
        certs.leaf("localhost", "DNS:localhost,IP:127.0.0.1", "2");
        certs
    }

    /// A certificate `name.pem` (its key appended) signed by the CA for `alt_names`,
    /// valid for `days` from now (-1: it ended a day ago, before it started).
    pub fn leaf(&self, name: &str, alt_names: &str, days: &str) -> PathBuf {
        let (pkcs8, key, csr, crt, ext) = (
            format!("{name}.pkcs8"),
            format!("{name}.key"),
            format!("{name}.csr"),
            format!("{name}.crt"),
            format!("{name}.ext"),
        );
        std::fs::write(
            self.path(&ext),
            format!("subjectAltName={alt_names}\nbasicConstraints=critical,CA:FALSE\n"),
        )
        .expect("the extensions file is written");
        self.openssl(&[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &pkcs8,
            "-subj",
            &format!("/CN={name}"),
            "-out",
            &csr,
        ]);
        self.openssl(&[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-set_serial",
            "1",
            "-days",
            days,
            "-extfile",
            &ext,
            "-out",
            &crt,
        ]);
        // nngcat (mbedtls 2) refuses OpenSSL 3's PKCS#8 keys: the traditional RSA form.
        self.openssl(&["rsa", "-in", &pkcs8, "-traditional", "-out", &key]);
        let both = [
            std::fs::read(self.path(&crt)).expect("the certificate"),
            std::fs::read(self.path(&key)).expect("the key"),
        ]
        .concat();
        std::fs::write(self.path(&format!("{name}.pem")), both).expect("the PEM file");
        self.path(&format!("{name}.pem"))
    }

    /// A self-signed certificate for `localhost` that no CA vouches for.
    pub fn self_signed(&self) -> PathBuf {
        self.openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "alone.pkcs8",
            "-out",
            "alone.crt",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
        ]);
        self.openssl(&[
            "rsa",
            "-in",
            "alone.pkcs8",
            "-traditional",
            "-out",
            "alone.key",
        ]);
        let both = [
            std::fs::read(self.path("alone.crt")).expect("the certificate"),
            std::fs::read(self.path("alone.key")).expect("the key"),
        ]
        .concat();
        std::fs::write(self.path("alone.pem"), both).expect("the PEM file");
        self.path("alone.pem")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.scratch.path(name)
    }

    /// A CA on P-521 signing with SHA-512 (`p521-ca.pem`), which ring cannot check, and
    /// a P-256 certificate for `localhost` it signs (`p521-leaf.pem`, its key appended).
    pub fn signed_by_p521(&self) -> (PathBuf, PathBuf) {
        for args in [
            &[
                "ecparam",
                "-name",
                "secp521r1",
                "-genkey",
                "-noout",
                "-out",
                "p521-ca.key",
            ][..],
            &[
                "req",
                "-x509",
                "-new",
                "-key",
                "p521-ca.key",
                "-sha512",
                "-days",
                "2",
                "-subj",
                "/CN=nncat test P-521 CA",
                "-out",
                "p521-ca.pem",
            ],
            &[
                "ecparam",
                "-name",
                "prime256v1",
                "-genkey",
                "-noout",
                "-out",
                "p256.sec1",
            ],
            &[
                "pkcs8",
                "-topk8",
                "-nocrypt",
                "-in",
                "p256.sec1",
                "-out",
                "p256.key",
            ],
            &[
                "req",
                "-new",
                "-key",
                "p256.key",
                "-subj",
                "/CN=localhost",
                "-out",
                "p256.csr",
            ],
            &[
                "x509",
                "-req",
                "-in",
                "p256.csr",
                "-CA",
                "p521-ca.pem",
                "-CAkey",
                "p521-ca.key",
                "-set_serial",
                "2",
                "-sha512",
                "-days",
                "2",
                "-extfile",
                "localhost.ext",
                "-out",
                "p256.crt",
            ],
        ] {
            self.openssl(args);
        }
        let both = [
            std::fs::read(self.path("p256.crt")).expect("the certificate"),
            std::fs::read(self.path("p256.key")).expect("the key"),
        ]
        .concat();
        std::fs::write(self.path("p521-leaf.pem"), both).expect("the PEM file");
        (self.path("p521-ca.pem"), self.path("p521-leaf.pem"))
    }

    /// A file's path as an argument.
    pub fn arg(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    fn openssl(&self, args: &[&str]) {
        let status = Command::new("openssl")
            .args(args)
            .current_dir(self.scratch.dir())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl runs");
        assert!(status.success(), "openssl {args:?} failed");
    }
}
