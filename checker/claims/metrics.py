"""Metrics: what a quantity measures."""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.claims.changes import from_to
from checker.claims.context import (
    HAN,
    SUBJECT_TYPES,
    Context,
    MetricHit,
    clause_of,
    paragraph_so_far,
)
from checker.claims.doers import doers_of
from checker.claims.phrases import (
    PARENTHESIS,
    noun_phrase,
    phrase_start,
    sibling_name,
    word_starts,
)
from checker.models import EntityMention, Mentions, Quantity, Ref, Sentence


def pairs_of(
    ctx: Context, s: Sentence, m: Mentions, q: Quantity, subjects: list[EntityMention]
) -> Iterable[tuple[EntityMention | None, Ref]]:
    metrics = _metrics(ctx, s, q, subjects)
    listed: list[EntityMention | None] = list(subjects) or [None]
    for subject in listed:
        for metric in metrics:
            yield subject, metric


def _metrics(ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention]) -> list[Ref]:
    """What the quantity measures, the first that applies: for a date, the event after it;
    a metric named around the figure; the known metrics before it in its clause; a known
    metric just after it; else the noun phrase before it."""
    clause = clause_of(ctx, s, q)
    text = ctx.norm.text
    if q.kind == "date":  # a date is about the event told after it (…的出现, …成立)
        return [_event(ctx, s, q, clause)]
    if is_restated(ctx, s, q):
        return [Ref(id=None, name="", text="")]  # 折合每亩390公斤: the figure before, again
    labelled = _labelled(ctx, s, q, clause)
    if labelled is not None:
        return [labelled]
    after = ctx.tools.find_metrics(text, q.end, clause[1])
    named = _named_around(ctx, s, q, subjects, clause, after)
    if named is not None:
        return [named]
    before = _metrics_before(ctx, s, q, subjects, clause)
    if before is not None:
        return before
    if after and after[0].start - q.end <= 6 and not after[0].metric.operator:
        return [_ref(after[0])]
    start = phrase_start(ctx, s, clause, q.start, subjects, quantities=True)
    phrase = noun_phrase(ctx, text[start : q.start], scoped=True)
    if _names_nothing(ctx, phrase):  # 进一步降至7.4亿平方米: the metric told before
        return [Ref(id=None, name="", text="")]
    if not phrase:
        inside = _noun_after(ctx, s, q, clause)
        if inside is not None:
            return [inside]
    peers = tuple(ctx.tools.rules.claims.rank_peers)
    if q.kind == "rank" and (phrase.endswith(peers) or text[start : q.start].endswith(peers)):
        return [Ref(id=None, name="", text="")]  # 居财险行业第三: ranked among, not what
    if "/" in q.unit:  # 每千人口床位数7.5张, 平均每人使用快递52件: a rate per head holds its name
        inner = text[q.start : q.end]
        digit = next((i for i, ch in enumerate(inner) if ch.isdigit()), 0)
        if not phrase or phrase in ctx.tools.rules.claims.averages:
            phrase = noun_phrase(ctx, phrase + inner[:digit], keep=8, scoped=True)
    return [Ref(id=None, name=phrase, text=phrase)]


DIGIT = re.compile(r"\d")
LIST_MARKS = frozenset("、")
LIST_LINES = 60  # how far up a list line looks for its heading
UNIT_NOTE_OPENING = 4  # 金额单位：, 计量单位：: a unit note's word for what its unit is of


def list_name(ctx: Context, s: Sentence) -> Ref:
    """——广东：402.7 below 【数据】2025年港口主要指标（单位：万吨）: the figure of a list line
    naming nothing but its subject measures what the list's heading names (an open name
    that the corpus may show to be a metric named elsewhere: `checker.matching.aliases`)."""
    text = ctx.norm.text
    marks = tuple(ctx.tools.rules.claims.list_item_marks)
    at = s.start
    for _ in range(LIST_LINES):
        end = text.rfind("\n", 0, at)
        if end < 0:
            break
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if not line:
            break
        labelled = any(m in line for m in ctx.tools.rules.claims.label_marks)
        if (line.startswith(marks) and labelled) or unit_note(ctx, line):  # an item, a note
            at = start
            continue
        return _heading_name(ctx, start, end)
    return Ref(id=None, name="", text="")


