"""Tools and context: the matchers built once per ruleset, and what claim assembly knows about
one document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import ahocorasick
import jieba
import opencc

from checker.memo import remembered
from checker.mentions import periods as period_parser
from checker.mentions.citations import CitationFinder
from checker.mentions.grammar import NOTHING, alt
from checker.mentions.segment import line_starts
from checker.mentions.words import load_dictionary, with_words
from checker.models import (
    Citation,
    EntityMention,
    Mentions,
    NormalizedText,
    Period,
    Quantity,
    Ref,
    Sentence,
)
from checker.ruleset import BODY_TYPES, DOCUMENT_TYPES, PLACE_TYPES, ClaimWords, Metric, Ruleset

SUBJECT_TYPES = PLACE_TYPES | BODY_TYPES | DOCUMENT_TYPES
HAN = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character

# what a set phrase of metrics.toml not_names is found as: a hit that is dropped
NOT_A_NAME = Metric.model_construct(id="", name="", aliases=[], dimension="other")


@dataclass(frozen=True)
class MetricHit:
    start: int
    end: int
    metric: Metric
    text: str


class ClaimTools:
    """Matchers built once per ruleset."""

    def __init__(
        self, rules: Ruleset, dictionary: Callable[[], jieba.Tokenizer] = load_dictionary
    ) -> None:
        self.rules = rules
        self.citations = CitationFinder(rules)
        self._dictionary = dictionary  # gives the loaded plain tokenizer to extend

    @cached_property
    def periods(self) -> period_parser.Grammar:
        """The period grammar, to read a document's title."""
        return period_parser.Grammar(self.rules)

    @cached_property
    def measure_units(self) -> frozenset[str]:
        """The units of physical measures (吨, 亩, 千瓦时): their figures are measures a
        later rate or change applies to."""
        return frozenset(m.unit for m in self.rules.units.measure)

    @cached_property
    def head_set(self) -> frozenset[str]:
        """Every head noun of metric names, one character or more (额, 面积, 产量)."""
        return frozenset(w for g in self.rules.checks.metric_names.head_synonyms for w in g)

    @cached_property
    def reckoned(self) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
        """以美元计: a currency other than the first one, named as what figures are reckoned
        in (rules/claims.toml reckoned); and the currency words alone."""
        currencies = self.rules.units.currency[1:]
        words = alt(a for c in currencies for a in c.aliases)
        forms = [f.split("{}", 1) for f in self.rules.claims.reckoned if "{}" in f]
        if not words or not forms:
            return None
        phrase = "|".join(f"{re.escape(b)}(?:{words}){re.escape(a)}" for b, a in forms)
        return re.compile(phrase), re.compile(words)

    @cached_property
    def contrastive(self) -> tuple[str, ...]:
        """Words that make another metric (新增, 人均: rules/checks.toml [metric_names])."""
        return tuple(self.rules.checks.metric_names.contrastive_words)

    @cached_property
    def name_joints(self) -> re.Pattern[str]:
        """What joins two metric names of a list (销售面积和销售额, 产量、销量)."""
        return re.compile(alt(self.rules.qualifiers.number.list_joints) or NOTHING)

    @cached_property
    def head_words(self) -> tuple[str, ...]:
        """The head nouns of two characters or more, longest first (产量, 面积)."""
        return tuple(sorted((w for w in self.head_set if len(w) > 1), key=lambda w: (-len(w), w)))

    @cached_property
    def change_words(self) -> frozenset[str]:
        return frozenset(self.rules.claims.change_words)

    @cached_property
    def metrics(self) -> tuple[ahocorasick.Automaton, dict[str, Metric]]:
        to_trad = opencc.OpenCC("s2tw")
        auto = ahocorasick.Automaton()
        by_id = {m.id: m for m in self.rules.metrics.metric}
        for m in self.rules.metrics.metric:
            for alias in [m.name, *m.aliases]:
                for form in {alias, to_trad.convert(alias)}:
                    if form not in auto:
                        auto.add_word(form, (form, m.id))
        for phrase in self.rules.metrics.not_names:  # found as the longer hit, then dropped
            for form in {phrase, to_trad.convert(phrase)}:
                if form not in auto:  # never in place of a metric's own alias
                    auto.add_word(form, (form, ""))
        auto.make_automaton()
        return auto, by_id

    @cached_property
    def rankers(self) -> dict[str, Metric]:
        """The rank metric of each metric that has one (gdp → economy_rank)."""
        return {m.ranks: m for m in self.rules.metrics.metric if m.ranks}

    @cached_property
    def doer_nouns(self) -> dict[str, str]:
        """Each way of writing a counted noun (省, 省区市), longest first → its one name."""
        forms = {
            form: name
            for name, others in self.rules.claims.doers.nouns.items()
            for form in [name, *others]
        }
        return dict(sorted(forms.items(), key=lambda kv: -len(kv[0])))

    @cached_property
    def verbs(self) -> frozenset[str]:
        return frozenset(self.rules.claims.verbs)

    @cached_property
    def no_name(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """The words and endings that end no metric's name (rules/checks.toml
        [metric_names] unknown_words, unknown_endings): a phrase ending in one was cut
        from a verb or a connective (进一步降至, 统计局公布) and names nothing."""
        names = self.rules.checks.metric_names
        return frozenset(names.unknown_words), tuple(names.unknown_endings)

    @cached_property
    def stop_chars(self) -> frozenset[str]:
        return frozenset(self.rules.claims.stop_chars)

    @cached_property
    def inside_words(self) -> tuple[str, ...]:
        return tuple(sorted(self.rules.claims.inside_words, key=len, reverse=True))

    @cached_property
    def references(self) -> tuple[str, ...]:
        return tuple(self.rules.claims.references)

    @cached_property
    def adverbs(self) -> frozenset[str]:
        return frozenset(self.rules.claims.adverbs)

    @cached_property
    def long_adverbs(self) -> re.Pattern[str]:
        """Adverbs of three characters or more, taken out of a phrase wherever they stand."""
        return re.compile(alt([w for w in self.rules.claims.adverbs if len(w) >= 3]) or "(?!)")

    @cached_property
    def phrases(self) -> dict[tuple[str, int, bool, bool], str]:
        """Noun phrases already worked out, by span and options (bounded by the text seen)."""
        return {}

    @cached_property
    def scope_words(self) -> re.Pattern[str]:
        """Words that scope or point rather than measure, the leftmost and longest first
        (同比上涨: 同比 goes, not 比上)."""
        claims = self.rules.claims
        words = [w for ws in claims.anaphora.values() for w in ws] + claims.weak_subjects
        return re.compile(alt(words + claims.comparison_words) or "(?!)")

    @cached_property
    def dateline(self) -> re.Pattern[str] | None:
        pattern = self.rules.claims.dateline
        return re.compile(pattern) if pattern else None

    @cached_property
    def to_simple(self) -> opencc.OpenCC:
        return opencc.OpenCC("tw2s")

    @cached_property
    def tokenizer(self) -> jieba.Tokenizer:
        """jieba with every metric and entity name as a word of its own."""
        names = [alias for m in self.rules.metrics.metric for alias in [m.name, *m.aliases]]
        names += [alias for e in self.rules.entities.entity for alias in [e.name, *e.aliases]]
        names += self.rules.claims.kept_words
        return with_words(self._dictionary(), names, freq=2000)

    @cached_property
    def cut(self) -> Callable[[str], tuple[str, ...]]:
        """The words `tokenizer` cuts a span into (HMM off): remembered for spans cut before,
        as the same stretches (the words between a name and its figure) come back."""
        tokenizer = self.tokenizer

        def cut(span: str) -> tuple[str, ...]:
            return tuple(tokenizer.cut(span, HMM=False))

        return remembered(cut)

    @cached_property
    def reference_re(self) -> re.Pattern[str] | None:
        """高于全国5.2%, 略低于全省平均水平(: a wider scope's figure given to compare with,
        ending where the figure starts; the scope word is group `scope`."""
        ref = self.rules.claims.reference_figures
        if not ref.cues or not ref.scopes:
            return None
        between = f"(?:{alt(ref.between)})*" if ref.between else ""
        return re.compile(
            f"(?:{alt(ref.cues)})(?P<scope>{alt(ref.scopes)})" + f"(?:{between}(?P<open>[（(]))?$"
        )

    @cached_property
    def words(self) -> ClaimWords:
        return self.rules.claims.words

    @cached_property
    def joint(self) -> re.Pattern[str]:
        """What stands between two listed names (广东、浙江和江苏)."""
        return re.compile(f"^(?:{alt(self.words.joints)})$")

    @cached_property
    def metric_joint(self) -> re.Pattern[str]:
        """What stands between two listed metrics, a few words allowed after the joint."""
        return re.compile(f"^(?:{alt(self.words.joints)})[^，,。;；]{{0,4}}$")

    @cached_property
    def counted_stop(self) -> re.Pattern[str]:
        """Where the noun after a count's classifier ends."""
        words = alt([*self.words.joints, self.words.of])
        return re.compile(rf"[、，,。;；:：!?！？\s“”《》()]|{words}")

    @cached_property
    def list_label(self) -> re.Pattern[str]:
        """A count word that may label a list beside it (三座城市)."""
        return re.compile(rf"^(?:[二三四五六七八九十]+)(?:{alt(self.words.list_labels)})$")

    @cached_property
    def list_items(self) -> re.Pattern[str]:
        """What splits the items of an enumerated list."""
        joints = alt(self.words.item_joints)
        return re.compile(rf"[、]|(?<=[\u4e00-\u9fff])(?:{joints})(?=[\u4e00-\u9fff])")

    @cached_property
    def pointing(self) -> tuple[str, ...]:
        return tuple(self.words.pointing)

    @cached_property
    def rhetoric(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.words.rhetoric)

    def entity_by_id(self, eid: str) -> Any:
        return self.entity_table[eid]

    def lineage(self, eid: str) -> Iterator[Any]:
        """The entity `eid`, then the entities holding it, parent by parent (an unknown
        parent or a loop ends it)."""
        seen: set[str] = set()
        entity = self.entity_table.get(eid)
        while entity is not None and entity.id not in seen:
            yield entity
            seen.add(entity.id)
            entity = self.entity_table.get(entity.parent) if entity.parent else None

    @cached_property
    def entity_table(self) -> dict[str, Any]:
        """Every entity of rules/entities.toml by its id (asked for every subject)."""
        return {e.id: e for e in self.rules.entities.entity}

    @cached_property
    def clause_re(self) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(c) for c in self.rules.claims.clause_marks))

    def find_metrics(self, text: str, start: int, end: int) -> list[MetricHit]:
        auto, by_id = self.metrics
        hits = []
        for last, (form, mid) in auto.iter(text[start:end]):
            first = start + last - len(form) + 1
            hits.append(MetricHit(first, first + len(form), by_id.get(mid, NOT_A_NAME), form))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[MetricHit] = []
        for h in hits:  # leftmost-longest, no overlaps
            if out and h.start < out[-1].end:
                if h.end - h.start > out[-1].end - out[-1].start and h.start == out[-1].start:
                    out[-1] = h
                continue
            out.append(h)
        return [h for h in out if h.metric.id]


