"""Claims: mentions assembled into comparable records.

subject · metric · value · unit · period · citation, each claim pointing at the original
characters of its number. Which mentions are claims, and how subjects and metrics are
found, is tuned by rules/claims.toml, rules/metrics.toml and rules/citations.toml.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import ahocorasick
import jieba
import opencc

from checker.mentions.citations import CitationFinder
from checker.mentions.constructs import alt
from checker.mentions.periods import rebase
from checker.mentions.segment import line_starts
from checker.mentions.words import load_dictionary, with_words
from checker.models import (
    Citation,
    Claim,
    ClaimPeriod,
    EntityMention,
    Mentions,
    NormalizedText,
    Period,
    Quantity,
    Ref,
    Sentence,
    derive,
)
from checker.ruleset import BODY_TYPES, DOCUMENT_TYPES, PLACE_TYPES, Metric, Ruleset

SUBJECT_TYPES = PLACE_TYPES | BODY_TYPES | DOCUMENT_TYPES
JOINT = re.compile(r"^[、和与及]$")
METRIC_JOINT = re.compile(r"^[、和与及][^，,。;；]{0,4}$")  # 规上企业和产业链关联企业


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
    def metrics(self) -> tuple[ahocorasick.Automaton, dict[str, Metric]]:
        to_trad = opencc.OpenCC("s2tw")
        auto = ahocorasick.Automaton()
        by_id = {m.id: m for m in self.rules.metrics.metric}
        for m in self.rules.metrics.metric:
            for alias in [m.name, *m.aliases]:
                for form in {alias, to_trad.convert(alias)}:
                    if form not in auto:
                        auto.add_word(form, (form, m.id))
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
    def stop_chars(self) -> frozenset[str]:
        return frozenset(self.rules.claims.stop_chars)

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

    def entity_by_id(self, eid: str) -> Any:
        return next(e for e in self.rules.entities.entity if e.id == eid)

    @cached_property
    def clause_re(self) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(c) for c in self.rules.claims.clause_marks))

    def find_metrics(self, text: str, start: int, end: int) -> list[MetricHit]:
        auto, by_id = self.metrics
        hits = []
        for last, (form, mid) in auto.iter(text[start:end]):
            first = start + last - len(form) + 1
            hits.append(MetricHit(first, first + len(form), by_id[mid], form))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[MetricHit] = []
        for h in hits:  # leftmost-longest, no overlaps
            if out and h.start < out[-1].end:
                if h.end - h.start > out[-1].end - out[-1].start and h.start == out[-1].start:
                    out[-1] = h
                continue
            out.append(h)
        return out


# ---- assembling one document ---------------------------------------------------------


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


def extract_claims(ctx: Context) -> tuple[Claim, ...]:  # noqa: C901 (split under way)
    citations = ctx.tools.citations.for_sentences(ctx.sentences, ctx.cited)
    drafts: list[dict[str, Any]] = []  # a claim's fields but its id, known once all are sorted
    carried: list[EntityMention] = []
    last_paragraph = -1
    told: Ref | None = None  # the paragraph's last metric that is not an operator
    told_kind = ""  # …and the kind of its figure
    for s, m, (citation, origin) in zip(ctx.sentences, ctx.mentions, citations, strict=False):
        if s.paragraph != last_paragraph and s.paragraph != last_paragraph + 1:
            carried = []
        if s.paragraph != last_paragraph:
            told = None
        last_paragraph = s.paragraph
        base: Ref | None = None  # the sentence's last metric that is not an operator
        listed: list[Ref] = []  # metrics of the sentence's last 分别 list, in order
        compared: dict[str, Ref] = {}  # the sentence's last named metric of each kind
        mentioned: Ref | None = None  # …and of any kind but a date
        for q in m.quantities:
            if not is_claim(ctx, s, m, q):
                continue
            scope = _reference_scope(ctx, s, m, q)
            if scope is None:
                subjects, carried = _subjects(ctx, s, m, q, carried)
            else:
                subjects = scope
            source = origin if citation.scope == "carried" else None
            cited = Citation() if _dates_the_release(ctx, s, q, citation) else citation
            at = _respective_index(ctx, s, q)
            pairs: Iterable[tuple[EntityMention | None, Ref]] = _pairs(ctx, s, m, q, subjects)
            if scope is not None and q.kind in compared:  # 高于全国5.2%的增速: the same rate
                wider: list[EntityMention | None] = [*scope] or [None]
                pairs = [(subject, compared[q.kind]) for subject in wider]
            elif q.kind in compared and (
                _is_baseline(ctx, s, m, q)  # 比2018年的50万台
                or _is_own_target(ctx, s, q)  # 增长4.7%,完成了年初提出的4.5%左右的预期目标
            ):
                pairs = [(subject, compared[q.kind]) for subject, _ in pairs]
            for subject, metric in pairs:
                own_base = base
                if at is not None and len(listed) >= at[1]:
                    own_base = listed[-at[1] :][at[0]]  # 同比分别增长43.1%和41.6%
                if scope is not None and q.kind not in compared:
                    metric = Ref(id=None, name="", text="")  # compared with nothing named
                elif not metric.name and own_base is not None:
                    metric = own_base  # 总量首次突破14万亿元: the figure before named it
                elif not metric.name and mentioned is not None:
                    metric = mentioned  # 新能源汽车产量首次突破百万大关,达到168.4万辆
                elif (
                    not metric.name
                    and told is not None
                    and told_kind == q.kind == "amount"
                    and "order" not in q.flags
                ):
                    metric = told  # 河南地区生产总值为6.4万亿元…。四川以6.1万亿元位列第六
                metric = _by_head(metric, own_base)
                if "order" in q.flags:  # 超越山东: one claim against each rival
                    named = metric if metric.name else own_base or mentioned
                    for rival in _rival_metrics(ctx, m, q, subject, named):
                        drafts.append(_claim(ctx, s, m, q, subject, rival, cited, source))
                    continue
                operated, bare = _operated(ctx, q, metric, own_base)
                if bare and told is not None and q.kind not in ("rank", "streak") and at is None:
                    operated, bare = _operated(ctx, q, metric, told)  # …。不过其增速仅3.5%
                ranking = ctx.tools.rankers.get(operated.id or "") if q.kind == "rank" else None
                if ranking is not None:  # 地区生产总值…居全国首位: the GDP ranking
                    operated = Ref(id=ranking.id, name=ranking.name, text=operated.text)
                draft = _claim(ctx, s, m, q, subject, operated, cited, source)
                if bare:
                    draft["flags"] = [*draft["flags"], "bare-metric"]
                elif scope is None and operated.name:
                    compared[q.kind] = operated
                    if q.kind != "date" and "·" not in operated.name:
                        mentioned = operated
                drafts.append(draft)
                if (
                    operated is metric
                    and not bare
                    and q.kind in BASE_KINDS
                    and "·" not in metric.name
                    and not _is_operator(ctx, metric)
                ):
                    base = told = metric
                    told_kind = q.kind
                    if at is not None and (not subjects or subject is subjects[0]):
                        listed.append(metric)
        found = _strong(
            ctx,
            [
                e
                for e in m.entities
                if e.type in SUBJECT_TYPES
                and e.type not in ctx.tools.rules.claims.not_subject_types
                and not _is_scope(ctx, s, e)
            ],
        )
        weak = ctx.tools.rules.claims.weak_subjects
        if found and not (carried and all(e.text in weak for e in found)):
            carried = found[-1:]
    drafts.sort(
        key=lambda c: (c["span"], c["subject"].name if c["subject"] else "", c["metric"].name)
    )
    return tuple(Claim(id=f"{ctx.doc_id}#{i}", **c) for i, c in enumerate(drafts, 1))


BASE_KINDS = {"amount", "count", "percent", "fraction", "ratio"}
NAMELY = {"date", "other", "rank", "streak"}  # kinds a quoted name before them may own


def _rival_metrics(
    ctx: Context, m: Mentions, q: Quantity, subject: EntityMention | None, named: Ref | None
) -> list[Ref]:
    """总量超越山东: the subject's metric relative to each rival named in the figure
    (地区生产总值·相对山东), a ratio above or below 1; none without a metric."""
    if named is None or not named.name or "·" in named.name:
        return []
    rivals = [
        e
        for e in m.entities
        if q.start <= e.start
        and e.end <= q.end
        and e.type in SUBJECT_TYPES
        and (subject is None or e.name != subject.name)
    ]
    said = ctx.norm.text[q.start : q.end]
    out: dict[str, Ref] = {}
    for e in rivals:
        out.setdefault(
            e.name,
            Ref(
                id=f"{named.id}·vs_{e.id}" if named.id and e.id else None,
                name=f"{named.name}·相对{e.name}",
                text=f"{named.text}{said}",
            ),
        )
    return list(out.values())


def _by_head(metric: Ref, named: Ref | None) -> Ref:
    """协作机器人销量…，当年销量占全球总量的41%: a metric named by its head word
    alone (销量, 产量) is the one last named in full with that head."""
    if named is None or "·" in named.name:
        return metric
    head, dot, op = metric.name.partition("·")
    if len(head) != 2 or named.name == head or not named.name.endswith(head):
        return metric
    operator_id = metric.id.partition("·")[2] if metric.id else ""
    known = (f"{named.id}·{operator_id}" if operator_id else None) if named.id and dot else named.id
    return Ref(id=known, name=f"{named.name}{dot}{op}", text=metric.text)


def _reference_scope(
    ctx: Context, s: Sentence, m: Mentions, q: Quantity
) -> list[EntityMention] | None:
    """高于全国5.2%的增速, 略低于全省平均水平(4.6%): a wider scope's figure, given to
    compare with. Its subject is the scope (全国 → the country; 全省 → the province, found
    as for an anaphor), or none when the scope names nothing; None when `q` is no such
    figure."""
    pattern = ctx.tools.reference_re
    if pattern is None or q.unit == "pp":  # 高于全国1.7个百分点 is a gap, not the figure
        return None
    clause = _clause(ctx, s, q)
    text = ctx.norm.text
    hit = pattern.search(text, max(clause[0], q.start - 16), q.start)
    if hit is None or (hit.group("open") is None and text[q.end : q.end + 1] != "的"):
        return None  # 超过全国的20% is a share; 高于全国平均水平10% a gap
    at = hit.start("scope")
    named = [e for e in m.entities if e.start == at and e.type in SUBJECT_TYPES]
    if named:
        return named[:1]
    for kind, words in ctx.tools.rules.claims.anaphora.items():
        if hit.group("scope") in words:
            return _wider_place(ctx, m, kind, at)
    return []


def _wider_place(ctx: Context, m: Mentions, kind: str, at: int) -> list[EntityMention]:
    """全省 in 杭州…增速高于全省(6.0%): the place of that kind named before it in the
    sentence, or the one holding the last place named (杭州 → 浙江); none else."""
    types = set(ctx.tools.rules.claims.anaphora_types.get(kind, []))
    for e in reversed([e for e in m.entities if e.end <= at]):
        if e.type in types:
            return [e]
        entity = ctx.tools.entity_by_id(e.id) if e.id else None
        seen: set[str] = set()
        while entity is not None and entity.parent and entity.parent not in seen:
            seen.add(entity.parent)
            entity = ctx.tools.entity_by_id(entity.parent)
            if entity.type in types:
                return [
                    EntityMention(
                        start=e.start,
                        end=e.end,
                        id=entity.id,
                        name=entity.name,
                        type=entity.type,
                        text=e.text,
                    )
                ]
    return []


def _is_baseline(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> bool:
    """比2018年的50万台增长1倍: the figure a change is measured from, of an earlier time."""
    text = ctx.norm.text
    before = [p for p in m.periods if p.end <= q.start and text[p.end : q.start] in ("", "的")]
    if not before:
        return False
    head = text[max(s.start, before[-1].start - 2) : before[-1].start]
    return head.endswith(ctx.tools.references)


def _is_own_target(ctx: Context, s: Sentence, q: Quantity) -> bool:
    """…比上年增长4.7%,完成了年初提出的4.5%左右的预期目标: a figure named a target right after
    it, in a sentence that gave a figure of its kind before, is the target of that figure."""
    clause = _clause(ctx, s, q)
    after = ctx.norm.text[q.end : min(clause[1], q.end + 6)]
    return after.startswith("的") and any(
        n in after for n in ctx.tools.rules.dates.periods.target_nouns
    )


def _dates_the_release(ctx: Context, s: Sentence, q: Quantity, citation: Citation) -> bool:
    """国家统计局19日发布年度数据: the date of the attribution itself is the source's own act,
    not a figure the source vouches for."""
    own = ctx.cited[s.index]
    if q.kind != "date" or citation.scope != "sentence" or own is None:
        return False
    return s.start + own[1][0] <= q.start < s.start + own[1][1]


def _is_operator(ctx: Context, metric: Ref) -> bool:
    _, by_id = ctx.tools.metrics
    op = by_id.get(metric.id or "")
    return op is not None and op.operator


def _operated(ctx: Context, q: Quantity, metric: Ref, base: Ref | None) -> tuple[Ref, bool]:
    """A rate or share named with the metric it applies to (营收·增长率), and whether it
    has none (a bare 增长率, which matches nothing). A rank or streak whose nearest metric
    word is an operator ranks the base itself (总量连续22年居全国第二)."""
    _, by_id = ctx.tools.metrics
    op = by_id.get(metric.id or "")
    if op is None or not op.operator:
        return metric, False
    if base is None:
        return metric, True
    if q.kind in ("rank", "streak"):
        return base, False
    return (
        Ref(
            id=f"{base.id}·{op.id}" if base.id else None,
            name=f"{base.name}·{op.name}",
            text=metric.text,
        ),
        False,
    )


# ---- which mentions are claims -------------------------------------------------------


def is_claim(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> bool:
    rules = ctx.tools.rules.claims
    text = ctx.norm.text
    clause = _clause(ctx, s, q)
    before = text[clause[0] : q.start]
    if q.kind == "magnitude":
        return False
    dateline = ctx.tools.dateline.match(text, s.start) if ctx.tools.dateline else None
    if dateline and q.start < dateline.end():
        return False  # 本报广州2月9日电: when the report was filed, not a claim
    if s.text.rstrip("”’\"' ").endswith(("?", "？")) and any(
        w in s.text for w in rules.question_cues
    ):
        return False  # a real question; 如何/为何 questions presuppose their figures
    if re.fullmatch(r"[十百千万亿]+元", q.value.text) or re.fullmatch(r"[百千万]+年", q.value.text):
        return False  # 千亿元计, 百年未有: rhetoric, not figures
    if (
        text[q.start - 1 : q.start] in rules.vague_before
        and q.value.text[:1] in "一二两三四五六七八九十百千万亿"
    ):
        return False  # 几十年, 数万亿
    if q.kind in ("other", "rank") and before.endswith(tuple(rules.hypothetical + rules.negation)):
        return False
    if q.kind == "rank" and _in_short_quote(text, q):
        return False  # “中国第一大省”, “新春第一会”: a name, not a ranking
    if "superlative" in q.flags and not [e for e in m.entities if clause[0] <= e.start < q.start]:
        return False
    if q.kind == "date" and _dates_another(ctx, m, q, _dated_reach(ctx, s, q, clause)):
        return False
    if q.kind == "date" and _in_title(text, s, q):
        return False
    # 三座城市 after 南京、杭州、合肥 labels a list, unless it counts a tracked metric
    return not (_labels_a_list(s, q, text) and not _counts_a_metric(ctx, q))


def _dates_another(ctx: Context, m: Mentions, q: Quantity, clause: tuple[int, int]) -> bool:
    """2024年广东研发投入超过5100亿元: the year is that figure's period, not a claim. A
    date standing as a clause of its own dates an event (2017年,之江实验室成立), unless the
    next clause gives figures (2024年,新能源汽车产销分别为…万辆): then it is their period."""
    reach = clause[1]
    text = ctx.norm.text
    if text[clause[0] : q.start].strip() == "" and text[q.end : clause[1]].strip() == "":
        after = ctx.tools.clause_re.search(text, clause[1] + 1)
        reach = after.start() if after else len(text)
    return any(
        o is not q
        and q.end <= o.start < reach
        and (
            o.kind in ("amount", "percent", "fraction", "ratio", "streak")
            or o.kind == "rank"
            or (o.kind == "count" and (o.qualifier or re.search(r"\d", o.value.text)))
        )
        and "list-count" not in o.flags
        for o in m.quantities
    )


def _dated_reach(
    ctx: Context, s: Sentence, q: Quantity, clause: tuple[int, int]
) -> tuple[int, int]:
    """How far a date dates the figures after it: a month or a span heading its sentence
    as a clause of its own (9月，…; 1-9月，…) the whole sentence, being the period of its
    figures; any other date (3月4日，…; 2015年，杭州推出…) its own clause."""
    text = ctx.norm.text
    month = re.fullmatch(r"\d{4}-\d{2}(?:/\d{4}-\d{2})?", q.label or "")
    heads = not text[s.start : q.start].strip() and text[q.end : q.end + 1] in ",，"
    return (clause[0], s.end) if month and heads else clause


def _in_title(text: str, s: Sentence, q: Quantity) -> bool:
    head = text[s.start : q.start]
    return head.count("《") > head.count("》")


def _in_short_quote(text: str, q: Quantity) -> bool:
    left = text.rfind("“", max(0, q.start - 10), q.start)
    if left < 0 or "”" in text[left : q.start]:
        return False
    right = text.find("”", q.end, q.end + 10)
    return right >= 0


def _counts_a_metric(ctx: Context, q: Quantity) -> bool:
    """五大未来产业集群 counts a tracked metric: a claim even when the items are listed."""
    hits = ctx.tools.find_metrics(ctx.norm.text, q.end, min(len(ctx.norm.text), q.end + 12))
    return bool(hits) and hits[0].start - q.end <= 1


COUNT_LABEL = re.compile(r"^(?:[二三四五六七八九十]+)(?:大|次|座城市|个|项|家)$")


def _labels_a_list(s: Sentence, q: Quantity, text: str) -> bool:
    """三座城市 after 南京、杭州、合肥: a count word naming a list enumerated beside it."""
    if q.kind != "count" or q.qualifier or not COUNT_LABEL.match(q.value.text):
        return False
    n = int(q.value.lo or 0)
    for part in re.split(r"[，,。;；:：!?！？]", s.text):
        items = [
            i
            for i in re.split(r"[、]|(?<=[\u4e00-\u9fff])(?:和|及|到)(?=[\u4e00-\u9fff])", part)
            if i.strip()
        ]
        if len(items) == n and n >= 2 and "、" in part:
            return True
    return False


# ---- subject, metric, period ---------------------------------------------------------


def _clause(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, int]:
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


def _is_scope(ctx: Context, s: Sentence, e: EntityMention) -> bool:
    """位居全国第一: 全国 is the scope of the rank, not its subject."""
    known = ctx.scopes.get(e.start)
    if known is None:
        rules = ctx.tools.rules.claims
        text = ctx.norm.text
        before = text[max(s.start, e.start - 2) : e.start]
        dated = any(p.start == e.end for p in ctx.mentions[s.index].periods)
        known = before.endswith(tuple(rules.scope_before)) or (
            text[e.end : e.end + 1] in rules.scope_after and not dated  # 腾讯第四季度营收
        )
        ctx.scopes[e.start] = known
    return known


def _candidates(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> list[EntityMention]:
    """Entities that may be a subject: not a scope (unless the figure follows at once),
    not a document, not inside the sentence's attribution."""
    pool = ctx.pools.get(s.index)
    if pool is None:
        rules = ctx.tools.rules.claims
        taken = [(o.start, o.end) for o in m.quantities]
        dateline = ctx.tools.dateline.match(ctx.norm.text, s.start) if ctx.tools.dateline else None
        if dateline:
            taken.append(dateline.span())  # 本报广州2月9日电: where it was filed
        pool = ctx.pools[s.index] = [
            (e, _is_scope(ctx, s, e))
            for e in m.entities
            if e.type in SUBJECT_TYPES
            and e.type not in rules.not_subject_types
            and not any(e.start < b and a < e.end for a, b in taken)  # 世界500强 is the rank itself
        ]
    cited = ctx.cited[s.index]
    cite_span = (
        (s.start + cited[1][0], s.start + cited[1][1])
        if cited and cited[0].status == "named"
        else (0, 0)
    )
    usable = [
        e
        for e, scope in pool
        if (not scope or (e.end == q.start and e.text not in ctx.tools.rules.claims.weak_subjects))
        and not _share_scope(ctx, e, q)
    ]
    uncited = [e for e in usable if not (cite_span[0] <= e.start < cite_span[1])]
    if uncited:
        return uncited
    # only the source is named: a place in its name (江苏省统计局) or the place it speaks
    # for (国家统计局 → 中国) is the subject; a company speaks for itself
    return [_jurisdiction(ctx, e) or e for e in usable]


