"""Resolve the dates a sentence states against the article's publication date.

News dates events relative to the day it is published: "last February" in an
article of 2023-02-16 is 2022-02, "February 24" next to it is 2022-02-24 (the
latest February 24 not after publication), "on Wednesday" is the Wednesday
before. A date we cannot place stays ``None``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
#: Patterns, most specific first; each yields (kind, match).
PATTERNS = [
    ("day_month_year", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("day_month_year", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("month_year", re.compile(rf"\b{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s*(?:19|20)\d\d)", re.IGNORECASE)),
    ("last_month", re.compile(rf"\blast\s+{_MONTH}\b", re.IGNORECASE)),
    ("in_month", re.compile(rf"\b(?:in|since|during|early|late|mid-?)\s+{_MONTH}\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+|this\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)),
    ("relative_day", re.compile(r"\b(?P<rel>yesterday|today|tonight|overnight|this morning|this evening)\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:in|since|during|of)\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)),
]


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        parts = [int(p) for p in published[:10].split("-")]
        return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 28)
    except (ValueError, IndexError):
        return None


def _latest(month: int, day: int | None, pub: date, strictly_before_month: bool = False) -> tuple[int, int]:
    """The year of the latest (month, day) not after the publication date."""
    year = pub.year
    if strictly_before_month:
        if month >= pub.month:
            year -= 1
    elif (month, day or 1) > (pub.month, pub.day):
        year -= 1
    return year, month


def resolve_date(sentence: str, published: str | None) -> str | None:
    """The most specific date the sentence states, as "YYYY-MM-DD", "YYYY-MM" or "YYYY"."""
    pub = _parse_published(published)
    for kind, pattern in PATTERNS:
        match = pattern.search(sentence)
        if not match:
            continue
        groups = match.groupdict()
        month = MONTHS.get((groups.get("month") or "").lower().rstrip("."))
        try:
            if kind == "day_month_year":
                return date(int(groups["year"]), month, int(groups["day"])).isoformat()
            if kind == "month_year":
                return f"{int(groups['year']):04d}-{month:02d}"
            if kind == "year":
                return groups["year"]
            if pub is None:
                continue
            if kind == "day_month":
                year, _ = _latest(month, int(groups["day"]), pub)
                return date(year, month, int(groups["day"])).isoformat()
            if kind == "last_month":
                year, _ = _latest(month, None, pub, strictly_before_month=True)
                return f"{year:04d}-{month:02d}"
            if kind == "in_month":
                year, _ = _latest(month, None, pub)
                return f"{year:04d}-{month:02d}"
            if kind == "weekday" and len(published or "") >= 10:
                back = (pub.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
                return (pub - timedelta(days=back)).isoformat()
            if kind == "relative_day" and len(published or "") >= 10:
                shift = 1 if groups["rel"].lower() == "yesterday" else 0
                return (pub - timedelta(days=shift)).isoformat()
        except (ValueError, TypeError):
            continue
    return None
