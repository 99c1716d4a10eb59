"""The article's claims, their verdicts and reasons, and what the article leaves out.

Every factual or legal claim of the article is a row of ``data/claims.csv``: the
exact quote, a summary, its type, the lesson that examines it, a verdict from the
fixed vocabulary in ``data/verdicts.csv``, reasons, the provisions it cites and the
ones that actually apply (article ids such as ``"csl-2017:21"``), sources, and what
remains uncertain. The loaders check every row and name the file, row and column
of any problem.

>>> table = claims()
>>> table.loc["C08", "verdict"]
'misattributed'
>>> verdict_label("outdated", lang="en")
'outdated citation'
>>> int(verdict_counts(by="type").loc["legal"].sum()) == int((table["type"] == "legal").sum())
True
"""
from __future__ import annotations

import re

import pandas as pd

from .. import law
from ..core import checks
from ..core.errors import CourseError, DataError
from ..core.i18n import get_language, pick, t
from ..core.tables import cached_table, read_table
from ..storage.figures import figures
from .article import article_text, in_context, in_context_html
from .record import ClaimRecord, QuoteContext
from .sources import sources

TYPES = ("technical", "legal", "company", "inference", "opinion")
LESSONS = ("01", "02", "03", "04", "05", "06", "07", "08", "09")
IN_FORCE = ("yes", "no", "n.a.")
# A phrase of a law quoted in reasons: “phrase”〔law-id:article〕 (checked by the tests).
PHRASE_RE = re.compile(r"“([^”]+)”〔([^〕]+)〕")

VERDICT_SCHEMA = {"id": "str", "order": "int", "label_zh": "str", "label_en": "str", "color": "str",
                  "definition_zh": "str", "definition_en": "str"}

CLAIM_SCHEMA = {
    "id": "str", "order": "int", "quote": "str", "summary_zh": "str", "summary_en": "str",
    "type": "in:" + "|".join(TYPES), "lesson": "in:" + "|".join(LESSONS), "verdict": "str",
    "reasons_zh": "str", "reasons_en": "str", "cites": "str?", "cited_ids": "str?",
    "applies_ids": "str?", "source_ids": "str?", "figure_keys": "str?", "relied_version": "str?",
    "in_force_today": "in:" + "|".join(IN_FORCE), "current_ids": "str?",
    "uncertain_zh": "str", "uncertain_en": "str",
}
OMISSION_SCHEMA = {"id": "str", "lesson": "in:" + "|".join(LESSONS), "topic_zh": "str",
                   "topic_en": "str", "why_zh": "str", "why_en": "str", "applies_ids": "str?",
                   "source_ids": "str?"}
FRAGMENT_SCHEMA = {"id": "str", "kind": "in:duplicate|garbled|orphan answer|inconsistency|formatting",
                   "quote": "str", "note_zh": "str", "note_en": "str", "related": "str?"}
ID_COLUMNS = ("cited_ids", "applies_ids", "current_ids")


def split_ids(cell: str) -> list[str]:
    """The ids in a cell separated by ``;``.

    >>> split_ids("csl-2017:21; csl-2026:23")
    ['csl-2017:21', 'csl-2026:23']
    >>> split_ids("")
    []
    """
    cell = checks.text(cell or "", "ids", max_chars=10_000, empty=True)
    return [part.strip() for part in cell.split(";") if part.strip()]


def _fail(file: str, row: int, column: str, problem: str):
    raise DataError(t("data.bad_row", file=file, row=row, column=column, problem=problem))


@cached_table
def verdicts() -> pd.DataFrame:
    """The fixed verdict vocabulary, indexed by id, in display order.

    >>> list(verdicts().index[:3])
    ['accurate', 'partly-accurate', 'inaccurate']
    """
    table = read_table("verdicts.csv", VERDICT_SCHEMA, unique="id")
    table["order"] = table["order"].astype(int)
    return table.sort_values("order").set_index("id", drop=False)


def verdict_label(verdict: str, lang: str | None = None) -> str:
    """The label of a verdict in the chosen language (``"misattributed"`` → ``"张冠李戴"``)."""
    row = _verdict_row(verdict)
    return pick(row["label_zh"], row["label_en"], lang)


