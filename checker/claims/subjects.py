"""Subjects: whose figure a quantity is."""

from __future__ import annotations

import re
from typing import Any

from checker.claims.context import SUBJECT_TYPES, Context, clause_of
from checker.models import Citation, EntityMention, Mentions, Quantity, Sentence
from checker.ruleset import PLACE_TYPES

NAMELY = {"date", "other", "rank", "streak"}  # kinds a quoted name before them may own


def is_scope(ctx: Context, s: Sentence, e: EntityMention) -> bool:
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
        sources = ctx.tools.rules.entities.open_names.source_type
        taken = [(o.start, o.end) for o in m.quantities]
        dateline = ctx.tools.dateline.match(ctx.norm.text, s.start) if ctx.tools.dateline else None
        if dateline:
            taken.append(dateline.span())  # 本报广州2月9日电: where it was filed
        pool = ctx.pools[s.index] = [
            (e, is_scope(ctx, s, e))
            for e in m.entities
            if e.type in SUBJECT_TYPES
            and e.type not in rules.not_subject_types
            and not (e.type == sources and not e.id)  # 据澄观研究院测算: a source, no subject
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
        if (not scope or (e.end == q.start and _whole_before(ctx, e, q)))
        and not _share_scope(ctx, e, q)
    ]
    uncited = [e for e in usable if not (cite_span[0] <= e.start < cite_span[1])]
    if uncited:
        return uncited
    # only the source is named: a place in its name (江苏省统计局) or the place it speaks
    # for (国家统计局 → 中国) is the subject; a company speaks for itself
    # an organisation the list does not hold (据鼎冶咨询测算) speaks for nothing named
    spoken = [j for e in usable if (j := jurisdiction(ctx, e) or (e if e.id else None))]
    if not spoken and cited and cited[0].status == "named":
        return _national(ctx, cited[0], cite_span)
    if not spoken and not cited:  # 数据来源：国家统计局 below a list: the country's figures
        carried, origin = ctx.sourced[s.index]
        if carried.status == "named" and origin is not None:
            at = ctx.sentences[origin].start
            return _national(ctx, carried, (at, at + len(carried.text or "")))
    return spoken


def _national(ctx: Context, cited: Citation, span: tuple[int, int]) -> list[EntityMention]:
    """The country, for a figure that a national body (国家能源局, 商务部) gives and whose
    sentence names no subject; a source of no such name gives none."""
    rules = ctx.tools.rules.claims.subjects
    sources = ctx.tools.name_joints.split(cited.source or "")  # 交通运输部、国家邮政局
    national = any(
        source.startswith(tuple(rules.national_prefixes))
        or source.endswith(tuple(rules.national_suffixes))
        for source in sources
        if source
    )
    if not national or rules.national is None:
        return []
    country = ctx.tools.entity_by_id(rules.national)
    return [
        EntityMention(
            start=span[0],
            end=span[1],
            id=country.id,
            name=country.name,
            type=country.type,
            text=cited.source or "",
        )
    ]


def jurisdiction(ctx: Context, e: EntityMention) -> EntityMention | None:
    if e.type in PLACE_TYPES or e.type == "company":
        return e
    entity = ctx.tools.entity_by_id(e.id) if e.id else None
    if entity is None or entity.parent is None:
        return None
    parent = ctx.tools.entity_by_id(entity.parent)
    return EntityMention(
        start=e.start, end=e.end, id=parent.id, name=parent.name, type=parent.type, text=e.text
    )


def _whole_before(ctx: Context, e: EntityMention, q: Quantity) -> bool:
    """A scope right before a figure is its subject: any but a whole (全国, 全球), which is
    only before an amount or a count that a share is of (占全国5236万吨的35.6%)."""
    if e.text not in ctx.tools.rules.claims.weak_subjects:
        return True
    text = ctx.norm.text
    share = ctx.tools.rules.claims.share_of_whole
    return q.kind in ("amount", "count") and text.endswith(tuple(share), 0, e.start)


def _share_scope(ctx: Context, e: EntityMention, q: Quantity) -> bool:
    """贡献了全国21.3%的出口增量, 占到全世界同类出口的近五成, 出口额全球占比: a whole (全国,
    全球) right before a share, after a word of sharing or before a share's name is the
    share's scope, not its subject."""
    rules = ctx.tools.rules.claims
    if q.kind not in ("percent", "fraction") or e.text not in rules.weak_subjects:
        return False
    text = ctx.norm.text
    return (
        e.end == q.start
        or text.endswith(tuple(rules.share_of_whole), 0, e.start)
        or (e.end < q.start and text.startswith(tuple(rules.share_names), e.end))
    )


def strong(ctx: Context, entities: list[EntityMention]) -> list[EntityMention]:
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
                return _with_list_forward(ctx, usable, first[0])
    return []