def _jurisdiction(ctx: Context, e: EntityMention) -> EntityMention | None:
    if e.type in PLACE_TYPES or e.type == "company":
        return e
    entity = ctx.tools.entity_by_id(e.id) if e.id else None
    if entity is None or entity.parent is None:
        return None
    parent = ctx.tools.entity_by_id(entity.parent)
    return EntityMention(
        start=e.start, end=e.end, id=parent.id, name=parent.name, type=parent.type, text=e.text
    )


def _share_scope(ctx: Context, e: EntityMention, q: Quantity) -> bool:
    """贡献了全国21.3%的出口增量: a whole (全国, 全球) right before a share is the share's
    scope, not its subject."""
    return (
        e.end == q.start
        and q.kind in ("percent", "fraction")
        and e.text in ctx.tools.rules.claims.weak_subjects
    )


def _strong(ctx: Context, entities: list[EntityMention]) -> list[EntityMention]:
    """Prefer entities that are not usually a scope (全球, 全国) when there are others."""
    weak = set(ctx.tools.rules.claims.weak_subjects)
    strong = [e for e in entities if e.text not in weak]
    return strong or entities


NAMED_THING = re.compile(r"“([^“”]{2,40})”|《([^《》]{2,60})》")


def _named_things(
    ctx: Context, s: Sentence, q: Quantity, start: int, end: int
) -> list[EntityMention]:
    """Quoted or titled names (“飞星一号”, 《…意见》) as subjects without an id."""
    limit = ctx.tools.rules.claims.subjects.max_quoted
    out = []
    for m in NAMED_THING.finditer(ctx.norm.text, start, end):
        name = m.group(1) or m.group(2)
        if m.group(1) and len(name) > limit:
            continue
        if m.start() <= q.start < m.end():
            continue
        out.append(
            EntityMention(
                start=m.start(), end=m.end(), id="", name=name, type="name", text=m.group(0)
            )
        )
    return out


LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z0-9]{2,}(?![A-Za-z])")


def _latin_name(ctx: Context, s: Sentence, q: Quantity) -> EntityMention | None:
    """2023年初ChatGPT…的火爆出圈: a Latin name near a date is what the date is about."""
    m = LATIN_NAME.search(ctx.norm.text, q.end, min(s.end, q.end + 12))
    if m is None:
        return None
    return EntityMention(
        start=m.start(), end=m.end(), id="", name=m.group(0), type="name", text=m.group(0)
    )


def _listed_after(
    ctx: Context, s: Sentence, usable: list[EntityMention], q: Quantity
) -> list[EntityMention]:
    """最高的5家企业,3家来自广东,分别是华为、腾讯、比亚迪: the listed ones."""
    text = ctx.norm.text
    for cue in ctx.tools.rules.claims.respectively:
        at = text.find(cue, q.end, s.end)
        if at >= 0:
            first = [e for e in usable if at + len(cue) <= e.start <= at + len(cue) + 1]
            if first:
                return _with_list_forward(text, usable, first[0])
    return []


def _with_list_forward(
    text: str, entities: list[EntityMention], first: EntityMention
) -> list[EntityMention]:
    i = entities.index(first)
    out = [first]
    while i + 1 < len(entities) and JOINT.match(text[entities[i].end : entities[i + 1].start]):
        i += 1
        out.append(entities[i])
    return out


def _container(ctx: Context, q: Quantity) -> list[EntityMention]:
    """23个省份: a count of provinces is about the country."""
    after = ctx.norm.text[q.end : q.end + 4]
    for noun, eid in ctx.tools.rules.claims.container_nouns.items():
        if after.startswith(noun) or ctx.norm.text[q.end - 1 : q.end + len(noun) - 1] == noun:
            e = ctx.tools.entity_by_id(eid)
            return [
                EntityMention(
                    start=q.start, end=q.start, id=e.id, name=e.name, type=e.type, text=""
                )
            ]
    return []


def _anaphor(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> tuple[str, int] | None:
    """The kind and place of a word pointing back to the quantity's subject (全省, 该公司),
    when it stands before the quantity in its sentence with no subject named after it.
    A bare 公司 or 集团 counts only where a clause opens with it (上市公司 is a noun)."""
    text = ctx.norm.text
    best: tuple[str, int] | None = None
    for kind, words in ctx.tools.rules.claims.anaphora.items():
        for w in words:
            at = text.rfind(w, s.start, q.start)
            while at >= 0:
                bare = not w.startswith(("该", "本", "全"))
                opens = at == s.start or text[at - 1 : at] in ctx.tools.rules.claims.clause_marks
                named = any(e.end == at for e in m.entities)
                scope = text[
                    at + len(w) : at + len(w) + 1
                ] in ctx.tools.rules.claims.scope_after or text[max(s.start, at - 2) : at].endswith(
                    tuple(ctx.tools.rules.claims.scope_before)
                )  # 全省第2, 居全省首位
                if (not bare or opens) and not named and not scope:
                    if best is None or at > best[1]:
                        best = (kind, at)
                    break
                at = text.rfind(w, s.start, at)
    if best is None:
        return None
    if any(
        best[1] < e.start < q.start
        and e.type in SUBJECT_TYPES
        and e.text not in ctx.tools.rules.claims.weak_subjects
        for e in m.entities
    ):
        return None  # 全省…，其中广州…: a subject named after the anaphor governs
    return best


def _antecedent(ctx: Context, s: Sentence, m: Mentions, kind: str, at: int) -> list[EntityMention]:
    """The nearest entity of the anaphor's kind: in the sentence before it, in the
    sentence's source, in the sentences before, in the title."""
    types = set(ctx.tools.rules.claims.anaphora_types.get(kind, []))
    here = [e for e in m.entities if e.type in types and e.end <= at]
    if here:
        return here[-1:]
    cited = [e for e in m.entities if e.type in types]  # 江苏省统计局 holds 江苏
    if cited and ctx.cited[s.index] is not None:
        return cited[:1]
    for prev in reversed(ctx.mentions[: s.index]):
        found = [e for e in prev.entities if e.type in types]
        if found:
            return found[-1:]
    return _title_entity(ctx, types)


def _title_entity(ctx: Context, types: set[str]) -> list[EntityMention]:
    title = ctx.tools.to_simple.convert(ctx.title) if ctx.title else ""
    best: tuple[int, Any] | None = None
    for e in ctx.tools.rules.entities.entity:
        if e.type not in types:
            continue
        for alias in [e.name, *e.aliases]:
            at = title.find(alias)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, e)
    if best is None:
        return []
    e = best[1]
    return [EntityMention(start=0, end=0, id=e.id, name=e.name, type=e.type, text="")]