@dataclass
class Context:
    """What claim assembly needs to know about one document."""

    doc_id: str
    original: str
    norm: NormalizedText
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mentions, ...]
    pub: str | None
    tools: ClaimTools
    title: str = ""  # the front matter's title, a last place to find an antecedent

    @cached_property
    def line_starts(self) -> list[int]:
        return line_starts(self.original)

    @cached_property
    def title_periods(self) -> list[Period]:
        """The data periods the front matter's title states (一季度国内手机出货…)."""
        if not self.title:
            return []
        found = period_parser.extract_periods(
            self.title, 0, len(self.title), self.tools.periods, self.pub
        )
        refs = self.tools.references  # 比上年: a period compared with, not reported on
        return [
            p
            for p in found
            if p.label
            and p.kind != "day"
            and not self.title[max(0, p.start - 2) : p.start].endswith(refs)
        ]

    @cached_property
    def scopes(self) -> dict[int, bool]:
        """Whether the entity starting at an offset is a scope; filled as asked."""
        return {}

    @cached_property
    def pools(self) -> dict[int, list[tuple[EntityMention, bool]]]:
        """A sentence's possible subjects, each with whether it is a scope; filled as asked."""
        return {}

    @cached_property
    def clauses(self) -> dict[tuple[int, int], tuple[int, int]]:
        """The clause of the quantity at a span; filled as asked."""
        return {}

    @cached_property
    def changes(self) -> dict[tuple[int, int], tuple[int, list[Quantity]] | None]:
        """The change (由…到…) the quantity at a span is a figure of, or None; filled as asked."""
        return {}

    @cached_property
    def respective(self) -> dict[tuple[int, int], tuple[int, int] | None]:
        """The place of the quantity at a span in a 分别 list, or None; filled as asked."""
        return {}

    @cached_property
    def deeds(self) -> dict[tuple[int, int], Ref | None]:
        """The doers' metric of the count at a span, or None; filled as asked."""
        return {}

    @cached_property
    def quotes(self) -> dict[int, str]:
        """Each sentence's original text, sliced once and shared by its claims."""
        return {s.index: self.original[s.span[0] : s.span[1]] for s in self.sentences}

    @cached_property
    def cited(self) -> dict[int, tuple[Citation, tuple[int, int]] | None]:
        """Each sentence's own attribution, found once."""
        return {s.index: self.tools.citations.locate(s.text) for s in self.sentences}

    @cached_property
    def sourced(self) -> list[tuple[Citation, int | None]]:
        """Each sentence's citation, its own or carried, with the sentence naming it."""
        return self.tools.citations.for_sentences(self.sentences, self.cited)


