/*!
Round-trip times for `--stats` on req and surveyor: from a request's send to its reply
(for a survey, to each answer), summarised at exit as min, p50, p90, p99 and max.

An HdrHistogram keeps them: constant memory and constant time per record, whatever the
number of round trips, with three significant digits from a microsecond to an hour.
*/

use std::time::{Duration, Instant};

use hdrhistogram::Histogram;

/// The longest round trip recorded as itself; longer ones count as this.
const LONGEST_MICROS: u64 = 3_600_000_000;

pub struct RoundTrips {
    histogram: Option<Histogram<u64>>,
}

impl RoundTrips {
    /// Records only when `wanted` (--stats), so other runs pay nothing.
    pub fn new(wanted: bool) -> RoundTrips {
        RoundTrips {
            histogram: wanted
                .then(|| Histogram::new_with_bounds(1, LONGEST_MICROS, 3).ok())
                .flatten(),
        }
    }

    /// The time now, if round trips are being recorded.
    pub fn start(&self) -> Option<Instant> {
        self.histogram.as_ref().map(|_| Instant::now())
    }

    /// Records the time since `sent` (from `start`).
    pub fn record(&mut self, sent: Option<Instant>) {
        if let (Some(histogram), Some(sent)) = (self.histogram.as_mut(), sent) {
            let micros = sent
                .elapsed()
                .as_micros()
                .clamp(1, u128::from(LONGEST_MICROS));
            histogram.saturating_record(micros as u64);
        }
    }

    /// "round trip over 100 replies: min 0.085ms, p50 ..., max ..."; none with none.
    pub fn summary(&self, what: &str) -> Option<String> {
        let histogram = self.histogram.as_ref().filter(|h| !h.is_empty())?;
        let at =
            |micros: u64| format!("{:.3}ms", Duration::from_micros(micros).as_secs_f64() * 1e3);
        Some(format!(
            "round trip over {} {what}: min {}, p50 {}, p90 {}, p99 {}, max {}",
            histogram.len(),
            at(histogram.min()),
            at(histogram.value_at_quantile(0.50)),
            at(histogram.value_at_quantile(0.90)),
            at(histogram.value_at_quantile(0.99)),
            at(histogram.max()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_ordered_and_nothing_is_said_without_data() {
        assert_eq!(RoundTrips::new(true).summary("replies"), None);
        let mut trips = RoundTrips::new(true);
        let histogram = trips.histogram.as_mut().expect("a histogram");
        for micros in 1..=1000u64 {
            histogram.saturating_record(micros * 10);
        }
        let summary = trips.summary("replies").expect("a summary");
        assert!(
            summary.starts_with("round trip over 1000 replies: min 0.010ms, p50 5.00"),
            "{summary}"
        );
        assert!(
            summary.ends_with("max 10.000ms") || summary.ends_with("max 10.007ms"),
            "{summary}"
        );
        let mut off = RoundTrips::new(false);
        assert_eq!(off.start(), None);
        off.record(Some(Instant::now()));
        assert_eq!(off.summary("replies"), None);
    }
}
