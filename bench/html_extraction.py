"""Main-text extraction from saved news pages: article-word recall, boilerplate leakage and
time per page of sitroom's reader (trafilatura) and of the alternatives.

    .venv/bin/python bench/html_extraction.py [--repeat 3] [--verbose]

The pages are news pages whose article text is known: two from the test suite's builder
(tests/pages.py, a long story and a one-paragraph brief), the demo's page
(samples/sudan-el-fasher-2024-05-12.html) and six templates below in the layouts of real
news sites: the article in <article> with share buttons, an inline "Read more" link and a
newsletter box; nested <div>s ('story-body') with no semantic tags; a live blog of short
dated entries; a short article under a long comments section; a related-stories box with
teasers before the article. All their text is written here for the benchmark and the
events in it are invented.

Per page and extractor, on lower-cased word tokens:

- recall: share of the article's tokens (its paragraphs, as a multiset) in the output;
- precision: share of the output's tokens that are article tokens (the headline, entry
  times, subheadings are neither article nor boilerplate: their runs of words are taken
  out of the output before scoring);
- leakage: share of the page's boilerplate strings (menu items, cookie notice, byline,
  captions and photo credits, "Download PDF", share buttons, related headlines and
  teasers, comments, footer) whose token run appears in the output;
- ms: wall time of one extraction, the fastest of ``--repeat`` runs.

The table gives the means over pages; ``--verbose`` adds a row per page with what leaked.

Extractors: sitroom (``sitroom.read.html.report_from_html``: trafilatura with sitroom's
options, then its clean-up of interface lines); the same trafilatura call without the
clean-up; ``trafilatura.extract`` with its defaults (comments kept); jusText (English stop
list, default thresholds); readability-lxml (``Document.summary``) when installed; and a
naive baseline, every text node of <body> (lxml). Every extractor gets the page's bytes,
as sitroom does; no network.
"""

from __future__ import annotations

import argparse
import functools
import html
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import lxml.html

from sitroom.errors import ReadError
from sitroom.read.html import report_from_html

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "sudan-el-fasher-2024-05-12.html"
sys.path.insert(0, str(REPO / "tests"))
from pages import saved_page  # noqa: E402  (the test suite's page builder)

WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def has_run(haystack: str, needle: str) -> bool:
    """Whether ``needle``'s tokens appear, in a row, among ``haystack``'s."""
    return f" {' '.join(tokens(needle))} " in f" {' '.join(tokens(haystack))} "


