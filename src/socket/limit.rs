/*!
How large a message a peer may send. libnanomsg reads a message's 8-byte length and
allocates that much before it reads the bytes; if the allocation fails it aborts the
process. So `NN_RCVMAXSIZE` is always set, and never above what this process can
allocate: then a lying length only closes that peer's connection.
*/

use libc::c_int;

use crate::os;

/// The default `--recv-maxsz`: large enough for the messages people move with nncat
/// (the soak tests send 256 MiB), small enough that one peer cannot claim gigabytes.
pub const DEFAULT_RECV_MAX_SIZE: usize = 512 << 20;

/// Address space kept aside for libnanomsg's threads and nncat's own buffers before
/// the rest is shared out.
const RESERVE: usize = 64 << 20;

/// The largest message this process can be made to allocate without failing: half of
/// physical memory, half of what `ulimit -v` and `ulimit -d` leave, and never above
/// what nanomsg's `int` option holds. Half, because a received message may be copied
/// once more on its way to stdout (hex doubles it), and those copies fail cleanly.
pub fn recv_max_size_cap() -> usize {
    let mut cap = c_int::MAX as usize;
    if let Some(total) = os::physical_memory() {
        cap = cap.min(total / 2);
    }
    // Read only under a limit: every run asks for the cap, and most have no limit.
    let mut status = None;
    let limits = [
        (os::address_space_limit(), "VmSize:"),
        (os::data_limit(), "VmData:"),
    ];
    for (limit, used_field) in limits {
        if let Some(limit) = limit {
            let status = status.get_or_insert_with(|| {
                std::fs::read_to_string("/proc/self/status").unwrap_or_default()
            });
            let used = field_kib(status, used_field)
                .unwrap_or(0)
                .saturating_mul(1024);
            let left = limit.saturating_sub(used).saturating_sub(RESERVE);
            cap = cap.min(left / 2);
        }
    }
    // Below a page there is nothing useful to receive; keep the option valid.
    cap.max(4096)
}

/// Under `ulimit -v`, that a thread the size of libnanomsg's can start: libnanomsg
/// starts its worker in the first `nn_socket` and aborts the process when it cannot.
/// The thread tried ends at once, and glibc keeps its stack for the next thread of
/// that size.
pub fn room_for_libnanomsg_thread() -> anyhow::Result<()> {
    if os::address_space_limit().is_none() {
        return Ok(());
    }
    // glibc's default without a stack limit.
    let size = os::stack_limit().unwrap_or(GLIBC_DEFAULT_STACK);
    std::thread::Builder::new()
        .stack_size(size)
        .spawn(|| {})
        .and_then(|thread| {
            thread
                .join()
                .map_err(|_| std::io::Error::other("the thread failed"))
        })
        .map_err(|err| {
            anyhow::anyhow!(
                "no room for libnanomsg's thread ({} of stack, ulimit -s) under ulimit -v: {err}",
                human_size(size)
            )
        })
}

/// glibc's stack for a new thread when `ulimit -s` is unlimited (x86-64).
const GLIBC_DEFAULT_STACK: usize = 2 << 20;

/// A `Name:   1234 kB` line's number.
fn field_kib(text: &str, field: &str) -> Option<usize> {
    let line = text.lines().find(|line| line.starts_with(field))?;
    line[field.len()..].split_whitespace().next()?.parse().ok()
}

/// Bytes in the unit people read: `512 MiB`, `1.5 GiB`, `100 bytes`.
pub fn human_size(bytes: usize) -> String {
    const UNITS: [(usize, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            let value = bytes as f64 / unit as f64;
            return if bytes.is_multiple_of(unit) {
                format!("{} {name}", bytes / unit)
            } else {
                format!("{value:.1} {name}")
            };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_is_a_valid_nanomsg_option_and_above_a_page() {
        let cap = recv_max_size_cap();
        assert!(cap <= c_int::MAX as usize);
        assert!(cap >= 4096);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(512 << 20), "512 MiB");
        assert_eq!(human_size(1536 << 20), "1.5 GiB");
        assert_eq!(human_size(10), "10 bytes");
        assert_eq!(field_kib("VmSize:\t  2048 kB\n", "VmSize:"), Some(2048));
    }
}