def paragraph_so_far(ctx: Context, s: Sentence) -> tuple[Sentence, ...]:
    """The sentences of `s`'s paragraph up to and including it."""
    first = s.index
    while first > 0 and ctx.sentences[first - 1].paragraph == s.paragraph:
        first -= 1
    return ctx.sentences[first : s.index + 1]


def list_item(ctx: Context, s: Sentence) -> bool:
    """The sentence is an item of a list: a line opening with a list mark (——江苏：1862)."""
    text = ctx.norm.text
    if s.start > 0 and text[s.start - 1] != "\n":
        return False
    return text.startswith(tuple(ctx.tools.rules.claims.list_item_marks), s.start)


def clause_of(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, int]:
    """The clause holding the quantity (between clause marks), asked several times per
    quantity and worked out once."""
    known = ctx.clauses.get((q.start, q.end))
    if known is None:
        known = ctx.clauses[(q.start, q.end)] = _find_clause(ctx, s, q)
    return known


def _find_clause(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, int]:
    text = ctx.norm.text
    marks = [m.end() for m in ctx.tools.clause_re.finditer(text, s.start, q.start)]
    start = marks[-1] if marks else s.start
    after = ctx.tools.clause_re.search(text, q.end, s.end)
    return start, after.start() if after else s.end
