/*!
The private link: how nncat hands libnanomsg one real peer's messages. Each real peer
is one ipc connection in nncat's private folder (0700, so no other user's process
reaches it), speaking libnanomsg's ipc framing: the 8-byte SP header, then for each
message a type byte (1), an 8-byte big-endian length and the bytes. libnanomsg reads
only frames nncat wrote, and each real peer stays one pipe, so routing, load balancing,
subscriptions and retries are libnanomsg's as before.

The frames libnanomsg writes here are trusted as far as their framing goes; a length
is still never allocated past `MAX_FROM_LIBNANOMSG` at once.
*/

use std::io;
use std::os::fd::OwnedFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::fs::{self, FlockOperation, Mode, OFlags};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::unix::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{UnixListener, UnixStream};

/// The type byte of a normal ipc message (`NN_SIPC_MSG_NORMAL`).
const NORMAL: u8 = 1;

/// How long the bound side retries reaching libnanomsg's private endpoint: a peer can
/// arrive between nncat's public bind and libnanomsg's private one, and libnanomsg's
/// backlog (10) can be full while it accepts a crowd.
const OPEN_PATIENCE: Duration = Duration::from_secs(2);

/// The read buffer of a link: one small buffer per peer, so a thousand peers stay cheap.
const READ_BUFFER: usize = 16 * 1024;

/// What a link queues toward libnanomsg before it writes: as much as a peer's read
/// buffer holds, so that everything one read from the peer brought goes in one write.
const WRITE_BUFFER: usize = 16 * 1024 + 1024;

/// What a message of `length` bytes costs a link's buffer: the kernel charges each
/// write to a Unix socket a buffer of its own, about a kilobyte beyond the bytes.
pub fn link_cost(length: u64) -> u64 {
    length + 1024
}

/// The 8 bytes each side of an SP connection sends first: `\0SP\0`, the protocol
/// number, two zero bytes.
pub fn sp_header(protocol: u16) -> [u8; 8] {
    let [high, low] = protocol.to_be_bytes();
    [0, b'S', b'P', 0, high, low, 0, 0]
}

/// The protocol a header announces, or `None` when the 8 bytes are not an SP header.
pub fn protocol_of(header: &[u8; 8]) -> Option<u16> {
    if header[..4] != [0, b'S', b'P', 0] || header[6..] != [0, 0] {
        return None;
    }
    Some(u16::from_be_bytes([header[4], header[5]]))
}

/// Messages libnanomsg sends toward the peer.
pub struct LinkReader {
    stream: BufReader<OwnedReadHalf>,
}

/// Messages from the peer, toward libnanomsg: framed into `queued` and written in one
/// piece by `flush`, so that a burst of small messages costs one write.
pub struct LinkWriter {
    stream: OwnedWriteHalf,
    queued: Vec<u8>,
    /// Messages handed over since the last flush: one peer's batch (batching.rs).
    batch: u64,
}

/// Reaches libnanomsg's private bound endpoint at `path` for a peer that announced
/// `protocol`.
pub async fn open(path: &Path, protocol: u16) -> io::Result<(LinkReader, LinkWriter)> {
    let deadline = Instant::now() + OPEN_PATIENCE;
    let stream = loop {
        match UnixStream::connect(path).await {
            Ok(stream) => break stream,
            Err(err)
                if Instant::now() < deadline
                    && matches!(
                        err.kind(),
                        io::ErrorKind::NotFound
                            | io::ErrorKind::ConnectionRefused
                            | io::ErrorKind::WouldBlock
                    ) =>
            {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            Err(err) => return Err(err),
        }
    };
    greet(stream, protocol).await
}

/// Takes libnanomsg's connection to the private listener of a connecting endpoint.
pub async fn accept(
    listener: &UnixListener,
    protocol: u16,
) -> io::Result<(LinkReader, LinkWriter)> {
    let (stream, _) = listener.accept().await?;
    greet(stream, protocol).await
}

async fn greet(mut stream: UnixStream, protocol: u16) -> io::Result<(LinkReader, LinkWriter)> {
    stream.write_all(&sp_header(protocol)).await?;
    let mut header = [0u8; 8];
    stream.read_exact(&mut header).await?;
    if protocol_of(&header).is_none() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "libnanomsg's private endpoint sent no SP header",
        ));
    }
    let (read, write) = stream.into_split();
    Ok((
        LinkReader {
            stream: BufReader::with_capacity(READ_BUFFER, read),
        },
        LinkWriter {
            stream: write,
            queued: Vec::with_capacity(WRITE_BUFFER),
            batch: 0,
        },
    ))
}

