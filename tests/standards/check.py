#!/usr/bin/env python3
"""Structured-data and feed gates for Warta (run by crates/warta/tests/it/standards.rs).

Reads a manifest (JSON) naming saved pages and feeds with the URL each came from, checks them
with the trade's own parsers and prints one line per problem. Exit status 0 means no problem.

- JSON-LD is extracted with extruct (the parser Scrapy and many SEO tools use):
  article pages need a NewsArticle (LiveBlogPosting for live ones) with a headline of at most
  110 characters, datePublished/dateModified with the +07:00 offset, authors as Person with
  name and absolute url, a publisher with a logo, and, when the page has a hero photo that is
  large enough, images in 16:9, 4:3 and 1:1 of at least 1,200 px wide; plus a BreadcrumbList.
  The home page needs a WebSite with a SearchAction.
- Feeds are parsed with feedparser: bozo must be 0, every entry needs an absolute link, a
  publication date equal to the article page's datePublished, and an enclosure or
  media:content (absolute, image/*) whenever the article has a hero photo.

  A fact check (kind "factcheck") also needs a ClaimReview with claimReviewed, itemReviewed
  (a CreativeWork with an author) and reviewRating.alternateName.

Manifest: {"pages": [{"kind": "home"|"article"|"live"|"factcheck", "url": U, "file": F,
                      "hero_width": W, "hero_height": H}],
           "feeds": [{"url": U, "file": F, "content_type": CT}]}
"""

import datetime as dt
import json
import sys

import extruct
import feedparser

problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def jsonld_of(path, url):
    with open(path, encoding="utf-8") as f:
        html = f.read()
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)
    return data.get("json-ld", [])


def of_type(items, *types):
    return [i for i in items if i.get("@type") in types]


def parse_iso(where, field, value):
    if not isinstance(value, str) or not value.endswith("+07:00"):
        problem(where, f"{field} {value!r} lacks the +07:00 offset")
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        problem(where, f"{field} {value!r} is not ISO 8601")
        return None


def absolute(v):
    return isinstance(v, str) and (v.startswith("https://") or v.startswith("http://"))


def check_images(where, images, hero_w, hero_h):
    if not hero_w:
        return
    if not isinstance(images, list) or not images:
        problem(where, "image missing although the article has a hero photo")
        return
    objs = []
    for im in images:
        if isinstance(im, dict):
            objs.append(im)
        else:
            problem(where, f"image {im!r} is a bare URL; need ImageObject with width and height")
    for o in objs:
        if not absolute(o.get("url")):
            problem(where, f"image url {o.get('url')!r} is not absolute")
    ratios = {}
    for o in objs:
        try:
            w, h = int(o.get("width")), int(o.get("height"))
        except (TypeError, ValueError):
            problem(where, f"image {o.get('url')} lacks width/height")
            continue
        ratios[round(w / h, 2)] = max(ratios.get(round(w / h, 2), 0), w)
    for name, r, need_h in (("16:9", 16 / 9, 1200 * 9 / 16), ("4:3", 4 / 3, 900), ("1:1", 1.0, 1200)):
        key = round(r, 2)
        if key not in ratios:
            problem(where, f"no {name} image crop in JSON-LD (have ratios {sorted(ratios)})")
            continue
        # At least 1,200 px wide where the original allows it.
        allows = hero_w >= 1200 and hero_h >= need_h
        if allows and ratios[key] < 1200:
            problem(where, f"{name} crop is {ratios[key]} px wide; the {hero_w}x{hero_h} original allows 1200")


def check_article(page, live):
    where = page["url"]
    items = jsonld_of(page["file"], page["url"])
    want = "LiveBlogPosting" if live else "NewsArticle"
    arts = of_type(items, want)
    if len(arts) != 1:
        problem(where, f"expected one {want}, found types {[i.get('@type') for i in items]}")
        return None
    a = arts[0]
    headline = a.get("headline", "")
    if not headline or len(headline) > 110:
        problem(where, f"headline has {len(headline)} characters (1..110)")
    published = parse_iso(where, "datePublished", a.get("datePublished"))
    modified = parse_iso(where, "dateModified", a.get("dateModified"))
    if published and modified and modified < published:
        problem(where, "dateModified is before datePublished")
    authors = a.get("author")
    if not isinstance(authors, list) or not authors:
        problem(where, "no author")
    else:
        for p in authors:
            if p.get("@type") != "Person" or not p.get("name") or not absolute(p.get("url")):
                problem(where, f"author {p} is not a Person with name and absolute url")
    pub = a.get("publisher") or {}
    logo = pub.get("logo") or {}
    if not pub.get("name") or not absolute(logo.get("url") if isinstance(logo, dict) else logo):
        problem(where, f"publisher {pub} lacks a name or a logo")
    check_images(where, a.get("image"), page.get("hero_width"), page.get("hero_height"))
    if live:
        updates = a.get("liveBlogUpdate")
        if not isinstance(updates, list) or not updates:
            problem(where, "LiveBlogPosting without liveBlogUpdate entries")
        if not a.get("coverageStartTime"):
            problem(where, "LiveBlogPosting without coverageStartTime")
    crumbs = of_type(items, "BreadcrumbList")
    if len(crumbs) != 1 or len(crumbs[0].get("itemListElement", [])) < 2:
        problem(where, "no BreadcrumbList with at least two items")
    return published