@dataclass
class Page:
    name: str
    html: str
    gold: list[str]  # the article's paragraphs
    boilerplate: list[str]  # strings of the site around it
    neutral: list[str] = field(default_factory=list)  # headline, times, subheadings

    def check(self) -> None:
        """Every string is in the page, and no boilerplate string is inside the article,
        the neutral strings or another boilerplate string (a match must be a leak)."""
        body = naive(self.html.encode())
        for text in self.gold + self.boilerplate + self.neutral:
            assert has_run(body, text), (self.name, text)
        article = "\n".join(self.gold + self.neutral)
        for text in self.neutral:
            assert not has_run("\n".join(self.gold), text), (self.name, "neutral", text)
        for text in self.boilerplate:
            assert not has_run(article, text), (self.name, "in the article", text)
            for other in self.boilerplate:
                assert other == text or not has_run(other, text), (self.name, text, other)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def paras(texts: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "\n".join(f"<p{attr}>{esc(t)}</p>" for t in texts)


def links(texts: list[str], href: str = "/story") -> str:
    return "".join(f'<li><a href="{href}/{i}">{esc(t)}</a></li>' for i, t in enumerate(texts))


# -- the test suite's builder and the demo's page ----------------------------------------

# what tests/pages.py puts around every article
COURIER_FURNITURE = [
    "Home",
    "World",
    "Sport",
    "Subscribe for $1",
    "We use cookies to improve your experience. Accept all cookies",
    "By Staff Reporter",
    "Photo: File photo, Courier archive",
    "Download PDF",
    "Related",
    "Floods hit the coast as heavy rain continues for a third day",
    "Markets rally on strong technology earnings in New York",
    "Comments",
    "reader123: Terrible news, the army should have held the city at any cost.",
    "© 2021 The Daily Courier. All rights reserved.",
]


def courier_story() -> Page:
    title = "Ceasefire talks stall as shelling resumes near the river port"
    gold = [
        "ODESA, March 3 — Talks on a local ceasefire stalled on Tuesday after shelling resumed"
        " near the river port of Izmail, two officials involved in the negotiations said.",
        "The officials, who asked not to be named because the talks are confidential, said the"
        " two delegations had failed to agree on where a line of separation should run along"
        " the Danube, and on who would monitor it once the guns fell silent.",
        "A regional governor said three warehouses and a grain silo were damaged overnight and"
        " that one worker was injured. Fire crews needed four hours to put out the blaze, which"
        " sent black smoke drifting over the harbour.",
        "Shipping companies said they would keep loading vessels but warned that insurance"
        " premiums for the route had doubled since January.",
        "Neither side commented publicly on the state of the talks, which began in early"
        " February under the mediation of a neutral envoy.",
    ]
    page = saved_page(gold, title=title, published="2023-03-03T10:00:00Z")
    return Page("courier: story", page, gold, COURIER_FURNITURE, [title])


def courier_brief() -> Page:
    title = "Rebels take a border crossing"
    gold = [
        "BENI, Congo, June 9 — Rebels captured the Kasindi border crossing on Friday after a"
        " day of fighting with the army, a local administrator said by telephone."
    ]
    page = saved_page(gold, title=title, published="2022-06-09T18:30:00Z")
    return Page("courier: brief", page, gold, COURIER_FURNITURE, [title])


def sample_page() -> Page:
    text = SAMPLE.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(text)
    gold = [" ".join(p.text_content().split()) for p in tree.xpath("//article/p[not(@class)]")]
    gold = [p for p in gold if p != "Download PDF"]
    boilerplate = [
        "Home",
        "Africa",
        "Opinion",
        "Newsletters",
        "This site uses cookies. Accept cookies",
        "By Sample Correspondent",
        "Photo: Sample picture agency",
        "Download PDF",
        "Related",
        "Central bank keeps interest rates unchanged for a fourth month",
        "Football: late goal settles the derby in front of a full stadium",
        "Comments",
        "reader_1: Where is the rest of the world while this happens?",
        "© 2024 The Sample Courier. Terms. Privacy.",
    ]
    return Page("samples: el-fasher", text, gold, boilerplate, [tree.findtext(".//h1")])


# -- templates in the layouts of real news sites -----------------------------------------

HEAD = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "world"}});</script>
<style>.nav li {{ display: inline; }} .ad-slot {{ min-height: 250px; }}</style></head>"""


def semantic_article() -> Page:
    """A modern site: <article> with share buttons, a mid-article photo, an inline
    "Read more" link, a newsletter box and topic tags; a "Most read" rail; a long footer."""
    title = "Resistance fighters seize police post on the road to the ruby mines"
    site = "The Northern Ledger"
    gold1 = [
        "Resistance fighters said on Wednesday they had seized a police post on the only paved"
        " road leading north to the ruby mines, after a battle that lasted most of the night.",
        "A spokesman for the local defence force said eleven policemen had surrendered with"
        " their weapons and that two of his fighters were wounded. The claim could not be"
        " independently verified.",
        "The military government did not respond to requests for comment. State television"
        " said security forces had repelled an attack by terrorists and that the situation was"
        " under control.",
    ]
    gold2 = [
        "Residents of two nearby villages said they had fled into the hills when the shooting"
        " started, carrying what they could. A teacher who reached the district town by"
        " motorbike said the road had been closed by soldiers at a checkpoint south of the"
        " post.",
        "Traders said the price of rice in the mining town had risen by a third in a week, as"
        " lorries from the plains were turned back. The mines, which supply much of the"
        " country's gem exports, have been a prize for several armed groups since the coup.",
        "Aid workers warned that the fighting would cut off about forty thousand people from"
        " the district hospital, the only one with a surgeon within a day's drive.",
    ]
    boilerplate = [
        "Skip to main content",
        "The Northern Ledger",
        "News",
        "Politics",
        "Business",
        "Climate",
        "Podcasts",
        "Log in",
        "Share on Facebook",
        "Share on X",
        "Copy link",
        "By Amal Haddad and Tom Price",
        "Published 14 June 2023, 08:12 BST",
        "A lorry waits at a checkpoint outside the district town. Photo: Ledger staff",
        "Read more:",
        "Power cuts spread to three provinces as the heatwave breaks records",
        "Sign up for the Morning Briefing",
        "Our editors pick the stories you need to start your day, every weekday at 7am.",
        "Topics",
        "Most read",
        "Opposition leader freed after two years under house arrest",
        "Why the price of cooking oil keeps climbing in the capital",
        "Heavy monsoon rain floods the old quarter for a second week",
        "About us Careers Advertise Contact Privacy policy Terms of use",
        "© 2023 Northern Ledger Media Ltd",
    ]
    b = boilerplate
    page = (
        HEAD.format(title=title, site=site, published="2023-06-14T07:12:00Z")
        + f"""<body>
