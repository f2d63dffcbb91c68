"""What earlier sentences of an article settle for a later one: the border, the crossing, who acts.

"The crossing was closed on Friday" names no crossing: it is the one the
article named last (or the one it is about). "The border" is the border the
sentence's own countries name, else the one named last, else the article's.
"They crossed into the country" acts by the last actor. Datelines and
bylines ("SHEHYNI, Ukraine —", "WARSAW (Reuters) -") are never actors or
places of an event: they say where the reporter was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bordermap.geo.article import Article
from bordermap.layers.context import ArticleContext, article_context
from bordermap.layers.roles import Role

#: A paragraph's opening place in capitals (or a title-case place and a news agency) before a dash: a dateline.
_DATELINE = re.compile(r"(?m)^[ \t]*(?:[A-Z][A-Z'’.\- ]{2,}|[A-Z][\w'’.\- ]{2,40}?(?=\s*\([A-Z]))"
                       r"(?:[,/][ \t]*[A-Z][\w'’.\- ]{1,40})*[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:—|–|-|:)")


def datelines(text: str) -> list[tuple[int, int]]:
    """The character spans of the article's datelines."""
    return [(m.start(), m.end()) for m in _DATELINE.finditer(text) if not m.group(0).strip().endswith(":") or
            m.group(0).isupper()]


@dataclass
class Discourse:
    """The article's context (its site, border, local place) and what the sentences read so far named."""

    context: ArticleContext
    excluded: list[tuple[int, int]] = field(default_factory=list)
    last_crossing: Role | None = None
    last_sides: tuple[str, ...] = ()
    last_actor: str | None = None
    last_actor_country: Role | None = None
    last_dated: str | None = None  # the date of the last dated movement or strike ("the assault" refers to it)
    last_arrival: Role | None = None  # where the last arrival arrived: "arriving at Burlington ... a bus arrived from"
    countries: dict[str, Role] = field(default_factory=dict)  # the article's first reference to each country

    def country(self, code: str | None) -> Role | None:
        """A country the article names (or implies with a demonym), as a role."""
        return self.countries.get(code) if code else None

    def crossing(self, sides: tuple[str, ...] = ()) -> Role | None:
        """The crossing "the crossing" means: the last one named, else the article's, on the sentence's border."""
        for role in (self.last_crossing, self.context.site):
            if role is not None and (len(sides) < 2 or role.country in sides or _on_pair(role, sides)):
                return role
        return None

    def border(self, sides: tuple[str, ...]) -> tuple[str, ...]:
        """The two sides "the border" means, completed from the sentence's own countries, the last border
        named and the article's border."""
        if len(sides) >= 2:
            return tuple(sides[:2])
        for pair in (self.last_sides, tuple(self.context.border)):
            if len(pair) == 2 and (not sides or sides[0] in pair):
                return pair
        return tuple(sides)

    def remember(self, crossing: Role | None = None, sides: tuple[str, ...] = (), actor: str | None = None,
                 actor_country: Role | None = None) -> None:
        if crossing is not None:
            self.last_crossing = crossing
        if len(sides) == 2:
            self.last_sides = tuple(sides)
        if actor:
            self.last_actor, self.last_actor_country = actor, actor_country


def _on_pair(role: Role, sides: tuple[str, ...]) -> bool:
    return bool(set(role.place.sides) & set(sides))


def start(article: Article) -> Discourse:
    countries: dict[str, Role] = {}
    references = [Role(m.text, m.place, m.start, m.end) for m in article.places if m.place.kind == "country"]
    references += [Role(d.text, d.place, d.start, d.end) for d in article.demonyms if d.place is not None]
    for role in sorted(references, key=lambda r: r.start):
        countries.setdefault(role.country, role)
    return Discourse(context=article_context(article), excluded=datelines(article.text), countries=countries)