def unit_note(ctx: Context, line: str) -> bool:
    """A line that opens by naming the unit of a list (单位：亿元（另注明者除外）…, 金额单位：
    亿元…): the unit named within its first `UNIT_NOTE_OPENING` characters."""
    pattern = ctx.tools.rules.units.heading_unit
    found = re.search(pattern, line) if pattern is not None else None
    return found is not None and found.start() <= UNIT_NOTE_OPENING


def _heading_name(ctx: Context, start: int, end: int) -> Ref:
    """What a list's heading line `text[start:end]` names: its words less periods, places,
    asides in brackets and a tag (【数据】)."""
    text = ctx.norm.text
    heading = list(text[start:end])
    spans = [m.span() for m in ASIDE.finditer(text, start, end)]
    spans += [m.span() for m in BRACKETED.finditer(text, start, end)]
    for s, m in zip(ctx.sentences, ctx.mentions, strict=False):
        if s.start < end and start < s.end:
            spans += [(p.start, p.end) for p in m.periods]
            spans += [(e.start, e.end) for e in m.entities]
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            heading[i - start] = " "
    name = noun_phrase(ctx, "".join(heading), keep=6, scoped=True)
    return Ref(id=None, name=name, text=text[start:end] if name else "")


BRACKETED = re.compile(r"【[^】]{0,12}】")
ASIDE = re.compile(r"[（(][^（()）]*[)）]")


def _labelled(ctx: Context, s: Sentence, q: Quantity, clause: tuple[int, int]) -> Ref | None:
    """·住院床位：820万张: a figure that is the whole clause after a label mark (an aside in
    brackets aside) is named by the label, the words since its line or clause began, when
    they are few and name a metric (a known one ending them, else their noun phrase; not
    他表示：)."""
    rules = ctx.tools.rules.claims
    text = ctx.norm.text
    mark = clause[0] - 1
    if q.start != clause[0] or mark <= s.start or text[mark] not in rules.label_marks:
        return None
    rest = PARENTHESIS.sub("", text[q.end : clause[1]]).strip()
    if rest and not rest.startswith(
        ("（", "(")
    ):  # an aside may hold a clause mark (…（占全国20%，居第一）)
        return None  # 与此一致：90%的机构…: the figure is not the whole value
    marks = [m.end() for m in ctx.tools.clause_re.finditer(text, s.start, mark)]
    start = max([s.start, *marks, text.rfind("\n", 0, mark) + 1])
    label = text[start:mark]
    if not 2 <= len(label) <= rules.label_length or ctx.tools.words.of in label[-1:]:
        return None
    m = ctx.mentions[s.index]  # 2024年末床位, 山东原铝产量: the period and the place are no name
    spans = [(p.start, p.end) for p in m.periods]
    spans += [(e.start, e.end) for e in m.entities if e.type in SUBJECT_TYPES]
    spans += [m.span() for m in PARENTHESIS.finditer(text, start, mark)]  # （亿美元）, （年末）
    for a, b in spans:
        if start <= a and b <= mark:
            label = label[: a - start] + " " * (b - a) + label[b - start :]
    named = _label_name(ctx, label.strip())
    if named is None:
        return None
    return Ref(id=named.id, name=named.name, text=text[start:mark])