def _subjects(  # noqa: C901 (split under way)
    ctx: Context, s: Sentence, m: Mentions, q: Quantity, carried: list[EntityMention]
) -> tuple[list[EntityMention], list[EntityMention]]:
    text = ctx.norm.text
    clause = _clause(ctx, s, q)
    pointed = _anaphor(ctx, s, m, q)
    if pointed is not None:
        kind, at = pointed
        found = _antecedent(ctx, s, m, kind, at)
        return (found, found) if found else ([], carried)
    usable = _candidates(ctx, s, m, q)
    weak = ctx.tools.rules.claims.weak_subjects
    if "list-size" in q.flags:  # 500 in “2025中国人工智能500强”榜单 is the list's own size
        quoted = NAMED_THING.search(text, max(s.start, q.start - 20), min(s.end, q.end + 20))
        if quoted and quoted.start() <= q.start < quoted.end():
            name = (quoted.group(1) or quoted.group(2)) + text[
                quoted.end() : quoted.end() + 2
            ].strip("，,。")
            return [
                EntityMention(
                    start=quoted.start(),
                    end=quoted.end(),
                    id="",
                    name=name,
                    type="name",
                    text=quoted.group(0),
                )
            ], carried
    if q.kind in ctx.tools.rules.claims.subjects.named_things_for:
        things = _named_things(ctx, s, q, clause[0], clause[1])
        named_inside = [
            e
            for t in things
            for e in m.entities
            if t.start <= e.start and e.end <= t.end and e.type in SUBJECT_TYPES
        ]
        if q.kind == "date" and named_inside:  # 本年头中国人工智能的“DeepSeek时刻”到来
            return named_inside[:1], carried
        before_q = [
            e for e in usable if clause[0] <= e.start and e.end <= q.start and e.text not in weak
        ]
        right_after = [e for e in usable if 0 <= e.start - q.end <= 2 and e.text not in weak]
        after_things = [t for t in things if t.start >= q.end]
        if q.kind == "other" and after_things:  # 全球首个…的“启元重症大模型”: the first thing
            thing = after_things[0]
            inside = [e for e in m.entities if thing.start <= e.start and e.end <= thing.end]
            return (inside[:1] or [thing]), carried
        opens_with = any(text.startswith(w, clause[0]) for w in ctx.tools.rules.claims.apposition)
        later_strong = [e for e in usable if e.start >= clause[1] and e.text not in weak]
        if opens_with and later_strong:  # 作为唯一…的最高荣誉,中国专利奖…
            return [later_strong[0]], carried
        ahead_all = [
            e
            for e in usable
            if q.end <= e.start < min(s.end, clause[1] + 12) and e.text not in weak
        ]
        if q.kind == "other" and ahead_all:  # 唯一的深度推理大模型——讯飞星火X1
            return [ahead_all[0]], carried
        if before_q:
            return _with_list(text, usable, before_q[-1]), before_q[-1:]
        if right_after:
            return [right_after[0]], right_after[:1]
        if things:
            thing = min(things, key=lambda t: abs(t.start - q.start))
            inside = [e for e in m.entities if thing.start <= e.start and e.end <= thing.end]
            return (inside[:1] or [thing]), carried
        if q.kind == "other":
            ahead = _strong(ctx, [e for e in usable if q.end <= e.start < clause[1]])
            if ahead and ahead[0].text not in ctx.tools.rules.claims.weak_subjects:
                return [ahead[0]], carried
    in_clause = _strong(ctx, [e for e in usable if clause[0] <= e.start and e.end <= q.start])
    earlier = _strong(ctx, [e for e in usable if e.end <= clause[0]])
    after = [
        e
        for e in usable
        if q.end <= e.start < clause[1]
        and e.start - q.end <= 4
        and e.text not in ctx.tools.rules.claims.weak_subjects
    ]
    later = _strong(ctx, [e for e in usable if e.start >= clause[1]])
    opens_with = any(text.startswith(w, clause[0]) for w in ctx.tools.rules.claims.apposition)
    if (
        (q.kind == "date" or opens_with)
        and later
        and not in_clause
        and later[0].text not in ctx.tools.rules.claims.weak_subjects
    ):
        chosen = [later[0]]  # 2017年,之江实验室成立 / 作为…第一大省,广东…
    elif in_clause and in_clause[-1].text not in ctx.tools.rules.claims.weak_subjects:
        chosen = _with_list(text, usable, in_clause[-1])
    elif after:
        chosen = [after[0]]
    elif in_clause and not earlier:
        chosen = _with_list(text, usable, in_clause[-1])
    elif earlier:
        chosen = _with_list(text, usable, earlier[-1])
    elif in_clause:
        chosen = [in_clause[-1]]
    elif listed := _listed_after(ctx, s, usable, q):
        return listed, carried
    elif inside := _container(ctx, q):
        return inside, carried
    elif q.kind == "date" and (name := _latin_name(ctx, s, q)):
        return [name], carried
    elif q.kind in NAMELY and (
        things := _named_things(ctx, s, q, s.start, q.start)
    ):  # a date, first, rank or streak of a quoted name; an amount never falls back to one
        return [things[-1]], carried
    else:
        return carried, carried
    return _respectively(ctx, s, m, q, chosen), chosen


def _with_list(
    text: str, entities: list[EntityMention], last: EntityMention
) -> list[EntityMention]:
    """The entity and the ones listed with it (广东、北京、江苏、浙江、上海); in
    广东等沿海省份 the named example, not the class."""
    i = entities.index(last)
    if i > 0 and text[entities[i - 1].end : last.start] == "等":
        i -= 1
        last = entities[i]
    out = [last]
    while i > 0 and JOINT.match(text[entities[i - 1].end : entities[i].start]):
        i -= 1
        out.insert(0, entities[i])
    return out


def _respectively(
    ctx: Context, s: Sentence, m: Mentions, q: Quantity, subjects: list[EntityMention]
) -> list[EntityMention]:
    """江苏、浙江、上海分别为12.2万、10.6万件、10万件: the i-th value to the i-th subject."""
    if len(subjects) < 2:
        return subjects
    text = ctx.norm.text
    cue = next(
        (
            text.find(w, subjects[-1].end, q.start)
            for w in ctx.tools.rules.claims.respectively
            if text.find(w, subjects[-1].end, q.start) >= 0
        ),
        -1,
    )
    if cue < 0:
        return subjects
    values = [o for o in m.quantities if o.start > cue and o.kind == q.kind and o.kind != "date"]
    if len(values) != len(subjects) or q not in values:
        return subjects[-1:] if len(values) != len(subjects) else subjects
    return [subjects[values.index(q)]]


def _pairs(
    ctx: Context, s: Sentence, m: Mentions, q: Quantity, subjects: list[EntityMention]
) -> Iterable[tuple[EntityMention | None, Ref]]:
    metrics = _metrics(ctx, s, q, subjects)
    listed: list[EntityMention | None] = list(subjects) or [None]
    for subject in listed:
        for metric in metrics:
            yield subject, metric


