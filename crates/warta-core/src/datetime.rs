//! Times are stored as UTC epoch milliseconds and shown in Asia/Jakarta (WIB), in Indonesian.

use jiff::{Timestamp, ZonedDateTime as Zoned, civil::Date, tz::TimeZone};
use std::sync::OnceLock;

pub const DAY_NAMES: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
pub const MONTH_NAMES: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Asia/Jakarta from the bundled tz database (independent of the server's zone). Jakarta has
/// kept UTC+7 since 1964, so the fixed offset is an exact fallback.
pub fn jakarta() -> TimeZone {
    static TZ: OnceLock<TimeZone> = OnceLock::new();
    TZ.get_or_init(|| {
        TimeZone::get("Asia/Jakarta").unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(7)))
    })
    .clone()
}

fn zoned(ms: i64) -> Zoned {
    let ts = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
    ts.to_zoned_datetime(jakarta())
}

fn day_name(z: &Zoned) -> &'static str {
    DAY_NAMES[z.weekday().to_monday_zero_offset() as usize]
}

/// `Rabu, 2 Maret 2022 09:30 WIB`
pub fn format_long_wib(ms: i64) -> String {
    let z = zoned(ms);
    format!(
        "{}, {} {} {} {:02}:{:02} WIB",
        day_name(&z),
        z.day(),
        MONTH_NAMES[(z.month() - 1) as usize],
        z.year(),
        z.hour(),
        z.minute()
    )
}

/// `Rabu (02/03/2022)`
pub fn format_short_wib(ms: i64) -> String {
    let z = zoned(ms);
    format!(
        "{} ({:02}/{:02}/{})",
        day_name(&z),
        z.day(),
        z.month(),
        z.year()
    )
}

/// Compact date and hour in WIB for the newsroom's tables: `Sel 01/03/2022 14:05 WIB`.
pub fn format_table_wib(ms: i64) -> String {
    let z = zoned(ms);
    let day: String = day_name(&z).chars().take(3).collect();
    format!(
        "{day} {:02}/{:02}/{} {:02}:{:02} WIB",
        z.day(),
        z.month(),
        z.year(),
        z.hour(),
        z.minute()
    )
}

/// ISO 8601 with the WIB offset: `2022-03-02T09:30:00+07:00`.
pub fn iso8601_wib(ms: i64) -> String {
    let z = zoned(ms);
    // Before 1924 Jakarta kept local mean time (+07:07:12). An RFC 3339 offset has no
    // seconds, so such an instant is written in UTC instead (a fuzzer found a backdated one).
    if z.offset().seconds() % 60 != 0 {
        return z.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    }
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// RFC 2822 for RSS `pubDate`: `Wed, 02 Mar 2022 09:30:00 +0700`.
pub fn rfc2822(ms: i64) -> String {
    zoned(ms).strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// The calendar date in Jakarta.
pub fn wib_date(ms: i64) -> Date {
    zoned(ms).date()
}

/// The day `YYYY-MM-DD` in WIB as epoch milliseconds `[start, end)`.
pub fn wib_day_range(day: &str) -> Option<(i64, i64)> {
    let date: Date = day.trim().parse().ok()?;
    day_range(date)
}

/// A WIB calendar day as epoch milliseconds `[start, end)`.
pub fn day_range(date: Date) -> Option<(i64, i64)> {
    let start = date.to_zoned_datetime(jakarta()).ok()?;
    let end = date.tomorrow().ok()?.to_zoned_datetime(jakarta()).ok()?;
    Some((
        start.timestamp().as_millisecond(),
        end.timestamp().as_millisecond(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2022-03-01T07:05:00Z is 14:05 WIB on Tuesday 1 March 2022.
    const T: i64 = 1_646_118_300_000;

    #[test]
    fn iso_times_always_have_an_rfc3339_offset() {
        assert_eq!(iso8601_wib(T), "2022-03-01T14:05:00+07:00");
        // When Jakarta's offset was +07:07:12.
        let old = "1759-03-14T12:02:57Z"
            .parse::<Timestamp>()
            .unwrap()
            .as_millisecond();
        assert_eq!(iso8601_wib(old), "1759-03-14T12:02:57Z");
        assert!(iso8601_wib(old).parse::<Timestamp>().is_ok());
    }

    #[test]
    fn a_wib_day_starts_at_17_utc() {
        let (start, end) = wib_day_range("2022-03-01").unwrap();
        assert_eq!(start, 1_646_067_600_000); // 2022-02-28T17:00:00Z
        assert_eq!(end - start, 86_400_000);
        assert!(wib_day_range("1 Maret").is_none());
    }

    #[test]
    fn long_format_is_indonesian_in_wib() {
        assert_eq!(format_long_wib(T), "Selasa, 1 Maret 2022 14:05 WIB");
    }

    #[test]
    fn short_format_has_day_and_numeric_date() {
        assert_eq!(format_short_wib(T), "Selasa (01/03/2022)");
    }

    #[test]
    fn table_format_has_the_hour_in_wib() {
        assert_eq!(format_table_wib(T), "Sel 01/03/2022 14:05 WIB");
    }

    #[test]
    fn machine_formats_carry_the_offset() {
        assert_eq!(iso8601_wib(T), "2022-03-01T14:05:00+07:00");
        assert_eq!(rfc2822(T), "Tue, 01 Mar 2022 14:05:00 +0700");
    }

    #[test]
    fn late_evening_utc_is_next_day_in_jakarta() {
        // 2022-03-01T20:00Z = 2 March 03:00 WIB, a Wednesday.
        let ms = 1_646_164_800_000;
        assert_eq!(format_long_wib(ms), "Rabu, 2 Maret 2022 03:00 WIB");
        assert_eq!(wib_date(ms).to_string(), "2022-03-02");
    }
}
