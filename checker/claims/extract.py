"""Claims: mentions assembled into comparable records.

subject · metric · value · unit · period · citation, each claim pointing at the original
characters of its number. Which mentions are claims, and how subjects and metrics are
found, is tuned by rules/claims.toml, rules/metrics.toml and rules/citations.toml.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from checker.claims.compare import is_baseline, is_own_target, reference_scope, rival_metrics
from checker.claims.context import SUBJECT_TYPES, Context
from checker.claims.discourse import BASE_KINDS, apply_operator, by_head, is_operator
from checker.claims.keep import is_claim
from checker.claims.metrics import pairs_of, respective_index
from checker.claims.record import draft_claim
from checker.claims.subjects import is_scope, strong, subjects_of
from checker.models import Citation, Claim, EntityMention, Quantity, Ref, Sentence


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
            scope = reference_scope(ctx, s, m, q)
            if scope is None:
                subjects, carried = subjects_of(ctx, s, m, q, carried)
            else:
                subjects = scope
            source = origin if citation.scope == "carried" else None
            cited = Citation() if _dates_the_release(ctx, s, q, citation) else citation
            at = respective_index(ctx, s, q)
            pairs: Iterable[tuple[EntityMention | None, Ref]] = pairs_of(ctx, s, m, q, subjects)
            if scope is not None and q.kind in compared:  # 高于全国5.2%的增速: the same rate
                wider: list[EntityMention | None] = [*scope] or [None]
                pairs = [(subject, compared[q.kind]) for subject in wider]
            elif q.kind in compared and (
                is_baseline(ctx, s, m, q)  # 比2018年的50万台
                or is_own_target(ctx, s, q)  # 增长5.0%,实现了年初提出的5%左右的预期目标
            ):
                pairs = [(subject, compared[q.kind]) for subject, _ in pairs]
            for subject, metric in pairs:
                own_base = base
                if at is not None and len(listed) >= at[1]:
                    own_base = listed[-at[1] :][at[0]]  # 同比分别增长3.7%和4.5%
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
                    metric = told  # 山东地区生产总值为9.86万亿元…。浙江以9.01万亿元位列第四
                metric = by_head(metric, own_base)
                if "order" in q.flags:  # 超越山东: one claim against each rival
                    named = metric if metric.name else own_base or mentioned
                    for rival in rival_metrics(ctx, m, q, subject, named):
                        drafts.append(draft_claim(ctx, s, m, q, subject, rival, cited, source))
                    continue
                operated, bare = apply_operator(ctx, q, metric, own_base)
                if bare and told is not None and q.kind not in ("rank", "streak") and at is None:
                    operated, bare = apply_operator(ctx, q, metric, told)  # …。不过其增速仅3.5%
                ranking = ctx.tools.rankers.get(operated.id or "") if q.kind == "rank" else None
                if ranking is not None:  # 地区生产总值…居全国首位: the GDP ranking
                    operated = Ref(id=ranking.id, name=ranking.name, text=operated.text)
                draft = draft_claim(ctx, s, m, q, subject, operated, cited, source)
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
                    and not is_operator(ctx, metric)
                ):
                    base = told = metric
                    told_kind = q.kind
                    if at is not None and (not subjects or subject is subjects[0]):
                        listed.append(metric)
        found = strong(
            ctx,
            [
                e
                for e in m.entities
                if e.type in SUBJECT_TYPES
                and e.type not in ctx.tools.rules.claims.not_subject_types
                and not is_scope(ctx, s, e)
            ],
        )
        weak = ctx.tools.rules.claims.weak_subjects
        if found and not (carried and all(e.text in weak for e in found)):
            carried = found[-1:]
    drafts.sort(
        key=lambda c: (c["span"], c["subject"].name if c["subject"] else "", c["metric"].name)
    )
    return tuple(Claim(id=f"{ctx.doc_id}#{i}", **c) for i, c in enumerate(drafts, 1))


def _dates_the_release(ctx: Context, s: Sentence, q: Quantity, citation: Citation) -> bool:
    """国家统计局17日发布数据: the date of the attribution itself is the source's own act,
    not a figure the source vouches for."""
    own = ctx.cited[s.index]
    if q.kind != "date" or citation.scope != "sentence" or own is None:
        return False
    return s.start + own[1][0] <= q.start < s.start + own[1][1]