def _metrics(ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention]) -> list[Ref]:  # noqa: C901 (split under way)
    clause = _clause(ctx, s, q)
    text = ctx.norm.text
    if q.kind == "date":  # a date is about the event told after it (…的出现, …成立)
        return [_event(ctx, s, q, clause)]
    changed = _from_to(ctx, s, q, subjects)
    if changed is not None:
        return [changed]
    named = _named_after(ctx, s, q)
    if named is not None:
        return [named]
    after = ctx.tools.find_metrics(text, q.end, clause[1])
    if q.kind == "count" and after and after[0].start - q.end <= 2:  # 9个万亿级产业集群
        h = after[0]
        return [Ref(id=h.metric.id, name=h.metric.name, text=h.text)]
    doers = _doers(ctx, s, q)
    if doers is not None:
        return [doers]
    counted = _counted_noun(ctx, q) if q.kind == "count" else ""
    if counted:  # 近1200项优秀奖: what is counted follows the classifier
        return [Ref(id=None, name=counted, text=counted)]
    if q.kind in ("percent", "fraction") and text[q.end : q.end + 1] == "的":  # 90%的研发经费
        of = ctx.tools.find_metrics(text, q.end + 1, min(clause[1], q.end + 12))
        if of and of[0].start == q.end + 1:
            return [Ref(id=of[0].metric.id, name=of[0].metric.name, text=of[0].text)]
        share_of = _counted_noun(ctx, q.model_copy(update={"end": q.end + 1}))
        if share_of and not share_of.startswith(tuple(ctx.tools.rules.claims.not_shares)):
            return [Ref(id=None, name=f"{share_of}占比", text=share_of)]
    around = [
        h
        for h in ctx.tools.find_metrics(text, clause[0], clause[1])
        if h.start < q.start and q.end <= h.end
    ]
    if around:  # 经济第一大省: the metric's name holds the rank
        h = around[0]
        return [Ref(id=h.metric.id, name=h.metric.name, text=h.text)]
    paired = _paired(ctx, s, q)
    if paired is not None:
        return [paired]
    both = any(w in text[clause[0] : q.start] for w in ctx.tools.rules.claims.both)
    hits = ctx.tools.find_metrics(text, clause[0], q.start)
    if q.kind in ("amount", "count") and hits and hits[-1].metric.operator:
        hits = hits[:-1]  # 增长…达357万辆: a rate never names an amount or a count
    if not hits and (both or q.kind in ("rank", "streak", "other")):
        hits = ctx.tools.find_metrics(text, s.start, clause[0])  # 有效量突破80万件,连续25年…第一
    owned = _owned_noun(ctx, hits[-1], q) if hits and hits[-1].end <= q.start else None
    if owned is not None:
        return [owned]
    if hits:
        listed = [hits[-1]]
        for prev in reversed(hits[:-1]):  # 高价值发明专利拥有量、PCT国际专利申请量、…均居全国首位
            if METRIC_JOINT.match(text[prev.end : listed[0].start]):
                listed.insert(0, prev)
            else:
                break
        both = both or any(w in text[listed[-1].end : q.start] for w in ctx.tools.rules.claims.both)
        chosen = (
            listed
            if both and len(listed) > 1
            else [_respective_metric(ctx, s, q, listed) or hits[-1]]
        )
        if len(chosen) == 1 and not chosen[0].metric.operator:
            longer = _longer_name(ctx, s, q, subjects, chosen[0])
            if longer is not None:
                return [longer]
            wider = _wider_name(ctx, s, q, subjects, chosen[0])
            if wider is not None:
                return [wider]
        if len(chosen) == 1 and chosen[0].metric.operator:
            based = _based(ctx, s, q, subjects, chosen[0])
            if based is not None:
                return [based]
        return [Ref(id=h.metric.id, name=h.metric.name, text=h.text) for h in chosen]
    if after and after[0].start - q.end <= 6 and not after[0].metric.operator:
        h = after[0]
        return [Ref(id=h.metric.id, name=h.metric.name, text=h.text)]
    start = _phrase_start(ctx, s, clause, q.start, subjects, quantities=True)
    phrase = _noun_phrase(ctx, text[start : q.start], scoped=True)
    return [Ref(id=None, name=phrase, text=phrase)]


def _owned_noun(ctx: Context, h: MetricHit, q: Quantity) -> Ref | None:
    """对全省GDP增长的贡献率达47.2%: a noun after 的 that ends in a metric's head word is what
    the figure measures, not the known metric it belongs to."""
    text = ctx.norm.text
    tail = text[h.end : q.start]
    cut = tail.rfind("的")
    if cut < 0:
        return None
    noun = _noun_phrase(ctx, tail[cut + 1 :], scoped=True)
    if len(noun) < 2 or noun[-1] not in ctx.tools.rules.claims.metric_heads:
        return None
    name = _noun_phrase(ctx, text[h.start : q.start], keep=6, scoped=True)
    return Ref(id=None, name=name, text=text[h.start : q.start])


def _longer_name(
    ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention], h: MetricHit
) -> Ref | None:
    """数字经济核心产业增加值: a known metric name followed at once by more of a noun names a
    metric of its own, the whole phrase (not 核心产业). The noun stops at a verb, an
    adverb, a preposition or a number (发明专利有效量在全国率先突破 stays 发明专利有效量)."""
    text = ctx.norm.text
    if q.start - h.end < 2 or not ("\u4e00" <= text[h.end] <= "\u9fff"):
        return None
    stops = set(ctx.tools.rules.claims.adverbs) | ctx.tools.verbs
    more = ""
    for tok in ctx.tools.tokenizer.cut(text[h.end : q.start], HMM=False):
        if (
            tok in stops
            or text.startswith(tuple(stops), h.end + len(more))  # 历史上 cut as 历史 + 上
            or (len(tok) == 1 and tok not in ctx.tools.rules.claims.metric_heads)
            or not re.fullmatch(r"[\u4e00-\u9fff]+", tok)
        ):
            break
        more += tok
    if len(more) < 2:
        return None
    clause = _clause(ctx, s, q)
    start = _phrase_start(ctx, s, clause, h.start, subjects)
    phrase = _noun_phrase(ctx, text[start : h.end + len(more)], keep=6, scoped=True, tail=True)
    return Ref(id=None, name=phrase, text=phrase) if len(phrase) > len(h.text) else None


def _wider_name(
    ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention], h: MetricHit
) -> Ref | None:
    """算力总规模: a noun right before a known alias that is only a head (总规模) names a
    metric of its own, the whole phrase; the metric's own name is never widened."""
    if h.text == h.metric.name or h.start == 0:
        return None
    text = ctx.norm.text
    if not ("\u4e00" <= text[h.start - 1] <= "\u9fff"):
        return None
    clause = _clause(ctx, s, q)
    start = _phrase_start(ctx, s, clause, h.start, subjects, entities=True, quantities=True)
    prefix = _noun_phrase(ctx, text[start : h.start], scoped=True)
    if len(prefix) < 2 or not text[start : h.start].endswith(prefix[-1]):
        return None
    name = prefix + h.text
    return Ref(id=None, name=name, text=name)


def _phrase_start(
    ctx: Context,
    s: Sentence,
    clause: tuple[int, int],
    limit: int,
    subjects: list[EntityMention],
    entities: bool = False,
    quantities: bool = False,
) -> int:
    """Where a metric phrase ending at `limit` starts: after the clause's last subject,
    period (and, when asked, any entity or quantity) ending before `limit`; 去年该省… and
    2024年广东… are not part of what is measured."""
    m = ctx.mentions[s.index]
    ends = [e.end for e in subjects]
    ends += [p.end for p in m.periods]
    if entities:
        ends += [e.end for e in m.entities]
    if quantities:  # a figure's unit is no part of a name (…40万台,居全球首位), but a first
        ends += [o.end for o in m.quantities if o.kind != "other"]  # (首次) ends none
    return max([clause[0]] + [end for end in ends if clause[0] <= end <= limit])


def _based(
    ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention], op: MetricHit
) -> Ref | None:
    """规模以上工业增加值增长8.4%: the words before an operator name its base."""
    text = ctx.norm.text
    clause = _clause(ctx, s, q)
    if not clause[0] <= op.start < q.start:
        return None
    start = _phrase_start(ctx, s, clause, op.start, subjects, quantities=True)
    span = text[start : op.start]
    if "占" in span:  # X占GDP比重: the share is of X
        span = span[: span.index("占")]
    phrase = _noun_phrase(ctx, span, scoped=True)
    if len(phrase) < 2:
        return None
    hits = ctx.tools.find_metrics(phrase, 0, len(phrase))
    known = hits[-1].metric if hits and hits[-1].end == len(phrase) else None
    base_id = known.id if known and not known.operator else None
    return Ref(
        id=f"{base_id}·{op.metric.id}" if base_id else None,
        name=f"{known.name if base_id and known else phrase}·{op.metric.name}",
        text=op.text,
    )


COUNTED_STOP = re.compile(r"[、，,。;；:：!?！？和及与的\s“”《》()]")