def verdict_definition(verdict: str, lang: str | None = None) -> str:
    """What a verdict means, in the chosen language."""
    row = _verdict_row(verdict)
    return pick(row["definition_zh"], row["definition_en"], lang)


def verdict_choices() -> dict[str, dict[str, str]]:
    """The verdicts as choices for a verdict exercise.

    >>> verdict_choices()["misattributed"]["en"]
    'misattributed citation'
    """
    return {v: {"zh": row["label_zh"], "en": row["label_en"]} for v, row in verdicts().iterrows()}


def type_choices() -> dict[str, dict[str, str]]:
    """The claim types as choices for a type exercise.

    >>> type_choices()["legal"]["zh"]
    '法律'
    """
    return {k: {"zh": type_label(k, "zh"), "en": type_label(k, "en")} for k in TYPES}


def verdict_options(lang: str) -> str:
    """The verdicts as a learner may type them, e.g. ``accurate（准确）; …``."""
    lang = checks.language(lang)
    return "; ".join(f"{key}（{labels[lang]}）" if lang == "zh" else f"{key} ({labels[lang]})"
                     for key, labels in verdict_choices().items())


def _verdict_row(verdict: str) -> pd.Series:
    table = verdicts()
    if not isinstance(verdict, str) or verdict not in table.index:
        raise CourseError(t("claims.unknown_verdict", value=verdict, known=", ".join(table.index)))
    return table.loc[verdict]


def type_label(kind: str, lang: str | None = None) -> str:
    """The label of a claim type (``"company"`` → ``"公司声明"``)."""
    if not isinstance(kind, str) or kind not in TYPES:
        raise CourseError(t("claims.unknown_type", value=kind, known=", ".join(TYPES)))
    return t(f"claims.type.{kind}", lang)


def lesson_label(lesson: str, lang: str | None = None) -> str:
    """The lesson number with its title, e.g. ``"03 · Retention rules the article cites"``."""
    lesson = checks.lesson(lesson, LESSONS)
    return f"{lesson} · {t(f'claims.lesson.{lesson}', lang)}"


def _check_refs(table: pd.DataFrame, file: str, columns: dict[str, set]) -> None:
    """Every id in the given ``;``-separated columns must be among the known ones."""
    for row_no, (_, row) in enumerate(table.iterrows(), start=2):
        for column, known in columns.items():
            for ref in split_ids(row[column]):
                if ref not in known:
                    _fail(file, row_no, column, t("data.unknown_ref", what=column, value=ref))


@cached_table
def claims() -> pd.DataFrame:
    """Every claim of the article, indexed by id (``"C01"`` …), in article order.

    Checks, naming file, row and column on failure: each quote occurs in the
    article; verdicts come from the vocabulary; article, source and figure ids
    resolve; the relied-on version is a law id or a source id.
    """
    file = "claims.csv"
    table = read_table(file, CLAIM_SCHEMA, unique="id")
    article = article_text()
    known_verdicts = set(verdicts().index)
    articles, source_ids = set(law.articles().index), set(sources().index)
    for row_no, (_, row) in enumerate(table.iterrows(), start=2):
        if row["quote"] not in article:
            _fail(file, row_no, "quote", t("claims.quote_not_in_article", quote=row["quote"][:40]))
        if row["verdict"] not in known_verdicts:
            _fail(file, row_no, "verdict", t("data.not_in", allowed=", ".join(known_verdicts),
                                               value=row["verdict"]))
        relied = row["relied_version"]
        if relied and relied not in law.laws().index and relied not in source_ids:
            _fail(file, row_no, "relied_version", t("data.unknown_ref", what="law/source", value=relied))
    _check_refs(table, file, {**{c: articles for c in ID_COLUMNS}, "source_ids": source_ids,
                              "figure_keys": set(figures().index)})
    table["order"] = table["order"].astype(int)
    return table.sort_values("order").set_index("id", drop=False)


def claim(claim_id: str) -> ClaimRecord:
    """One claim by id (``"C08"``), shown as a card; a clear error names the ids that exist.

    >>> claim("C08")["verdict"]
    'misattributed'
    """
    table = claims()
    if not isinstance(claim_id, str) or claim_id not in table.index:
        raise CourseError(t("claims.unknown_claim", value=claim_id,
                            first=table.index[0], last=table.index[-1]))
    return ClaimRecord(table.loc[claim_id])


