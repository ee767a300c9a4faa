"""Frozen records that flow between the stages, and the JSON report they add up to.

The report models (`DocumentOut`, `Report`, …) are the source of truth for the JSON
contract; `crosscheck schema` exports their JSON Schema.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Sequence
from functools import cache
from types import GenericAlias
from typing import Annotated, Any, Literal, TypeAlias, TypeVar, cast, dataclass_transform

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic.dataclasses import dataclass

from checker import __version__
from checker.repair.offsets import OffsetMap

SCHEMA_ID = "crosscheck.report/1"


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# The records a corpus holds by the hundred thousand (claims and findings, with their
# parts) are frozen, slotted pydantic dataclasses instead: validated and serialized by
# pydantic like every other record, at about a tenth of the memory of a model instance
# (measured: 0.6 KB against 4.9 KB per claim). Derive them with `derive`.
_RecordClass = TypeVar("_RecordClass", bound=type)


@dataclass_transform(frozen_default=True, kw_only_default=True)
def small_record(cls: _RecordClass) -> _RecordClass:
    """A frozen, slotted pydantic dataclass: validated, serialized and schema'd by pydantic."""
    made = dataclass(frozen=True, slots=True, kw_only=True, config=ConfigDict(extra="forbid"))(cls)
    _pickle_by_field_names(made)
    return cast(_RecordClass, made)  # the same class, made a pydantic dataclass