def _respective_index(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, int] | None:
    """Where a value stands in a 分别 list of its clause: (its index, how many values of its
    kind the list gives), or None when it is not in one."""
    text = ctx.norm.text
    clause = _clause(ctx, s, q)
    head = text[clause[0] : q.start]
    cue = max((head.rfind(w) for w in ctx.tools.rules.claims.respectively), default=-1)
    if cue < 0:
        return None
    start = clause[0] + cue
    values = [
        o
        for o in ctx.mentions[s.index].quantities
        if start < o.start < s.end and o.kind == q.kind and o.start >= start
    ]
    ends = [o for o in values if ctx.tools.clause_re.search(text, start, o.start) is None]
    if len(ends) < 2 or q not in ends:
        return None
    return ends.index(q), len(ends)


def _paired(ctx: Context, s: Sentence, q: Quantity) -> Ref | None:
    """新能源汽车产销分别为64.2万辆和61.4万辆: a word naming two metrics gives the i-th
    value the i-th (新能源汽车产量, 新能源汽车销量)."""
    at = _respective_index(ctx, s, q)
    if at is None:
        return None
    text = ctx.norm.text
    clause = _clause(ctx, s, q)
    head = text[clause[0] : q.start]
    for word, parts in sorted(ctx.tools.rules.claims.paired.items(), key=lambda kv: -len(kv[0])):
        pos = head.rfind(word)
        if pos < 0 or len(parts) != at[1]:
            continue
        # 去年新能源汽车产销: the period and the subject are not the metric
        cut = _phrase_start(ctx, s, clause, clause[0] + pos, [], entities=True) - clause[0]
        prefix = _noun_phrase(ctx, head[cut:pos], scoped=True)
        name = prefix + parts[at[0]]
        hits = ctx.tools.find_metrics(name, 0, len(name))
        known = (
            hits[-1].metric if hits and hits[-1].start == 0 and hits[-1].end == len(name) else None
        )
        return Ref(id=known.id if known else None, name=known.name if known else name, text=name)
    return None


PARENTHESIS = re.compile(r"[（(][^（()）]{0,24}[)）]")


def _named_after(ctx: Context, s: Sentence, q: Quantity) -> Ref | None:
    """湖南以53231.7亿元(人民币,下同)的地区生产总值位列第九: a figure after 以 (按, 凭借)
    and before 的 is named by what follows 的, up to a verb: a known metric where one opens
    or closes it, else the noun phrase."""
    text = ctx.norm.text
    words = ctx.tools.rules.claims.named_after
    if not words or not text[max(s.start, q.start - 2) : q.start].endswith(tuple(words)):
        return None
    end = q.end
    aside = PARENTHESIS.match(text, end)
    if aside:
        end = aside.end()
    if text[end : end + 1] != "的":
        return None
    clause = ctx.tools.clause_re.search(text, end + 1, s.end)
    stop = min(clause.start() if clause else s.end, end + 24)
    ends = ctx.tools.adverbs | ctx.tools.verbs
    tokens = ctx.tools.tokenizer.cut(text[end + 1 : stop], HMM=False)
    span = ""
    for tok in tokens:
        if tok in ends:
            break
        span += tok
    span = PARENTHESIS.sub("", span)  # 研究与试验发展(R&D)经费投入
    hits = ctx.tools.find_metrics(span, 0, len(span))
    if hits and hits[0].start == 0:
        h = hits[0]
        if h.metric.operator:
            return None  # 以36.8%的市场份额: a share, named as shares are
        return Ref(id=h.metric.id, name=h.metric.name, text=h.text)
    phrase = _noun_phrase(ctx, span, scoped=True)
    if hits and hits[-1].end == len(span) and phrase.endswith(hits[-1].text):
        h = hits[-1]  # 研究与试验发展(R&D)经费投入: the known name at its end
        return Ref(id=h.metric.id, name=h.metric.name, text=h.text)
    return Ref(id=None, name=phrase, text=phrase) if len(phrase) >= 2 else None


def _change(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, list[Quantity]] | None:
    """See `_find_change`; worked out once per quantity."""
    key = (q.start, q.end)
    if key not in ctx.changes:
        ctx.changes[key] = _find_change(ctx, s, q)
    return ctx.changes[key]


def _find_change(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, list[Quantity]] | None:
    """Where the opening word of a change told from one figure to another stands (由, 从),
    and its two figures, when `q` is one of them: the opening word is followed by the first
    figure (a period and 的 may stand between: 由2019年的42.3万辆), and a word of `to` ends
    the words between the two figures but a period and 的 (提高到2024年的263万辆)."""
    rules = ctx.tools.rules.claims.from_to
    text = ctx.norm.text
    clause = _clause(ctx, s, q)
    head = text[clause[0] : q.start]
    opened = max((head.rfind(w) for w in rules.start), default=-1)
    if opened < 0:
        return None
    at = clause[0] + opened
    m = ctx.mentions[s.index]
    figures = [o for o in m.quantities if at < o.start < clause[1] and o.kind == q.kind][:2]
    if len(figures) < 2 or q not in figures:
        return None
    opener = next(w for w in rules.start if text.startswith(w, at))
    if _words_but_dates(m, text, at + len(opener), figures[0].start):
        return None  # 由于, 从事: no figure follows the word
    told = text[figures[0].end : figures[1].start]
    dated = [p for p in m.periods if figures[0].end <= p.start and p.end <= figures[1].start]
    if dated:
        told = told[: dated[0].start - figures[0].end]
    if not told.rstrip("的").endswith(tuple(rules.to)):
        return None
    return at, figures


def _words_but_dates(m: Mentions, text: str, start: int, end: int) -> str:
    """The words between `start` and `end` but periods and 的 (empty: nothing else)."""
    rest = list(text[start:end])
    for p in m.periods:
        if start <= p.start and p.end <= end:
            rest[p.start - start : p.end - start] = [""] * (p.end - p.start)
    return "".join(rest).replace("的", "").strip()


def _from_to(ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention]) -> Ref | None:
    """汽车产量由2019年的85万辆提高到2023年的120万辆: both figures of a change measure what
    is named before its opening word (由, 从)."""
    change = _change(ctx, s, q)
    if change is None:
        return None
    at = change[0]
    start = _phrase_start(ctx, s, _clause(ctx, s, q), at, subjects, entities=True)
    phrase = _noun_phrase(ctx, PARENTHESIS.sub("", ctx.norm.text[start:at]), scoped=True)
    if len(phrase) < 2:
        return None
    hits = ctx.tools.find_metrics(phrase, 0, len(phrase))
    known = (
        hits[-1].metric if hits and hits[-1].start == 0 and hits[-1].end == len(phrase) else None
    )
    if known is not None and known.operator:
        return None
    return Ref(id=known.id if known else None, name=known.name if known else phrase, text=phrase)


