"""Quotes an editor can read: the claim's sentence repaired in the document's own script
(pinyin annotations, spam and spinning removed) with its numbers marked, next to the
original. Spans in the JSON report are untouched: they index the original file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checker.models import Claim, Report
from checker.repair.despin import Verdict
from checker.repair.normalize import Repairer, convert_script, remove_spam, strip_pinyin
from checker.repair.offsets import OffsetMap

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Quote:
    """One sentence as shown: `original` as in the file, `text` repaired; `at` is the
    claim's number in `text`, `original_at` in `original`; `key` names the sentence."""

    original: str
    original_at: Span
    text: str
    at: Span
    key: tuple[str, int]


def locate(doc_text: str, quote: str, span: Span) -> int | None:
    """Where the sentence `quote` holding `span` starts in the document, if it does."""
    start = doc_text.rfind(quote, max(0, span[1] - len(quote)), span[0] + len(quote))
    while start >= 0 and start + len(quote) < span[1]:
        start = doc_text.find(quote, start + 1, span[0] + 1)
    return start if 0 <= start <= span[0] and start + len(quote) >= span[1] else None


def repair_sentence(sentence: str, spun: bool, repairer: Repairer) -> tuple[str, OffsetMap]:
    """The sentence without pinyin annotations, spam and spun words, in its own script;
    the map gives, for each repaired character, its range in `sentence`."""
    text, offsets, _ = strip_pinyin(sentence)
    text, spam_map, spam = remove_spam(text, repairer)
    if spam:
        offsets = offsets.then(spam_map)
    simplified = convert_script(text, repairer)  # despin pairs are written in Simplified
    verdict = Verdict(spun=spun, other=False, hits=0, distinct=0, per_1k=0.0)
    restored, spun_map, edits = repairer.spun.restore(simplified, verdict)
    if not edits:
        return text, offsets
    own = "".join(  # a character the despinner kept returns to the document's script
        text[s] if e == s + 1 and restored[i] == simplified[s] else restored[i]
        for i, (s, e) in enumerate(zip(spun_map.starts, spun_map.ends, strict=False))
    )
    return own, offsets.then(spun_map)


def mapped_span(offsets: OffsetMap, at: Span) -> Span:
    """The repaired range made from the original range `at` (the number survives repair:
    only annotations, spam and spun words go)."""
    inside = [
        i for i in range(len(offsets)) if offsets.ends[i] > at[0] and offsets.starts[i] < at[1]
    ]
    within = [i for i in inside if at[0] <= offsets.starts[i] and offsets.ends[i] <= at[1]]
    inside = within or inside  # a word repaired in a wider context only overlaps the number
    if not inside:
        point = next((i for i in range(len(offsets)) if offsets.starts[i] >= at[0]), len(offsets))
        return point, point
    return inside[0], inside[-1] + 1


def readable_quotes(
    report: Report, texts: Mapping[str, str], repairer: Repairer
) -> dict[str, Quote]:
    """Each claim's sentence, repaired, keyed by claim id. `texts` are the documents'
    original texts by id; a claim whose document is missing keeps its first match."""
    spun = {d.id for d in report.documents if "spun" in d.damage}
    made: dict[tuple[str, str, int], tuple[str, OffsetMap]] = {}
    quotes: dict[str, Quote] = {}
    for c in report.claims:
        start = locate(texts.get(c.doc, ""), c.quote, c.span)
        local = _local_span(c, start)
        key = (c.doc, c.quote, start if start is not None else -c.line)
        if key not in made:
            made[key] = repair_sentence(c.quote, c.doc in spun, repairer)
        text, offsets = made[key]
        quotes[c.id] = Quote(c.quote, local, text, mapped_span(offsets, local), (c.doc, key[2]))
    return quotes


def plain_quotes(report: Report) -> dict[str, Quote]:
    """The original sentences, unrepaired, when no document text is at hand."""
    out = {}
    for c in report.claims:
        local = _local_span(c, None)
        out[c.id] = Quote(c.quote, local, c.quote, local, (c.doc, -c.line))
    return out


def _local_span(c: Claim, start: int | None) -> Span:
    if start is not None:
        return c.span[0] - start, c.span[1] - start
    at = c.quote.find(c.value.text)
    return (at, at + len(c.value.text)) if at >= 0 else (0, 0)