<a class="skip" href="#main">{b[0]}</a>
<header class="site-header"><div class="logo"><a href="/">{b[1]}</a></div>
<nav><ul class="nav">{links(b[2:7], "/section")}</ul></nav><a href="/login">{b[7]}</a></header>
<main id="main"><article>
<header><h1>{esc(title)}</h1>
<ul class="share">{links(b[8:11], "/share")}</ul>
<p class="byline">{b[11]}</p><time datetime="2023-06-14T07:12:00Z">{b[12]}</time></header>
<div class="article-body">
{paras(gold1)}
<figure><img src="/img/checkpoint.jpg" alt=""><figcaption>{b[13]}</figcaption></figure>
<p class="read-more"><strong>{b[14]}</strong> <a href="/heat">{b[15]}</a></p>
{paras(gold2[:2])}
<aside class="newsletter"><h3>{b[16]}</h3><p>{b[17]}</p>
<form><input type="email" placeholder="Your email"><button>Sign up</button></form></aside>
{paras(gold2[2:])}
</div>
<footer class="tags"><h4>{b[18]}</h4><ul><li><a href="/t/myanmar">Myanmar</a></li>
<li><a href="/t/conflict">Conflict</a></li></ul></footer>
</article>
<aside class="rail"><h2>{b[19]}</h2><ol>{links(b[20:23])}</ol></aside></main>
<footer class="site-footer"><p>{b[23]}</p><p>{esc(b[24])}</p></footer>
</body></html>"""
    )
    return Page("template: <article>", page, gold1 + gold2, boilerplate, [title])


def story_body() -> Page:
    """An older site: nested <div>s, no <article> or <main>, the story in 'story-body',
    an image caption and an ad slot inside it, a secondary column with teasers."""
    title = "Convoy ambushed on the road to Djibo, army says"
    site = "Continental Broadcasting"
    lede = (
        "Gunmen ambushed a supply convoy on the road to the besieged town of Djibo on Monday,"
        " killing at least fourteen soldiers and civilian drivers, the army said in a statement"
        " late on Tuesday."
    )
    gold = [
        lede,
        "The convoy of about sixty lorries was carrying food and fuel to the town, which has"
        " been cut off by armed groups for more than a year and is supplied mainly by"
        " helicopter.",
        "The statement said soldiers had fought off the attackers and killed a large number of"
        " them, without giving a figure. Several lorries were set on fire and others were"
        " driven away, a driver who escaped told a local radio station.",
        "Residents said food prices in the town had climbed sharply since the last convoy"
        " arrived in early spring. A sack of millet now costs three times what it did.",
        "Humanitarian agencies have repeatedly called for safe passage for supplies. The"
        " regional governor said a second convoy would leave once the road had been secured.",
    ]
    crosshead = "Town under blockade"
    boilerplate = [
        "Continental Broadcasting",
        "Sign in",
        "Weather",
        "Listen",
        "Television",
        "You are here: Africa / Sahel",
        "By Jean-Paul Ouedraogo",
        "West Africa correspondent",
        "Image caption, Lorries set on fire during an earlier attack near the town",
        "GETTY IMAGES",
        "Advertisement",
        "Most popular",
        "Singer's farewell concert sells out in minutes",
        "How a tiny startup plans to bring solar power to rural clinics",
        "Features and analysis",
        "The fishermen who saw their lake disappear",
        "Along the shrinking shore, families that have fished for generations now grow onions"
        " and wonder what their children will do.",
        "Inside the workshop rebuilding the old city's carved doors",
        "Craftsmen are racing to restore hundreds of wooden doors before the rainy season, using"
        " tools their grandfathers left them.",
        "Terms of Use About the Service Privacy Policy Cookies Accessibility Help",
        "Copyright 2022 CB Media Group. We are not responsible for the content of external sites.",
    ]
    b = boilerplate
    page = (
        HEAD.format(title=title, site=site, published="2022-10-11T21:40:00Z")
        + f"""<body>