def _label_name(ctx: Context, label: str) -> Ref | None:
    """What a label names: a known metric ending it, a rate or share of what comes before
    its operator (进口影片票房占比：: 进口影片票房·占比), else its noun phrase."""
    hits = ctx.tools.find_metrics(label, 0, len(label))
    last = hits[-1] if hits and hits[-1].end == len(label) else None
    if last is not None and not last.metric.operator:
        prefix = noun_phrase(ctx, label[: last.start], scoped=True) if last.start else ""
        if (
            last.text != last.metric.name
            and len(prefix) >= 2
            and label[: last.start].endswith(prefix)
        ):
            return Ref(id=None, name=prefix + last.text, text=label)  # 用户规模: not 产业规模
        return _ref(last)
    if last is not None and last.start >= 2:
        base = _label_name(ctx, label[: last.start])
        if base is not None and "·" not in base.name:
            op = last.metric
            known = f"{base.id}·{op.id}" if base.id else None
            return Ref(id=known, name=f"{base.name}·{op.name}", text=label)
    phrase = noun_phrase(ctx, label, keep=6, scoped=True)
    if len(phrase) < 2 or _names_nothing(ctx, phrase):
        return None
    return Ref(id=None, name=phrase, text=label)


def _names_nothing(ctx: Context, phrase: str) -> bool:
    """A phrase before a figure that ends in a verb or a connective names no metric."""
    if not phrase:
        return False
    words, endings = ctx.tools.no_name
    if any(w in phrase for w in ctx.tools.rules.claims.averages):
        return False  # 日均, 人均: a figure of its own kind, never the metric told before
    last = ctx.tools.cut(phrase)[-1]
    return last in words or last.endswith(endings)


def is_restated(ctx: Context, s: Sentence, q: Quantity) -> bool:
    """The figure opens a clause that restates the figure before in other units (折合, 约合)."""
    clause = clause_of(ctx, s, q)
    return ctx.norm.text[clause[0] : q.start].startswith(tuple(ctx.tools.rules.claims.restated_by))


def _ref(h: MetricHit) -> Ref:
    return Ref(id=h.metric.id, name=h.metric.name, text=h.text)


def _named_around(
    ctx: Context,
    s: Sentence,
    q: Quantity,
    subjects: list[EntityMention],
    clause: tuple[int, int],
    after: list[MetricHit],
) -> Ref | None:
    """A metric the words around the figure name: the change it is a figure of, what
    follows 以…的, what a count counts, what a share is of, a metric name holding the
    figure, a word naming two metrics."""
    changed = from_to(ctx, s, q, subjects)
    if changed is not None:
        return changed
    named = _named_after(ctx, s, q)
    if named is not None:
        return named
    counted = _counted(ctx, s, q, after) if q.kind == "count" else None
    if counted is not None:
        return counted
    share = _share_of(ctx, q, clause)
    if share is not None:
        return share
    around = [
        h
        for h in ctx.tools.find_metrics(ctx.norm.text, clause[0], clause[1])
        if h.start < q.start and q.end <= h.end
    ]
    if around:  # 经济第一大省: the metric's name holds the rank
        return _ref(around[0])
    return _paired(ctx, s, q)


def _counted(ctx: Context, s: Sentence, q: Quantity, after: list[MetricHit]) -> Ref | None:
    """What a count counts: a known metric right after it (9个万亿级产业集群), its doers,
    the noun after its classifier (近1200项优秀奖)."""
    if after and after[0].start - q.end <= 2:
        return _ref(after[0])
    doers = doers_of(ctx, s, q)
    if doers is not None:
        return doers
    counted = _counted_noun(ctx, q)
    return Ref(id=None, name=counted, text=counted) if counted else None


def _share_of(ctx: Context, q: Quantity, clause: tuple[int, int]) -> Ref | None:
    """90%的研发经费: a share is of what follows its 的, a known metric or a noun."""
    text = ctx.norm.text
    if q.kind not in ("percent", "fraction") or text[q.end : q.end + 1] != ctx.tools.words.of:
        return None
    of = ctx.tools.find_metrics(text, q.end + 1, min(clause[1], q.end + 12))
    if of and of[0].start == q.end + 1:
        return _ref(of[0])
    share_of = _counted_noun(ctx, q.model_copy(update={"end": q.end + 1}))
    if share_of and not share_of.startswith(tuple(ctx.tools.rules.claims.not_shares)):
        named = next((w for w in ctx.tools.rules.claims.share_names if share_of.endswith(w)), "")
        if named and len(share_of) > len(named):  # 19%的市场份额: a share, of its market
            base = share_of[: -len(named)]
            return Ref(id=None, name=f"{base}·{ctx.tools.words.share_name}", text=share_of)
        return Ref(id=None, name=f"{share_of}{ctx.tools.words.share_name}", text=share_of)
    return None