impl LinkReader {
    /// Whether libnanomsg's next message is already read whole.
    pub fn buffered(&self) -> bool {
        whole_frame(self.stream.buffer(), true)
    }

    /// Waits until libnanomsg has sent something (or closed the link), reading nothing
    /// away: safe to abandon, as `next_length` is not once it has begun.
    pub async fn readable(&mut self) -> io::Result<()> {
        self.stream.fill_buf().await.map(drop)
    }

    /// The length of libnanomsg's next message, or `None` once it closed the link;
    /// its bytes follow (`read_body`, or `body` to pass them on as they come).
    pub async fn next_length(&mut self) -> io::Result<Option<u64>> {
        let mut head = [0u8; 9];
        match self.stream.read_exact(&mut head).await {
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(err) => return Err(err),
        }
        if head[0] != NORMAL {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "an ipc frame of an unknown type from libnanomsg",
            ));
        }
        let mut length = [0u8; 8];
        length.copy_from_slice(&head[1..]);
        Ok(Some(u64::from_be_bytes(length)))
    }

    /// A message's bytes, whole.
    pub async fn read_body(&mut self, length: u64) -> io::Result<Vec<u8>> {
        let length =
            usize::try_from(length).map_err(|_| io::Error::from(io::ErrorKind::OutOfMemory))?;
        let mut message = Vec::new();
        message
            .try_reserve_exact(length)
            .map_err(|_| io::Error::from(io::ErrorKind::OutOfMemory))?;
        // Into the reserved capacity as it is: zeroing a large message first cost a
        // pass over it (memset was 3% of a 1 MiB pusher's boundary).
        while message.len() < length {
            let left = (length - message.len()) as u64;
            if (&mut self.stream).take(left).read_buf(&mut message).await? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
        Ok(message)
    }

    /// A message's bytes as they come, to pass on without holding them.
    pub fn body(&mut self, length: u64) -> impl tokio::io::AsyncRead + Unpin + '_ {
        (&mut self.stream).take(length)
    }
}

impl LinkWriter {
    /// Frames `message` into the queue when it fits, without waiting: `false` when the
    /// queue must be flushed first (or the message is larger than the queue holds).
    pub fn try_queue(&mut self, message: &[u8]) -> bool {
        let framed = 9 + message.len();
        if self.queued.len() + framed > WRITE_BUFFER {
            return false;
        }
        self.queued.push(NORMAL);
        self.queued
            .extend_from_slice(&(message.len() as u64).to_be_bytes());
        self.queued.extend_from_slice(message);
        self.batch += 1;
        true
    }

    /// Queues one message for libnanomsg; `flush` hands it over. One larger than the
    /// queue is written at once, after what was queued before it.
    pub async fn send(&mut self, message: &[u8]) -> io::Result<()> {
        if self.try_queue(message) {
            return Ok(());
        }
        self.flush().await?;
        if self.try_queue(message) {
            return Ok(());
        }
        let mut head = [NORMAL; 9];
        head[1..].copy_from_slice(&(message.len() as u64).to_be_bytes());
        self.batch += 1;
        self.stream.write_all(&head).await?;
        self.stream.write_all(message).await
    }

    pub async fn flush(&mut self) -> io::Result<()> {
        super::batching::batch(std::mem::take(&mut self.batch));
        if !self.queued.is_empty() {
            let written = self.stream.write_all(&self.queued).await;
            self.queued.clear();
            written?;
        }
        Ok(())
    }

    /// Says that the peer has no more to send: libnanomsg closes the pipe.
    pub async fn finish(&mut self) {
        let _ = self.flush().await;
        let _ = self.stream.shutdown().await;
    }
}

/// Whether `buffer` starts with a whole frame (an ipc frame, with its type byte, or a
/// tcp one without): the next read of it cannot wait.
pub fn whole_frame(buffer: &[u8], ipc: bool) -> bool {
    whole_frame_body(buffer, ipc).is_some()
}

/// The body of the frame `buffer` starts with, when all its bytes are there.
pub fn whole_frame_body(buffer: &[u8], ipc: bool) -> Option<&[u8]> {
    let head = if ipc { 9 } else { 8 };
    let mut length = [0u8; 8];
    length.copy_from_slice(buffer.get(head - 8..head)?);
    let length = usize::try_from(u64::from_be_bytes(length)).ok()?;
    buffer.get(head..head.checked_add(length)?)
}

/// What a private folder's name begins with. (Folders named `nncat-` were made by
/// versions that did not claim them: they are never swept, as a live one could not be
/// told from a dead one.)
pub const FOLDER_PREFIX: &str = "nncat.";