<div id="page"><div class="site-header"><div class="masthead"><a href="/">{b[0]}</a>
<a class="signin" href="/signin">{b[1]}</a></div>
<ul class="nav">{links(b[2:5], "/section")}</ul></div>
<div class="breadcrumb">{b[5]}</div>
<div class="container"><div class="column--primary"><div class="story-body">
<h1 class="story-body__h1">{esc(title)}</h1>
<div class="byline"><span class="byline__name">{b[6]}</span>
<span class="byline__title">{b[7]}</span></div>
<div class="date" data-datetime="2022-10-11">11 October 2022</div>
<div class="story-body__inner" property="articleBody">
<p class="story-body__introduction">{esc(lede)}</p>
{paras(gold[1:3])}
<h2 class="story-body__crosshead">{crosshead}</h2>
<div class="media-landscape"><img src="/i/lorries.jpg" alt="">
<span class="media-caption">{b[8]}</span><span class="credit">{b[9]}</span></div>
{paras(gold[3:4])}
<div class="ad-slot"><span>{b[10]}</span></div>
{paras(gold[4:])}
</div></div></div>
<div class="column--secondary"><div class="most-popular"><h2>{b[11]}</h2>
<ol>{links(b[12:14])}</ol></div>
<div class="features"><h2>{b[14]}</h2>
<div class="feature"><a href="/f/1"><h3>{b[15]}</h3></a><p>{b[16]}</p></div>
<div class="feature"><a href="/f/2"><h3>{b[17]}</h3></a><p>{b[18]}</p></div></div></div></div>
<div class="footer"><p>{b[19]}</p><p>{b[20]}</p></div></div>
</body></html>"""
    )
    return Page("template: story-body divs", page, gold, boilerplate, [title, crosshead])


def live_blog() -> Page:
    """A live page: short dated entries, newest first, each with a heading, share links and
    'Copy link'; a key-events box linking to them; 'Show more updates'."""
    title = "Live: fighting around the capital's bridges enters a third day"
    site = "Daily Dispatch"
    entries = [
        (
            "15:20",
            "Evacuation of the hospital begins",
            [
                "Staff at the teaching hospital near the eastern bridge began moving patients to a"
                " clinic in the south of the city, a doctor told us. About ninety patients remain.",
            ],
        ),
        (
            "14:05",
            "Paramilitary claims the northern bridge",
            [
                "The paramilitary force said in a statement that its fighters had taken full"
                " control of the northern bridge. The army has not commented.",
                "Witnesses on the west bank said they could see armoured vehicles on the bridge"
                " but could not tell whose they were.",
            ],
        ),
        (
            "12:40",
            "Power cut across several districts",
            [
                "Electricity went off in at least five districts shortly after noon,"
                " residents said.",
            ],
        ),
        (
            "10:15",
            "Army says it repelled an attack at dawn",
            [
                "An army spokesman said soldiers had repelled an attack on the eastern bridge at"
                " dawn and destroyed several pickup trucks mounted with machine guns.",
                "He said the army remained in control of the bridge and of the roads leading to"
                " the airport.",
            ],
        ),
        (
            "08:30",
            "Welcome to our live coverage",
            [
                "Good morning. Heavy gunfire was heard again overnight around the bridges linking"
                " the three parts of the capital. We will bring you the latest as it happens.",
            ],
        ),
    ]
    gold = [p for _, _, ps in entries for p in ps]
    neutral = [title] + [t for t, _, _ in entries] + [h for _, h, _ in entries]
    boilerplate = [
        "Daily Dispatch",
        "Front page",
        "Africa",
        "Video",
        "Newsletters",
        "Auto update",
        "Key events",
        "Share",
        "Copy link",
        "Show 12 more updates",
        "Accept cookies and continue",
        "We and our partners store and access information on your device.",
        "Contact the newsroom Report an error Corrections policy",
    ]
    b = boilerplate
    posts = "\n".join(
        f"""<div class="block" id="p{i}"><div class="block-time"><time datetime="2023-04-17T{t}">
{t}</time></div><h3 class="block-title">{esc(h)}</h3>{paras(ps)}
<div class="block-share"><a href="/s/{i}">{b[7]}</a> <button>{b[8]}</button></div></div>"""
        for i, (t, h, ps) in enumerate(entries)
    )
    page = (
        HEAD.format(title=title, site=site, published="2023-04-17T08:30:00Z")
        + f"""<body>