def _changed_by(ctx: Context, hit: MetricHit, q: Quantity) -> bool:
    """A change word right before the figure (比上年增加31.6万吨, 减少了3.1亿元: nothing
    or a joint such as 了 between, so not 增加值突破1万亿元): the figure is the change of a
    metric, not a rate and not the metric itself."""
    gap = ctx.norm.text[hit.end : q.start]
    joints = ctx.tools.rules.claims.change_joints
    return (not gap or gap in joints) and hit.text in ctx.tools.change_words


def _metrics_before(
    ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention], clause: tuple[int, int]
) -> list[Ref] | None:
    """The known metrics named before the figure in its clause (for a rank, a streak, a
    first or a figure of 均, in the sentence before it), or a noun they own; None when
    there are none."""
    text = ctx.norm.text
    both = any(w in text[clause[0] : q.start] for w in ctx.tools.rules.claims.both)
    hits = _hits_beside_periods(ctx, s, clause[0], q.start)
    rate = q.kind in ("amount", "count") and hits and hits[-1].metric.operator
    if rate and not _changed_by(ctx, hits[-1], q):
        hits = hits[:-1]  # 增长…达357万辆: a rate never names an amount or a count
    if _share_of_whole(q, hits):
        hits = hits[:-1]  # 占GDP 7.1%: a share of the figure before, GDP its whole
    if not hits and (both or q.kind in ("rank", "streak", "other")):
        hits = ctx.tools.find_metrics(text, s.start, clause[0])  # 有效量突破80万件,连续25年…第一
        if q.kind == "other" and q.unit in ctx.tools.measure_units:
            hits = [h for h in hits if not h.metric.operator]  # a rate never names a measure
    owned = _owned_noun(ctx, hits[-1], q) if hits and hits[-1].end <= q.start else None
    if owned is not None:
        return [owned]
    if not hits:
        return None
    return _chosen_metrics(ctx, s, q, subjects, hits, both)


def _hits_beside_periods(ctx: Context, s: Sentence, start: int, end: int) -> list[MetricHit]:
    """The known metrics named in `start`..`end`, none begun inside a period's words
    (去年增长: 增长 after 去年, not 年增)."""
    text = ctx.norm.text
    hits = ctx.tools.find_metrics(text, start, end)
    for p in ctx.mentions[s.index].periods:
        if any(p.start < h.start < p.end < h.end for h in hits):
            kept = [h for h in hits if h.end <= p.end and h.start < p.start]
            hits = [*kept, *ctx.tools.find_metrics(text, p.end, end)]
    return hits


def _share_of_whole(q: Quantity, hits: list[MetricHit]) -> bool:
    """A share written with its whole right after its word (占GDP): the known metric after
    占 is the whole the share is of, not what the share measures."""
    if q.kind not in ("percent", "fraction") or len(hits) < 2:
        return False
    share, whole = hits[-2], hits[-1]
    return share.metric.operator and not whole.metric.operator and share.end == whole.start


def _chosen_metrics(
    ctx: Context,
    s: Sentence,
    q: Quantity,
    subjects: list[EntityMention],
    hits: list[MetricHit],
    both: bool,
) -> list[Ref]:
    """The last metric before the figure; all those listed with it when a word says the
    figure is of each (均); the i-th of a 分别 list."""
    text = ctx.norm.text
    listed = [hits[-1]]
    for prev in reversed(hits[:-1]):  # 高价值发明专利拥有量、PCT国际专利申请量、…均居全国首位
        if not ctx.tools.metric_joint.match(text[prev.end : listed[0].start]):
            break
        listed.insert(0, prev)
    both = both or any(w in text[listed[-1].end : q.start] for w in ctx.tools.rules.claims.both)
    if both and len(listed) > 1:
        return [_ref(h) for h in listed]
    chosen = _respective_metric(ctx, s, q, listed) or hits[-1]
    return [_refined(ctx, s, q, subjects, chosen)]