def _with_list_forward(
    ctx: Context, entities: list[EntityMention], first: EntityMention
) -> list[EntityMention]:
    text = ctx.norm.text
    i = entities.index(first)
    out = [first]
    while i + 1 < len(entities) and ctx.tools.joint.match(
        text[entities[i].end : entities[i + 1].start]
    ):
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
    pointing = ctx.tools.pointing
    best: tuple[str, int] | None = None
    for kind, words in ctx.tools.rules.claims.anaphora.items():
        for w in words:
            at = text.rfind(w, s.start, q.start)
            while at >= 0:
                bare = not w.startswith(pointing)
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


def title_names(ctx: Context, eid: str) -> bool:
    """The document's title names the entity `eid` (first of its type)."""
    entity = ctx.tools.entity_by_id(eid)
    found = _title_entity(ctx, {entity.type}) if entity is not None else []
    return bool(found) and found[0].id == eid


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


Chosen = tuple[list[EntityMention], tuple[EntityMention, ...]]  # subjects, and those carried on


def subjects_of(
    ctx: Context, s: Sentence, m: Mentions, q: Quantity, carried: tuple[EntityMention, ...]
) -> Chosen:
    """The quantity's subjects, and the subjects carried to the figures after it: what a
    word pointing back names (全省, 该公司), the list a list's size belongs to, a named
    thing, else the nearest entity."""
    pointed = _anaphor(ctx, s, m, q)
    if pointed is not None:
        kind, at = pointed
        found = _antecedent(ctx, s, m, kind, at)
        return (found, tuple(found)) if found else ([], carried)
    usable = _candidates(ctx, s, m, q)
    weak = ctx.tools.rules.claims.weak_subjects
    whole = [e for e in usable if e.end == q.start and e.text in weak and _whole_before(ctx, e, q)]
    if whole:  # 占全国5236万吨的35.6%: the whole's figure
        return whole, carried
    if "list-size" in q.flags:
        listing = _list_itself(ctx, s, q)
        if listing is not None:
            return [listing], carried
    measured = q.unit in ctx.tools.rules.units.physical  # 2135.6万吨: a measure, no thing
    if q.kind in ctx.tools.rules.claims.subjects.named_things_for and not measured:
        chosen = _among_things(ctx, s, m, q, usable, carried)
        if chosen is not None:
            return chosen
    return _nearest(ctx, s, m, q, usable, carried)


def _list_itself(ctx: Context, s: Sentence, q: Quantity) -> EntityMention | None:
    """500 in “2025中国人工智能500强”榜单 is the list's own size: the list is the subject."""
    text = ctx.norm.text
    quoted = NAMED_THING.search(text, max(s.start, q.start - 20), min(s.end, q.end + 20))
    if quoted is None or not quoted.start() <= q.start < quoted.end():
        return None
    name = (quoted.group(1) or quoted.group(2)) + text[quoted.end() : quoted.end() + 2].strip(
        "，,。"
    )
    return EntityMention(
        start=quoted.start(),
        end=quoted.end(),
        id="",
        name=name,
        type="name",
        text=quoted.group(0),
    )


def _among_things(
    ctx: Context,
    s: Sentence,
    m: Mentions,
    q: Quantity,
    usable: list[EntityMention],
    carried: tuple[EntityMention, ...],
) -> Chosen | None:
    """The subject of a figure of a kind that quoted or titled names may own: a name inside
    one (本年头中国人工智能的“DeepSeek时刻”), the first thing after it (全球首个…的“启元
    重症大模型”), the one named after an apposition (作为唯一…的最高荣誉,中国专利奖…)."""
    clause = clause_of(ctx, s, q)
    weak = ctx.tools.rules.claims.weak_subjects
    things = _named_things(ctx, s, q, clause[0], clause[1])
    if q.kind == "date":
        named_inside = [
            e
            for t in things
            for e in m.entities
            if t.start <= e.start and e.end <= t.end and e.type in SUBJECT_TYPES
        ]
        if named_inside:
            return named_inside[:1], carried
    after_things = [t for t in things if t.start >= q.end]
    if q.kind == "other" and after_things:
        return _inside_or(m, after_things[0]), carried
    opens_with = any(
        ctx.norm.text.startswith(w, clause[0]) for w in ctx.tools.rules.claims.apposition
    )
    later_strong = [e for e in usable if e.start >= clause[1] and e.text not in weak]
    if opens_with and later_strong:
        return [later_strong[0]], carried
    ahead_all = [
        e for e in usable if q.end <= e.start < min(s.end, clause[1] + 12) and e.text not in weak
    ]
    if q.kind == "other" and ahead_all:  # 唯一的深度推理大模型——讯飞星火X1
        return [ahead_all[0]], carried
    return _around_things(ctx, s, m, q, usable, things, carried)