<div class="consent"><p>{b[11]}</p><button>{b[10]}</button></div>
<header><a class="brand" href="/">{b[0]}</a><nav><ul>{links(b[1:5], "/s")}</ul></nav></header>
<main><h1>{esc(title)}</h1><div class="live-toggle">{b[5]}</div>
<div class="key-events"><h2>{b[6]}</h2><ul>{links([h for _, h, _ in entries[:3]], "#p")}</ul>
</div>
<div class="live-blog">{posts}</div><button class="more">{b[9]}</button></main>
<footer>{b[12]}</footer></body></html>"""
    )
    return Page("template: live blog", page, gold, boilerplate, neutral)


COMMENT_OPENERS = [
    "I have family there and nobody can reach them.",
    "This is the third time this year the same road has been cut.",
    "Why does nobody talk about the drivers who keep these towns alive?",
    "The statement from the ministry says nothing at all.",
    "My cousin drove that route last winter and said it was already dangerous.",
    "Every few months the same story and nothing changes.",
    "Good reporting, but where are the numbers from the aid agencies?",
    "People outside the region have no idea how bad it is.",
]
COMMENT_MIDDLES = [
    "Prices in the market have doubled and the shelves are empty by midday.",
    "Schools have been closed since the rainy season and children sit at home.",
    "Local officials promise escorts but the escorts never come.",
    "The only clinic left open has no fuel for its generator.",
    "Farmers cannot reach their fields because of the mines on the tracks.",
    "The helicopters bring soldiers and ammunition, not flour.",
    "The radio here reports none of this, so thank you for writing it.",
    "Young men leave for the cities or for the gold mines in the desert.",
]
COMMENT_CLOSERS = [
    "I hope someone is listening.",
    "Stay safe everyone.",
    "Shame on all of them.",
    "Pray for peace.",
    "We will see what the government does next.",
    "",
]


def long_comments(rng: random.Random) -> Page:
    """A short article under a comments section five times its length."""
    title = "Second convoy turned back before it reached the lake towns"
    site = "Sahel Observer"
    gold = [
        "A second supply convoy bound for the lake towns turned back on Thursday after its"
        " escort came under fire about twenty kilometres from the first town, officials said, the"
        " latest setback for an effort to reach towns that armed groups have cut off.",
        "The officials said no one was killed but that two escort vehicles were damaged. The"
        " lorries returned to the regional capital and would try again once the road was"
        " cleared.",
        "The towns have received no supplies by road since the spring. Boats that used to cross"
        " the lake with grain stopped running in the summer.",
    ]
    users = ["amina_k", "farouk77", "lakeside", "m.diallo", "observer_22", "kossi", "ruth.b"]
    comments: list[str] = []
    while len(comments) < 30:
        text = " ".join(
            s
            for s in (
                rng.choice(COMMENT_OPENERS),
                rng.choice(COMMENT_MIDDLES),
                rng.choice(COMMENT_CLOSERS),
            )
            if s
        )
        if not any(has_run(c, text) or has_run(text, c) for c in comments):
            comments.append(text)
    boilerplate = [
        "Sahel Observer",
        "Security",
        "Economy",
        "Opinion",
        "By Ibrahim Sow",
        "Download PDF",
        "Print this article",
        "31 comments",
        "Sort by: newest",
        "Reply",
        "Report",
        "Load more comments",
        *comments,
        "© 2024 Observer Media SARL",
    ]
    b = boilerplate
    thread = "\n".join(
        f"""<div class="comment"><div class="comment-head"><span class="author">
{users[i % len(users)]}</span> <span class="ago">{i + 1} hours ago</span></div>
<p class="comment-body">{esc(c)}</p><div class="comment-actions"><a href="#r{i}">{b[9]}</a>
<a href="#f{i}">{b[10]}</a> <span class="likes">{rng.randint(0, 40)}</span></div></div>"""
        for i, c in enumerate(comments)
    )
    page = (
        HEAD.format(title=title, site=site, published="2024-03-21T12:00:00Z")
        + f"""<body>