def _refined(
    ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention], h: MetricHit
) -> Ref:
    """A known metric, or the longer or wider phrase it is part of; an operator with the
    base named before it."""
    if not h.metric.operator:
        longer = _longer_name(ctx, s, q, subjects, h)
        if longer is not None:
            return longer
        wider = _wider_name(ctx, s, q, subjects, h)
        if wider is not None:
            return wider
    else:
        based = _based(ctx, s, q, subjects, h)
        if based is not None:
            return based
    return _ref(h)


def _owned_noun(ctx: Context, h: MetricHit, q: Quantity) -> Ref | None:
    """对全省GDP增长的贡献率达47.2%: a noun after 的 that ends in a metric's head word is what
    the figure measures, not the known metric it belongs to."""
    text = ctx.norm.text
    tail = text[h.end : q.start]
    cut = tail.rfind(ctx.tools.words.of)
    if cut < 0:
        return None
    noun = noun_phrase(ctx, tail[cut + 1 :], scoped=True)
    if len(noun) < 2 or noun[-1] not in ctx.tools.rules.claims.metric_heads:
        return None
    name = noun_phrase(ctx, text[h.start : q.start], keep=6, scoped=True)
    return Ref(id=None, name=name, text=text[h.start : q.start])


def _longer_name(
    ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention], h: MetricHit
) -> Ref | None:
    """数字经济核心产业增加值: a known metric name followed at once by more of a noun names a
    metric of its own, the whole phrase (not 核心产业). The noun stops at a verb, an
    adverb, a preposition or a number (发明专利有效量在全国率先突破 stays 发明专利有效量)."""
    text = ctx.norm.text
    if q.start - h.end < 2 or not HAN.match(text, h.end):
        return None
    stops = set(ctx.tools.rules.claims.adverbs) | ctx.tools.verbs
    more = ""
    for tok in ctx.tools.cut(text[h.end : q.start]):
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
    clause = clause_of(ctx, s, q)
    start = phrase_start(ctx, s, clause, h.start, subjects)
    phrase = noun_phrase(ctx, text[start : h.end + len(more)], keep=6, scoped=True, tail=True)
    return Ref(id=None, name=phrase, text=phrase) if len(phrase) > len(h.text) else None


def _wider_name(
    ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention], h: MetricHit
) -> Ref | None:
    """算力总规模: a noun right before a known alias that is only a head (总规模) names a
    metric of its own, the whole phrase; the metric's own name is never widened."""
    if h.text == h.metric.name or h.start == 0:
        return None
    text = ctx.norm.text
    if not HAN.match(text, h.start - 1):
        return None
    clause = clause_of(ctx, s, q)
    start = phrase_start(ctx, s, clause, h.start, subjects, entities=True, quantities=True)
    prefix = noun_phrase(ctx, text[start : h.start], scoped=True)
    if len(prefix) < 2 or not text[start : h.start].endswith(prefix[-1]):
        return None
    name = prefix + h.text
    return Ref(id=None, name=name, text=name)


