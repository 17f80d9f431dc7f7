/*!
The values options take: durations and sizes as people write them.
*/

use std::time::Duration;

/// The longest duration an option takes. Every wait is an instant on the monotonic
/// clock, which ends near 2^63 seconds after boot: a longer one would overflow it.
const LONGEST: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// A duration as humantime writes it (`250ms`, `2s`, `1m 30s`) or bare seconds with an
/// optional fraction (`0.5`), which nanocat would truncate to 0 and we do not; at most
/// 100 years.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let duration = if let Ok(seconds) = text.parse::<f64>() {
        Duration::try_from_secs_f64(seconds).map_err(|_| {
            format!("'{text}' is not a duration: seconds must be a finite number from 0 up")
        })?
    } else {
        humantime::parse_duration(text).map_err(|err| {
            format!("'{text}' is not a duration ({err}); write 2s, 250ms, 1m or 0.5")
        })?
    };
    if duration > LONGEST {
        return Err(format!("'{text}' is too long: at most 100 years"));
    }
    Ok(duration)
}

/// A size in bytes, with an optional binary suffix: `512`, `64K`, `16M`, `1G`.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let trimmed = text.trim();
    let (digits, unit) = match trimmed.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => trimmed.split_at(at),
        None => (trimmed, ""),
    };
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => {
            return Err(format!(
                "'{text}' is not a size: write a number of bytes, or 64K, 16M, 1G"
            ));
        }
    };
    let number: usize = digits
        .parse()
        .map_err(|_| format!("'{text}' is not a size: write a number of bytes, or 64K, 16M, 1G"))?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("'{text}' is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_keep_fractions_of_a_second() {
        assert_eq!(parse_duration("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1m"), Ok(Duration::from_secs(60)));
        assert!(parse_duration("-1").is_err());
        assert!(parse_duration("18446744073709551615s").is_err());
        assert!(parse_duration("10000000000000000000").is_err());
        assert!(parse_duration("36500d").is_ok());
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("16m"), Ok(16 << 20));
        assert!(parse_size("12q").is_err());
        assert!(parse_size("").is_err());
    }
}
