"""The number grammar's tables compiled once from rules/units.toml and
rules/qualifiers.toml: unit words, scales, qualifiers and signs, the generic number + scale
+ unit pattern, currencies and coins, the gaps of a list. `checker.mentions.quantities`'s
`Grammar` adds the constructs to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from checker.mentions.atoms import ENDS, NUM
from checker.mentions.grammar import NOTHING, alt
from checker.mentions.numerals import CHINESE_NUMERAL, FEW
from checker.ruleset import NumberWords, Ruleset

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass
class QuantityRules:
    """Regular expressions and tables compiled once from the rules."""

    rules: Ruleset

    @cached_property
    def units(self) -> dict[str, tuple[str, str]]:
        """Every unit word → (quantity kind, unit)."""
        return self.rules.units.aliases

    @cached_property
    def labels(self) -> set[str]:
        u = self.rules.units
        return {a for e in [*u.currency, *u.classifier] if e.scale_label for a in e.aliases}

    @cached_property
    def scaled_only(self) -> set[str]:
        return {a for m in self.rules.units.measure for a in m.scaled_aliases}

    @cached_property
    def scales(self) -> dict[str, float]:
        return dict(self.rules.units.scales)

    @cached_property
    def bounds(self) -> dict[tuple[str, str], str]:
        return {(w, q.position): q.bound for q in self.rules.qualifiers.qualifier for w in q.words}

    @cached_property
    def signs(self) -> dict[str, int]:
        return {w: c.sign for c in self.rules.qualifiers.change for w in c.words}

    @cached_property
    def number(self) -> NumberWords:
        return self.rules.qualifiers.number

    @cached_property
    def list_gap(self) -> re.Pattern[str]:
        """What stands between a bare number and the next of its list (、, 和 …)."""
        return re.compile(rf"^[^\d{ENDS}]{{0,3}}(?:{alt(self.number.list_joints)})$")

    @cached_property
    def qualifier_gap(self) -> re.Pattern[str]:
        return re.compile(rf"^\s*(?:{alt(self.number.list_joints)})\s*$")

    @cached_property
    def approx_word(self) -> str:
        """A word that makes a figure approximate (约), to read a figure as if it stood there."""
        return min(
            (w for (w, p), b in self.bounds.items() if (p, b) == ("before", "approx")), key=len
        )

    @cached_property
    def list_cues(self) -> list[str]:
        """Words before a list whose qualifiers hold for every item (分别, 先后)."""
        return [*self.rules.claims.respectively, *self.rules.qualifiers.constructs.list_carry.words]

    @cached_property
    def multiplier_modes(self) -> dict[str, str]:
        return {v: m.mode for m in self.rules.qualifiers.multiplier for v in m.verbs}

    @cached_property
    def more_words(self) -> list[str]:
        """The `more` qualifiers (多, 余): they stand inside a number as well as after it."""
        return [w for (w, p), b in self.bounds.items() if (p, b) == ("after", "more")]

    @cached_property
    def after_words(self) -> str:
        """The qualifiers after a number other than the `more` ones."""
        return self.words("after", tuple(self.more_words))

    def words(self, position: str, skip: tuple[str, ...] = ()) -> str:
        return alt([w for (w, p) in self.bounds if p == position and w not in skip])

    def starts(self, *more: str) -> str:
        """A lookahead for the characters a match can begin with: a `before` qualifier's
        first character, a numeral or one of `more`. It changes no match, but lets the
        regex engine skip most positions at C speed instead of trying every qualifier."""
        firsts = (
            {w[0] for (w, p) in self.bounds if p == "before"}
            | set(CHINESE_NUMERAL)
            | set(FEW)
            | set(more)
        )
        return rf"(?=[\d{re.escape(''.join(sorted(firsts)))}])"

    @cached_property
    def generic(self) -> re.Pattern[str]:
        unit, more = alt(list(self.units)), alt(self.more_words)
        # a scale that begins a unit word is the unit's (500千瓦 is 500 kW, not 500千 瓦)
        rest = [a[len(s) :] for a in self.units for s in self.scales if a != s and a.startswith(s)]
        scale = f"(?:{alt(list(self.scales))})(?!{alt(rest)})" if rest else alt(list(self.scales))
        r = self.rules.qualifiers.constructs.range
        sep = alt(r.words)
        held = rf"(?:\s*(?:{alt(r.after)}))?" if r.after else ""  # (含)
        c = self.number.scale_classifier
        classifier = (
            rf"(?:{alt(c.words)}(?=(?:{alt(c.scales)})(?!{alt(c.not_before) or NOTHING})))?"
            if c
            else ""
        )
        return re.compile(
            rf"{self.starts()}(?P<pre>{self.words('before')})?(?P<num>{NUM})(?P<inner>{more})?"
            rf"\s*{classifier}(?P<scale>{scale})?"  # 两个亿
            rf"{held}(?:\s*(?P<sep>{sep})\s*(?P<num2>{NUM})\s*(?P<scale2>{scale})?)?"
            rf"(?P<more>{more})?\s*(?P<unit>{unit})?(?P<more2>{more})?"
            rf"(?:\s*(?P<sep3>{sep})\s*(?P<num3>{NUM})\s*(?P<scale3>{scale})?\s*(?P=unit))?"
            rf"{held}(?P<post>{self.after_words})?"
        )

    @cached_property
    def home_money(self) -> str:
        """The currency a bare 元 is kept in."""
        return self.units.get(self.rules.qualifiers.construct_units.money, ("", ""))[1]

    @cached_property
    def ratio_unit(self) -> str:
        """The unit of a multiple (倍)."""
        return self.rules.qualifiers.construct_units.ratio

    @cached_property
    def foreign_money(self) -> dict[str, str]:
        """Words of every currency but renminbi → the currency (港币 → 港元)."""
        home = self.home_money
        return {a: c.unit for c in self.rules.units.currency if c.unit != home for a in c.aliases}

    @cached_property
    def foreign_before(self) -> re.Pattern[str] | None:
        words = alt(list(self.foreign_money))
        return re.compile(rf"(?:{words})\s*$") if words else None

    @cached_property
    def coins(self) -> re.Pattern[str] | None:
        """元 and 块 followed by smaller coins: 1角1分, 三毛, 六角七分."""
        spoken = self.rules.units.spoken_money
        if spoken is None or not spoken.coins:
            return None
        coin = alt(list(spoken.coins))
        return re.compile(rf"(?:(?P<n1>{NUM})(?P<c1>{coin}))?(?:(?P<n2>{NUM})(?P<c2>{coin}))?")

    def noun_unit_before(self, text: str, at: int) -> tuple[str, str] | None:
        """The kind and unit of the counted noun a name ends in right before `at` (观影人次
        9.36亿, 游客人数达2.3亿), a link word (达, 为) between; None if it ends in none."""
        before = text[max(0, at - 12) : at]
        for link in sorted(self.rules.units.noun_links, key=len, reverse=True):
            if before.endswith(link):
                before = before[: -len(link)]
                break
        nouns = sorted(self.rules.units.noun_unit_map().items(), key=lambda kv: -len(kv[0]))
        for noun, unit in nouns:  # the longest noun the name ends in, whatever the file's order
            if before.endswith(noun):
                return "count", unit
        for word, (kind, unit) in self.units.items():
            if len(word) >= 2 and kind == "count" and before.endswith(word):
                return kind, unit
        return None

    def compound_unit(self, text: str, at: int) -> str | None:
        """A unit of its own the vocabulary does not list, written as a qualifier and a unit
        it does (4210万载重吨, 1860万修正总吨): the shortest run of two to four Han characters
        right after `at` that ends in a unit word of one character. Kept as it is written,
        so it compares only with itself (载重吨 never with 吨 of mass)."""
        run = HAN_RUN.match(text, at)
        if run is None:
            return None
        word = run.group(0)
        for end in range(2, min(len(word), 4) + 1):
            if self.units.get(word[end - 1], ("", ""))[0] and word[end - 1] in self.single_units:
                return word[:end]
        return None

    @cached_property
    def single_units(self) -> frozenset[str]:
        """Unit words of one character that a compound unit may end in (吨, 箱, 米)."""
        return frozenset(w for w in self.units if len(w) == 1 and HAN_RUN.fullmatch(w))

    def noun_unit(self, text: str, at: int, window: int | None = None) -> str | None:
        window = window or self.rules.units.noun_window()
        ahead = text[at : at + window + 4]
        cut = min((ahead.find(c) for c in ENDS if c in ahead), default=len(ahead))
        ahead = ahead[:cut]
        best = None
        for noun, unit in self.rules.units.noun_unit_map().items():
            pos = ahead.find(noun)
            if 0 <= pos <= window and (best is None or pos < best[0]):
                best = (pos, unit)
        return best[1] if best else None
