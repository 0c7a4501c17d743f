//! Paged articles: a body with page breaks answers `?page=N` (one page, with "Halaman 1 2 3"
//! navigation) and `?page=all` (everything); without breaks nothing changes.

use crate::error::AppError;
use warta_render::{ArticleView, BlockView, Paging};

/// Which part of an article a reader asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSel {
    /// No `page` parameter: the first page.
    First,
    /// `?page=N` (1-based).
    Nth(u32),
    /// `?page=all`.
    All,
}

impl PageSel {
    /// `None` for a value that names no page (`?page=0`, `?page=x`): the page is not found.
    pub fn parse(raw: Option<&str>) -> Option<PageSel> {
        match raw.map(str::trim) {
            None | Some("") => Some(PageSel::First),
            Some("all") => Some(PageSel::All),
            Some(n) => n.parse::<u32>().ok().filter(|n| *n >= 1).map(PageSel::Nth),
        }
    }

    /// The query that names this selection in the page cache's key.
    pub fn query(self) -> String {
        match self {
            PageSel::First => String::new(),
            PageSel::Nth(n) => format!("?page={n}"),
            PageSel::All => "?page=all".into(),
        }
    }
}

/// The first `page` value of a query string; other parameters (campaign tags) are ignored.
pub fn page_param(query: Option<&str>) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query?).ok()?;
    pairs.into_iter().find(|(k, _)| k == "page").map(|(_, v)| v)
}

/// Keep the asked-for page of `view`'s body and describe the paging, or a 404 that links the
/// first page when the article has no such page.
pub fn apply(view: &mut ArticleView, sel: PageSel) -> Result<(), AppError> {
    let body = std::mem::take(&mut view.body);
    let mut pages: Vec<Vec<BlockView>> = vec![Vec::new()];
    for b in body {
        match b {
            BlockView::Pagebreak => pages.push(Vec::new()),
            b => pages.last_mut().map(|p| p.push(b)).unwrap_or_default(),
        }
    }
    pages.retain(|p| !p.is_empty());
    let total = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    let out_of_range = || AppError::NoSuchArticlePage(view.url.clone());
    if total <= 1 {
        if matches!(sel, PageSel::Nth(n) if n > 1) {
            return Err(out_of_range());
        }
        view.body = pages.into_iter().flatten().collect();
        return Ok(());
    }
    let current = match sel {
        PageSel::First => Some(1),
        PageSel::Nth(n) if n <= total => Some(n),
        PageSel::Nth(_) => return Err(out_of_range()),
        PageSel::All => None,
    };
    let page_url = |n: u32| {
        if n == 1 {
            view.url.clone()
        } else {
            format!("{}?page={n}", view.url)
        }
    };
    view.paging = Some(Paging {
        current,
        total,
        pages: (1..=total).map(page_url).collect(),
        all_url: format!("{}?page=all", view.url),
        next_url: current.filter(|c| *c < total).map(|c| page_url(c + 1)),
    });
    view.body = match current {
        Some(n) => pages.swap_remove(n as usize - 1),
        None => pages.into_iter().flatten().collect(),
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::PageSel;

    #[test]
    fn page_parameters() {
        assert_eq!(PageSel::parse(None), Some(PageSel::First));
        assert_eq!(PageSel::parse(Some("all")), Some(PageSel::All));
        assert_eq!(PageSel::parse(Some("3")), Some(PageSel::Nth(3)));
        assert_eq!(PageSel::parse(Some("0")), None);
        assert_eq!(PageSel::parse(Some("-1")), None);
        assert_eq!(PageSel::parse(Some("dua")), None);
        assert_eq!(PageSel::Nth(2).query(), "?page=2");
        assert_eq!(
            super::page_param(Some("utm_source=x&page=2&page=3")).as_deref(),
            Some("2")
        );
        assert_eq!(super::page_param(Some("utm_source=x")), None);
    }
}
