"""How the checks cluster claims: connected components of matches, clusters of
disagreeing pairs at one time, and groups of agreeing values inside a cluster."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from checker.checks.statements import Disagreement
from checker.matching.disjoint import DisjointSets
from checker.matching.match import SAME_TIME, Match, Matcher
from checker.models import Claim


def match_clusters(
    matches: list[tuple[Claim, Claim, Match]],
    spanning: list[list[Claim]],
    members: dict[str, list[Claim]],
    keep: Callable[[Match], bool],
) -> list[tuple[list[Claim], list[Match]]]:
    """Connected components of the pairs `keep` accepts, with the matches inside them.
    Each representative stands for its class of identical claims (`members`); a class
    `spanning` several documents is a cluster even without other matches."""
    sets: DisjointSets[str] = DisjointSets()
    kept = [(a, b, m) for a, b, m in matches if keep(m)]
    for a, b, _ in kept:
        sets.union(a.id, b.id)
    reps: dict[str, set[str]] = defaultdict(set)
    links: dict[str, list[Match]] = defaultdict(list)
    for a, b, m in kept:
        root = sets.find(a.id)
        reps[root] |= {a.id, b.id}
        links[root].append(m)
    for cls in spanning:
        if cls[0].id not in sets:
            reps[cls[0].id].add(cls[0].id)
            level = "metric id" if cls[0].metric.id else "metric alias"
            links[cls[0].id].append(Match(level, 1.0, "same", True, 0.0))
    out = []
    for root in sorted(reps):
        claims = [c for rep in reps[root] for c in members[rep]]
        out.append((sorted(claims, key=lambda c: c.id), links[root]))
    return out


def disagreeing_clusters(
    matcher: Matcher,
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
    key = matcher.key
    one_time = SameTime(matcher)
    clusters: list[tuple[set[object], dict[str, Claim], list[Disagreement]]] = []
    last: dict[tuple[frozenset[object], str], int] = {}  # where pairs of these went
    joined: set[tuple[int, tuple[object, ...]]] = set()  # (cluster, key): its claims are in
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
                    and matcher.metric_level(d.a, c[2][0].a)[1] >= strong
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
        for said in (key(d.a), key(d.b)):
            if (n, said) not in joined:  # a statement in many pairs joins its cluster once
                joined.add((n, said))
                fit[1].update((m.id, m) for m in same[said])
    return [(sorted(m.values(), key=lambda c: c.id), found) for _, m, found in clusters]


class SameTime:
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


def value_groups(matcher: Matcher, claims: list[Claim]) -> list[list[Claim]]:
    """Split a cluster into groups whose values all agree (sorted by value): each claim
    joins the first group whose common interval it overlaps. Claims come in order of
    their lower bounds, so a group whose interval ends below one claim's lower bound can
    take no later claim either and is no longer searched."""
    groups: list[list[Claim]] = []
    bounds: list[tuple[float, float]] = []  # each group's common interval
    alive: list[int] = []  # the groups that may still take a claim, oldest first
    for (lo, hi), _, c in sorted((matcher.comparable(c), c.id, c) for c in claims):
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