<header><a href="/">{b[0]}</a><nav><ul>{links(b[1:4], "/c")}</ul></nav></header>
<div class="main"><div class="post"><h1>{esc(title)}</h1><div class="meta">{b[4]}</div>
<div class="entry-content">{paras(gold)}</div>
<div class="tools"><a href="/x.pdf">{b[5]}</a> <a href="#print">{b[6]}</a></div></div>
<div id="comments" class="comments-area"><h3>{b[7]}</h3><div class="sort">{b[8]}</div>
{thread}<button>{b[11]}</button></div></div>
<footer>{esc(b[-1])}</footer></body></html>"""
    )
    return Page("template: long comments", page, gold, boilerplate, [title])


def related_first() -> Page:
    """The related-stories box, with full-sentence teasers, comes before the article in
    the page's source (a left rail), and the article sits in plain <div>s."""
    title = "Floodwater reaches camps for the displaced as dykes give way"
    site = "Gulf Weekly"
    gold = [
        "Floodwater poured into two camps for displaced families on Sunday after dykes along"
        " the river gave way following a week of heavy rain upstream, camp managers said.",
        "They said more than three thousand tents had been damaged and that families were"
        " sheltering in schools and mosques on higher ground. Latrines overflowed in one camp,"
        " raising fears of cholera among the children.",
        "The camps house people who fled fighting in the villages to the west over the past"
        " two years. Many had already moved twice.",
        "A local official said engineers were trying to close the breach with sandbags, but"
        " that the river was still rising and more rain was forecast for the coming days.",
        "Aid groups appealed for clean water, plastic sheeting and medicine, saying their"
        " stocks in the area would run out within a week.",
    ]
    teasers = [
        ("Dam operators warn of record releases",
         "Operators of the upstream dam said they would have to open more spillway gates if"
         " the inflow kept rising, sending more water toward the towns below."),
        ("Cholera cases climb in the southern districts",
         "Health workers have recorded more cases in a fortnight than in the whole of last"
         " year, most of them among children under five."),
        ("Farmers count the cost of a lost harvest",
         "Fields of sorghum ready for harvest were left under a metre of water, and farmers"
         " say they have no seed for next season."),
    ]  # fmt: skip
    boilerplate = [
        "Gulf Weekly",
        "Regional",
        "Markets",
        "Lifestyle",
        "Related coverage",
        *[s for pair in teasers for s in pair],
        "Staff writer",
        "Share this article",
        "Download PDF",
        "Subscribe from $4.99 a month and read without limits",
        "Privacy Cookies Terms Sitemap",
    ]
    b = boilerplate
    rail = "".join(
        f'<li><a href="/r/{i}"><h4>{esc(h)}</h4></a><p class="teaser">{esc(t)}</p></li>'
        for i, (h, t) in enumerate(teasers)
    )
    page = (
        HEAD.format(title=title, site=site, published="2022-09-04T15:00:00Z")
        + f"""<body>
<div class="top"><a href="/">{b[0]}</a><ul class="menu">{links(b[1:4], "/m")}</ul></div>
<div class="wrap"><div class="rail left"><h3>{b[4]}</h3><ul>{rail}</ul></div>
<div class="content"><h1>{esc(title)}</h1>
<div class="meta"><span class="author">{b[11]}</span> <a href="/share">{b[12]}</a></div>
<div class="text">{paras(gold)}</div><a class="pdf" href="/f.pdf">{b[13]}</a>
<div class="promo">{esc(b[14])}</div></div></div>
<div class="bottom">{b[15]}</div></body></html>"""
    )
    return Page("template: related first", page, gold, boilerplate, [title])


def build_pages(seed: int) -> list[Page]:
    rng = random.Random(seed)
    pages = [
        courier_story(),
        courier_brief(),
        sample_page(),
        semantic_article(),
        story_body(),
        live_blog(),
        long_comments(rng),
        related_first(),
    ]
    for page in pages:
        page.check()
    return pages


# -- the extractors --------------------------------------------------------------------


def sitroom_reader(page: bytes) -> str:
    found = report_from_html(page, doc_id="bench", where="bench")
    return "" if isinstance(found, ReadError) else found.text


def sitroom_without_cleanup(page: bytes) -> str:
    """sitroom's own call of trafilatura (same options), its clean-up of interface lines
    and of the repeated headline left out."""
    with mock.patch("sitroom.read.html.clean_article", lambda text, title: text):
        return sitroom_reader(page)


def trafilatura_defaults(page: bytes) -> str:
    import trafilatura

    return trafilatura.extract(page) or ""


@functools.cache
def english_stoplist() -> frozenset[str]:
    import justext

    return justext.get_stoplist("English")


