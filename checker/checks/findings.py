"""Checks: one function per finding kind, registered in one explicit dict, `CHECKS`.

Every check reads the same prepared input (claims, their pairwise matches inside blocks,
copies of documents) and returns findings. Severities and messages come from
rules/checks.toml; messages state facts, never verdicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from checker.checks.fingerprint import finding_id
from checker.checks.statements import Disagreement, Labeller, disagreements, newer
from checker.matching.align import Aligned, aligned_claims
from checker.matching.disjoint import DisjointSets
from checker.matching.match import SAME_TIME, Match, Matcher
from checker.models import (
    Claim,
    Explanation,
    Extraction,
    Finding,
    InternalCheck,
    trusted,
)
from checker.ruleset import Ruleset

FIGURE_KINDS = {"amount", "count", "percent", "fraction", "ratio", "rank", "streak"}


@dataclass
class CheckInput:
    """Everything the checks read, computed once."""

    rules: Ruleset
    extractions: list[Extraction]
    matcher: Matcher
    families: dict[str, int]  # document id → copy family (near-duplicates share one)
    matches: list[tuple[Claim, Claim, Match]] = field(
        default_factory=list
    )  # between representatives
    classes: list[list[Claim]] = field(
        default_factory=list
    )  # claims saying the same, representative first

    @cached_property
    def members(self) -> dict[str, list[Claim]]:
        return {c[0].id: c for c in self.classes}

    @cached_property
    def claims(self) -> list[Claim]:
        return [c for e in self.extractions for c in e.claims]

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def dates(self) -> dict[str, str | None]:
        return {e.document.id: e.document.date for e in self.extractions}

    @cached_property
    def spanning(self) -> list[list[Claim]]:
        """The classes of identical claims made in more than one document."""
        return [cls for cls in self.classes if len({c.doc for c in cls}) > 1]

    @cached_property
    def when(self) -> dict[str, str]:
        """Each claim's time as findings show it (see `_when`); filled as asked."""
        return {}

    @cached_property
    def internal(self) -> list[InternalCheck]:
        return [r for e in self.extractions for r in e.checks]

    @cached_property
    def copy_changes(self) -> list[Aligned]:
        """Figures that differ in the same sentence of two copies of one article."""
        return changed_in_copies(self)

    @cached_property
    def statements(self) -> list[tuple[list[Claim], list[Disagreement]]]:
        """The disagreeing pairs of statements (see `checker.checks.statements`) inside
        each group of claims at one metric and time, split into clusters of one relation
        (conflict, revision, target, internal): claims linked by disagreeing, with the
        claims that say the same as they do. Pairs already found as a changed copy are
        left out."""
        matching = self.rules.checks.matching
        strong = matching.conflict_min_similarity / 100
        labeller = Labeller(
            self.rules.checks.statements, matching.short_metric_length, self.matcher.doc_dates
        )
        copied = {(d.a.id, d.b.id) for d in self.copy_changes}
        copied |= {(b, a) for a, b in copied}
        out = []
        first = self.classes[0][0].id if self.classes else ""
        for reps in self.matcher.time_groups.pop(first, []):
            claims = [c for r in reps for c in self.members[r.id]]
            pairs = disagreements(claims, self.matcher, strong, labeller)
            pairs = [d for d in pairs if (d.a.id, d.b.id) not in copied]
            if not pairs:
                continue
            said: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
            for c in claims:
                said[self.matcher.key(c)].append(c)
            for relation in ("conflict", "revision", "target", "internal"):
                of_one = [d for d in pairs if d.relation == relation]
                out += _disagreeing_clusters(self, said, of_one, strong)
        return out


# ---- clusters ------------------------------------------------------------------------


