//! How many wrong passwords a sign-in form takes.
//!
//! * Per account **and** client address: [`PAIR_LIMIT`] failures within [`WINDOW_MS`], then
//!   that address waits until the oldest of them is 15 minutes old (429 with `Retry-After`).
//!   Someone guessing from one address never locks the owner out of their own address.
//! * Per account, from every address together: beyond [`ACCOUNT_CEILING`] failures within
//!   the window, each further attempt waits after the last failure — 1 s, then 2, 4, … up to
//!   [`MAX_DELAY_S`] — so a guesser spread over many addresses is slowed to a crawl while
//!   the owner waits half a minute at most.
//!
//! Counts live in the database, so they hold across restarts and instances. The right
//! password clears the account's counts (only its owner knows it).

use crate::client::ClientAddr;
use crate::error::AppError;
use warta_store::Store;

pub const PAIR_LIMIT: i64 = 5;
pub const ACCOUNT_CEILING: i64 = 10;
pub const WINDOW_MS: i64 = 15 * 60_000;
pub const MAX_DELAY_S: i64 = 30;

/// A sign-in attempt for one account from one address.
pub struct Attempt {
    account: String,
    pair: String,
}

impl Attempt {
    pub fn new(email: &str, client: ClientAddr) -> Attempt {
        Attempt {
            account: format!("login:{email}"),
            pair: format!("login:{email}|{}", client.key()),
        }
    }

    /// `Some(seconds)` to wait before this attempt may be tried.
    pub async fn wait(&self, store: &Store) -> Result<Option<i64>, AppError> {
        let now = warta_store::now_ms();
        let pair = store.login_failure_span(&self.pair, WINDOW_MS).await?;
        if pair.count >= PAIR_LIMIT {
            return Ok(Some(seconds(pair.oldest + WINDOW_MS - now)));
        }
        let account = store.login_failure_span(&self.account, WINDOW_MS).await?;
        Ok(delay_ms(account.count)
            .map(|d| account.newest + d - now)
            .filter(|left| *left > 0)
            .map(seconds))
    }

    pub async fn failed(&self, store: &Store) -> Result<(), AppError> {
        store.record_login_failure(&self.pair, WINDOW_MS).await?;
        store.record_login_failure(&self.account, WINDOW_MS).await?;
        Ok(())
    }

    pub async fn succeeded(&self, store: &Store) -> Result<(), AppError> {
        store.clear_login_failures(&self.pair).await?;
        store.clear_login_failures(&self.account).await?;
        Ok(())
    }
}

/// The wait after the last failure once an account has `failures` in the window.
fn delay_ms(failures: i64) -> Option<i64> {
    let over = failures - ACCOUNT_CEILING;
    (over >= 0).then(|| (1i64 << over.min(5)).min(MAX_DELAY_S) * 1000)
}

/// Whole seconds, rounded up, at least one.
fn seconds(ms: i64) -> i64 {
    ((ms + 999) / 1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_delay_grows_to_half_a_minute() {
        assert_eq!(delay_ms(ACCOUNT_CEILING - 1), None);
        let waits: Vec<_> = (0..8)
            .map(|i| delay_ms(ACCOUNT_CEILING + i).unwrap() / 1000)
            .collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!((seconds(1), seconds(1000), seconds(1001)), (1, 1, 2));
    }
}