def _change_period(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> Period | None:
    """A figure of a change is dated by the period before it in the change (由2019年的42.3
    万辆提高到2023年的263万辆); a change that gives none is told for the years of the one
    before it in the sentence (…，全省新能源汽车产量由12.8万辆提高到104.6万辆)."""
    change = _change(ctx, s, q)
    if change is None:
        return None
    at, figures = change
    role = figures.index(q)
    usable = _usable(ctx, s, m, q)
    while True:
        lo = at if role == 0 else figures[0].end
        own = [p for p in usable if lo <= p.start < figures[role].start]
        if own:
            return own[-1]
        earlier = [o for o in m.quantities if o.end <= at and o.kind == q.kind]
        change = _change(ctx, s, earlier[-1]) if earlier else None
        if change is None:
            return None
        at, figures = change


def _respective_metric(
    ctx: Context, s: Sentence, q: Quantity, listed: list[MetricHit]
) -> MetricHit | None:
    """规上企业和关联企业分别为783家和1.2万家: the i-th value measures the i-th metric."""
    if len(listed) < 2:
        return None
    text = ctx.norm.text
    between = text[listed[-1].end : q.start]
    cue = next((between.find(w) for w in ctx.tools.rules.claims.respectively if w in between), -1)
    if cue < 0:
        return None
    start = listed[-1].end + cue
    mentions = ctx.mentions[s.index].quantities
    values = [o for o in mentions if start < o.start < s.end and o.kind == q.kind]
    if len(values) != len(listed) or q not in values:
        return None
    return listed[values.index(q)]


def _doers(ctx: Context, s: Sentence, q: Quantity) -> Ref | None:
    """全国已有30个省(区、市)把低空经济写进政府工作报告: a count of the things that do
    something is named by what they do and what they are (低空经济写入政府工作报告的省份数),
    in the words of rules/claims.toml [doers]. Its `text` is the rest of the clause, the
    deed: a period inside it (写进2025年省政府工作报告) dates what is done, not the count."""
    if q.kind != "count":
        return None
    key = (q.start, q.end)
    if key not in ctx.deeds:
        ctx.deeds[key] = _find_doers(ctx, s, q, _clause(ctx, s, q))
    return ctx.deeds[key]


def _find_doers(ctx: Context, s: Sentence, q: Quantity, clause: tuple[int, int]) -> Ref | None:
    rules = ctx.tools.rules.claims.doers
    text = ctx.norm.text
    if not rules.nouns:
        return None
    rest = list(text[q.end : clause[1]])
    for p in ctx.mentions[s.index].periods:  # 写进2025年省政府工作报告: the year is the period
        if q.end <= p.start and p.end <= clause[1]:
            rest[p.start - q.end : p.end - q.end] = " " * (p.end - p.start)
    span = PARENTHESIS.sub("", "".join(rest)).replace(" ", "")
    noun = next((n for n in ctx.tools.doer_nouns if span.startswith(n)), None)
    if noun is None:
        return None
    words = [
        t for t in ctx.tools.tokenizer.cut(span[len(noun) :], HMM=False) if t not in rules.drop
    ]
    deed = "".join(words)
    for said, word in rules.verbs.items():
        deed = deed.replace(said, word)
    if (
        len(deed) < 4
        or not re.fullmatch(r"[\u4e00-\u9fff]+", deed)
        or deed.startswith(tuple(rules.not_deeds))
    ):
        return None
    name = f"{deed}的{ctx.tools.doer_nouns[noun]}数"
    return Ref(id=None, name=name, text=text[q.end : clause[1]])


def _counted_noun(ctx: Context, q: Quantity) -> str:
    """The noun right after a count's classifier: 优秀奖 in 近1200项优秀奖."""
    text = ctx.norm.text
    stop = COUNTED_STOP.search(text, q.end, q.end + 12)
    span = text[q.end : stop.start() if stop else q.end + 12]
    if not span or not ("\u4e00" <= span[0] <= "\u9fff"):
        return ""
    tokens = [t for t in ctx.tools.tokenizer.cut(span, HMM=False) if t.strip()]
    if not tokens or tokens[0] in ctx.tools.verbs:
        return ""
    noun = tokens[0] + (tokens[1] if len(tokens) > 1 and len(tokens[1]) == 1 else "")
    return noun if len(noun) >= 2 else ""


def _event(ctx: Context, s: Sentence, q: Quantity, clause: tuple[int, int]) -> Ref:
    """The event a date dates: the rest of its clause, or the next clause."""
    text = ctx.norm.text
    rest = text[q.end : clause[1]].strip("，,的 ")
    if len(rest) < 2:
        nxt = ctx.tools.clause_re.search(text, clause[1] + 1, s.end)
        rest = text[clause[1] + 1 : nxt.start() if nxt else s.end]
    phrase = _noun_phrase(ctx, rest, keep=6)
    return Ref(id=None, name=phrase, text=phrase)


def _noun_phrase(
    ctx: Context, span: str, keep: int = 4, scoped: bool = False, tail: bool = False
) -> str:
    """The last `keep` content words of `span`; with `scoped`, scope and pointing words
    (全省, 全国, 该公司) are not part of what is measured. Worked out once per span."""
    key = (span, keep, scoped, tail)
    known = ctx.tools.phrases.get(key)
    if known is None:
        if len(ctx.tools.phrases) > 50_000:  # a long run: start over rather than grow
            ctx.tools.phrases.clear()
        known = ctx.tools.phrases[key] = _phrase(ctx, span, keep, scoped, tail)
    return known


def _phrase(ctx: Context, span: str, keep: int, scoped: bool, tail: bool) -> str:
    if scoped:
        span = ctx.tools.scope_words.sub(" ", span)
        span = ctx.tools.long_adverbs.sub(" ", span)  # 历史上, which jieba cuts as 历史 + 上
    tokens = [t for t in ctx.tools.tokenizer.cut(span, HMM=False) if t.strip()]
    adverbs = ctx.tools.adverbs if scoped else frozenset()
    words = [
        t
        for t in tokens
        if not (len(t) == 1 and t in ctx.tools.stop_chars)
        and t not in ctx.tools.verbs
        and t not in adverbs
        and not re.fullmatch(r"[\W\d]+", t)
    ]
    return "".join(words[:keep] if keep > 4 and not tail else words[-keep:])


CARRIED_KINDS = ("year", "span", "month", "as_of")  # a data period a paragraph states once


def _period(
    ctx: Context, s: Sentence, m: Mentions, q: Quantity, metric: Ref, source: int | None = None
) -> ClaimPeriod:
    """The claim's period: its clause, its sentence, a linked earlier sentence, the
    paragraph's stated period, the document's reporting year, then the document date."""
    if q.kind == "date" and q.label:
        a, b = ctx.norm.offsets.span(q.start, q.end)
        lo, hi = q.value.lo, q.value.hi
        return ClaimPeriod(
            start=_ymd_iso(int(lo) if lo else None),
            end=_ymd_iso(int(hi) if hi else None),
            text=ctx.original[a:b],
            kind="date",
            label=q.label,
        )
    found = _change_period(ctx, s, m, q) or _sentence_period(ctx, s, m, q)
    found = found or _title_period(ctx, s, m, q)
    found = found or _paragraph_period(ctx, s) or _carried_period(ctx, s)
    found = found or _later_period(ctx, s, m, q) or _lead_period(ctx, s)
    if found is not None and found.floating:
        found = _in_context_year(ctx, s, m, found)
    if found is not None:
        return _period_out(ctx, _streak_years(q, _as_target(ctx, s, q, found)))
    flow = _is_flow(ctx, metric)
    if not flow and ctx.pub:
        return ClaimPeriod(
            start=_iso_start(ctx.pub),
            end=_iso_end(ctx.pub),
            kind="implied",
            label=f"as_of:{ctx.pub}",
        )
    return ClaimPeriod()


def _usable(ctx: Context, s: Sentence, m: Mentions, q: Quantity | None = None) -> list[Period]:
    """The sentence's periods that can date a figure: not part of the figure itself, not a
    reference (比去年), not inside a title (《2024年报告》) nor inside what a count's doers
    did (26个省份已将数据要素写进2025年省政府工作报告)."""
    text = ctx.norm.text
    doers = _doers(ctx, s, q) if q is not None else None
    deed = (q.end, q.end + len(doers.text)) if q is not None and doers is not None else (0, 0)
    change = _change(ctx, s, q) if q is not None and q.kind != "date" else None
    other = (0, 0)  # 由2019年的50亿件增长到80亿件: 2019 dates the first figure only
    if change is not None and q is not None:
        at, figures = change
        other = (at, figures[0].end) if q is figures[1] else (figures[0].end, figures[1].end)
    return [
        p
        for p in m.periods
        if p.label
        and not (q is not None and p.start < q.end and q.start < p.end)
        and not (deed[0] <= p.start < deed[1])
        and not (other[0] <= p.start < other[1])
        and not text[max(0, p.start - 2) : p.start].endswith(ctx.tools.references)
        and text[s.start : p.start].count("《") <= text[s.start : p.start].count("》")
    ]


def _sentence_period(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> Period | None:
    text = ctx.norm.text
    owner = [p for p in m.periods if p.label and text[p.end : q.start] == "的"]
    if owner:
        return owner[0]  # 比2019年的40万台, 由上年的37.9%: that year's figure
    periods = _usable(ctx, s, m, q)
    clause = _clause(ctx, s, q)
    in_clause = [p for p in periods if clause[0] <= p.start < clause[1]]
    if in_clause:
        before_q = [p for p in in_clause if p.start < q.start]
        return before_q[-1] if before_q else in_clause[0]
    before = [
        p
        for p in periods
        if p.start < q.start and (not _time_of_year(p) or not text[s.start : p.start].strip())
    ]  # a time of year (年初) dates other clauses only when it heads the sentence
    return before[-1] if before else None


def _streak_years(q: Quantity, p: Period) -> Period:
    """连续10年 in 2024: the years the streak covers, 2015/2024."""
    year = _year_of(p)
    n = q.value.lo
    if q.kind != "streak" or q.unit != "年" or p.kind != "year" or year is None or not n:
        return p
    first = year - int(n) + 1
    return p.model_copy(
        update={"kind": "span", "label": f"{first}/{year}", "lo": first * 10000 + 101}
    )


def _title_period(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> Period | None:
    """The year of the report a sentence cites before its figure (根据《…调查2024》，…)."""
    text = ctx.norm.text
    titled = [
        p
        for p in m.periods
        if p.kind == "year"
        and p.start < q.start
        and text[s.start : p.start].count("《") > text[s.start : p.start].count("》")
    ]
    return titled[-1] if titled else None


def _later_period(ctx: Context, s: Sentence, m: Mentions, q: Quantity) -> Period | None:
    """A period told after the figure, outside its clause (…，已超过2023年全年水平)."""
    later = [p for p in _usable(ctx, s, m, q) if p.start >= q.start]
    return later[0] if later else None


def _in_context_year(ctx: Context, s: Sentence, m: Mentions, p: Period) -> Period:
    """全年, 1-9月, 年末 written with no year take the year their context states: an
    earlier period of the sentence, the paragraph's, the document's reporting year."""
    written = [o for o in _data_periods(ctx, s, m) if not o.floating and o.start < p.start]
    context = (
        written[-1]
        if written
        else (_paragraph_period(ctx, s) or _carried_period(ctx, s) or _lead_period(ctx, s))
    )
    year = _year_of(context) if context is not None and not context.floating else None
    return rebase(p, year) if year is not None else p


def _as_target(ctx: Context, s: Sentence, q: Quantity, p: Period) -> Period:
    """A figure planned or forecast for its period is a target: named a target around it
    (增长目标定为5%, …5%左右的预期目标), or told after a forecast cue (预计, 将, 预期目标：)
    about a year not yet over, in its sentence or since the paragraph stated the year."""
    year = p.hi // 10000 if p.hi is not None else None
    if p.kind not in ("year", "span") or year is None:
        return p
    words = ctx.tools.rules.dates.periods
    text = ctx.norm.text
    clause = _clause(ctx, s, q)
    after = text[q.end : min(clause[1], q.end + 8)]
    named = any(n in after[:6] or n in text[clause[0] : q.start] for n in words.target_nouns)
    current = ctx.pub is not None and year >= int(ctx.pub[:4])
    told = text[max(p.start, _paragraph_start(ctx, s)) if p.start < s.start else s.start : q.start]
    cued = current and not _is_event_day(p) and any(c in told for c in words.forecast_cues)
    if not named and not cued:
        return p
    return p.model_copy(
        update={"kind": "target", "label": f"target:{year}", "lo": year * 10000 + 101}
    )


def _paragraph_start(ctx: Context, s: Sentence) -> int:
    first = s
    for prev in reversed(ctx.sentences[: s.index]):
        if prev.paragraph != s.paragraph:
            break
        first = prev
    return first.start


def _paragraph_period(ctx: Context, s: Sentence) -> Period | None:
    """The period of an earlier sentence of the paragraph, when this one is linked to it
    (其中…, 同时…)."""
    if not s.text.startswith(tuple(ctx.tools.rules.claims.period_links)):
        return None
    for prev_s, prev_m in zip(
        reversed(ctx.sentences[: s.index]), reversed(ctx.mentions[: s.index]), strict=False
    ):
        if prev_s.paragraph != s.paragraph:
            return None
        labelled = [p for p in prev_m.periods if p.label]
        if labelled:
            return _stated(ctx, prev_s, prev_m) or labelled[-1]
    return None


def _data_periods(ctx: Context, s: Sentence, m: Mentions) -> list[Period]:
    """Periods a sentence states for its figures: not an event's day or time of year, and
    not one that only dates the figure it qualifies (是10年前的两倍, 2019年的40万台)."""
    text = ctx.norm.text
    found = [p for p in _usable(ctx, s, m) if p.kind in CARRIED_KINDS and not _is_event_day(p)]
    stated = [p for p in found if text[p.end : p.end + 1] != "的"]
    return stated or found


def _is_event_day(p: Period) -> bool:
    """A day, or a time in a year (年初), dates what happened then, not the next sentence."""
    return p.kind == "day" or _time_of_year(p)


def _time_of_year(p: Period) -> bool:
    """年初, 年底 of a year: when something happened, not a statistical period."""
    return p.kind == "span" and p.event and _year_of(p) is not None


def _carried_period(ctx: Context, s: Sentence) -> Period | None:
    """A period stated once for a paragraph (2024年,… then 全年…) dates the following
    sentences of the paragraph that state none; the nearest earlier statement wins, so a
    period never carries across another one."""
    for prev_s, prev_m in zip(
        reversed(ctx.sentences[: s.index]), reversed(ctx.mentions[: s.index]), strict=False
    ):
        if prev_s.paragraph != s.paragraph:
            return None
        found = _stated(ctx, prev_s, prev_m)
        if found:
            return found
    return None


def _stated(ctx: Context, s: Sentence, m: Mentions) -> Period | None:
    """The period a sentence states for what follows it: its last data period; for an
    enumeration of parts of one year (一季度…，四季度…), that year."""
    found = _data_periods(ctx, s, m)
    if not found:
        return None
    years = {_year_of(p) for p in found}
    parts = all(p.kind in ("span", "month") for p in found)
    if len({p.label for p in found}) < 2 or len(years) != 1 or None in years or not parts:
        return found[-1]
    year = found[-1].lo // 10000 if found[-1].lo else 0
    return found[-1].model_copy(
        update={
            "kind": "year",
            "label": str(year),
            "lo": year * 10000 + 101,
            "hi": year * 10000 + 1231,
        }
    )


def _lead_period(ctx: Context, s: Sentence) -> Period | None:
    """The year a document reports on, for the paragraphs after its lead: the lead
    paragraph states a year and every data period it states lies in that year."""
    import os

    if s.paragraph == 0 or os.environ.get("NOLEAD"):
        return None
    stated: list[Period] = []
    for lead_s, lead_m in zip(ctx.sentences, ctx.mentions, strict=False):
        if lead_s.paragraph > 0:
            break
        stated += _data_periods(ctx, lead_s, lead_m)
    years = [p for p in stated if p.kind == "year"]
    if not years or len({_year_of(p) for p in stated}) != 1:
        return None
    return years[0]


def _year_of(p: Period) -> int | None:
    """The one calendar year a period lies in, or None when it spans several."""
    if p.lo is None or p.hi is None or p.lo // 10000 != p.hi // 10000:
        return None
    return p.lo // 10000


def _is_flow(ctx: Context, metric: Ref) -> bool:
    """Whether a metric is a flow over a period; an operator (营收·占比) is what its
    operator is."""
    _, by_id = ctx.tools.metrics
    if metric.id in by_id:
        return by_id[metric.id].flow
    if "·" in metric.name:
        op = metric.name.rsplit("·", 1)[1]
        found = next((m for m in by_id.values() if m.operator and m.name == op), None)
        return found.flow if found else True
    return True


def _period_out(ctx: Context, p: Period) -> ClaimPeriod:
    a, b = ctx.norm.offsets.span(p.start, p.end)
    return ClaimPeriod(
        start=_ymd_iso(p.lo), end=_ymd_iso(p.hi), text=ctx.original[a:b], kind=p.kind, label=p.label
    )


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _ymd_iso(value: int | None) -> str | None:
    if value is None:
        return None
    v = int(value)
    return f"{v // 10000:04d}-{v // 100 % 100:02d}-{v % 100:02d}"


def _iso_start(pub: str) -> str:
    parts = pub.split("-") + ["01", "01"]
    return (
        "-".join(parts[:3])
        if len(pub) > 7
        else f"{parts[0]}-{parts[1] if len(pub) > 4 else '01'}-01"
    )


def _iso_end(pub: str) -> str:
    import calendar

    parts = [int(p) for p in pub.split("-")]
    if len(parts) == 3:
        return pub
    month = parts[1] if len(parts) > 1 else 12
    return f"{parts[0]:04d}-{month:02d}-{calendar.monthrange(parts[0], month)[1]:02d}"


# ---- the record ----------------------------------------------------------------------


def _claim(
    ctx: Context,
    s: Sentence,
    m: Mentions,
    q: Quantity,
    subject: EntityMention | None,
    metric: Ref,
    citation: Citation,
    source: int | None,
) -> dict[str, Any]:
    a, b = ctx.norm.offsets.span(q.start, q.end)
    line = bisect.bisect_right(ctx.line_starts, a)
    line_start = ctx.line_starts[line - 1]
    column = _utf16(ctx.original[line_start:a]) + 1
    end_column = column + _utf16(ctx.original[a:b])
    period = _period(ctx, s, m, q, metric, source)
    subj = None
    if subject is not None and subject.type == "organisation" and q.kind != "date":
        subject = _jurisdiction(ctx, subject) or subject  # 工信部's figures are China's
    if subject is not None:
        sa, sb = ctx.norm.offsets.span(subject.start, subject.end)
        subj = Ref(id=subject.id or None, name=subject.name, text=ctx.original[sa:sb])
    confidence = (
        0.5
        + 0.2 * (subj is not None)
        + 0.2 * (metric.id is not None)
        + 0.1 * (period.kind not in ("unstated", "implied"))
    )
    value = derive(q.value, text=ctx.original[a:b])
    return {
        "doc": ctx.doc_id,
        "span": (a, b),
        "line": line,
        "column": column,
        "end_column": end_column,
        "quote": ctx.quotes[s.index],
        "subject": subj,
        "metric": metric,
        "kind": q.kind,
        "value": value,
        "unit": q.unit,
        "period": period,
        "citation": citation,
        "confidence": round(confidence, 2),
        "flags": list(q.flags),
    }
