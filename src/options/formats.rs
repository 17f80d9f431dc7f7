//! The input and output formats, from `--format`, its shorthands and `--in-format` /
//! `--out-format`, and the options that only make sense with some of them.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use anyhow::Result;

use crate::cli::FormatArgs;
use crate::error::Failure;
use crate::format::{Format, JsonOptions};

pub(super) fn in_and_out(args: &FormatArgs) -> (Format, Format) {
    let shorthand = if args.ascii {
        Some(Format::Ascii)
    } else if args.quoted {
        Some(Format::Quoted)
    } else if args.hex {
        Some(Format::Hex)
    } else if args.msgpack {
        Some(Format::Msgpack)
    } else if args.raw {
        Some(Format::Raw)
    } else {
        None
    };
    let both = args.format.or(shorthand).unwrap_or(Format::Text);
    (
        args.in_format.unwrap_or(both),
        args.out_format.unwrap_or(both),
    )
}

/// `timestamp` is --timestamp, which only the types that print have (see ReceivingArgs).
pub(super) fn json_options(
    args: &FormatArgs,
    timestamp: bool,
    input: Format,
    output: Format,
) -> Result<JsonOptions> {
    let json = input == Format::Json || output == Format::Json;
    // Without a line to put it in front of, the time would corrupt the stream.
    if timestamp && matches!(output, Format::Msgpack | Format::Raw | Format::No) {
        return Err(Failure::Usage(format!(
            "--timestamp needs a format with one record a line (text, ascii, quoted, hex, json), not {}",
            format_name(output)
        ))
        .into());
    }
    if args.topic_split.is_some() && !json {
        return Err(Failure::Usage("--topic-split needs --format json".into()).into());
    }
    Ok(JsonOptions {
        timestamp,
        topic_separator: args.topic_split.clone().map(OsString::into_vec),
        replay: false,
    })
}

fn format_name(format: Format) -> String {
    use clap::ValueEnum;
    format.to_possible_value().map_or_else(
        || format!("{format:?}"),
        |value| value.get_name().to_string(),
    )
}