def _clusters(
    inp: CheckInput, keep: Callable[[Match], bool], copies: bool = True
) -> list[tuple[list[Claim], list[Match]]]:
    """Connected components of the pairs `keep` accepts, with the matches inside them.
    Each representative stands for its class of identical claims; with `copies`, a class
    spanning several documents is a cluster even without other matches."""
    sets: DisjointSets[str] = DisjointSets()
    kept = [(a, b, m) for a, b, m in inp.matches if keep(m)]
    for a, b, _ in kept:
        sets.union(a.id, b.id)
    reps: dict[str, set[str]] = defaultdict(set)
    links: dict[str, list[Match]] = defaultdict(list)
    for a, b, m in kept:
        root = sets.find(a.id)
        reps[root] |= {a.id, b.id}
        links[root].append(m)
    if copies:
        for cls in inp.spanning:
            if cls[0].id not in sets:
                reps[cls[0].id].add(cls[0].id)
                level = "metric id" if cls[0].metric.id else "metric alias"
                links[cls[0].id].append(Match(level, 1.0, "same", True, 0.0))
    out = []
    for root in sorted(reps):
        claims = [c for rep in reps[root] for c in inp.members[rep]]
        out.append((sorted(claims, key=lambda c: c.id), links[root]))
    return out


def _disagreeing_clusters(
    inp: CheckInput,
    same: dict[tuple[object, ...], list[Claim]],
    pairs: list[Disagreement],
    strong: float,
) -> list[tuple[list[Claim], list[Disagreement]]]:
    """Clusters of disagreeing pairs of one metric whose claims are all at one time with one
    another (a pair joins the first cluster whose times it fits and whose metric is as
    surely its own as a conflict needs, else starts one: the same time is not transitive
    when a time is only implied by a document's date, and two metrics that only resemble
    each other are two findings), each with every claim saying the same as one of its
    claims (`same`: claims by key; a restatement or a reprint)."""
    key = inp.matcher.key
    one_time = _SameTime(inp.matcher)
    clusters: list[tuple[set[object], dict[str, Claim], list[Disagreement]]] = []
    last: dict[tuple[frozenset[object], str], int] = {}  # where pairs of these went
    for d in pairs:
        times = {key(d.a)[1]: d.a, key(d.b)[1]: d.b}
        seen = (frozenset(times), d.a.metric.name)
        n = last.get(seen)
        if n is None:
            n = next(
                (
                    i
                    for i, c in enumerate(clusters)
                    if one_time.fits(times, c[0])
                    and inp.matcher.metric_level(d.a, c[2][0].a)[1] >= strong
                ),
                None,
            )
        if n is None:
            n = len(clusters)
            clusters.append((set(), {}, []))
        last[seen] = n
        fit = clusters[n]
        fit[0].update(times)
        one_time.learn(times)
        fit[2].append(d)
        for c in (d.a, d.b):
            fit[1].update((m.id, m) for m in same[key(c)])
    return [(sorted(m.values(), key=lambda c: c.id), found) for _, m, found in clusters]