def _pickle_by_field_names(cls: type) -> None:
    """Pickle state as the field values in order, read by one `attrgetter` and stored
    back through the slots by a `setstate` written out for the class's fields: extractions
    cross between processes by the hundred thousand records (unpickling, which the main
    process does for every claim a worker sends, takes about a third less time than a
    loop of `object.__setattr__`)."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    values = operator.attrgetter(*names)

    def getstate(self: object) -> tuple[Any, ...]:
        got = values(self)
        return got if len(names) > 1 else (got,)

    cls.__getstate__ = getstate  # type: ignore[assignment]
    cls.__setstate__ = _slot_setter(cls, names)  # type: ignore[attr-defined]


def _slot_setter(cls: type, names: tuple[str, ...]) -> Callable[[object, Sequence[Any]], None]:
    """`setstate(record, values)`: the values unpacked and stored through the class's slot
    descriptors, one line per field."""
    values = [f"v{i}" for i in range(len(names))]
    lines = [f"def setstate(self, state):\n    {', '.join(values)}, = state\n"]
    lines += [f"    set_{name}(self, {v})\n" for name, v in zip(names, values, strict=True)]
    scope: dict[str, Any] = {f"set_{name}": cls.__dict__[name].__set__ for name in names}
    exec("".join(lines), scope)  # noqa: S102 - source written from the class's own field names
    setter: Callable[[object, Sequence[Any]], None] = scope["setstate"]
    return setter


T = TypeVar("T")


def _empty() -> Any:
    return dataclasses.field(default_factory=list)


# List fields of small records: a fresh [] by default (`_empty()`), shown in the schema.
Strings: TypeAlias = Annotated[list[str], Field(json_schema_extra={"default": []})]
Groups: TypeAlias = Annotated[list[list[str]], Field(json_schema_extra={"default": []})]


def derive(record: Any, **changes: Any) -> Any:
    """A copy of a small record with `changes` (validated, unlike `model_copy`)."""
    return dataclasses.replace(record, **changes)


def trusted(cls: type[T], **given: Any) -> T:
    """A small record built without validation from values this program made and typed
    itself, as `model_construct` builds a model: for the paths that make findings by the
    hundred thousand. Fields not given take their defaults."""
    record = object.__new__(cls)
    kind: type = cls  # as `type`, which mypy knows to be hashable
    for f in _fields(kind):
        if f.name in given:
            value = given.pop(f.name)
        elif f.default is not dataclasses.MISSING:
            value = f.default
        elif f.default_factory is not dataclasses.MISSING:
            value = f.default_factory()
        else:
            raise TypeError(f"{cls.__name__} needs {f.name}")
        object.__setattr__(record, f.name, value)
    if given:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(given))}")
    return record


@cache
def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """A small record class's fields, read once (`trusted` builds findings by the
    hundred thousand)."""
    return dataclasses.fields(cls)


M = TypeVar("M", bound=BaseModel)


def constructed(cls: type[M], **fields: Any) -> M:
    """`cls.model_construct(**fields)` for a model given each of its fields, in their
    order, from values this program made and typed itself: the same record at less than
    half the cost (none of `model_construct`'s alias and default handling), for the
    mentions made by the hundred thousand."""
    if fields.keys() != cls.__pydantic_fields__.keys():
        raise TypeError(f"{cls.__name__} needs exactly its fields, got {', '.join(fields)}")
    record = cls.__new__(cls)
    object.__setattr__(record, "__dict__", fields)
    object.__setattr__(record, "__pydantic_fields_set__", set(fields))
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


Spanned = TypeVar("Spanned", bound=BaseModel)


def moved(record: Spanned, by: int) -> Spanned:
    """`record.model_copy(update={"start": start + by, "end": end + by})` for a model with a
    `start` and an `end`, at half the cost: the mentions of a sentence read before are
    moved to where it stands, by the hundred thousand."""
    fields = dict(record.__dict__)
    fields["start"] += by
    fields["end"] += by
    made = record.__class__.__new__(record.__class__)
    object.__setattr__(made, "__dict__", fields)
    object.__setattr__(made, "__pydantic_fields_set__", record.__pydantic_fields_set__ | MOVED)
    object.__setattr__(made, "__pydantic_extra__", record.__pydantic_extra__)
    object.__setattr__(made, "__pydantic_private__", record.__pydantic_private__)
    return made


MOVED = frozenset({"start", "end"})


@cache
def _adapter(cls: type) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def dump_json(record: object, indent: int | None = None) -> str:
    """A record as compact (or indented) JSON, exactly as pydantic writes it in the report."""
    kind: type = type(record)  # as `type`, which mypy knows to be hashable
    return _adapter(kind).dump_json(record, indent=indent, by_alias=True).decode()


def dump_json_nested(records: list[Any], indent: int | None = None) -> bytes:
    """`[records]`, records of one type inside an array inside an array, as pydantic writes
    it (UTF-8): one call for a whole batch of records instead of one `dump_json` each."""
    kind: type = type(records[0])
    nested = GenericAlias(list, (GenericAlias(list, (kind,)),))
    return _adapter(nested).dump_json([records], indent=indent, by_alias=True)


def jsonable(record: object) -> Any:
    """A record as plain JSON data (dicts, lists, strings, numbers)."""
    kind: type = type(record)
    return _adapter(kind).dump_python(record, mode="json", by_alias=True)


class FrontMatter(Record):
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None


class Document(Record):
    """A file as read: the original text and what reading it found."""

    id: str
    path: str
    text: str = ""  # the decoded file, front matter included; every span indexes this
    body_start: int = 0  # where the text after the front matter begins
    meta: FrontMatter = FrontMatter()
    encoding: str | None = None
    encoding_confidence: float | None = None  # 0–1: how sure the reader was of the encoding
    replaced: int = 0  # undecodable bytes replaced with U+FFFD in `text`
    replaced_lines: tuple[int, ...] = ()  # 1-based lines where they were
    garbled: bool = False  # the text reads as mojibake: its claims stay out of matching
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


Script: TypeAlias = Literal["traditional", "simplified", "mixed", "none"]


class Repair(Record):
    """What normalization changed in one document."""

    script: Script = "none"
    damage: tuple[str, ...] = ()  # pinyin-annotation, traditional, full-width, spun, spam
    counts: dict[str, int] = Field(default_factory=dict)
    spin_score: float = 0.0  # Tier-A marker hits per 1,000 CJK characters
    spin_markers: int = 0  # distinct Tier-A markers seen
    boilerplate: tuple[str, ...] = ()  # kinds of boilerplate lines kept out of analysis


class Sentence(Record):
    index: int
    start: int  # [start, end) in the normalized text
    end: int
    span: tuple[int, int]  # [start, end) in the original text
    line: int  # 1-based line of span[0] in the original text
    paragraph: int  # 0-based index of the paragraph (non-empty line) it belongs to
    text: str


class NormalizedText(Record):
    """The repaired text of a document, with its map back to the original."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    doc_id: str
    text: str
    offsets: OffsetMap
    repair: Repair
    masked: tuple[tuple[int, int], ...] = ()  # boilerplate ranges in the normalized text


class PubDate(Record):
    value: str | None = None  # "2025", "2025-07" or "2025-07-14"
    source: Literal["front-matter", "inferred", "unknown"] = "unknown"
    evidence: str | None = None  # the original text the date rests on
    evidence_span: tuple[int, int] | None = None


Kind = Literal[
    "amount",
    "count",
    "percent",
    "fraction",
    "ratio",
    "rank",
    "streak",
    "date",
    "other",
    "magnitude",
]


@small_record
class Value:
    """An interval; None is unbounded. Dates are YYYYMMDD integers."""

    lo: float | None
    hi: float | None
    lo_open: bool = False
    hi_open: bool = False
    precision: float | None = None  # half a unit of the last written digit (exact values)
    text: str = ""


class Quantity(Record):
    """A number expression found in a sentence, normalized to a base unit."""

    start: int  # [start, end) in the normalized text
    end: int
    kind: Kind
    value: Value
    unit: str  # base unit: 元 / 美元 …, %, a classifier, 位, 倍, share, date …
    qualifier: str | None = None
    flags: tuple[str, ...] = ()
    label: str | None = None  # for a date: its normalized period ("2018", "2024-03-04")


class Period(Record):
    """A time expression, resolved against the document's date where it is relative."""

    start: int  # [start, end) in the normalized text
    end: int
    text: str
    kind: Literal[
        "year",
        "month",
        "day",
        "span",
        "as_of",
        "current",
        "since",
        "cumulative",
        "edition",
        "target",
        "recurring",
        "recent",
        "unresolved",
    ]
    label: str | None  # "2024", "2024-06", "2018/2022", "as_of:2025-02-28", "target:2035" …
    lo: int | None = None  # YYYYMMDD, first day covered
    hi: int | None = None  # YYYYMMDD, last day covered; None is open
    event: bool = False  # a date an event happened on (a date claim), not a data period
    floating: bool = False  # no year of its own (全年, 1-9月): the context's year applies


class EntityMention(Record):
    start: int  # [start, end) in the normalized text
    end: int
    id: str
    name: str
    type: str
    text: str


class Mentions(Record):
    """What one sentence mentions: quantities (dates included), periods, entities."""

    sentence: int
    quantities: tuple[Quantity, ...]
    periods: tuple[Period, ...]
    entities: tuple[EntityMention, ...]


@small_record
class Ref:
    """A canonical thing a claim is about: an entity or a metric."""

    id: str | None = None  # None when only the text is known (an unlisted metric)
    name: str
    text: str  # as written in the original file


@small_record
class ClaimPeriod:
    start: str | None = None  # ISO date, first day covered
    end: str | None = None  # ISO date, last day covered; None is open
    text: str | None = None  # the original text that gave the period
    kind: str = "unstated"  # year | month | day | span | as_of | since | … | implied | unstated
    label: str | None = None  # "2024", "as_of:2025-02-28", "target:2035" …


@small_record
class Citation:
    status: Literal["named", "vague", "none"] = "none"
    source: str | None = None
    text: str | None = None  # the original text of the attribution
    scope: Literal["sentence", "carried"] | None = None


@small_record
class Claim:
    id: str  # "<doc>#<n>", n counting claims of the document by span
    doc: str
    span: tuple[int, int]  # [start, end) into the original file: the number expression
    line: int
    column: int = 1  # 1-based column of span[0] in UTF-16 code units (as SARIF and editors count)
    end_column: int = 1  # the same for span[1]
    quote: str  # the original text of the sentence holding the claim
    subject: Ref | None
    metric: Ref
    kind: Kind
    value: Value
    unit: str
    period: ClaimPeriod
    citation: Citation
    confidence: float
    flags: Strings = _empty()


@small_record
class Explanation:
    level: str | None = None  # the matching level that fired: metric id, alias, fuzzy …
    metric_similarity: float | None = None  # 0-1
    value_gap: float | None = None  # relative gap between the nearest disagreeing values
    period_relation: str | None = None  # same | overlapping | different | implied-close …
    subject: str | None = None
    detail: str | None = None


@small_record
class Finding:
    id: str  # fingerprint "F-…": stable across runs and line moves
    kind: Literal[
        "conflict",
        "corroboration",
        "period_drift",
        "revision",
        "internal_conflict",
        "uncited",
        "vague_citation",
        "source_quality",
    ]
    severity: Literal["error", "warning", "info"]
    claims: list[str]
    groups: Groups = _empty()
    docs: Strings = _empty()
    message: str
    explanation: Explanation


class InternalCheck(Record):
    """A document's own arithmetic, checked: a share of a total, a total of parts."""

    kind: Literal["share_of_total", "ratio_to_group"]
    doc: str
    claims: list[str]
    computed: tuple[float, float]  # the interval the parts give
    stated: tuple[float | None, float | None]  # the interval the text states
    consistent: bool
    detail: str


class Analysis(Record):
    """Everything the pipeline learned about one document."""

    document: Document
    normalized: NormalizedText
    sentences: tuple[Sentence, ...]
    date: PubDate
    mentions: tuple[Mentions, ...] = ()
    claims: tuple[Claim, ...] = ()


# ---- the JSON report -------------------------------------------------------------


class Tool(Record):
    name: str = "crosscheck"
    version: str = __version__


class DocumentOut(Record):
    id: str
    path: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    date: str | None = None
    date_source: Literal["front-matter", "inferred", "unknown"] = "unknown"
    date_evidence: str | None = None
    script: Script = "none"
    damage: list[str] = []
    spin_score: float = 0.0
    sentences: int = 0
    encoding: str | None = None  # the encoding the file was read in
    encoding_confidence: float | None = None  # 0–1: how sure the reader was of it
    errors: list[str] = []
    notes: list[str] = []


class Extraction(Record):
    """What the checks need of one document, and what the cache keeps of it."""

    document: DocumentOut
    claims: list[Claim] = []
    checks: list[InternalCheck] = []
    repairs: dict[str, int] = {}  # what normalization changed, by kind
    signature: list[int] = []  # bottom-k sketch of the repaired text, for copy detection


class Summary(Record):
    documents: int
    claims: int
    findings: dict[str, int]


class Report(Record):
    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    tool: Tool = Tool()
    documents: list[DocumentOut] = []
    claims: list[Claim] = []
    findings: list[Finding] = []
    checks: list[InternalCheck] = []
    summary: Summary

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