def _based(
    ctx: Context, s: Sentence, q: Quantity, subjects: list[EntityMention], op: MetricHit
) -> Ref | None:
    """规模以上工业增加值增长8.4%: the words before an operator name its base."""
    text = ctx.norm.text
    clause = clause_of(ctx, s, q)
    if not clause[0] <= op.start < q.start:
        return None
    start = phrase_start(ctx, s, clause, op.start, subjects, quantities=True)
    refs = ctx.tools.references
    dated = [
        p
        for p in ctx.mentions[s.index].periods
        if start == p.end
        and p.start > clause[0]
        and not (text[clause[0] : p.start].endswith(refs) and DIGIT.search(p.text))  # 比2022年
    ]
    if dated and not noun_phrase(ctx, text[start : op.start], scoped=True):
        # 房地产开发投资全年下降7.3%, 增加值比上年增长6.3%: the name stands before the
        # period (and before the word that compares with it)
        head = text[clause[0] : dated[0].start]
        ref = next((r for r in refs if head.endswith(r)), "")
        end = dated[0].start - len(ref)
        start = phrase_start(ctx, s, clause, end, subjects, quantities=True)
        span = text[start:end]
    else:
        span = text[start : op.start]
    share = ctx.tools.words.share
    if share in span:  # X占GDP比重: the share is of X
        span = span[: span.index(share)]
    span = _respective_part(ctx, s, q, span)
    phrase = noun_phrase(ctx, span, scoped=True)
    if len(phrase) < 2:
        return None
    hits = ctx.tools.find_metrics(phrase, 0, len(phrase))
    known = hits[-1].metric if hits and hits[-1].end == len(phrase) else None
    if known is not None and known.operator:
        return None  # 增幅比11月末回落: a rate's change, of the base told before
    base_id = known.id if known else None
    return Ref(
        id=f"{base_id}·{op.metric.id}" if base_id else None,
        name=f"{known.name if base_id and known else phrase}·{op.metric.name}",
        text=op.text,
    )


def _respective_part(ctx: Context, s: Sentence, q: Quantity, span: str) -> str:
    """销售面积和销售额分别下降8.4%和11.2%: the i-th figure of a 分别 list is of the i-th
    name listed before the operator, sharing the first one's prefix (新建商品房…)."""
    at = respective_index(ctx, s, q)
    if at is None:
        return span
    parts = [p for p in ctx.tools.name_joints.split(span) if p.strip()]
    if len(parts) != at[1]:
        return span
    first = noun_phrase(ctx, parts[0], scoped=True)
    own = noun_phrase(ctx, parts[at[0]], scoped=True)
    return sibling_name(
        own,
        first,
        ctx.tools.rules.claims.listed_name_length,
        ctx.tools.contrastive,
        cuts=word_starts(ctx, first),
    )


def respective_index(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, int] | None:
    """Where a value stands in a 分别 list of its clause: (its index, how many values of its
    kind the list gives), or None when it is not in one; worked out once per quantity."""
    key = (q.start, q.end)
    if key not in ctx.respective:
        ctx.respective[key] = _find_respective_index(ctx, s, q)
    return ctx.respective[key]


def _find_respective_index(ctx: Context, s: Sentence, q: Quantity) -> tuple[int, int] | None:
    text = ctx.norm.text
    clause = clause_of(ctx, s, q)
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
    at = respective_index(ctx, s, q)
    if at is None:
        return None
    text = ctx.norm.text
    clause = clause_of(ctx, s, q)
    head = text[clause[0] : q.start]
    for word, parts in sorted(ctx.tools.rules.claims.paired.items(), key=lambda kv: -len(kv[0])):
        pos = head.rfind(word)
        if pos < 0 or len(parts) != at[1]:
            continue
        # 去年新能源汽车产销: the period and the subject are not the metric
        cut = phrase_start(ctx, s, clause, clause[0] + pos, [], entities=True) - clause[0]
        prefix = noun_phrase(ctx, head[cut:pos], scoped=True)
        name = prefix + parts[at[0]]
        hits = ctx.tools.find_metrics(name, 0, len(name))
        known = (
            hits[-1].metric if hits and hits[-1].start == 0 and hits[-1].end == len(name) else None
        )
        return Ref(id=known.id if known else None, name=known.name if known else name, text=name)
    return None


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
    if text[end : end + 1] != ctx.tools.words.of:
        return None
    clause = ctx.tools.clause_re.search(text, end + 1, s.end)
    stop = min(clause.start() if clause else s.end, end + 24)
    ends = ctx.tools.adverbs | ctx.tools.verbs
    tokens = ctx.tools.cut(text[end + 1 : stop])
    span = ""
    for tok in tokens:
        if tok in ends or tok in LIST_MARKS:  # 以1470万件的出货量、23%的份额: one each
            break
        span += tok
    span = PARENTHESIS.sub("", span)  # 研究与试验发展(R&D)经费投入
    hits = ctx.tools.find_metrics(span, 0, len(span))
    if hits and hits[0].start == 0:
        h = hits[0]
        if h.metric.operator:
            return None  # 以36.8%的市场份额: a share, named as shares are
        return Ref(id=h.metric.id, name=h.metric.name, text=h.text)
    phrase = noun_phrase(ctx, span, scoped=True)
    if hits and hits[-1].end == len(span) and phrase.endswith(hits[-1].text):
        h = hits[-1]  # 研究与试验发展(R&D)经费投入: the known name at its end
        return Ref(id=h.metric.id, name=h.metric.name, text=h.text)
    return Ref(id=None, name=phrase, text=phrase) if len(phrase) >= 2 else None


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