class _SameTime:
    """Whether two times (claims' time keys) count as one, asked once per pair of times."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.example: dict[object, Claim] = {}
        self.known: dict[tuple[object, object], bool] = {}

    def learn(self, times: dict[object, Claim]) -> None:
        for t, c in times.items():
            self.example.setdefault(t, c)

    def fits(self, times: dict[object, Claim], cluster: set[object]) -> bool:
        return all(self.same(t, c, u) for t, c in times.items() for u in cluster)

    def same(self, t: object, c: Claim, u: object) -> bool:
        if t == u:
            return True
        known = self.known.get((t, u))
        if known is None:
            relation = self.matcher.period_relation(c, self.example[u])
            known = self.known[(t, u)] = self.known[(u, t)] = relation in SAME_TIME
        return known


def _groups(inp: CheckInput, claims: list[Claim]) -> list[list[Claim]]:
    """Split a cluster into groups whose values all agree (sorted by value): each claim
    joins the first group whose common interval it overlaps. Claims come in order of
    their lower bounds, so a group whose interval ends below one claim's lower bound can
    take no later claim either and is no longer searched."""
    groups: list[list[Claim]] = []
    bounds: list[tuple[float, float]] = []  # each group's common interval
    alive: list[int] = []  # the groups that may still take a claim, oldest first
    for (lo, hi), _, c in sorted((inp.matcher.comparable(c), c.id, c) for c in claims):
        alive = [i for i in alive if bounds[i][1] >= lo]
        for i in alive:
            glo, ghi = bounds[i]
            if glo <= hi:  # and ghi >= lo, as for every live group
                bounds[i] = (max(lo, glo), min(hi, ghi))
                groups[i].append(c)
                break
        else:
            alive.append(len(groups))
            bounds.append((lo, hi))
            groups.append([c])
    return groups


def check_conflict(inp: CheckInput) -> list[Finding]:
    """**What it flags**: two documents give incompatible values for the same subject,
    metric and period, and neither also states the other's value; or two copies of one
    article (a reprint) give the same sentence with a different figure.

    **Why it matters**: at most one of them can be right; the editor should know before
    publishing either figure. A reprint that changed a figure is the strongest case.

    **Example**: 广东发明专利有效量 截至2025年2月底 突破80万件 in one article and 60万件 in another.

    **Not flagged**: values whose intervals overlap (7万多 vs 超7.6万; 706.9亿 vs 707亿),
    values for different periods (see period_drift), a target or forecast against an
    outcome (period_drift), a preliminary figure against a final one (revision), metrics
    matched only fuzzily, a figure the other document also states among others, surface
    variants in copies (80万 = 八十万, 1.7万亿 = 17000亿, 60% = 百分之六十, either script).

    **Tuning**: `[matching]` in rules/checks.toml: `conflict_min_similarity`,
    `implied_close_months`, `copy_sentence_similarity`; a metric's `tolerance` in
    rules/metrics.toml; `[statements]` cue words.
    """
    rule = inp.rules.check("conflict")
    findings = [_copy_finding(inp, rule.severity, d) for d in inp.copy_changes]
    for claims, pairs in inp.statements:
        found = [d for d in pairs if d.relation == "conflict"]
        if not found:
            continue
        stated = any(d.match.period in ("same", "overlapping") for d in found)
        severity = rule.severity if stated else (rule.implied_severity or rule.severity)
        best = _best(found).match
        groups = _groups(inp, claims)
        findings.append(_cluster_finding(inp, "conflict", severity, claims, groups, best))
    return findings


def check_revision(inp: CheckInput) -> list[Finding]:
    """**What it flags**: a preliminary figure (初步核算, 快报) and a final or revised one
    (最终核实, 修订为, 年报) for the same subject, metric and period, in different documents.

    **Why it matters**: the figures differ for a reason; an editor should quote the newer
    one and may say that it was revised.

    **Example**: 2023年全省生产总值初步核算为82553亿元 in one bulletin and 2023年生产总值修订为
    85620亿元 in the next.

    **Not flagged**: figures that agree; disagreements with no preliminary or final cue
    (conflict).

    **Tuning**: `preliminary_cues` and `final_cues` in `[statements]` of rules/checks.toml.
    """
    rule = inp.rules.check("revision")
    findings = []
    for claims, pairs in inp.statements:
        found = [d for d in pairs if d.relation == "revision"]
        if not found:
            continue
        best = _best(found)
        final = newer(best.a, best.b, inp.rules.checks.statements)
        detail = f"the final figure is {final.value.text} ({final.doc})"
        groups = _groups(inp, claims)
        note = (detail, "preliminary vs final", "")
        findings.append(
            _cluster_finding(inp, "revision", rule.severity, claims, groups, best.match, note)
        )
    return findings


def _best(found: list[Disagreement]) -> Disagreement:
    return max(found, key=lambda d: (d.match.similarity, -d.match.gap, d.a.id, d.b.id))


def check_corroboration(inp: CheckInput) -> list[Finding]:
    """**What it flags**: two or more independent sources agree on a figure.

    **Why it matters**: an editor can cite the figure with more confidence, and knows
    where else it appears.

    **Example**: 7万多家 (one article) and 超7.6万家 (another) for 广东高新技术企业.

    **Not flagged**: agreement between copies of one article (reprints and syndication
    count once), figures with no subject.

    **Tuning**: `near_duplicate` and `min_metric_similarity` in rules/checks.toml.
    """
    rule = inp.rules.check("corroboration")
    findings = []
    for claims, links in _clusters(inp, lambda m: m.period in SAME_TIME and m.agree):
        best = max(links, key=lambda m: m.similarity)
        for group in _groups(inp, claims):  # a chain of agreeing values may span two groups
            if len({inp.families[c.doc] for c in group}) < 2:
                continue
            findings.append(
                _cluster_finding(
                    inp,
                    "corroboration",
                    rule.severity,
                    sorted(group, key=lambda c: c.id),
                    [group],
                    best,
                )
            )
    return findings


def check_period_drift(inp: CheckInput) -> list[Finding]:
    """**What it flags**: the same subject and metric with different values at different
    times in different documents.

    **Why it matters**: usually a change over time, not an error, but an editor should
    quote the latest figure and its date.

    Also flags a target or forecast (到2030年, 预计, 有望, 目标) against an outcome for the
    same time, explained as `target vs outcome`.

    **Example**: 广东万亿级产业集群 9个 (目前, 2025-07) vs 8个 (2024).

    **Not flagged**: the same value at different times; values for the same time.

    **Tuning**: `implied_close_months` in rules/checks.toml decides when undated
    figures count as the same time.
    """
    rule = inp.rules.check("period_drift")
    findings = []
    for claims, links in _clusters(
        inp,
        lambda m: m.period not in SAME_TIME and not m.agree and m.level != "event",
        copies=False,
    ):
        docs = {c.doc for c in claims}
        if len(docs) < 2:
            continue
        groups = _groups(inp, claims)
        best = max(links, key=lambda m: m.similarity)
        findings.append(_cluster_finding(inp, "period_drift", rule.severity, claims, groups, best))
    for claims, pairs in inp.statements:
        found = [d for d in pairs if d.relation == "target"]
        if not found:
            continue
        best = _best(found).match
        groups = _groups(inp, claims)
        note = (
            "a target or forecast against an outcome for the same time",
            "target vs outcome",
            "",
        )
        findings.append(
            _cluster_finding(inp, "period_drift", rule.severity, claims, groups, best, note)
        )
    return findings


def check_internal_conflict(inp: CheckInput) -> list[Finding]:
    """**What it flags**: a document's own numbers do not add up: a share that does not
    match its counts, a total that is not the sum its parts imply; or the document states
    one subject, metric and time with incompatible values in two sentences.

    **Why it matters**: arithmetic inside one article is checkable without any other
    source, and a mismatch usually means a typo or a misread table.

    **Example**: 北京166家 of a 500-company list said to be 近三分之一 (consistent: 33.2%).

    **Not flagged**: checks whose parts are not all stated in the document; consistent
    results (they are listed under `checks` in the JSON report); restatements that agree;
    two values in one sentence; a target or forecast beside an outcome; values explicitly
    about other periods.

    **Tuning**: `open_bound_factor` in rules/checks.toml.
    """
    rule = inp.rules.check("internal_conflict")
    findings = _contradictions(inp, rule.severity)
    for r in inp.internal:
        if r.consistent:
            continue
        message = rule.message.format(**_fields(doc=r.doc, detail=r.detail))
        signature = ["internal", r.kind, r.doc, *sorted(_claim_key(inp, i) for i in r.claims)]
        findings.append(
            Finding(
                id=finding_id(signature),
                kind="internal_conflict",
                severity=rule.severity,
                claims=r.claims,
                docs=[r.doc],
                message=message,
                explanation=Explanation(detail=r.detail),
            )
        )
    return findings


def check_uncited(inp: CheckInput) -> list[Finding]:
    """**What it flags**: figures with no attribution at all, one finding per sentence.

    **Why it matters**: a number without a source cannot be verified by a reader.

    **Example**: 2022年,成都人工智能产业规模达到700亿元。

    **Not flagged**: dates of events and firsts (唯一, 首个); figures whose source is named
    in the sentence or carried from the previous one.

    **Tuning**: named and vague cues in rules/citations.toml.
    """
    return _by_sentence(inp, "uncited", lambda c: c.citation.status == "none")


def check_vague_citation(inp: CheckInput) -> list[Finding]:
    """**What it flags**: figures attributed only by 数据显示-style cues, one finding per
    sentence.

    **Why it matters**: 数据显示 tells the reader there is a source without naming it.

    **Example**: 数据显示,截至2024年6月,武汉高新技术企业超1.5万家。

    **Not flagged**: figures with a named source.

    **Tuning**: `vague` in rules/citations.toml.
    """
    return _by_sentence(inp, "vague_citation", lambda c: c.citation.status == "vague")


def check_source_quality(inp: CheckInput) -> list[Finding]:
    """**What it flags**: documents that arrived machine-spun, with injected spam, damaged
    by pinyin annotations, with bytes that could not be decoded, or garbled (text that
    reads as mojibake in the best encoding found).

    **Why it matters**: such copies come from content farms; their figures are worth a
    second source even when they corroborate.

    **Example**: a document where 人 was spun into 东说念主 and 阿姨出租 was injected.

    **Not flagged**: Traditional script and full-width characters (ordinary encodings).

    **Tuning**: the detector thresholds in rules/despin.toml; what counts as garbled in
    rules/reading.toml.
    """
    rule = inp.rules.check("source_quality")
    findings = []
    for e in inp.extractions:
        damage = [d for d in e.document.damage if d in _SOURCE_DAMAGE]
        if not damage:
            continue
        repaired = [d for d in damage if d not in _READ_DAMAGE]
        detail = ", ".join(f"{d} ({e.repairs.get(_COUNT.get(d, d), 0)})" for d in repaired)
        detail = f"repaired {detail}; spin score {e.document.spin_score}" if repaired else ""
        read = [_read_detail(e, d) for d in damage if d in _READ_DAMAGE]
        detail = "; ".join([*read, detail] if detail else read)
        message = rule.message.format(**_fields(doc=e.document.id, detail=detail))
        findings.append(
            Finding(
                id=finding_id(["source_quality", e.document.id, *damage]),
                kind="source_quality",
                severity=rule.severity,
                claims=[],
                docs=[e.document.id],
                message=message,
                explanation=Explanation(detail=detail),
            )
        )
    return findings


_COUNT = {"spun": "spun-edits"}
_READ_DAMAGE = ("undecodable-bytes", "garbled")  # found when the file was read
_SOURCE_DAMAGE = ("spun", "spam", "pinyin-annotation", *_READ_DAMAGE)


def _read_detail(e: Extraction, damage: str) -> str:
    if damage == "garbled":
        encoding = e.document.encoding
        return f"garbled text as read in {encoding}: its claims are kept out of matching"
    n = e.repairs.get(damage, 0)
    many = "s" if n != 1 else ""
    return f"{n} undecodable byte{many} replaced (their sentences' claims kept out of matching)"


def _own_statements(inp: CheckInput) -> list[tuple[list[Claim], list[Disagreement]]]:
    """The statements of each document checked against the same document's other
    statements: its claims blocked and matched on their own (the check reads one
    document at a time)."""
    out = []
    kinds = set(inp.rules.checks.statements.internal_kinds)
    for e in inp.extractions:
        for block in inp.matcher.blocks(e.claims).values():
            ordered = any("order" in c.flags for c in block)  # 超越山东 … 仅次于…山东
            if not ordered and (block[0].kind not in kinds or len({c.quote for c in block}) < 2):
                continue  # a block of one kind; contradictions need two sentences
            _, classes = inp.matcher.block_matches(block)
            own = CheckInput(
                rules=inp.rules, extractions=[], matcher=inp.matcher, families={}, classes=classes
            )
            own.claims = block
            out += own.statements
    return out


def _contradictions(inp: CheckInput, severity: str) -> list[Finding]:
    """One finding per pair of statements of one document that disagree."""
    rule = inp.rules.check("internal_conflict")
    findings = []
    seen: set[tuple[str, str]] = set()
    for _, pairs in _own_statements(inp):
        for d in pairs:
            if d.relation != "internal":
                continue
            a, b = sorted((d.a, d.b), key=lambda c: c.span)
            if (a.id, b.id) in seen:
                continue
            seen.add((a.id, b.id))
            subject = a.subject.name if a.subject else "?"
            detail = (
                f"{subject} {a.metric.name}: {a.value.text} (line {a.line}) vs "
                f"{b.value.text} (line {b.line}) for {_when(inp, a)}"
            )
            signature = ["internal", "statements", _signature(a), _signature(b)]
            findings.append(
                trusted(
                    Finding,
                    id=finding_id(signature),
                    kind="internal_conflict",
                    severity=severity,
                    claims=[a.id, b.id],
                    groups=[[a.id], [b.id]],
                    docs=[a.doc],
                    message=rule.message.format(**_fields(doc=a.doc, detail=detail)),
                    explanation=trusted(
                        Explanation,
                        level=d.match.level,
                        metric_similarity=float(round(d.match.similarity, 3)),
                        value_gap=float(d.match.gap),
                        period_relation=d.match.period,
                        subject=subject,
                        detail=detail,
                    ),
                )
            )
    return findings


def changed_in_copies(inp: CheckInput) -> list[Aligned]:
    """Pairs of claims in the same sentence of two copies of one article whose values
    disagree (`checker.matching.align`)."""
    cutoff = inp.rules.checks.matching.copy_sentence_similarity
    by_doc: dict[str, dict[str, Claim]] = defaultdict(dict)
    for c in [*inp.claims, *(c for cls in inp.classes for c in cls)]:
        by_doc[c.doc][c.id] = c
    members: dict[int, list[str]] = defaultdict(list)
    for doc in sorted(by_doc):
        members[inp.families.get(doc, -1)].append(doc)
    out = []
    for family, docs in sorted(members.items()):
        if family < 0:
            continue
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                pairs = aligned_claims(by_doc[a].values(), by_doc[b].values(), cutoff)
                out += [p for p in pairs if not inp.matcher.values(p.a, p.b)[0]]
    return out


def _copy_finding(inp: CheckInput, severity: str, d: Aligned) -> Finding:
    a, b = d.a, d.b
    gap = inp.matcher.values(a, b)[1]
    match = Match("aligned sentence", d.similarity, "same", False, gap)
    detail = (
        f"the same sentence in both documents (copies; {d.similarity:.2f} alike with numbers "
        f"masked) gives {a.value.text} in {a.doc} and {b.value.text} in {b.doc}"
    )
    note = (detail, None, "copy")
    return _cluster_finding(inp, "conflict", severity, [a, b], [[a], [b]], match, note)


CHECKS: dict[str, Callable[[CheckInput], list[Finding]]] = {
    "conflict": check_conflict,
    "period_drift": check_period_drift,
    "revision": check_revision,
    "corroboration": check_corroboration,
    "internal_conflict": check_internal_conflict,
    "uncited": check_uncited,
    "vague_citation": check_vague_citation,
    "source_quality": check_source_quality,
}


# ---- helpers ---------------------------------------------------------------------------


def _fields(**given: object) -> dict[str, object]:
    base: dict[str, object] = {
        "subject": "",
        "metric": "",
        "values": "",
        "docs": "",
        "periods": "",
        "count": 0,
        "doc": "",
        "detail": "",
    }
    base.update(given)
    return base


def _claim_key(inp: CheckInput, claim_id: str) -> str:
    return _signature(inp.by_id[claim_id])


def _signature(c: Claim) -> str:
    """What identifies a claim across runs and line moves: not its offsets or number."""
    subject = c.subject.id or c.subject.name if c.subject else ""
    return "|".join(
        [c.doc, subject, c.metric.id or c.metric.name, c.kind, c.value.text, c.period.label or ""]
    )


def _shown(c: Claim) -> str:
    """A claim's value as written, with the sign its word of change gave it (下降4.5% → −4.5%)."""
    signed = "decrease" in c.flags and not c.value.text.startswith(("-", "−"))
    return f"−{c.value.text}" if signed else c.value.text