def check_claim_review(page):
    """A fact check (kind "factcheck") also carries a ClaimReview, as Google's Fact Check
    Explorer reads it: claimReviewed, itemReviewed (a CreativeWork by the claimant) and the
    verdict as reviewRating.alternateName."""
    where = page["url"]
    reviews = of_type(jsonld_of(page["file"], page["url"]), "ClaimReview")
    if len(reviews) != 1:
        problem(where, "expected one ClaimReview")
        return
    r = reviews[0]
    if not r.get("claimReviewed"):
        problem(where, "ClaimReview without claimReviewed")
    item = r.get("itemReviewed") or {}
    if item.get("@type") != "CreativeWork" or not (item.get("author") or {}).get("name"):
        problem(where, f"itemReviewed {item} is not a CreativeWork with an author")
    rating = r.get("reviewRating") or {}
    if rating.get("@type") != "Rating" or not rating.get("alternateName"):
        problem(where, f"reviewRating {rating} has no alternateName")
    if not absolute(r.get("url")):
        problem(where, "ClaimReview url is not absolute")


def check_home(page):
    where = page["url"]
    sites = of_type(jsonld_of(page["file"], page["url"]), "WebSite")
    if len(sites) != 1:
        problem(where, "expected one WebSite")
        return
    action = sites[0].get("potentialAction") or {}
    target = action.get("target")
    template = target.get("urlTemplate") if isinstance(target, dict) else target
    if action.get("@type") != "SearchAction" or "{search_term_string}" not in str(template):
        problem(where, f"WebSite has no SearchAction with a {{search_term_string}} target: {action}")
    if action.get("query-input") != "required name=search_term_string":
        problem(where, f"SearchAction query-input is {action.get('query-input')!r}")
    if not absolute(str(template)):
        problem(where, f"SearchAction target {template!r} is not absolute")


def check_feed(feed, published_by_url, hero_by_url):
    where = feed["url"]
    with open(feed["file"], "rb") as f:
        raw = f.read()
    d = feedparser.parse(raw, response_headers={"content-type": feed["content_type"], "content-location": feed["url"]})
    if d.bozo:
        problem(where, f"bozo: {d.get('bozo_exception')}")
    if d.version not in ("rss20", "atom10"):
        problem(where, f"unexpected feed version {d.version!r}")
    if not d.entries:
        problem(where, "no entries")
    for e in d.entries:
        link = e.get("link", "")
        if not absolute(link):
            problem(where, f"entry link {link!r} is not absolute")
        if not e.get("published_parsed"):
            problem(where, f"{link}: no publication date")
            continue
        got = dt.datetime(*e.published_parsed[:6], tzinfo=dt.timezone.utc)
        want = published_by_url.get(link)
        if want is not None and got != want.astimezone(dt.timezone.utc):
            problem(where, f"{link}: published {got.isoformat()} but the page says {want.isoformat()}")
        if hero_by_url.get(link):
            media = [m.get("href") or m.get("url") for m in e.get("enclosures", []) + e.get("media_content", [])]
            types = [m.get("type", "") for m in e.get("enclosures", []) + e.get("media_content", [])]
            if not media or not all(absolute(m) for m in media) or not all(t.startswith("image/") for t in types):
                problem(where, f"{link}: hero photo not given as an absolute image enclosure/media:content ({media})")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        manifest = json.load(f)
    published_by_url, hero_by_url = {}, {}
    counts = {}
    for page in manifest["pages"]:
        kind = page["kind"]
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "home":
            check_home(page)
        else:
            p = check_article(page, live=(kind == "live"))
            if kind == "factcheck":
                check_claim_review(page)
            if p is not None:
                published_by_url[page["url"]] = p
            hero_by_url[page["url"]] = bool(page.get("hero_width"))
    for feed in manifest["feeds"]:
        counts["feed"] = counts.get("feed", 0) + 1
        check_feed(feed, published_by_url, hero_by_url)
    print(f"checked {counts} with extruct {extruct.__version__ if hasattr(extruct, '__version__') else ''} and feedparser {feedparser.__version__}")
    for p in problems:
        print(f"PROBLEM {p}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
