"""English page furniture: what on a page is the site talking, not the article.

Site names and section labels in titles ("… - Luxurious Magazine", "Leader spotlight: …") are no
sources, and promo lines ("Read more …", "Sign up for our newsletter", "Follow them on GitHub")
are not article text.  The page parser and the English title rules read these lists; other
languages keep theirs in modules of their own beside this one.
"""

from __future__ import annotations

#: Last words of a site or publication name: a title "… - Luxurious Magazine" names the site, not a source.
SITE_WORDS: frozenset[str] = frozenset(
    """
    magazine news times post journal blog online daily weekly digest herald tribune gazette telegraph
    guardian wire media tv radio network commons wiki press review today live reporter observer
    insider chronicle examiner standard mirror sun express independent economist monthly quarterly
    site website portal hub dot com
    """.split()
)

#: Section labels before a colon in a title ("Leader spotlight: …", "EastEnders Spoilers: …").
#: Not "Poll": a poll is a source ("Poll: Clinton leads").
SECTION_LABELS: frozenset[str] = frozenset(
    """
    spotlight interview review opinion analysis update updates watch exclusive breaking live video
    videos photos photo gallery podcast explainer recap editorial letters obituary spoilers facts
    guide tips recipe recipes quiz preview roundup briefing newsletter sponsored advertisement
    feature profile column comment essay q&a faq
    """.split()
)

#: Lines that are page furniture, not article text: teasers, "read more", newsletter and social prompts.
#: Each is a regular expression matched (case-insensitively) at the start of a line.
FURNITURE_LINES: tuple[str, ...] = (
    r"read (?:more|also|next|the full)\b",
    r"also read\b",
    r"see also\b",
    r"more (?:on this|from|stories|news)\b",
    r"related(?: articles?| stories| posts| coverage)?\s*:",
    r"recommended(?: for you)?\b",
    r"you (?:may|might) also (?:like|enjoy)\b",
    r"don[’']t miss\b",
    r"(?:click|tap) here\b",
    r"continue reading\b",
    r"subscribe\b",
    r"sign up\b",
    r"(?:get|join) (?:our|the) (?:\w+ )?newsletter\b",
    r"follow (?:us|me|them|him|her|@)",
    r"like us on\b",
    r"join us on\b",
    r"share (?:this|on)\b",
    r"want to (?:know|learn|read|hear|see) more\b",
    r"download (?:our|the) app\b",
    r"advertisement\b",
    r"this (?:article|story|post) (?:was|first) (?:originally )?(?:published|appeared)\b",
    r"all rights reserved\b",
    r"(?:©|\(c\)|copyright)\s",
)

#: A social prompt anywhere in a short line: "… ? Follow them on GitHub".
SOCIAL_PROMPT: str = (
    r"\b(?:follow|find|like|join|friend) (?:us|me|them|him|her) on "
    r"(?:twitter|facebook|github|instagram|linkedin|youtube|tiktok|x|mastodon|bluesky|threads)\b"
)