def _when(inp: CheckInput, c: Claim) -> str:
    known = inp.when.get(c.id)
    if known is None:
        if c.period.kind not in ("unstated", "implied") and c.period.label:
            known = c.period.label
        else:
            known = inp.dates.get(c.doc) or "undated"
        inp.when[c.id] = known
    return known


def _cluster_finding(
    inp: CheckInput,
    kind: str,
    severity: str,
    claims: list[Claim],
    groups: list[list[Claim]],
    best: Match,
    note: tuple[str, str | None, str] | None = None,
) -> Finding:
    """One finding over a cluster. `note` (detail, period relation, fingerprint tag) adds
    an explanation of its own: a revision, a target against an outcome, a changed copy."""
    rule = inp.rules.check(kind)
    detail, relation, tag = note or (None, None, "")
    first = claims[0]
    subject = first.subject.name if first.subject else "?"
    metric = first.metric.name
    values = " vs ".join(
        "; ".join(f"{_shown(c)} ({c.doc}, {_when(inp, c)})" for c in g) for g in groups
    )
    docs = sorted({c.doc for c in claims})
    periods = ", ".join(sorted({_when(inp, c) for c in claims}))
    families = len({inp.families[d] for d in docs})
    template = rule.target_message if relation == "target vs outcome" else None
    message = (template or rule.message).format(
        **_fields(
            subject=subject,
            metric=metric,
            values=values,
            docs=", ".join(docs),
            periods=periods,
            count=families,
            detail=detail or "",
        )
    )
    signature = [kind, *sorted(_signature(c) for c in claims)] + ([tag] if tag else [])
    return trusted(  # made here, typed here: no validation on this path
        Finding,
        id=finding_id(signature),
        kind=kind,
        severity=severity,
        claims=[c.id for c in claims],
        groups=[[c.id for c in g] for g in groups],
        docs=docs,
        message=message,
        explanation=trusted(
            Explanation,
            level=best.level,
            metric_similarity=float(round(best.similarity, 3)),
            value_gap=float(best.gap),
            period_relation=relation or best.period,
            subject=subject,
            detail=detail,
        ),
    )


def _by_sentence(inp: CheckInput, kind: str, keep: Callable[[Claim], bool]) -> list[Finding]:
    rule = inp.rules.check(kind)
    by_sentence: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in inp.claims:
        if c.kind in FIGURE_KINDS and keep(c):
            by_sentence[(c.doc, c.quote)].append(c)
    findings = []
    for (doc, quote), claims in sorted(by_sentence.items()):
        values = "、".join(c.value.text for c in claims)
        detail = claims[0].citation.text or ""
        message = rule.message.format(
            **_fields(doc=doc, count=len(claims), values=values, detail=detail)
        )
        findings.append(
            trusted(
                Finding,
                id=finding_id([kind, doc, quote]),
                kind=kind,
                severity=rule.severity,
                claims=[c.id for c in claims],
                docs=[doc],
                message=message,
                explanation=trusted(Explanation, detail=quote),
            )
        )
    return findings
