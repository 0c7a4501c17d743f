/// What a change touched, as background jobs and the newsroom announce it: the web layer
/// drops the cached pages that show it and wakes the live streams that follow it. Jobs send
/// these instead of calling HTTP code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// An article's published content or status changed (e.g. a scheduled article went live).
    Article(i64),
    /// A photo's files changed (e.g. its AVIF variants are ready): every article using it.
    Media(i64),
    /// Anything may have changed (bulk changes).
    All,
}
