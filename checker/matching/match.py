"""Matching claims across documents: block, then compare in ordered, labelled levels.

Claims are blocked by subject and dimension (kind and unit), so only claims about the
same thing in the same unit are ever compared. Inside a block a pair is compared in
levels, first that holds wins: `metric id` (the same registry metric) → `metric alias`
(the same metric text) → `fuzzy metric` → no match. A claim flagged `bare-metric` (a rate
with no base) matches nothing. Open-world names compare by their parts (`NameParts`): the
operator after "·" must be the same (营收·增长率 never matches 营收·占比), then the bases
compare as a head noun (the last word, with synonyms from rules/checks.toml
[metric_names]: 进口额 = 进口金额) and a set of modifier words in any order (汽车整车出口 ~
出口汽车); names whose words are a subset of the other's match at a lower similarity;
failing both, rapidfuzz over jieba tokens with a length-aware threshold. The periods are
then related (same, overlapping, different, implied) and the values compared as
intervals.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

import jieba
from rapidfuzz import fuzz

from checker.matching.aliases import Aliases
from checker.matching.disjoint import DisjointSets
from checker.matching.identity import NARROWER, Identity, NameParts, Relation
from checker.matching.periods import IMPLIED, SAME_TIME, date_of, month_number, period_relation
from checker.matching.values import (
    compared_interval,
    exact_figure,
    relative_gap,
    significant_digits,
)
from checker.models import Claim
from checker.ruleset import Ruleset, UnitsFile

# what other modules take from here (the period relations are checker.matching.periods)
__all__ = ["IMPLIED", "SAME_TIME", "Match", "Matcher"]

OPERATOR_KINDS = {"percent", "fraction", "ratio", "rank"}  # what a rate or a share can be
CHAIN_WINDOW = 8  # how far back in value order a claim looks for one whose metric matches


@dataclass(frozen=True)
class Match:
    level: str  # "metric id" | "metric alias" | "same structure" | "corpus alias" |
    # "fuzzy metric" | "event" | "same figure" | "none"
    similarity: float  # 0-1
    period: str  # same | overlapping | different | implied-close | implied-far
    agree: bool  # the value intervals overlap
    gap: float  # relative gap between the intervals (0 when they overlap)
    via: str = ""  # what matched the metrics, where the corpus did (a shared figure)


NEAR = "a narrower wording with a figure this close"
NEAR_KINDS = ("amount", "count")


class Matcher:
    def __init__(
        self,
        rules: Ruleset,
        doc_dates: dict[str, str | None],
        dictionary: jieba.Tokenizer | None = None,
    ) -> None:
        self.rules = rules
        self._dictionary = dictionary  # a loaded plain tokenizer (else one is loaded when needed)
        self.settings = rules.checks.matching
        self.doc_dates = doc_dates
        self._tolerance = {m.id: m.tolerance for m in rules.metrics.metric}
        self._comparable: dict[str, tuple[float, float]] = {}  # by claim id: computed once
        self.identity = Identity(rules, dictionary)
        self._subject_types = {e.id: e.type for e in rules.entities.entity}
        self._operators = {m.id: m.name for m in rules.metrics.metric if m.operator}
        # a rate or a share over a quarter is not over its year, whatever its base holds
        self._flows = {m.id: m.flow or m.operator for m in rules.metrics.metric}
        self.aliases: Aliases | None = None  # aliases the corpus shows (see `learn`)
        self._keys: dict[str, tuple[object, ...]] = {}  # by claim id: computed once
        # the groups of representatives at one metric and time of each block matched, by the
        # id of the block's first claim (the checks of that block take them)
        self.time_groups: dict[str, list[list[Claim]]] = {}

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        return self.identity.tokenizer

    def learn(self, claims: Iterable[Claim]) -> Aliases:
        """Learn the metric aliases `claims` show (see `Aliases`) and match through them."""
        self.aliases = Aliases.induce(claims, self)
        return self.aliases

    # ---- blocking -------------------------------------------------------------------

    @staticmethod
    def block_key(c: Claim, units: UnitsFile | None = None) -> tuple[str, str, str] | None:
        """Subject × dimension; a fraction compares with a percent (三分之二 ~ 66.7%), and
        classifiers that rules/units.toml declares comparable share a block (台, 套)."""
        if c.subject is None:
            return None
        subject = c.subject.id or c.subject.name
        if c.kind == "fraction":
            return subject, "percent", "%"
        alone = units.per_head_unit(c.unit) if units else None
        if alone is not None:  # 件/人: as 件, the name says per head (人均快递量)
            return subject, alone[0], units.unit_class(alone[1]) if units else alone[1]
        return subject, c.kind, units.unit_class(c.unit) if units else c.unit

    def blocks(self, claims: Iterable[Claim]) -> dict[tuple[str, str, str], list[Claim]]:
        out: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
        for c in claims:
            key = self.block_key(c, self.rules.units)
            if key is not None and c.kind != "magnitude":
                out[key].append(c)
        return out

    def key(self, c: Claim) -> tuple[object, ...]:
        """Claims with equal keys say the same thing: same metric, time and value."""
        known = self._keys.get(c.id)
        if known is None:
            known = self._keys[c.id] = self._key(c)
        return known

    def _key(self, c: Claim) -> tuple[object, ...]:
        if c.period.kind in ("unstated", "implied", "current"):
            when: object = ("implied", self.doc_dates.get(c.doc))
        else:
            when = c.period.label
        return (
            c.metric.id or c.metric.name,
            when,
            self.comparable(c),
            c.value.lo_open,
            c.value.hi_open,
        )

    def block_matches(
        self, block: list[Claim]
    ) -> tuple[list[tuple[Claim, Claim, Match]], list[list[Claim]]]:
        """Matches inside one block, in time linear in its distinct statements (after
        sorting). Identical statements form one class, compared through its first claim.
        Representatives are grouped by metric (registry id or text; fuzzy-similar names
        join), then by time (periods that count as the same time join); inside such a
        group a chain in value order links each claim to the nearest one before it whose
        metric matches its own (names may join a group only through a third), and each
        claim is also linked to the widest interval before it, so agreeing claims stay
        connected.
        Different times are linked through their lowest and highest values. Returns the
        matches between representatives and the classes (representative first); the
        groups of representatives at one metric and time are kept in `time_groups`, under
        the id of the block's first claim."""
        same: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
        for c in block:
            same[self.key(c)].append(c)
        classes = list(same.values())
        out: list[tuple[Claim, Claim, Match]] = []
        found: list[list[Claim]] = []
        if block:
            self.time_groups[block[0].id] = found
        for group in self._metric_groups([members[0] for members in classes]):
            times = self._time_groups(group)
            found += [reps for reps in times if len(reps) > 1]
            for reps in times:
                out += self._chain(reps)
            for i, a in enumerate(times):
                for b in times[i + 1 :]:
                    out += self._across(a, b)
        out += self._same_figures([members[0] for members in classes])
        return out, classes

    def _same_figures(self, reps: list[Claim]) -> list[tuple[Claim, Claim, Match]]:
        """Precise figures (an exact value of at least `same_figure_digits` significant
        digits) that are equal, at one time, in one block, whatever their metric names say
        (零售 and 全年新能源乘用车零售 1280.9万辆): level `same figure`. They always agree, so
        they corroborate but never conflict."""
        digits = self.settings.same_figure_digits
        by_value: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
        for c in reps:
            figure = self.figure(c, digits) if digits else None
            if figure is not None:
                by_value[figure].append(c)
        out = []
        for same in by_value.values():
            ordered = sorted(same, key=lambda c: c.id)
            for a, b in pairwise(ordered):
                r = self.relation(a, b)
                if r.level == "none" and not r.apart:
                    period = self.period_relation(a, b)
                    if period in SAME_TIME:
                        out.append((a, b, Match("same figure", 0.0, period, True, 0.0)))
        return out

    def _metric_groups(self, reps: list[Claim]) -> list[list[Claim]]:
        by_metric: dict[str, list[Claim]] = defaultdict(list)
        for c in reps:
            by_metric[c.metric.id or f"~{c.metric.name}"].append(c)
        keys = sorted(by_metric)
        heads = [by_metric[k][0] for k in keys]
        sets: DisjointSets[int] = DisjointSets()
        for i, j in self._candidate_pairs(heads):  # only names that can be similar at all
            if sets.find(i) != sets.find(j) and self.metric_level(heads[i], heads[j])[0] != "none":
                sets.union(j, i)
        for i, j in self._figure_pairs([by_metric[k] for k in keys]):
            sets.union(j, i)
        return _grouped([by_metric[k] for k in keys], sets)

    def _figure_pairs(self, members: list[list[Claim]]) -> Iterator[tuple[int, int]]:
        """Metrics (by index) that state one precise figure at one stated time: `_same_figures`
        links such claims whatever their names, so they must share a group."""
        digits = self.settings.same_figure_digits
        if not digits:
            return
        first: dict[tuple[object, ...], int] = {}
        for i, claims in enumerate(members):
            for c in claims:
                figure = self.figure(c, digits)
                if figure is None:
                    continue
                j = first.setdefault(figure, i)
                if j != i:
                    yield j, i

    @staticmethod
    def figure(c: Claim, digits: int) -> tuple[object, ...] | None:
        v = c.value
        if c.period.kind in IMPLIED or v.lo is None or v.lo != v.hi:
            return None
        if significant_digits(v.text) < digits:
            return None
        return c.period.label, v.lo, v.lo_open, v.hi_open

    def _candidate_pairs(self, heads: list[Claim]) -> list[tuple[int, int]]:
        """Pairs (i < j) of metric names that can match at any level; every other pair is
        certainly "none", so the distinct names of a block are never compared all against
        all. Equal names pair up directly. Fuzzy (and event) similarity is rapidfuzz's
        ratio over jieba words: 200·LCS / (|x| + |y|) ≥ c needs each name to share at least
        c / (2 − c) of its characters with the other, so by the prefix filter of
        set-similarity joins two names are candidates only when the first few of their
        characters, rarest first, meet. Event names (dates) also pair when they share a
        word, since `token_set_ratio` scores shared words."""
        settings = self.settings
        floor = min(settings.min_metric_similarity, settings.event_min_similarity) / 100
        share = floor / (2 - floor)
        pairs: set[tuple[int, int]] = set()
        by_name: dict[str, list[int]] = defaultdict(list)
        words: dict[int, list[str]] = {}
        for i, c in enumerate(heads):
            if c.metric.name:
                by_name[c.metric.name].append(i)
                words[i] = self._words(c.metric.name).split()
        for same in by_name.values():
            pairs.update((a, b) for n, a in enumerate(same) for b in same[n + 1 :])
        elements = {i: _occurrences(" ".join(w)) for i, w in words.items()}
        rarity = Counter(e for es in elements.values() for e in es)
        index: dict[tuple[str, int], list[int]] = defaultdict(list)
        for i, es in elements.items():
            ranked = sorted(es, key=lambda e: (rarity[e], e))
            prefix = ranked[: len(ranked) - max(1, int(share * len(ranked))) + 1]
            for e in prefix:
                pairs.update((j, i) for j in index[e])
                index[e].append(i)
        pairs.update(self._subset_pairs(heads))
        pairs.update(self._market_pairs(heads))
        pairs.update(self._alias_pairs(heads))
        things: dict[str, list[int]] = defaultdict(list)  # 算力中心机架规模, 在用机架数
        for i, c in enumerate(heads):
            thing = self.identity.counted_thing(c.metric.name) if c.metric.name else ""
            if thing:
                pairs.update((j, i) for j in things[thing])
                things[thing].append(i)
        events: dict[str, list[int]] = defaultdict(list)
        for i, w in words.items():
            if heads[i].kind == "date":
                for word in set(w):
                    pairs.update((j, i) for j in events[word])
                    events[word].append(i)
        return sorted(pairs)

    def _alias_pairs(self, heads: list[Claim]) -> set[tuple[int, int]]:
        """Pairs (i < j) of names the corpus shows to be aliases (see `learn`)."""
        if not self.aliases or not self.aliases.pairs:
            return set()
        where: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(heads):
            where[c.metric.name].append(i)
        out: set[tuple[int, int]] = set()
        for na, nb in self.aliases.pairs:
            for i in where.get(na, ()):
                out.update((min(i, j), max(i, j)) for j in where.get(nb, ()) if i != j)
        return out

    def _market_pairs(self, heads: list[Claim]) -> set[tuple[int, int]]:
        """Pairs (i < j) of a company's shares of its market, however they are named (份额,
        智能手机出货量·占比): `_market_share` matches them, their names need not be alike."""
        names = self.identity.names
        shares = [
            i
            for i, c in enumerate(heads)
            if c.subject is not None
            and self._subject_types.get(c.subject.id or "") in names.market_share_subjects
            and (
                self._bare_operator(c) in names.market_share_operators
                or (c.kind == "rank" and self._ranks_market(c))
            )
        ]
        return {(a, b) for n, a in enumerate(shares) for b in shares[n + 1 :]}

    def _subset_pairs(self, heads: list[Claim]) -> set[tuple[int, int]]:
        """Pairs (i < j) whose names' word sets can be equal or one inside the other (see
        `_fuzzy`): each word of the smaller is in the larger's text, so each name is paired
        with the names whose text holds its own rarest word, with the same operator."""
        parts = {i: self.name_parts(c.metric.name) for i, c in enumerate(heads)}
        index: dict[tuple[str, str], list[int]] = defaultdict(list)  # by each piece of text
        for i, p in parts.items():
            if p is not None and heads[i].kind != "date" and not heads[i].metric.id:
                t = p.text
                pieces = {t[a:b] for a in range(len(t)) for b in range(a + 1, len(t) + 1)}
                for piece in pieces:
                    index[(p.operator, piece)].append(i)
        out: set[tuple[int, int]] = set()
        by_head: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, p in parts.items():
            if p is not None and heads[i].kind != "date":
                by_head[(p.operator, p.head)].append(i)
        for i, p in parts.items():  # a head alone (销量) pairs with every name of its head
            if p is not None and not p.words and p.head and heads[i].kind != "date":
                out.update((min(i, j), max(i, j)) for j in by_head[(p.operator, p.head)] if j != i)
        for i, p in parts.items():
            if p is None or heads[i].kind == "date":
                continue
            # an open name pairs with those whose text holds its rarest word; a registry
            # metric's claim with the open names that hold the rarest word of its written
            # name or of any of the metric's own names (open names equal to one of them)
            named = [p] + [self.name_parts(n) for n in self._registry_names(heads[i])]
            for q in named:
                if q is None or not q.words:
                    continue
                keys = [(q.operator, w) for w in q.words]
                rarest = min(keys, key=lambda k: (len(index[k]), k))
                out.update((min(i, j), max(i, j)) for j in index[rarest] if j != i)
        return out

    def _registry_names(self, c: Claim) -> tuple[str, ...]:
        return self.identity.registry_names(c.metric.id) if c.metric.id else ()

    def _time_groups(self, reps: list[Claim]) -> list[list[Claim]]:
        by_time: dict[object, list[Claim]] = defaultdict(list)
        for c in reps:
            by_time[self.key(c)[1]].append(c)
        members = list(by_time.values())
        sets: DisjointSets[int] = DisjointSets()
        for i, j in self._same_time_pairs([m[0] for m in members]):
            sets.union(j, i)
        return _grouped(members, sets)

    def _same_time_pairs(self, heads: list[Claim]) -> Iterator[tuple[int, int]]:
        """Pairs of distinct times that count as the same time, enough of them to give the
        components that comparing all pairs with `period_relation` gives, without doing so.
        A pair with an implied time (the document's date) is close when their months are
        within `implied_close_months`: a sweep over times sorted by month links each
        implied time's whole window as a run of neighbours. Stated times (calendar labels,
        few) are compared pair by pair."""
        n = len(heads)
        kinds = {h.kind for h in heads}
        if kinds <= {"date", "streak"}:  # `period_relation` calls all their times the same
            yield from ((0, j) for j in range(1, n))
            return
        if kinds & {"date", "streak"}:  # mixed with other kinds (no block is): every pair
            yield from (
                (i, j)
                for i in range(n)
                for j in range(i + 1, n)
                if self.period_relation(heads[i], heads[j]) in SAME_TIME
            )
            return
        implied = [i for i, h in enumerate(heads) if h.period.kind in IMPLIED]
        stated = [i for i, h in enumerate(heads) if h.period.kind not in IMPLIED]
        for x, i in enumerate(stated):
            for j in stated[x + 1 :]:
                if self.period_relation(heads[i], heads[j]) in SAME_TIME:
                    yield i, j
        if not implied:
            return
        months = {i: month_number(date_of(h, self.doc_dates)) for i, h in enumerate(heads)}
        if any(months[i] is None for i in implied):  # close to every time
            yield from ((0, j) for j in range(1, n))
            return
        for s in stated:
            if months[s] is None:  # close to every implied time
                yield from ((s, i) for i in implied)
        order = sorted((m, i) for i, m in months.items() if m is not None)
        values = [m for m, _ in order]
        linked = list(
            range(len(order) + 1)
        )  # linked[p]: first position from p not yet joined to the next

        def open_from(p: int) -> int:
            while linked[p] != p:
                linked[p] = linked[linked[p]]
                p = linked[p]
            return p

        window = self.settings.implied_close_months
        for i in implied:
            lo = bisect.bisect_left(values, months[i] - window)  # type: ignore[operator]
            hi = bisect.bisect_right(values, months[i] + window)  # type: ignore[operator]
            p = open_from(lo)  # i's own position is in [lo, hi): linking the run links i
            while p < hi - 1:
                yield order[p][1], order[p + 1][1]
                linked[p] = p + 1
                p = open_from(p + 1)

    def _chain(self, reps: list[Claim]) -> list[tuple[Claim, Claim, Match]]:
        ordered = sorted((self.comparable(c), c.id, c) for c in reps)
        out = []
        for n, (_, _, cur) in enumerate(ordered):
            # the nearest claim before it whose metric matches its own: names in one group
            # may be linked only through others (零售 ~ 家电零售, 零售 ~ 汽车零售)
            for _, _, prev in reversed(ordered[max(0, n - CHAIN_WINDOW) : n]):
                pair = self._pair(prev, cur)
                if pair[2].level != "none":
                    out.append(pair)
                    break
        widest: tuple[tuple[float, float], Claim] | None = (
            None  # the interval reaching highest so far
        )
        for interval, _, c in ordered:
            if widest is not None and widest[1] is not c and widest[0][1] >= interval[0]:
                out.append(self._pair(widest[1], c))
            if widest is None or interval[1] > widest[0][1]:
                widest = interval, c
        return [m for m in out if m[2].level != "none"]

    def _across(self, a: list[Claim], b: list[Claim]) -> list[tuple[Claim, Claim, Match]]:
        ends_a = [min(a, key=self.comparable), max(a, key=lambda c: self.comparable(c)[1])]
        ends_b = [min(b, key=self.comparable), max(b, key=lambda c: self.comparable(c)[1])]
        out = [self._pair(x, y) for x in ends_a for y in ends_b]
        return [m for m in out if m[2].level != "none"]

    def _pair(self, a: Claim, b: Claim) -> tuple[Claim, Claim, Match]:
        return a, b, self.compare(a, b)

    # ---- comparing ------------------------------------------------------------------

    def compare(self, a: Claim, b: Claim) -> Match:
        r = self.relation(a, b)
        if r.level == "none":
            return Match("none", r.similarity, "different", False, 0.0)
        period = self.period_relation(a, b)
        agree, gap = self.values(a, b)
        via = r.reason if r.level == "corpus alias" else ""
        if not agree:
            r = self.near_figure(a, b, r)
        return Match(r.level, r.similarity, period, agree, gap, NEAR if r.reason == NEAR else via)

    def near_figure(self, a: Claim, b: Claim, r: Relation) -> Relation:
        """`r`, or `near figure` for a narrower wording of a name whose amount or count is
        close to the name's (`narrower_near_gap`: 移动游戏收入 2615.8亿 against 移动游戏销售收入
        2561.4亿): one measure misstated more often than two; two scopes (汽车出口, 新能源汽车
        出口) rarely differ by so little, and a bound (突破1万亿) says too little of how close."""
        near = self.settings.narrower_near_gap
        if r.reason != NARROWER or not near or a.kind not in NEAR_KINDS or b.kind != a.kind:
            return r
        if not (exact_figure(a) and exact_figure(b)) or not 0 < self.gap(a, b) <= near:
            return r
        return Relation("near figure", 1.0, NEAR)

    def metric_level(self, a: Claim, b: Claim) -> tuple[str, float]:
        r = self.relation(a, b)
        return r.level, r.similarity

    def relation(self, a: Claim, b: Claim) -> Relation:
        """How the metrics of `a` and `b` relate (see `checker.matching.identity`)."""
        market = self._market_share(a, b)
        if market is not None:
            return market
        if "bare-metric" in a.flags or "bare-metric" in b.flags:
            return Relation("none", 0.0, "a rate or share of nothing named")
        if self._misnamed(a) or self._misnamed(b):
            return Relation("none", 0.0, "a rate's or a share's name on a figure that is neither")
        na, nb = a.metric.name, b.metric.name
        if not (a.metric.id and a.metric.id == b.metric.id) and (not na or not nb):
            return Relation("none", 0.0, "an unnamed metric")
        if a.kind == "date":
            level, similarity = self._event(na, nb)
            return Relation(level, similarity, "the events' words")
        r = self.identity.relate(na, nb, a.metric.id, b.metric.id)
        if r.level in ("fuzzy metric", "none") and self.aliases is not None:
            via = self.aliases.via(a, b)
            if via:
                return Relation("corpus alias", 1.0, via)
        return r

    def _market_share(self, a: Claim, b: Claim) -> Relation | None:
        """Two shares of nothing named (份额, 市场·占比), both of one company: its share of
        its market (rules/checks.toml [metric_names] market_share_subjects)."""
        subject = a.subject.id if a.subject else None
        if not subject or subject != (b.subject.id if b.subject else None):
            return None
        if self._subject_types.get(subject) not in self.identity.names.market_share_subjects:
            return None
        if a.kind == b.kind == "rank" and self._ranks_market(a) and self._ranks_market(b):
            return Relation("same structure", 1.0, "a company's rank in its market")
        operators = {self._bare_operator(a), self._bare_operator(b)}
        if len(operators) != 1 or not operators <= set(self.identity.names.market_share_operators):
            return None
        return Relation("same structure", 1.0, "a company's share of nothing named: of its market")

    def _ranks_market(self, c: Claim) -> bool:
        """A rank by the company's market share, by what its market ships or sells (出货量),
        or by nothing named (排第四): its rank in its market."""
        names = self.identity.names
        if self._bare_operator(c) in names.market_share_operators:
            return True
        name = c.metric.name
        if c.metric.id or "·" in name:
            return False
        parts = self.identity.parts(name) if name else None
        return parts is None or not parts.known or name.endswith(tuple(names.market_share_bases))

    def _misnamed(self, c: Claim) -> bool:
        """A claim named by an operator alone (增长率) whose figure is no rate or share
        (886.66GW): the sentence's change word was taken for its name."""
        return c.metric.id in self._operators and c.kind not in OPERATOR_KINDS

    def _bare_operator(self, c: Claim) -> str | None:
        """The operator of a claim whose metric names nothing else (增长率, 市场·占比), or
        only what its market ships or sells (智能手机出货量·占比)."""
        if c.metric.id:
            return self._operators.get(c.metric.id)  # a registry operator, or no share at all
        base, dot, operator = c.metric.name.rpartition("·")
        if dot and self.identity.parts(c.metric.name) is None:
            return operator
        if dot and base.endswith(tuple(self.identity.names.market_share_bases)):
            return operator
        return None

    def _event(self, na: str, nb: str) -> tuple[str, float]:
        """Two dates compare when the events they date share their words."""
        ta, tb = self._words(na), self._words(nb)
        score = fuzz.token_set_ratio(
            ta, tb, processor=None, score_cutoff=self.settings.event_min_similarity
        )
        return ("event", score / 100) if score else ("none", 0.0)

    def name_parts(self, name: str) -> NameParts | None:
        return self.identity.parts(name)

    def _words(self, name: str) -> str:
        return self.identity.words(name)

    def period_relation(self, a: Claim, b: Claim) -> str:
        close = self.settings.implied_close_months
        return period_relation(a, b, self.doc_dates, close, self._flows)

    def comparable(self, c: Claim) -> tuple[float, float]:
        """The interval two claims are compared on (see `values.compared_interval`)."""
        known = self._comparable.get(c.id)
        if known is None:
            tol = self._tolerance.get(c.metric.id or "", 0.0)
            known = compared_interval(c, tol, date_of(c, self.doc_dates))
            self._comparable[c.id] = known
        return known

    def values(self, a: Claim, b: Claim) -> tuple[bool, float]:
        la, ha = self.comparable(a)
        lb, hb = self.comparable(b)
        if la <= hb and lb <= ha:
            return True, 0.0
        return False, self.gap(a, b)

    @staticmethod
    def gap(a: Claim, b: Claim) -> float:
        """Relative distance between the written values (not the widened intervals)."""
        return relative_gap(a, b)


def _grouped(members: list[list[Claim]], sets: DisjointSets[int]) -> list[list[Claim]]:
    """The members of each set, in the order of each set's first index."""
    groups: dict[int, list[Claim]] = defaultdict(list)
    for i, claims in enumerate(members):
        groups[sets.find(i)] += claims
    return list(groups.values())


def _occurrences(text: str) -> list[tuple[str, int]]:
    """A string as a set: each character with how many times it occurred before."""
    seen: Counter[str] = Counter()
    out = []
    for ch in text:
        out.append((ch, seen[ch]))
        seen[ch] += 1
    return out
