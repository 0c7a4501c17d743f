//! Bounds the API checks and its OpenAPI document states: paging ranges and term names.

use serde::{Deserialize, Deserializer};

/// The highest page number a list accepts; `per_page` is 1 to [`MAX_PER_PAGE`].
pub const MAX_PAGE: u32 = 100_000;
pub const MAX_PER_PAGE: u32 = 100;

fn in_range<'de, D: Deserializer<'de>>(
    d: D,
    name: &str,
    max: u32,
) -> Result<Option<u32>, D::Error> {
    let n = Option::<u32>::deserialize(d)?;
    match n {
        Some(n) if !(1..=max).contains(&n) => Err(serde::de::Error::custom(format!(
            "{name} must be between 1 and {max} (got {n})"
        ))),
        n => Ok(n),
    }
}

pub(crate) fn page_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    in_range(d, "page", MAX_PAGE)
}

pub(crate) fn per_page<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    in_range(d, "per_page", MAX_PER_PAGE)
}