def _around_things(
    ctx: Context,
    s: Sentence,
    m: Mentions,
    q: Quantity,
    usable: list[EntityMention],
    things: list[EntityMention],
    carried: tuple[EntityMention, ...],
) -> Chosen | None:
    """An entity before the figure in its clause, right after it, else the nearest named
    thing; for a first (首个), an entity ahead in the clause."""
    clause = clause_of(ctx, s, q)
    weak = ctx.tools.rules.claims.weak_subjects
    before_q = [
        e for e in usable if clause[0] <= e.start and e.end <= q.start and e.text not in weak
    ]
    if before_q:
        return _with_list(ctx, usable, before_q[-1]), tuple(before_q[-1:])
    right_after = [e for e in usable if 0 <= e.start - q.end <= 2 and e.text not in weak]
    if right_after:
        return [right_after[0]], tuple(right_after[:1])
    if things:
        return _inside_or(m, min(things, key=lambda t: abs(t.start - q.start))), carried
    if q.kind == "other":
        ahead = strong(ctx, [e for e in usable if q.end <= e.start < clause[1]])
        if ahead and ahead[0].text not in weak:
            return [ahead[0]], carried
    return None


def _inside_or(m: Mentions, thing: EntityMention) -> list[EntityMention]:
    """The first entity named inside a quoted or titled name, else the name itself."""
    inside = [e for e in m.entities if thing.start <= e.start and e.end <= thing.end]
    return inside[:1] or [thing]


def _nearest(
    ctx: Context,
    s: Sentence,
    m: Mentions,
    q: Quantity,
    usable: list[EntityMention],
    carried: tuple[EntityMention, ...],
) -> Chosen:
    """The entity nearest the figure: the clause's own before it, one just after it, an
    earlier clause's; after a date or an apposition (2017年,之江实验室成立 / 作为…第一大省,
    广东…) the next clause's. Subjects listed with it share the figure (分别 assigns them)."""
    text = ctx.norm.text
    clause = clause_of(ctx, s, q)
    weak = ctx.tools.rules.claims.weak_subjects
    in_clause = strong(ctx, [e for e in usable if clause[0] <= e.start and e.end <= q.start])
    earlier = strong(ctx, [e for e in usable if e.end <= clause[0]])
    after = [
        e
        for e in usable
        if q.end <= e.start < clause[1] and e.start - q.end <= 4 and e.text not in weak
    ]
    later = strong(ctx, [e for e in usable if e.start >= clause[1]])
    opens_with = any(text.startswith(w, clause[0]) for w in ctx.tools.rules.claims.apposition)
    if (q.kind == "date" or opens_with) and later and not in_clause and later[0].text not in weak:
        chosen = [later[0]]
    elif in_clause and in_clause[-1].text not in weak:
        chosen = _with_list(ctx, usable, in_clause[-1])
    elif after:
        chosen = [after[0]]
    elif in_clause and not earlier:
        chosen = _with_list(ctx, usable, in_clause[-1])
    elif earlier:
        chosen = _with_list(ctx, usable, earlier[-1])
    elif in_clause:
        chosen = [in_clause[-1]]
    else:
        return _unnamed(ctx, s, q, usable, carried), carried
    return _respectively(ctx, s, m, q, chosen), tuple(chosen)


def _unnamed(
    ctx: Context,
    s: Sentence,
    q: Quantity,
    usable: list[EntityMention],
    carried: tuple[EntityMention, ...],
) -> list[EntityMention]:
    """The subjects of a figure whose sentence names none near it: those listed after it,
    the whole its count's items lie in (23个省份), a Latin name after a date, the quoted
    name before a date, first, rank or streak (never an amount's); else those carried."""
    if listed := _listed_after(ctx, s, usable, q):
        return listed
    if inside := _container(ctx, q):
        return inside
    if q.kind == "date" and (name := _latin_name(ctx, s, q)):
        return [name]
    if q.kind in NAMELY and (things := _named_things(ctx, s, q, s.start, q.start)):
        return [things[-1]]
    return list(carried)


def _with_list(
    ctx: Context, entities: list[EntityMention], last: EntityMention
) -> list[EntityMention]:
    """The entity and the ones listed with it (广东、北京、江苏、浙江、上海); in
    广东等沿海省份 the named example, not the class."""
    text = ctx.norm.text
    i = entities.index(last)
    if i > 0 and text[entities[i - 1].end : last.start] == ctx.tools.words.examples:
        i -= 1
        last = entities[i]
    out = [last]
    while i > 0 and ctx.tools.joint.match(text[entities[i - 1].end : entities[i].start]):
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
    cues = ctx.tools.rules.claims.respectively
    cue = max(  # the last list before the figure (…分别为14%和12%，二者…分别下降3%和2%)
        (text.rfind(w, subjects[-1].end, q.start) for w in cues), default=-1
    )
    if cue < 0:
        return subjects
    said = next(w for w in sorted(cues, key=len, reverse=True) if text.startswith(w, cue))
    after = min(
        (at for w in cues if (at := text.find(w, cue + len(said), s.end)) >= 0), default=s.end
    )
    values = [
        o for o in m.quantities if cue < o.start < after and o.kind == q.kind and o.kind != "date"
    ]
    if len(values) != len(subjects) or q not in values:
        return subjects[-1:] if len(values) != len(subjects) else subjects
    return [subjects[values.index(q)]]