def card_lines(row: pd.Series, lang: str) -> list[tuple[str, str]]:
    """The ``(label, text)`` lines of a claim's card in a language.

    >>> card_lines(claims().loc["C08"], "en")[2]
    ('verdict', 'misattributed citation')
    """
    return [
        (t("claims.col.lesson", lang), lesson_label(row["lesson"], lang)),
        (t("claims.col.type", lang), type_label(row["type"], lang)),
        (t("claims.col.verdict", lang), verdict_label(row["verdict"], lang)),
        (t("claims.col.quote", lang), "「" + row["quote"] + "」"),
        (t("claims.col.summary", lang), pick(row["summary_zh"], row["summary_en"], lang)),
        (t("explorer.reasons", lang).rstrip("：:"), pick(row["reasons_zh"], row["reasons_en"], lang)),
        (t("explorer.uncertain", lang).rstrip("：:"), pick(row["uncertain_zh"], row["uncertain_en"], lang)),
    ]


ClaimRecord.card_lines = staticmethod(card_lines)


@cached_table
def omissions() -> pd.DataFrame:
    """What the article leaves out that a reader needs, indexed by id (``"O01"`` …)."""
    file = "claims-omissions.csv"
    table = read_table(file, OMISSION_SCHEMA, unique="id")
    _check_refs(table, file, {"applies_ids": set(law.articles().index),
                              "source_ids": set(sources().index)})
    return table.set_index("id", drop=False)


@cached_table
def fragments() -> pd.DataFrame:
    """The article's duplicated, garbled or orphaned fragments, indexed by id (``"F01"`` …)."""
    file = "claims-fragments.csv"
    table = read_table(file, FRAGMENT_SCHEMA, unique="id")
    article = article_text()
    for row_no, (_, row) in enumerate(table.iterrows(), start=2):
        if row["quote"] not in article:
            _fail(file, row_no, "quote", t("claims.quote_not_in_article", quote=row["quote"][:40]))
    _check_refs(table, file, {"related": set(claims().index)})
    return table.set_index("id", drop=False)


def quote_context(claim_id: str, width: int = 60) -> QuoteContext:
    """The quote of a claim with up to ``width`` characters of the article before and after.

    >>> before, quote, after = quote_context("C08", width=6)
    >>> quote.startswith("还有第二十条规定")
    True
    """
    return QuoteContext(*in_context(claim(claim_id)["quote"], width))


def quote_html(claim_id: str, width: int = 80) -> str:
    """The quote of a claim marked with ``<mark>`` in its context, as escaped HTML."""
    return in_context_html(claim(claim_id)["quote"], width)


def provisions(claim_id: str, column: str = "applies_ids") -> list[law.Provision]:
    """The provisions listed in a claim's ``cited_ids``, ``applies_ids`` or ``current_ids``."""
    if column not in ID_COLUMNS:
        raise CourseError(t("claims.bad_column", value=column, known=", ".join(ID_COLUMNS)))
    return [law.by_id(ref) for ref in split_ids(claim(claim_id)[column])]


def reasons(claim_id: str, lang: str | None = None) -> str:
    """The reasons for a claim's verdict in the chosen language."""
    row = claim(claim_id)
    return pick(row["reasons_zh"], row["reasons_en"], lang)


def summary(claim_id: str, lang: str | None = None) -> str:
    """A one-line summary of the claim in the chosen language."""
    row = claim(claim_id)
    return pick(row["summary_zh"], row["summary_en"], lang)


def uncertain(claim_id: str, lang: str | None = None) -> str:
    """What remains uncertain about the claim, in the chosen language."""
    row = claim(claim_id)
    return pick(row["uncertain_zh"], row["uncertain_en"], lang)


def for_lesson(lesson: str) -> pd.DataFrame:
    """The claims a lesson examines.

    >>> list(for_lesson("03").index)[:2]
    ['C07', 'C08']
    """
    table = claims()
    return table[table["lesson"] == checks.lesson(lesson, LESSONS)]


OVERVIEW_COLUMNS = ("lesson", "type", "verdict", "quote", "summary")