/// A folder younger than this is never swept: between its making and its claim there
/// is an instant when a live folder is not yet claimed.
const SWEEP_AFTER: Duration = Duration::from_secs(60);

/// The private links' folder, claimed (an exclusive `flock` on it) for as long as this
/// lives: the kernel lets the claim go when the process ends, however it ends, so a
/// folder nobody claims was left by a process that was killed (`sweep_stale_folders`).
pub struct PrivateFolder {
    folder: tempfile::TempDir,
    /// None where the file system takes no `flock`: the folder then cannot be swept,
    /// since no sweeper can claim it either.
    _claim: Option<OwnedFd>,
}

impl PrivateFolder {
    pub fn path(&self) -> &Path {
        self.folder.path()
    }
}

/// A new folder only this user can enter, for the private links; short enough that
/// its sockets' paths fit in `sun_path`.
pub fn private_folder() -> io::Result<PrivateFolder> {
    let builder = {
        use std::os::unix::fs::PermissionsExt;
        let mut builder = tempfile::Builder::new();
        // Only this user may reach libnanomsg: tempfile's own default follows the
        // umask (0755 under the usual 022).
        builder
            .prefix(FOLDER_PREFIX)
            .permissions(std::fs::Permissions::from_mode(0o700));
        builder
    };
    let mut last = io::Error::from(io::ErrorKind::NotFound);
    for base in private_folder_bases() {
        // An ipc path is at most 107 bytes: the folder's leaves room for the link's name.
        if base.as_os_str().len() >= 64 {
            continue;
        }
        match builder.tempdir_in(&base) {
            Ok(folder) => {
                return Ok(PrivateFolder {
                    _claim: claim(folder.path()).ok(),
                    folder,
                });
            }
            Err(err) => last = err,
        }
    }
    Err(last)
}

/// Claims the folder at `path`, or says that a live process holds it.
fn claim(path: &Path) -> io::Result<OwnedFd> {
    let folder = fs::open(
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    fs::flock(&folder, FlockOperation::NonBlockingLockExclusive)?;
    Ok(folder)
}

/// Removes the private folders beside `own` that no live process claims: those of
/// nncats that were killed (SIGKILL, the OOM killer), each with the socket files of its
/// links, which would otherwise pile up in memory (`/dev/shm`). Only this user's own
/// folders, real ones (not links), older than `SWEEP_AFTER`.
pub fn sweep_stale_folders(own: &Path) {
    let Some(base) = own.parent() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    let user = rustix::process::geteuid().as_raw();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if !entry
            .file_name()
            .to_string_lossy()
            .starts_with(FOLDER_PREFIX)
            || path == own
        {
            continue;
        }
        let Ok(about) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let old = about
            .modified()
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age >= SWEEP_AFTER);
        if !about.is_dir() || about.uid() != user || !old {
            continue;
        }
        // Held while it is removed, so that no other sweeper takes it for live.
        if let Ok(_claim) = claim(&path) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Where the private folder may go, first choice first: `$TMPDIR` when the user set
/// one; else a file system in memory (`$XDG_RUNTIME_DIR`, the user's own, then
/// `/dev/shm`), where making and removing the folder and each link's socket file
/// writes no journal (measured on an ext4 /tmp: 77 us for a folder, one link and their
/// removal, against 8 us on tmpfs; a one-shot req used 0.2 ms less CPU); `/tmp` last.
fn private_folder_bases() -> Vec<PathBuf> {
    let chosen = ["TMPDIR", "XDG_RUNTIME_DIR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .filter(|base| !base.is_empty())
        .map(PathBuf::from);
    chosen
        .chain(["/dev/shm", "/tmp"].map(PathBuf::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sp_headers_round_trip_and_anything_else_is_not_one() {
        assert_eq!(sp_header(49), [0, b'S', b'P', 0, 0, 49, 0, 0]);
        assert_eq!(protocol_of(&sp_header(112)), Some(112));
        assert_eq!(protocol_of(b"GET / HT"), None);
        assert_eq!(protocol_of(&[0, b'S', b'P', 0, 0, 49, 0, 1]), None);
    }

    #[test]
    fn a_whole_frame_is_one_whose_bytes_are_all_there() {
        let frame = [1, 0, 0, 0, 0, 0, 0, 0, 2, b'h', b'i'];
        assert!(whole_frame(&frame, true));
        assert!(!whole_frame(&frame[..10], true));
        assert!(!whole_frame(&frame[..5], true));
        assert!(whole_frame(&frame[1..], false));
        assert!(!whole_frame(&[], false));
    }
}
