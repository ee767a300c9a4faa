"""Noun phrases: the words of a span that name what a figure measures."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from checker.claims.context import Context
from checker.models import EntityMention, Sentence

PARENTHESIS = re.compile(r"[（(][^（()）]{0,24}[)）]")


def phrase_start(
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
    ends += [e.end for e in _listed_with(ctx, m.entities, subjects)]
    ends += [p.end for p in m.periods]
    if entities:
        ends += [e.end for e in m.entities]
    if quantities:  # a figure's unit is no part of a name (…40万台,居全球首位; 夏粮1.5亿吨、
        measures = ctx.tools.rules.units.physical  # 早稻2817万吨), but a first (首次) or a
        ends += [o.end for o in m.quantities if o.kind != "other" or o.unit in measures]
        # duration (3年内实现翻番) ends none
    return max([clause[0]] + [end for end in ends if clause[0] <= end <= limit])


def _listed_with(
    ctx: Context, entities: Sequence[EntityMention], subjects: Sequence[EntityMention]
) -> list[EntityMention]:
    """The entities listed after a subject (荣耀与OPPO的份额分别为…: OPPO after 荣耀), which
    no name of the first subject's figure holds."""
    text, out = ctx.norm.text, []
    for subject in subjects:
        last = subject
        for e in entities:
            if e.start >= last.end and ctx.tools.joint.fullmatch(text[last.end : e.start]):
                out.append(e)
                last = e
    return out


def noun_phrase(
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
    tokens = [t for t in ctx.tools.cut(span) if t.strip()]
    adverbs = ctx.tools.adverbs if scoped else frozenset()
    words = [
        t
        for t in tokens
        if not (len(t) == 1 and t in ctx.tools.stop_chars)
        and t not in ctx.tools.verbs
        and t not in adverbs
        and not re.fullmatch(r"[\W\d]+", t)
    ]
    if keep > 4 and not tail:
        return "".join(words[:keep])
    names = ctx.tools.rules.checks.metric_names
    kept: list[str] = []
    counted = 0
    for w in reversed(words):  # the last `keep` words that name something (全年, 实际 do not)
        if counted == keep:
            break
        kept.insert(0, w)
        counted += w not in names.modifier_words
    contrastive = names.contrastive_words
    dropped = [w for w in words[: len(words) - len(kept)] if w in contrastive]
    return "".join(dropped + kept)  # 人均旧衣物回收量: a word that makes another metric stays


def sibling_name(
    name: str,
    first: str,
    longest: int,
    apart: tuple[str, ...] = (),
    heads: frozenset[str] = frozenset(),
    cuts: Collection[int] | None = None,
    verbs: Collection[str] = (),
) -> str:
    """新建商品房销售面积…，销售额…: a short name that begins with words the name before it
    has after a prefix of its own, and ends in a head word of its own after them (额), is
    that name's sibling and shares the prefix (新建商品房销售额); otherwise the name as it
    is. A prefix holding a word of `apart` (新增, 人均: words that make another metric), or
    ending inside a word of the name before (`cuts`, where its words begin: 进出口总值 and
    出口总值 share no 进), is not shared. After a verb and its object (出口钢材), a name
    that is the verb of `verbs` and a head (出口额) is the object's (钢材出口额)."""
    if len(name) > longest or len(first) <= len(name):
        return name
    for k in range(len(name) - 1, 1, -1):
        if heads and name[k:] not in heads:
            continue
        at = first.find(name[:k])
        if at == 0 and name[:k] in verbs and (cuts is None or k in cuts):
            thing = first[k:]
            if thing and not any(thing.endswith(h) for h in heads):
                return thing + name  # 出口钢材…，出口额: 钢材出口额
        if at > 0:
            if cuts is not None and at not in cuts:
                return name
            prefix = first[:at]
            if name.startswith(prefix) or any(w in prefix for w in apart):
                return name
            return prefix + name
    return name


def word_starts(ctx: Context, name: str) -> frozenset[int]:
    """Where the words of `name` begin, as the tokenizer cuts it."""
    at, out = 0, set()
    for word in ctx.tools.cut(name):
        out.add(at)
        at += len(word)
    return frozenset(out)