def justext_extract(page: bytes) -> str:
    import justext

    paragraphs = justext.justext(page, english_stoplist())
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def readability_extract(page: bytes) -> str:
    from readability import Document

    return text_of(Document(page).summary(html_partial=True))


def naive(page: bytes) -> str:
    return " ".join(lxml.html.fromstring(page).body.itertext())


def text_of(fragment: str) -> str:
    return " ".join(lxml.html.fromstring(fragment).itertext()) if fragment.strip() else ""


def extractors() -> list[tuple[str, Callable[[bytes], str] | None]]:
    try:
        import readability  # noqa: F401
    except ImportError:
        readable = None
    else:
        readable = readability_extract
    return [
        ("sitroom (trafilatura + clean-up)", sitroom_reader),
        ("trafilatura, sitroom's options", sitroom_without_cleanup),
        ("trafilatura, defaults", trafilatura_defaults),
        ("jusText", justext_extract),
        ("readability-lxml", readable),
        ("naive: text of <body>", naive),
    ]


# -- scoring ---------------------------------------------------------------------------


@dataclass
class Score:
    recall: float
    precision: float
    leakage: float
    ms: float
    leaked: list[str]
    empty: bool


def score(page: Page, output: str, ms: float) -> Score:
    gold = Counter(t for p in page.gold for t in tokens(p))
    words = f" {' '.join(tokens(output))} "
    for text in sorted(page.neutral, key=len, reverse=True):  # neither article nor
        words = words.replace(f" {' '.join(tokens(text))} ", " ")  # boilerplate: dropped
    out = Counter(words.split())
    found = sum((gold & out).values())
    kept = sum(out.values())
    leaked = [b for b in page.boilerplate if has_run(output, b)]
    return Score(
        recall=found / sum(gold.values()),
        precision=found / kept if kept else 1.0,
        leakage=len(leaked) / len(page.boilerplate),
        ms=ms,
        leaked=leaked,
        empty=not output.strip(),
    )


def run(extract: Callable[[bytes], str], page: Page, repeat: int) -> Score:
    data = page.html.encode("utf-8")
    best, output = float("inf"), ""
    for _ in range(repeat):
        started = time.perf_counter()
        output = extract(data)
        best = min(best, time.perf_counter() - started)
    return score(page, output, 1000 * best)


def short(texts: list[str], limit: int = 4) -> str:
    shown = ", ".join(f"'{t[:28]}…'" if len(t) > 28 else f"'{t}'" for t in texts[:limit])
    return shown + (f" +{len(texts) - limit}" if len(texts) > limit else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="Runs per page; the fastest.")
    parser.add_argument("--seed", type=int, default=7, help="Seed of the generated comments.")
    parser.add_argument("--verbose", action="store_true", help="A row per page too.")
    args = parser.parse_args()

    pages = build_pages(args.seed)
    words = sum(len(tokens(p)) for page in pages for p in page.gold)
    print(f"{len(pages)} pages, {words} article words, "
          f"{sum(len(p.boilerplate) for p in pages)} boilerplate strings")  # fmt: skip
    rows: list[str] = []
    details: list[tuple[int, str]] = []
    for name, extract in extractors():
        if extract is None:
            rows.append(f"| {name} | not installed | | | | | |")
            continue
        extract(pages[0].html.encode())  # warm-up: imports, stop lists, caches
        scores = [run(extract, page, args.repeat) for page in pages]
        rows.append(
            f"| {name} | {len(pages)} | {statistics.mean(s.recall for s in scores):.3f} | "
            f"{statistics.mean(s.precision for s in scores):.3f} | "
            f"{statistics.mean(s.leakage for s in scores):.3f} | "
            f"{statistics.mean(s.ms for s in scores):.1f} | {sum(s.empty for s in scores)} |"
        )
        for i, (page, s) in enumerate(zip(pages, scores, strict=True)):
            details.append(
                (
                    i,
                    f"| {page.name} | {name} | {s.recall:.2f} | {s.precision:.2f} | "
                    f"{len(s.leaked)}/{len(page.boilerplate)} | {s.ms:.1f} | {short(s.leaked)} |",
                )
            )
    print("| extractor | pages | recall | precision | leakage | ms/page | no text |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    if args.verbose:
        print()
        print("| page | extractor | recall | precision | leaked | ms | what leaked |")
        print("|---|---|---:|---:|---:|---:|---|")
        print("\n".join(row for _, row in sorted(details, key=lambda d: d[0])))


if __name__ == "__main__":
    main()
