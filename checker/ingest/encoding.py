"""Decoding a file's bytes: byte-order marks, UTF-8 (whole or damaged), detected legacy
Chinese encodings, and whether the result reads as Chinese or as mojibake.

The order keeps the common case as cheap as it was: a byte-order mark decides; then UTF-8
is tried strictly; then UTF-8 again with its few bad bytes replaced (one corrupted byte
or one cut character must not cost a whole article). Only a file that is not UTF-8 at
all goes to the detector (charset-normalizer, limited to the candidates in
rules/reading.toml), and its proposal is checked against the other Chinese candidates
with the character-frequency list: GB18030 decodes almost any Big5 file without an
error, so only the characters it gives away the mistake.

Undecodable bytes become U+FFFD (one per bad sequence, as Python's "replace" does) and
are counted and located by line; spans index the text with those replacements.
"""

from __future__ import annotations

import bisect
import codecs
import math
import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from checker.ruleset import ReadingFile

REPLACEMENT = "\ufffd"
# Undecodable bytes are first marked with a lone surrogate that carries how many bytes
# the codec rejected (no codec used here ever produces a lone surrogate from valid input),
# then every mark becomes U+FFFD once they are counted and located.
_MARK_HANDLER = "crosscheck-mark"
_MARKS = re.compile("[\udc00-\udcff\x00]")


