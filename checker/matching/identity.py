"""Metric identity: whether two metric names denote one metric, decided by their structure.

Registry metrics and open-world names live in one namespace: a registry metric is its name
and its aliases, and a claim's name is compared by one procedure whatever it came from.
A name is taken apart (`NameParts`): the operator after "·" (增长率, 占比), the head noun
(the last word: 产量, 金额, with synonyms as one group), and the other words as a set. The
vocabulary is rules data (rules/checks.toml [metric_names]):

- *regional synonyms* are rewritten first (软体 → 软件, 网路 → 网络);
- *neutral* words are dropped (总, 全年, 累计, 整体, 全国 …): they do not change what is
  measured;
- *unit words* glued to a name (夏粮产量万吨) are dropped;
- *empty heads* (规模, 数量, 量 …) say only "how much": against any head, or none, they are
  the same metric, except under a rate or a share, where 出口·增长率 (a value) and
  出口数量·增长率 (a volume) are two;
- *contrastive* words (新增, 人均, 出口, 进口, 二手 …) always separate: one on one side only
  makes two metrics, whatever else the names share;
- any other word on one side only is *unknown*: the two names are `similar`, which may
  corroborate but never conflict.

A name that ends in a verb or a connective the vocabulary lists (按年大升, 统计局公布: a
phrase taken for a name) is *unknown* too: it can corroborate, never conflict, unless the
corpus itself shows what it denotes (`Aliases`, in `checker.matching.aliases`).

Levels, first that holds wins: `metric id` (one registry metric) → `metric alias` (the same
text) → `same structure` (equal operator, head and word sets after the vocabulary is
applied; a registry metric compared through its name and aliases) → `corpus alias` (see
`Aliases`) → `fuzzy metric` (a narrower wording, or rapidfuzz over the words; below the
conflict threshold) → `none`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import jieba
from rapidfuzz import fuzz

from checker.mentions.words import load_dictionary
from checker.ruleset import Ruleset

NARROWER = "one name narrower than the other"  # the reason of a narrower wording
GENERIC = "*"  # the head of a name whose head only says "how many" (数量, 规模)
NO_HEAD = ""  # the head of a name with no head word


@dataclass(frozen=True)
class NameParts:
    """An open-world metric name taken apart: 在役工业机器人保有量·增长率 → operator 增长率,
    head 存量 (its synonym group), words {在役, 工业, 机器人}."""

    operator: str  # the part after the last "·", or ""
    base: str  # the part before it, segmented by jieba (words separated by spaces)
    words: frozenset[str]  # the base's words, less neutral words, its head and a fragment
    head: str  # the head's synonym group (its first member); NO_HEAD or GENERIC
    text: str  # the kept words joined, to find a word jieba cut otherwise (销量 in 汽车销量)
    known: bool = True  # the name ends in a noun, not in a verb or connective (按年大升)
    glued: bool = False  # the head was cut off the last word (出货量 → 出货 + 量)


@dataclass(frozen=True)
class Relation:
    """How two names relate: the level that decided, and how similar they are (0-1)."""

    level: str
    similarity: float
    reason: str = ""  # why, in a few words (for `explain`)
    apart: bool = False  # the vocabulary keeps the two apart: not even a shared figure joins them


NONE = Relation("none", 0.0)


class Identity:
    """Decides metric identity by structure; one per ruleset (names are taken apart once)."""

    def __init__(self, rules: Ruleset, dictionary: jieba.Tokenizer | None = None) -> None:
        self.rules = rules
        self._dictionary = dictionary
        names = rules.checks.metric_names
        self.names = names
        self._neutral = frozenset(names.modifier_words)
        self._neutral_prefixes = tuple(sorted(self._neutral, key=lambda w: (-len(w), w)))
        self._contrastive_order = tuple(sorted(set(names.contrastive_words)))
        self._heads = {w: group[0] for group in names.head_synonyms for w in group}
        self._generic = frozenset(self._heads.get(w, w) for w in names.generic_heads)
        self._split = tuple(names.split_heads)
        self._valued_words = frozenset(names.valued_words)
        self._unknown_words = frozenset(names.unknown_words)
        self._places = frozenset(
            w for e in rules.entities.entity for w in (e.name, *e.aliases) if len(w) > 1
        )
        self._unknown_endings = tuple(names.unknown_endings)
        regional = sorted(names.regional_synonyms.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        self._regional = regional
        self._regional_re = (
            re.compile("|".join(re.escape(k) for k, _ in regional)) if regional else None
        )
        self._unit_words = self._units(rules)
        self._parts: dict[str, NameParts | None] = {}
        self._segmented: dict[str, str] = {}
        self._registry: dict[str, tuple[str, ...]] = {
            m.id: (m.name, *m.aliases) for m in rules.metrics.metric
        }
        self._contrast_pairs: dict[tuple[str, str], bool] = {}

    @cached_property
    def tokenizer(self) -> jieba.Tokenizer:
        return self._dictionary or load_dictionary()

    @staticmethod
    def _units(rules: Ruleset) -> re.Pattern[str] | None:
        """Unit words a name may end with by mistake (万吨, 亿元): a scale then a unit."""
        units = rules.units
        words = sorted((w for w in units.aliases if len(w) > 0), key=lambda w: (-len(w), w))
        scales = sorted(units.scales, key=lambda w: (-len(w), w))
        if not words:
            return None
        unit = "|".join(re.escape(w) for w in words)
        scale = "|".join(re.escape(w) for w in scales)
        return re.compile(rf"(?:{scale})+(?:{unit})$" if scale else rf"(?:{unit})$")

    # ---- relating two names ---------------------------------------------------------

    def relate(self, na: str, nb: str, ida: str | None = None, idb: str | None = None) -> Relation:
        """How names `na` and `nb` (registry ids `ida`, `idb` where known) relate."""
        if ida and ida == idb:
            return Relation("metric id", 1.0, "one registry metric")
        if ida and idb:
            return Relation("none", 0.0, "two different registry metrics", apart=True)
        if na == nb:
            parts = self.parts(na)
            if ida or idb or parts is None or parts.known:
                return Relation("metric alias", 1.0, "the same name")
            similarity = self.names.unknown_similarity / 100
            return Relation("fuzzy metric", similarity, "the same name, ending in no noun")
        if ida:
            return self._registry_relation(na, nb, ida)
        if idb:
            return self._registry_relation(nb, na, idb)
        return self.structure(na, nb)

    def registry_names(self, metric: str) -> tuple[str, ...]:
        """A registry metric's name and aliases."""
        return self._registry.get(metric, ())

    def _registry_relation(self, written: str, open_name: str, metric: str) -> Relation:
        """An open name against a claim of a registry metric (`written`, the name it was
        written with): the same structure as the metric's name or one of its aliases, or
        as the name written, makes it that metric; a narrower or wider name is not taken
        for it (专利 is not 发明专利有效量), so nothing weaker than structure counts."""
        for alias in self._registry.get(metric, ()):
            r = self.structure(alias, open_name, subsets=False)
            if r.level == "same structure":
                return Relation("same structure", 1.0, f"the registry metric's name {alias}")
        return self.structure(written, open_name, subsets=False)

    def structure(self, na: str, nb: str, subsets: bool = True) -> Relation:
        """Two different names: the same operator, then their bases compared by head and
        word set, else by rapidfuzz over their words (never enough to conflict)."""
        pa, pb = self.parts(na), self.parts(nb)
        if pa is None or pb is None:
            return Relation("none", 0.0, "a rate or share of nothing named")
        if pa.operator != pb.operator:
            return Relation("none", 0.0, "different operators", apart=True)
        contrast = self._contrast(pa, pb)
        if contrast:
            return Relation("none", 0.0, f"{contrast} on one side only", apart=True)
        same_head = (
            pa.head == pb.head
            or GENERIC in (pa.head, pb.head)
            or NO_HEAD
            in (
                pa.head,
                pb.head,
            )
        )
        if not same_head:  # 销售面积 and 销售额: two measures of one thing
            return Relation("none", 0.0, f"heads {pa.head} and {pb.head}", apart=True)
        if pa.words and pb.words:
            r = self._by_words(pa, pb, subsets)
            if r is not None:
                return r
        elif (pa.words or pb.words) and subsets and pa.head == pb.head != NO_HEAD:
            similarity = self.names.subset_similarity / 100  # 销量 ~ 新能源汽车销量
            return Relation("fuzzy metric", similarity, "a head alone against a named one")
        fuzzy = self._fuzzy(na, nb, pa, pb)
        last = self._same_last_word(pa, pb)
        similarity = self.names.same_last_word_similarity / 100
        if last and similarity > fuzzy.similarity:
            return Relation("fuzzy metric", similarity, f"the same last word {last}")
        return fuzzy

    def _same_last_word(self, pa: NameParts, pb: NameParts) -> str:
        """The thing both names count (see `counted_thing`), when it is one; "" otherwise."""
        thing = self._counted(pa)
        return thing if thing and thing == self._counted(pb) else ""

    def counted_thing(self, name: str) -> str:
        """The word a name ends in before an empty head (机架 in 算力中心机架规模 and
        在用机架数), the thing it counts, when it has two characters or more; "" otherwise
        (手机出货量 ends in an activity cut off its head, not a thing)."""
        parts = self.parts(name)
        return self._counted(parts) if parts is not None else ""

    def _counted(self, p: NameParts) -> str:
        if p.head != GENERIC or p.glued or not p.text:
            return ""
        last = self.words(p.text).rsplit(" ", 1)[-1]
        return last if len(last) >= 2 else ""

    def _by_words(self, pa: NameParts, pb: NameParts, subsets: bool) -> Relation | None:
        names = self.names
        small, large = sorted((pa, pb), key=lambda p: (len(p.words), len(p.text)))
        more = max(len(large.words) - len(small.words), small.words != large.words)
        if small.words == large.words or small.text == large.text:
            more = 0
        heads = {pa.head, pb.head}
        if len(heads) == 2 and (GENERIC not in heads or (pa.operator and self._valued(pa, pb))):
            more += 1  # a head on one side only counts as one word more; so does a
            # "how many" head under a rate beside a value (出口数量·增长率, 出口·增长率)
        if not more:
            if pa.known and pb.known:
                return Relation("same structure", 1.0, "same head and words")
            return Relation("fuzzy metric", names.unknown_similarity / 100, "no head noun")
        if subsets and all(w in large.words or w in large.text for w in small.words):
            subset = names.one_more_similarity if more == 1 else names.subset_similarity
            return Relation("fuzzy metric", subset / 100, NARROWER)
        return None

    def _valued(self, pa: NameParts, pb: NameParts) -> bool:
        """Whether an empty head on one side counts as a word more under a rate: when the
        other name has a head of its own (数量 against 产量), or has none and ends in a word
        that states a value (出口: beside it, an empty head names a volume, not the value)."""
        return any(
            p.head == NO_HEAD and p.base.rsplit(" ", 1)[-1] in self._valued_words for p in (pa, pb)
        ) or NO_HEAD not in (pa.head, pb.head)

    def _fuzzy(self, na: str, nb: str, pa: NameParts, pb: NameParts) -> Relation:
        settings = self.rules.checks.matching
        base_a, base_b = na.rsplit("·", 1)[0], nb.rsplit("·", 1)[0]
        if min(len(base_a), len(base_b)) <= settings.short_metric_length:
            return NONE
        score = fuzz.token_sort_ratio(
            pa.base, pb.base, processor=None, score_cutoff=settings.min_metric_similarity
        )
        if not score:
            return NONE
        cap = self.names.fuzzy_cap / 100  # a string threshold never makes a conflict
        return Relation("fuzzy metric", min(score / 100, cap), "similar words")

    def _contrast(self, pa: NameParts, pb: NameParts) -> str:
        """A contrastive word that one name has and the other lacks (in its text, so a
        word jieba glued to another counts too: 新增装机)."""
        ta, tb = pa.base.replace(" ", ""), pb.base.replace(" ", "")
        return next((w for w in self._contrastive_order if (w in ta) != (w in tb)), "")

    # ---- taking a name apart --------------------------------------------------------

    def canonical(self, name: str) -> str:
        """The name with regional wordings rewritten (软体 → 软件)."""
        if self._regional_re is None:
            return name
        table = dict(self._regional)
        return self._regional_re.sub(lambda m: table[m.group(0)], name)

    def parts(self, name: str) -> NameParts | None:
        """`name` taken apart (see `NameParts`), once per distinct name; None for a name
        with nothing but an operator (·增长率) or nothing at all."""
        if name in self._parts:
            return self._parts[name]
        text = self.canonical(name)
        base, _, operator = text.rpartition("·") if "·" in text else (text, "", "")
        if base and self._unit_words is not None:
            stripped = self._unit_words.sub("", base)
            base = stripped or base
        parts = self._take_apart(base, operator) if base else None
        self._parts[name] = parts
        return parts

    def _take_apart(self, base: str, operator: str) -> NameParts | None:
        words = self._unmodified(self.words(base).split())
        head, glued = NO_HEAD, False
        if words and words[-1] in self._heads:
            head = self._heads[words.pop()]
        elif words:
            for end in self._split:
                rest = words[-1][: -len(end)]
                if words[-1].endswith(end) and self._one_word(rest):
                    words[-1] = rest
                    head, glued = self._heads.get(end, end), True
                    break
        if len(words) >= 2 and len(words[0]) == 1 and len(words[1]) > 1:
            words = words[1:]  # a fragment of a word cut at the phrase's start (在役 → 役)
        if not words and head == NO_HEAD:
            return None  # only neutral words (全年): a rate or share of nothing named
        known = self._known(words, head)
        return NameParts(
            operator=operator,
            base=self.words(base),
            words=frozenset(words),
            head=GENERIC if head in self._generic else head,
            text="".join(words),
            known=known,
            glued=glued,
        )

    def _known(self, words: list[str], head: str) -> bool:
        """Whether the name can be a metric's: it has a head of the vocabulary, or its last
        word is no verb or connective the vocabulary lists (公布, 折合) and ends in none
        of its endings (大升, 收窄到)."""
        if head != NO_HEAD:
            return True
        if words and all(w in self._places for w in words):
            return False  # names of places or bodies only (上海广州深圳): no metric at all
        last = words[-1] if words else ""
        return (
            bool(last)
            and last not in self._unknown_words
            and not last.endswith(self._unknown_endings)
        )

    def _unmodified(self, words: list[str]) -> list[str]:
        """`words` without neutral words, also those jieba cut in two (历史 上) or glued to
        the next word (总产量 → 产量)."""
        out: list[str] = []
        skip = False
        for w, after in zip(words, [*words[1:], ""], strict=False):
            if skip:
                skip = False
            elif w + after in self._neutral and after:
                skip = True
            elif w not in self._neutral:
                out.append(self._unprefixed(w))
        return out

    def _unprefixed(self, word: str) -> str:
        """`word` less a neutral word it starts with, when at least two characters remain."""
        for n in self._neutral_prefixes:
            if word.startswith(n) and len(word) - len(n) >= 2:
                return word[len(n) :]
        return word

    def _one_word(self, text: str) -> bool:
        """`text` is one word of at least two characters (出口, not 汽车销 or 产)."""
        return len(text) >= 2 and len(self.tokenizer.lcut(text, HMM=False)) == 1

    def words(self, name: str) -> str:
        """A metric or event name segmented by jieba, once per distinct name."""
        words = self._segmented.get(name)
        if words is None:
            words = self._segmented[name] = " ".join(self.tokenizer.cut(name, HMM=False))
        return words
