"""Saved web pages made for the tests: an article inside the furniture of a news site
(navigation, a cookie notice, a byline, a photo caption, a "Download PDF" link, a
related-articles box, reader comments and a footer), written here, not copied."""

from __future__ import annotations

import html


def saved_page(
    paragraphs: list[str],
    *,
    title: str,
    published: str | None,
    url: str = "https://courier.example/world/story",
    site: str = "The Daily Courier",
) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {site}</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="{site}">{meta}
<link rel="canonical" href="{url}"></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe for $1</a></li></ul></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies</div></header>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By Staff Reporter</p>{body}
<figure><img src="a.jpg"><figcaption>Photo: File photo, Courier archive</figcaption></figure>
<a class="pdf" href="/a.pdf">Download PDF</a></article>
<aside class="related"><h2>Related</h2><ul>
<li><a href="/x">Floods hit the coast as heavy rain continues for a third day</a></li>
<li><a href="/y">Markets rally on strong technology earnings in New York</a></li></ul></aside>
<section id="comments"><h2>Comments</h2><div class="comment">
<p>reader123: Terrible news, the army should have held the city at any cost.</p></div>
</section></main><footer><p>© 2021 The Daily Courier. All rights reserved.</p></footer>
</body></html>"""
