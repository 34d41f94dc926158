"""Pure rules of the law base: numerals, parsing of law texts, finding and checking citations.

No Django and no I/O beyond ``load_index``/``load_corpus`` reading the shared data folder.
"""

from .citations import (
    PRC_PREFIX,
    CitationMention,
    CitationResolver,
    CitationResult,
    CitationStatus,
    LawRecord,
    find_citations,
    law_record_from_corpus,
    records_from_corpus,
    repeal_clauses,
)
from .numerals import MAX_CHINESE_NUMERAL, format_chinese_numeral, parse_chinese_numeral
from .texts import (
    INFO_END,
    ON_PUBLICATION,
    Article,
    Heading,
    HistoryEntry,
    Item,
    LawIndexEntry,
    LawParseError,
    Paragraph,
    ParsedLaw,
    load_corpus,
    load_index,
    parse_law_markdown,
)
from .versions import (
    ArticleChange,
    HistoricVersion,
    VersionSpan,
    diff_articles,
    load_versions,
    span_from_parsed,
    version_in_force,
)

__all__ = [
    "INFO_END",
    "MAX_CHINESE_NUMERAL",
    "ON_PUBLICATION",
    "PRC_PREFIX",
    "Article",
    "ArticleChange",
    "CitationMention",
    "CitationResolver",
    "CitationResult",
    "CitationStatus",
    "Heading",
    "HistoricVersion",
    "HistoryEntry",
    "Item",
    "LawIndexEntry",
    "LawParseError",
    "LawRecord",
    "Paragraph",
    "ParsedLaw",
    "VersionSpan",
    "diff_articles",
    "find_citations",
    "format_chinese_numeral",
    "law_record_from_corpus",
    "load_corpus",
    "load_index",
    "load_versions",
    "parse_chinese_numeral",
    "parse_law_markdown",
    "records_from_corpus",
    "repeal_clauses",
    "span_from_parsed",
    "version_in_force",
]
