"""Claims: mentions assembled into comparable records.

subject · metric · value · unit · period · citation, each claim pointing at the original
characters of its number. Which mentions are claims, and how subjects and metrics are
found, is tuned by rules/claims.toml, rules/metrics.toml and rules/citations.toml.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from checker.claims.compare import is_baseline, is_own_target, reference_scope, rival_metrics
from checker.claims.context import SUBJECT_TYPES, Context, list_item
from checker.claims.discourse import (
    BASE_KINDS,
    RATE_KINDS,
    Discourse,
    apply_operator,
    by_head,
    is_operator,
    referents,
    told_kind_of,
)
from checker.claims.keep import is_claim
from checker.claims.metrics import is_restated, list_name, pairs_of, respective_index, unit_note
from checker.claims.phrases import sibling_name, word_starts
from checker.claims.record import draft_claim
from checker.claims.subjects import is_scope, strong, subjects_of, title_names
from checker.models import Citation, Claim, EntityMention, Mentions, Quantity, Ref, Sentence
from checker.ruleset import PLACE_TYPES


class Figure(NamedTuple):
    """A quantity kept as a claim, with what its claims share."""

    s: Sentence
    m: Mentions
    q: Quantity
    subjects: list[EntityMention]
    scope: list[EntityMention] | None  # a wider scope's figure given to compare with
    at: tuple[int, int] | None  # its place in a 分别 list, and the list's length
    cited: Citation
    source: int | None  # the sentence whose attribution it carries


def extract_claims(ctx: Context) -> tuple[Claim, ...]:
    """A document's claims, in the order of their figures: the sentences read in turn,
    each figure kept as a claim read with what the sentences before it told."""
    citations = ctx.sourced
    drafts: list[dict[str, Any]] = []  # a claim's fields but its id, known once all are sorted
    said = Discourse()
    for s, m, (citation, origin) in zip(ctx.sentences, ctx.mentions, citations, strict=False):
        opens = s.paragraph != said.paragraph
        said = said.entering(s)
        if opens and _newly_sourced(ctx, s):  # 另据某研究院测算，…: a new account, of the
            said = said.reopening()  # document's first subject unless it names another
        before = said.carried
        for q in m.quantities:
            if is_claim(ctx, s, m, q):
                found, said = _claims_of(ctx, s, m, q, citation, origin, said)
                drafts += found
        said = _naming_subjects(ctx, s, m, said)
        if list_item(ctx, s):  # ——江苏：1862, then ——全国：5236: each item names its own
            said = said.carrying(before)
    drafts = _sole_subject(ctx, drafts)
    drafts = _home_country(ctx, drafts)
    drafts.sort(
        key=lambda c: (c["span"], c["subject"].name if c["subject"] else "", c["metric"].name)
    )
    return tuple(Claim(id=f"{ctx.doc_id}#{i}", **c) for i, c in enumerate(drafts, 1))


def _newly_sourced(ctx: Context, s: Sentence) -> bool:
    """The sentence names a source of its own (据…, …表示)."""
    own = ctx.cited[s.index]
    return own is not None and own[0].status == "named"


def _home_country(ctx: Context, drafts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A document whose named subjects are all places of one country (provinces, cities)
    or that country, wholes aside (全球): its figures that name none are the country's (a
    data list whose lines name provinces beside national totals), never a place's or
    another country's. A document naming no place at all is left as it is: what its
    figures are about is not known (该公司 with nothing before it)."""
    national = ctx.tools.rules.claims.subjects.national
    if not national or all(d["subject"] is not None for d in drafts):
        return drafts
    wide = set(ctx.tools.rules.claims.weak_subjects)
    named = [d["subject"] for d in drafts if d["subject"] is not None]
    places = {r.id for r in named if r.name not in wide and not _company(ctx, r)}
    if not places or not all(p and _within(ctx, p, national) for p in places):
        return drafts
    country = ctx.tools.entity_by_id(national)
    home = Ref(id=country.id, name=country.name, text="")
    return [d if d["subject"] is not None else {**d, "subject": home} for d in drafts]


def _company(ctx: Context, subject: Ref) -> bool:
    """The subject is a company or an organisation, of the list or found by its name's
    ending (a name with no id), not a place."""
    if not subject.id:
        return True
    entity = ctx.tools.entity_by_id(subject.id)
    return entity is not None and entity.type not in PLACE_TYPES


