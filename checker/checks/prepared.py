"""What every check reads (`CheckInput`: claims, their pairwise matches inside blocks,
copies of documents, computed once) and what every check declares (`Check`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from checker.checks.clusters import disagreeing_clusters, match_clusters
from checker.checks.statements import Disagreement, Labeller, disagreements
from checker.matching.align import Aligned, aligned_claims, numeral_runs
from checker.matching.match import Match, Matcher
from checker.models import Claim, Extraction, Finding, InternalCheck
from checker.ruleset import Ruleset

FIGURE_KINDS = {"amount", "count", "percent", "fraction", "ratio", "rank", "streak"}

# "block": the check reads the matches inside one block (subject × dimension) or one
# metric group of it; "document": it reads one document's extraction alone. Both
# engines (the local pipeline and Beam) split the work this way.
Scope = Literal["block", "document"]


@dataclass(frozen=True)
class Check:
    """One check: the finding kind it makes (its id in rules/checks.toml), the unit of
    work it reads, and the function that makes its findings (its docstring documents it)."""

    kind: str
    scope: Scope
    run: Callable[[CheckInput], list[Finding]]


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
        """Each claim's time as findings show it (see `compose.when`); filled as asked."""
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
        statements = self.rules.checks.statements
        labeller = Labeller(statements, statements.internal_short_length, self.matcher.doc_dates)
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
                out += disagreeing_clusters(self.matcher, said, of_one, strong)
        return out

    def clusters(
        self, keep: Callable[[Match], bool], copies: bool = True
    ) -> list[tuple[list[Claim], list[Match]]]:
        """Connected components of the matches `keep` accepts (see
        `clusters.match_clusters`); with `copies`, a class of identical claims spanning
        several documents is a cluster even without other matches."""
        return match_clusters(self.matches, self.spanning if copies else [], self.members, keep)


def changed_in_copies(inp: CheckInput) -> list[Aligned]:
    """Pairs of claims in the same sentence of two copies of one article whose values
    disagree (`checker.matching.align`)."""
    matching = inp.rules.checks.matching
    cutoff = matching.copy_sentence_similarity
    numerals = numeral_runs(
        inp.rules.qualifiers.constructs.percent_of.words, matching.copy_numerals
    )
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
                pairs = aligned_claims(by_doc[a].values(), by_doc[b].values(), cutoff, numerals)
                out += [p for p in pairs if not inp.matcher.values(p.a, p.b)[0]]
    return out