def _noun_after(ctx: Context, s: Sentence, q: Quantity, clause: tuple[int, int]) -> Ref | None:
    """全年621.8亿元营业收入当中, 年末7682家门店中: an amount or a count whose clause goes
    on with a noun and a word of being inside (rules/claims.toml inside_words) measures
    what the noun names, in full as the paragraph named it before (游戏产业营业收入)."""
    if q.kind not in ("amount", "count"):
        return None
    text = ctx.norm.text
    span = text[q.end : clause[1]].strip()
    inside = next((w for w in ctx.tools.inside_words if span.endswith(w)), "")
    span = span[: len(span) - len(inside)]
    if not inside or len(span) < 2 or not HAN.match(span):
        return None
    noun = noun_phrase(ctx, span, keep=6, scoped=True)
    if noun != span or _names_nothing(ctx, noun):
        return None
    paragraph = paragraph_so_far(ctx, s)
    start = paragraph[0].start
    told = text.rfind(noun, start, q.start)
    if told > 0:  # the paragraph named it before: as it did
        a, b = max(start, told - 12), told + len(noun)
        window = list(text[a:b])
        for x in paragraph:
            for p in ctx.mentions[x.index].periods:  # 上半年: when, not what
                if a <= p.start and p.end <= b:
                    window[p.start - a : p.end - a] = [" "] * (p.end - p.start)
        before = noun_phrase(ctx, "".join(window), keep=6, scoped=True)
        if before.endswith(noun):
            return Ref(id=None, name=before, text=before)  # the name told before, again
    return Ref(id=None, name=noun, text=span)


def _counted_noun(ctx: Context, q: Quantity) -> str:
    """The noun right after a count's classifier: 优秀奖 in 近1200项优秀奖."""
    text = ctx.norm.text
    stop = ctx.tools.counted_stop.search(text, q.end, q.end + 12)
    span = text[q.end : stop.start() if stop else q.end + 12]
    if not HAN.match(span):
        return ""
    tokens = [t for t in ctx.tools.cut(span) if t.strip()]
    if not tokens or tokens[0] in ctx.tools.verbs:
        return ""
    glued = len(tokens) > 1 and len(tokens[1]) == 1 and tokens[1] not in ctx.tools.inside_words
    noun = tokens[0] + (tokens[1] if glued else "")  # 优秀奖, 门店 (not 门店中)
    return noun if len(noun) >= 2 else ""


def _event(ctx: Context, s: Sentence, q: Quantity, clause: tuple[int, int]) -> Ref:
    """The event a date dates: the rest of its clause, or the next clause."""
    text = ctx.norm.text
    rest = text[q.end : clause[1]].strip(f"，,{ctx.tools.words.of} ")
    if len(rest) < 2:
        nxt = ctx.tools.clause_re.search(text, clause[1] + 1, s.end)
        rest = text[clause[1] + 1 : nxt.start() if nxt else s.end]
    phrase = noun_phrase(ctx, rest, keep=6)
    return Ref(id=None, name=phrase, text=phrase)