def _within(ctx: Context, eid: str, country: str) -> bool:
    """The entity is the country or a place inside it (by its chain of parents)."""
    for entity in ctx.tools.lineage(eid):
        if entity.id == country:
            return True
        if entity.type not in PLACE_TYPES:
            return False
    return False


def _sole_subject(ctx: Context, drafts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A document about one subject only: its figures that name none are that subject's
    (a column on national figures, a list under a heading), from where the document first
    names it outside a list's lines, unless its title does (an answer on the whole trade
    before one naming a province is not the province's)."""
    named = {d["subject"].id: d["subject"] for d in drafts if d["subject"] is not None}
    if len(named) != 1 or None in named or all(d["subject"] is not None for d in drafts):
        return drafts
    sole = next(iter(named.values()))
    first = min(
        (
            ctx.norm.offsets.span(e.start, e.end)[0]
            for s, m in zip(ctx.sentences, ctx.mentions, strict=True)
            if not list_item(ctx, s)  # a list's line names its own subject, no other line's
            for e in m.entities
            if e.id == sole.id
        ),
        default=None,
    )
    if first is None:
        return drafts
    if first and sole.id and title_names(ctx, sole.id):
        first = 0
    return [
        d if d["subject"] is not None or d["span"][0] < first else {**d, "subject": sole}
        for d in drafts
    ]


def _claims_of(
    ctx: Context,
    s: Sentence,
    m: Mentions,
    q: Quantity,
    citation: Citation,
    origin: int | None,
    said: Discourse,
) -> tuple[list[dict[str, Any]], Discourse]:
    """The claims of one figure, and what the figures after it are told."""
    scope = reference_scope(ctx, s, m, q)
    if scope is None:
        subjects, carried = subjects_of(ctx, s, m, q, said.carried)
        said = said.carrying(carried)
    else:
        subjects = scope
    figure = Figure(
        s=s,
        m=m,
        q=q,
        subjects=subjects,
        scope=scope,
        at=respective_index(ctx, s, q),
        cited=Citation() if _dates_the_release(ctx, s, q, citation) else citation,
        source=origin if citation.scope == "carried" else None,
    )
    drafts: list[dict[str, Any]] = []
    for subject, metric in _pairs(ctx, figure, said):
        found, said = _claims_of_pair(ctx, figure, subject, metric, said)
        drafts += found
    return drafts, said


def _pairs(ctx: Context, f: Figure, said: Discourse) -> Iterable[tuple[EntityMention | None, Ref]]:
    """Each subject with each metric; a figure compared with one of its kind before it
    (高于全国5.2%的增速, 比2018年的50万台, …完成了4.5%左右的预期目标) measures that one."""
    pairs = pairs_of(ctx, f.s, f.m, f.q, f.subjects)
    kind = f.q.kind
    if f.scope is not None and kind in said.compared:
        wider: list[EntityMention | None] = [*f.scope] or [None]
        return [(subject, said.compared[kind]) for subject in wider]
    if kind in said.compared and (is_baseline(ctx, f.s, f.m, f.q) or is_own_target(ctx, f.s, f.q)):
        return [(subject, said.compared[kind]) for subject, _ in pairs]
    return pairs


def _claims_of_pair(
    ctx: Context, f: Figure, subject: EntityMention | None, metric: Ref, said: Discourse
) -> tuple[list[dict[str, Any]], Discourse]:
    """The claims of one subject and metric of a figure, and what they tell the next."""
    q = f.q
    base = said.base
    if f.at is not None and len(said.listed) >= f.at[1]:
        base = said.listed[-f.at[1] :][f.at[0]]  # 同比分别增长43.1%和41.6%
    if f.scope is not None and q.kind not in said.compared:
        metric = Ref(id=None, name="", text="")  # compared with nothing named
    else:
        metric = said.context_metric(q, metric, base)
    if not metric.name and list_item(ctx, f.s):  # ——广东：402.7: what the list's heading names
        metric = list_name(ctx, f.s)
    metric = _half_of(ctx, metric, [said.mentioned, said.told, *reversed(said.recent)])
    metric = by_head(metric, base)
    metric = _listed_head(ctx, q, metric, said)
    metric = _sibling(ctx, metric, said)
    if "order" in q.flags:  # 超越山东: one claim against each rival
        named = metric if metric.name else base or said.mentioned
        rivals = rival_metrics(ctx, f.m, q, subject, named)
        return [draft_claim(ctx, f.s, f.m, q, subject, r, f.cited, f.source) for r in rivals], said
    operated, bare = apply_operator(ctx, q, metric, base)
    operated = _reckoned(ctx, f.s, q, operated)
    before = said.told or _rated_before(ctx, said, metric)
    if bare and before is not None and q.kind not in ("rank", "streak") and f.at is None:
        operated, bare = apply_operator(ctx, q, metric, before)  # …。不过其增速仅3.5%
    ranking = ctx.tools.rankers.get(operated.id or "") if q.kind == "rank" else None
    if ranking is not None:  # 地区生产总值…居全国首位: the GDP ranking
        operated = Ref(id=ranking.id, name=ranking.name, text=operated.text)
    pointed = referents(ctx, operated, said, f.at) if not bare else []
    if pointed:  # 两项指标的降幅分别…: the metrics named last
        drafts = [draft_claim(ctx, f.s, f.m, q, subject, r, f.cited, f.source) for r in pointed]
        return drafts, said
    draft = draft_claim(ctx, f.s, f.m, q, subject, operated, f.cited, f.source)
    if bare:
        draft["flags"] = [*draft["flags"], "bare-metric"]
        return [draft], said
    if is_restated(ctx, f.s, q):  # 约合1.4亿吨: the figure before in other units
        draft["flags"] = [*draft["flags"], "restated"]
    named = operated if f.scope is None and operated.name else None
    measured = metric if operated is metric and _is_base(ctx, q, metric) else None
    listing = f.at is not None and (not f.subjects or subject is f.subjects[0])
    said = said.claimed(q, named, measured, listing)
    rated = _rated_base(operated) if operated is metric and f.scope is None else None
    return [draft], said.rating(rated) if rated is not None else said


def _listed_head(ctx: Context, q: Quantity, metric: Ref, said: Discourse) -> Ref:
    """稻谷产量812万吨，小麦355万吨: a short name with no head word after a figure of its
    kind whose name ends in one (in the sentence, or a measure in the paragraph) is an item
    of the same list, and takes that head."""
    before = said.compared.get(q.kind)
    if before is None and said.told_kind and said.told_kind == told_kind_of(q):
        before = said.told  # 分品种看，稻谷产量812万吨…。分季看，夏粮388万吨
    name = metric.name
    if metric.id or not name or "·" in name or before is None or before.id:
        return metric
    heads = ctx.tools.head_words
    if len(name) > ctx.tools.rules.claims.listed_name_length or name.endswith(heads):
        return metric
    head = next((h for h in heads if before.name.endswith(h) and len(before.name) > len(h)), "")
    if not head or "·" in before.name:
        return metric
    return Ref(id=None, name=name + head, text=metric.text)


def _reckoned(ctx: Context, s: Sentence, q: Quantity, metric: Ref) -> Ref:
    """以美元计，出口增长5.9%: a rate of a figure reckoned in another currency than the
    usual one is a measure of its own (美元计出口·增长率; rules/claims.toml reckoned)."""
    if q.kind not in RATE_KINDS or "·" not in metric.name or ctx.tools.reckoned is None:
        return metric
    phrase, words = ctx.tools.reckoned
    found = list(phrase.finditer(ctx.norm.text, s.start, q.start))
    named = words.search(found[-1].group(0)) if found else None
    if named is None:
        return metric
    currency = ctx.tools.rules.units.canonical(named.group(0))
    joint = ctx.tools.rules.claims.reckoned_name
    return Ref(id=None, name=f"{currency}{joint}{metric.name}", text=metric.text)


def _half_of(ctx: Context, metric: Ref, before: list[Ref | None]) -> Ref:
    """跨境电商进出口…，其中出口…，进口…: a name that is half of a word of two halves in a
    name told before it (the nearest) is that name with the half (rules/claims.toml
    split_words)."""
    if metric.id or "·" in metric.name:
        return metric
    for word, halves in ctx.tools.rules.claims.split_words.items():
        if metric.name not in halves:
            continue
        for told in before:
            if told is not None and not told.id and word in told.name:
                name = told.name.replace(word, metric.name, 1)
                return Ref(id=None, name=name, text=metric.text)
    return metric


def _sibling(ctx: Context, metric: Ref, said: Discourse) -> Ref:
    """新建住宅销售面积3120万平方米…；销售额2890亿元: a short name after the sentence's
    (or the paragraph's) last named metric that shares its words after a prefix shares the
    prefix too."""
    before = said.mentioned or said.told
    if metric.id or before is None or before.id or "·" in metric.name:
        return metric
    longest, apart = ctx.tools.rules.claims.listed_name_length, ctx.tools.contrastive
    cuts = word_starts(ctx, before.name)
    verbs = ctx.tools.rules.checks.metric_names.valued_words
    name = sibling_name(metric.name, before.name, longest, apart, ctx.tools.head_set, cuts, verbs)
    return metric if name == metric.name else Ref(id=None, name=name, text=metric.text)


def _rated_base(metric: Ref) -> Ref | None:
    """The rate of a metric named with its own base (房地产开发投资·增长率), when the base
    is a whole name: a later bare rate of the same operator is of that base."""
    base, dot, _ = metric.name.rpartition("·")
    if not dot or not base or "·" in base:
        return None
    return metric


def _rated_before(ctx: Context, said: Discourse, op: Ref) -> Ref | None:
    """The base of the paragraph's last rate named with its base, when `op` is the same
    operator (下降6.3%…。全年降幅扩大到7.8%), not another (份额)."""
    rated = said.rated
    if rated is None or not is_operator(ctx, op):
        return None
    _, by_id = ctx.tools.metrics
    operator = by_id[op.id or ""]
    base, _, name = rated.name.rpartition("·")
    if name != operator.name:
        return None
    base_id = rated.id.rpartition("·")[0] if rated.id else None
    return Ref(id=base_id or None, name=base, text=rated.text)


def _is_base(ctx: Context, q: Quantity, metric: Ref) -> bool:
    """Whether later rates and shares may apply to the figure's metric: a measure itself,
    named in full, not an operator."""
    measure = q.kind == "other" and q.unit in ctx.tools.measure_units  # 14130亿斤, 17.9亿亩
    named = bool(metric.name) and "·" not in metric.name and not is_operator(ctx, metric)
    return (q.kind in BASE_KINDS or measure) and named


def _naming_subjects(ctx: Context, s: Sentence, m: Mentions, said: Discourse) -> Discourse:
    """The sentence's last subject that is no scope is carried to the figures after it,
    unless all it names are wide ones (全国, 全球) and others are carried already; the
    place a dateline names is never carried."""
    claims = ctx.tools.rules.claims
    if unit_note(ctx, ctx.norm.text[s.start : s.end].strip()):
        return said  # 单位：亿元｜数据出处：…、福建省工信厅: a note, naming no subject
    dateline = ctx.tools.dateline.match(ctx.norm.text, s.start) if ctx.tools.dateline else None
    filed = dateline.span() if dateline else (0, 0)  # 新华社北京1月20日电: where it was filed
    sources = ctx.tools.rules.entities.open_names.source_type
    cited = ctx.cited[s.index]
    listed = (0, 0)  # 来源：工信部、海关、浙江省商务厅: sources listed, none of them a subject
    if cited is not None and any(j in (cited[0].text or "") for j in ctx.tools.words.joints):
        listed = (s.start + cited[1][0], s.start + cited[1][1])
    found = strong(
        ctx,
        [
            e
            for e in m.entities
            if e.type in SUBJECT_TYPES
            and e.type not in claims.not_subject_types
            and not is_scope(ctx, s, e)
            and not filed[0] <= e.start < filed[1]
            and not (e.type == sources and not e.id)  # 来源：…澄观研究院: a source, no subject
            and not listed[0] <= e.start < listed[1]
        ],
    )
    if found and not (said.carried and all(e.text in claims.weak_subjects for e in found)):
        return said.carrying(tuple(found[-1:]))
    if ctx.norm.text[s.start : s.end].rstrip().endswith(tuple(claims.question_marks)):
        return said.reopening()  # 问：为什么出口还在涨？ a question naming none: a new topic
    return said


def _dates_the_release(ctx: Context, s: Sentence, q: Quantity, citation: Citation) -> bool:
    """国家统计局19日发布年度数据: the date of the attribution itself is the source's own act,
    not a figure the source vouches for."""
    own = ctx.cited[s.index]
    if q.kind != "date" or citation.scope != "sentence" or own is None:
        return False
    return s.start + own[1][0] <= q.start < s.start + own[1][1]