def _mark(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return chr(0xDC00 + min(exc.end - exc.start, 0xFF)), exc.end


codecs.register_error(_MARK_HANDLER, _mark)

BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Characters that count as ordinary in Chinese text besides the frequency list's:
# general punctuation, CJK symbols and punctuation, full-width forms, and the tone
# letters of pinyin annotations.
_ORDINARY = "\u2000-\u206f\u3000-\u303f\uff00-\uffef·×°āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ"
_HAN_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


class Decoded(NamedTuple):
    """What decoding found: the text (None when no encoding fits) and how sure it is."""

    text: str | None
    encoding: str | None = None
    confidence: float = 0.0  # 0–1: how sure the reader is of the encoding
    replaced: int = 0  # undecodable bytes replaced with U+FFFD
    lines: tuple[int, ...] = ()  # 1-based lines where bytes were replaced
    rare_share: float | None = None  # share of characters rare in Chinese text
    garbled: bool = False
    notes: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class Reader:
    """How to read files: the reading rules, built once per run (`rules.decode.encoding`
    names an encoding to read every file in instead of detecting one)."""

    rules: ReadingFile

    @cached_property
    def _rare(self) -> re.Pattern[str]:
        """Any character that is neither ASCII, whitespace, ordinary punctuation nor a
        listed character in either script (Traditional forms are those OpenCC's tw2s
        turns into a listed character, found once here over the Han blocks)."""
        import opencc

        listed = set(self.rules.characters)
        han = [chr(c) for r in _HAN_BLOCKS for c in range(r[0], r[1] + 1)]
        simplified = opencc.OpenCC("tw2s").convert("\n".join(han)).split("\n")
        known = sorted(
            listed.union(t for t, s in zip(han, simplified, strict=False) if s in listed)
        )
        return re.compile(f"[^\\x00-\\x7f\\s{re.escape(''.join(known))}{_ORDINARY}]")

    def rare_share(self, text: str) -> tuple[float, int]:
        """The share of the non-ASCII characters of (the start of) `text` that Chinese
        text rarely uses, in either script, and how many characters were looked at."""
        sample = text[: self.rules.garbled.sample_chars]
        looked = len(sample) - len(sample.encode("ascii", "ignore")) - sample.count("\u3000")
        rare = len(self._rare.findall(sample))
        return (rare / looked if looked > 0 else 0.0), looked

    def decode(self, data: bytes) -> Decoded:
        """Decode one file's bytes (see the module's docstring for the order)."""
        forced = self.rules.decode.encoding
        if forced:
            if forced == "utf-8" and data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8) :]
            return self._judge(_decoded(data, forced, 1.0), f"read as {forced} (as told)")
        for mark, codec in BOMS:
            if data.startswith(mark):
                note = f"byte-order mark: read as {codec}"
                if codec == "utf-8":
                    note = "UTF-8 byte-order mark skipped"
                return self._judge(_decoded(data[len(mark) :], codec, 1.0), note)
        head = data[:8192]
        if head and head.count(0) / len(head) > self.rules.decode.max_nul_share:
            return self._wide(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return self._damaged_utf8(data) or self._detect(data)
        if "\x00" in text:  # a few stray NUL bytes: replaced like undecodable ones
            return self._judge(_decoded(data, "utf-8", 1.0))
        return self._judge(Decoded(text, "utf-8", 1.0))

    def _damaged_utf8(self, data: bytes) -> Decoded | None:
        """UTF-8 with a few bad bytes replaced, when they are few enough that the file
        is UTF-8 with damage rather than another encoding."""
        wide = _non_ascii_bytes(data)
        decoded = _decoded(data, "utf-8", 1.0)
        if decoded.replaced > max(1.0, self.rules.decode.max_damaged_share * wide):
            return None
        confidence = math.floor(100 * (1 - decoded.replaced / max(wide, 1))) / 100
        return self._judge(
            decoded._replace(confidence=confidence), "not valid UTF-8: read as UTF-8"
        )

    def _wide(self, data: bytes) -> Decoded:
        """NUL-heavy bytes: UTF-16 without (or with a damaged) byte-order mark, read from
        either byte, when one of those readings holds enough common Chinese characters
        (it may still be judged garbled: part of the file can be misaligned); else binary."""
        trials = []
        for codec in ("utf-16-le", "utf-16-be"):
            for skip in (0, 1):
                trial = _decoded(data[skip : skip + SAMPLE_BYTES], codec, 0.0)
                share, looked = self.rare_share(trial.text or "")
                units = max(len(trial.text or ""), 1)
                if looked >= self.rules.garbled.min_chars:
                    trials.append((trial.replaced / units + share, share, skip, codec))
        if trials:
            score, share, skip, codec = min(trials)
            if 1 - share >= self.rules.decode.min_common_share_wide:
                decoded = _decoded(data[skip:], codec, round(max(0.0, 1 - score), 2))
                if skip:  # the byte skipped to realign counts as replaced
                    decoded = decoded._replace(
                        text=REPLACEMENT + (decoded.text or ""),
                        replaced=decoded.replaced + 1,
                        lines=tuple(sorted({1, *decoded.lines})),
                    )
                return self._judge(decoded, f"no byte-order mark: read as {codec}")
        return Decoded(None, error="not a text file: looks like binary data (NUL bytes)")

    def _detect(self, data: bytes) -> Decoded:
        """Not UTF-8: the detector proposes, the frequency list checks the proposal
        against the other candidates on a sample, and the best reading wins."""
        from charset_normalizer import from_bytes

        candidates = self.rules.decode.candidates
        best = from_bytes(data, cp_isolation=candidates).best()
        proposal = codecs.lookup(best.encoding).name if best is not None else None
        order = list(dict.fromkeys([*([proposal] if proposal else []), *candidates]))
        sample = data[:SAMPLE_BYTES]
        wide = max(_non_ascii_bytes(sample), 1)
        scores = []
        for codec in order:
            trial = _decoded(sample, codec, 0.0)
            rare = self.rare_share(trial.text or "")[0]
            scores.append((trial.replaced / wide + rare, trial.replaced / wide, codec))
        score, bad_share, codec = min(scores, key=lambda s: s[0])  # ties: earlier in order
        if bad_share > self.rules.decode.max_undecodable_share:
            return Decoded(
                None,
                error=f"could not decode: no text encoding fits ({bad_share:.0%} of the "
                f"non-ASCII bytes undecodable as {codec}, the best candidate)",
            )
        how = "detected" if codec == proposal else f"the detector proposed {proposal or 'none'}"
        confidence = round(max(0.0, 1 - score), 2)
        return self._judge(_decoded(data, codec, confidence), f"not UTF-8: read as {codec} ({how})")

    def _judge(self, decoded: Decoded, note: str | None = None) -> Decoded:
        """Notes on how the text was read, and whether it reads as Chinese."""
        notes = [note] if note else []
        if decoded.replaced:
            where = ", ".join(str(n) for n in decoded.lines[:10])
            more = f" and {len(decoded.lines) - 10} more" if len(decoded.lines) > 10 else ""
            many = "s" if decoded.replaced > 1 else ""
            notes.append(
                f"{decoded.replaced} undecodable byte{many} replaced with U+FFFD "
                f"(line{'s' if len(decoded.lines) > 1 else ''} {where}{more})"
            )
        share, looked = self.rare_share(decoded.text or "")
        rules = self.rules.garbled
        garbled = looked >= rules.min_chars and share > rules.max_rare_share
        if garbled:
            notes.append(
                f"garbled: {share:.0%} of the characters are rare in Chinese text "
                f"(as read in {decoded.encoding}); its claims are kept out of matching"
            )
        return decoded._replace(
            rare_share=round(share, 3), garbled=garbled, notes=decoded.notes + tuple(notes)
        )


SAMPLE_BYTES = 65536  # what candidate encodings are compared on


def _non_ascii_bytes(data: bytes) -> int:
    """How many bytes of `data` are not ASCII."""
    return len(data) - len(data.translate(None, _NON_ASCII_BYTES))


_NON_ASCII_BYTES = bytes(range(128, 256))


def _decoded(data: bytes, codec: str, confidence: float) -> Decoded:
    """`data` decoded with `codec`, each undecodable sequence (and each NUL) replaced by
    one U+FFFD, with the number of bytes replaced and the lines they were on."""
    raw = data.decode(codec, _MARK_HANDLER)
    if not _MARKS.search(raw):
        return Decoded(raw, codec, confidence)
    replaced, starts = 0, []
    for m in _MARKS.finditer(raw):
        replaced += 1 if m.group() == "\x00" else ord(m.group()) - 0xDC00
        starts.append(m.start())
    text = _MARKS.sub(REPLACEMENT, raw)
    newlines = [m.start() for m in re.finditer("\n", text)]
    lines = sorted({bisect.bisect_left(newlines, s) + 1 for s in starts})
    return Decoded(text, codec, confidence, replaced, tuple(lines))