def overview(lesson: str | None = None, lang: str | None = None,
             columns: tuple[str, ...] | list[str] = OVERVIEW_COLUMNS) -> pd.DataFrame:
    """A readable table (labels in the chosen language): id, lesson, type, verdict, quote, summary.

    ``columns`` keeps some of them, e.g. leaves out the type before an exercise asks for it:

    >>> list(overview(lang="en", columns=["lesson", "quote"]).columns)
    ['lesson', 'quote']
    """
    lang = lang or get_language()
    keep = [checks.known(c, "columns", OVERVIEW_COLUMNS) for c in checks.collection(columns, "columns")]
    table = claims() if lesson is None else for_lesson(lesson)
    view = pd.DataFrame({
        t(f"claims.col.{key}", lang): column for key, column in {
            "lesson": table["lesson"],
            "type": [type_label(v, lang) for v in table["type"]],
            "verdict": [verdict_label(v, lang) for v in table["verdict"]],
            "quote": table["quote"],
            "summary": table[f"summary_{lang}"],
        }.items() if key in keep
    }, index=table.index)
    view.index.name = t("claims.col.id", lang)
    return view


def verdict_counts(by: str = "type", lang: str | None = None, labels: bool = False) -> pd.DataFrame:
    """How many claims got each verdict, per type or per lesson (rows) and verdict (columns).

    With ``labels=True`` rows and columns carry labels in the chosen language.

    >>> int(verdict_counts(by="lesson").loc["03", "misattributed"])
    1
    """
    if not isinstance(by, str) or by not in ("type", "lesson"):
        raise CourseError(t("claims.bad_by", value=by))
    table = claims()
    rows = list(TYPES) if by == "type" else sorted(set(table["lesson"]))
    counts = pd.crosstab(table[by], table["verdict"]).reindex(
        index=rows, columns=list(verdicts().index), fill_value=0)
    counts.index.name, counts.columns.name = by, "verdict"
    if labels:
        counts = counts.rename(columns=lambda v: verdict_label(v, lang))
        counts = counts.rename(index=(lambda k: type_label(k, lang)) if by == "type"
                               else (lambda k: lesson_label(k, lang)))
        counts.index.name = t(f"claims.col.{by}", lang)
        counts.columns.name = t("claims.col.verdict", lang)
    return counts


def type_table(lang: str | None = None) -> pd.DataFrame:
    """The five claim types with their labels and what checking each one means.

    >>> list(type_table(lang="en").index)[:2]
    ['technical', 'legal']
    """
    lang = lang or get_language()
    return pd.DataFrame({t("claims.col.type", lang): [type_label(k, lang) for k in TYPES],
                         t("claims.col.definition", lang): [t(f"claims.typedef.{k}", lang) for k in TYPES]},
                        index=pd.Index(TYPES, name="id"))


def verdict_table(lang: str | None = None) -> pd.DataFrame:
    """The verdict vocabulary with labels and definitions in the chosen language."""
    lang = lang or get_language()
    table = verdicts()
    return pd.DataFrame({t("claims.col.verdict", lang): table[f"label_{lang}"],
                         t("claims.col.definition", lang): table[f"definition_{lang}"]},
                        index=table.index)


def omission_table(lang: str | None = None) -> pd.DataFrame:
    """What the article leaves out, in the chosen language, with the lesson and the provisions."""
    lang = lang or get_language()
    table = omissions()
    return pd.DataFrame({t("claims.col.lesson", lang): table["lesson"],
                         t("claims.col.topic", lang): table[f"topic_{lang}"],
                         t("claims.col.why", lang): table[f"why_{lang}"],
                         t("claims.col.provisions", lang): table["applies_ids"],
                         t("claims.col.sources", lang): table["source_ids"]}, index=table.index)


def fragment_table(lang: str | None = None) -> pd.DataFrame:
    """The article's duplicated, garbled and orphaned fragments, with a note in the chosen language."""
    lang = lang or get_language()
    table = fragments()
    return pd.DataFrame({t("claims.col.kind", lang): [t(f"claims.fragment.{k.replace(' ', '_')}", lang)
                                                     for k in table["kind"]],
                         t("claims.col.quote", lang): table["quote"],
                         t("claims.col.note", lang): table[f"note_{lang}"],
                         t("claims.col.related", lang): table["related"]}, index=table.index)
