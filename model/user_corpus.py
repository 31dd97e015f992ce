"""Your own sentence pairs: a TSV or CSV file of Korean -> English pairs, checked row by row.

File format: one pair per line, Korean first, English second, separated by a tab
(TSV) or a comma (CSV, with "quotes" around a field that holds a comma). A first
row whose first cell is a column name (korean, source, 한국어, ...) is skipped as a
header; blank lines are skipped. The bytes may be UTF-8, UTF-8 with a byte-order
mark, UTF-16 with a byte-order mark (Excel's "Unicode text") or CP949 (Korean
Windows).

Problems with the whole file raise `CorpusFileError(code, message)`; problems with
one row never do: the row is left out and listed in `UserCorpus.rejected` with its
line number and a reason code, so the UI can say in the user's language what is
wrong with which line.

Tokens: Korean is split like the generated corpus (model/tokenizer.split_korean,
knowing the generated corpus's words): known words keep their usual tokens
(나는 -> 나 + 는); an unknown word stays whole as written between spaces, except that
a particle at its end is split off (고양이를 -> 고양이 + 를). English is lowercase
words (split_english). The accepted pairs are split into train / valid / test by a
hash of each pair, so the split never depends on the order of the rows.
"""

import csv
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from model.corpus import SPLITS, SplitCorpus, build_corpus
from model.decoding import MAX_OUTPUT_TOKENS, MAX_SENTENCE_TOKENS
from model.tokenizer import normalize, split_english, split_korean

MAX_FILE_BYTES = 1024 * 1024  # 1 MB
MAX_ROWS = 5_000  # data rows (the header and blank lines not counted)
MAX_SIDE_CHARACTERS = 200  # per side, after normalisation (the sidebar's limit for typed sentences)
MAX_KOREAN_TOKENS = MAX_SENTENCE_TOKENS  # what the translator accepts
MAX_ENGLISH_TOKENS = MAX_OUTPUT_TOKENS - 1  # what greedy decoding can produce before <eos>
MIN_PAIRS = 20  # fewer accepted pairs than this are too few to train on
SHARE_VALID = SHARE_TEST = 0.1

HEADER_NAMES = {"korean", "ko", "kor", "source", "src", "한국어", "한국말", "원문", "ko-kr"}
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# C0 control characters other than tab, newline and carriage return: text files have none.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Where a line ends, as editors and the csv module count lines. str.splitlines() also ends lines
# at \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029, which numbered every later row wrong.
_LINE_BREAK = re.compile("\r\n|\r|\n")

# Reason codes of a rejected row (the UI has a text for each).
REJECT_CODES = (
    "missing_column",  # one field only (no tab or comma between Korean and English)
    "extra_column",  # more than two fields (e.g. an extra tab)
    "empty_korean",
    "empty_english",
    "too_long",  # a side longer than MAX_SIDE_CHARACTERS
    "too_many_tokens",  # more tokens than the model reads or writes
    "not_korean",  # the Korean side has no Hangul (columns swapped?)
    "hangul_in_english",  # the English side holds Hangul (columns swapped?)
    "control_characters",
    "duplicate",  # the same pair as an earlier line (`other_line`)
    "unparsable",  # a CSV row the csv module cannot read (e.g. an unclosed quote)
)
# Codes of CorpusFileError.
FILE_ERROR_CODES = ("empty", "too_large", "binary", "encoding", "too_many_rows")


class CorpusFileError(Exception):
    """A file that cannot be read as sentence pairs at all; `code` names the problem."""

    def __init__(self, code: str, message: str, **details):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details  # numbers for the message, e.g. size=..., limit=...


@dataclass(frozen=True)
class UserPair:
    """One accepted row."""

    korean: str  # normalised Korean sentence
    english: str  # normalised English sentence (as written, case kept)
    korean_tokens: tuple[str, ...]
    english_tokens: tuple[str, ...]
    line: int  # 1-based line of the file it came from


@dataclass(frozen=True)
class RejectedRow:
    """One row left out, and why."""

    line: int  # 1-based line number in the file
    code: str  # one of REJECT_CODES
    text: str  # the row as read (shortened), for showing it
    other_line: int | None = None  # for "duplicate": the earlier line
    side: str = ""  # "korean" or "english" when the reason concerns one side


@dataclass(frozen=True)
class UserCorpus(SplitCorpus):
    """The accepted pairs split three ways, plus what was rejected. model.train.train accepts it."""

    train: tuple[UserPair, ...]
    valid: tuple[UserPair, ...]
    test: tuple[UserPair, ...]
    rejected: tuple[RejectedRow, ...] = ()
    encoding: str = "utf-8"  # "utf-8", "utf-8-sig", "utf-16" or "cp949"
    delimiter: str = "\t"
    header_skipped: bool = False
    rows_read: int = 0  # data rows seen (accepted + rejected)
    pairs: tuple[UserPair, ...] = field(default=(), repr=False)  # every accepted pair, in file order

    @property
    def trainable(self) -> bool:
        """Enough accepted pairs to train on (and at least one in each split)."""
        return len(self.pairs) >= MIN_PAIRS and all(self.split(name) for name in SPLITS)


@lru_cache(maxsize=1)
def generated_korean_words() -> frozenset[str]:
    """Every Korean token of the generated corpus: these keep the corpus's own splits."""
    corpus = build_corpus(0)
    return frozenset(token for split in SPLITS for pair in corpus.split(split) for token in pair.korean_tokens)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a file's bytes; raises CorpusFileError when they are not text."""
    if not data or not data.strip():
        raise CorpusFileError("empty", "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise CorpusFileError(
            "too_large",
            f"the file has {len(data)} bytes; at most {MAX_FILE_BYTES}",
            size=len(data),
            limit=MAX_FILE_BYTES,
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise CorpusFileError("encoding", "the file starts like UTF-16 but is not valid UTF-16") from None
    if b"\x00" in data:
        raise CorpusFileError("binary", "the file holds NUL bytes: it is not a text file")
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        name = ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8") if encoding == "utf-8-sig" else encoding
        # Text has few control characters; decoded garbage has many.
        if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
            raise CorpusFileError("binary", "the file holds many control characters: it is not a text file")
        if not text.strip():
            raise CorpusFileError("empty", "the file holds only white space")
        return text, name
    raise CorpusFileError("encoding", "the file is neither UTF-8 nor CP949 text")


def guess_delimiter(lines: list[str], file_name: str = "") -> str:
    """Tab for .tsv files, comma for .csv files; otherwise tab when any line holds one."""
    lowered = file_name.lower()
    if lowered.endswith((".tsv", ".tab")):
        return "\t"
    if lowered.endswith(".csv"):
        return ","
    return "\t" if any("\t" in line for line in lines[:200]) else ","


def _fields(line: str, delimiter: str) -> list[str] | None:
    """The row's fields; None when a CSV row cannot be read."""
    if delimiter == "\t":
        return line.split("\t")
    try:
        rows = list(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    return rows[0] if rows else [""]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_header(fields: list[str]) -> bool:
    return bool(fields) and fields[0].strip().lower().lstrip("\ufeff") in HEADER_NAMES


def parse_user_corpus(data: bytes, file_name: str = "") -> UserCorpus:
    """Read uploaded bytes into a UserCorpus; raises CorpusFileError for a file that is not usable at all."""
    text, encoding = decode_bytes(data)
    lines = _LINE_BREAK.split(text)
    delimiter = guess_delimiter(lines, file_name)
    data_lines = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    header_skipped = bool(data_lines) and _is_header(_fields(data_lines[0][1], delimiter) or [])
    if header_skipped:
        data_lines = data_lines[1:]
    if len(data_lines) > MAX_ROWS:
        raise CorpusFileError(
            "too_many_rows",
            f"the file has {len(data_lines)} rows; at most {MAX_ROWS}",
            rows=len(data_lines),
            limit=MAX_ROWS,
        )

    known_words = generated_korean_words()
    accepted: list[UserPair] = []
    rejected: list[RejectedRow] = []
    first_line_of: dict[tuple[str, str], int] = {}
    for number, line in data_lines:
        fields = _fields(line, delimiter)

        def reject(code: str, side: str = "", other_line: int | None = None, number=number, line=line):
            rejected.append(RejectedRow(number, code, _short(line.strip()), other_line, side))

        if fields is None:
            reject("unparsable")
            continue
        if len(fields) < 2:
            reject("missing_column")
            continue
        if len(fields) > 2:
            reject("extra_column")
            continue
        if _CONTROL.search(line):
            reject("control_characters")
            continue
        korean, english = normalize(fields[0]), normalize(fields[1])
        if not korean:
            reject("empty_korean", "korean")
            continue
        if not english:
            reject("empty_english", "english")
            continue
        if len(korean) > MAX_SIDE_CHARACTERS or len(english) > MAX_SIDE_CHARACTERS:
            reject("too_long", "korean" if len(korean) > MAX_SIDE_CHARACTERS else "english")
            continue
        if not _HANGUL.search(korean):
            reject("not_korean", "korean")
            continue
        if _HANGUL.search(english):
            reject("hangul_in_english", "english")
            continue
        korean_tokens = tuple(split_korean(korean, known_words))
        english_tokens = tuple(split_english(english))
        if len(korean_tokens) > MAX_KOREAN_TOKENS or len(english_tokens) > MAX_ENGLISH_TOKENS:
            reject("too_many_tokens", "korean" if len(korean_tokens) > MAX_KOREAN_TOKENS else "english")
            continue
        key = (" ".join(korean_tokens), " ".join(english_tokens))
        if key in first_line_of:
            reject("duplicate", other_line=first_line_of[key])
            continue
        first_line_of[key] = number
        accepted.append(UserPair(korean, english, korean_tokens, english_tokens, number))

    train, valid, test = split_pairs(accepted)
    return UserCorpus(
        train=train,
        valid=valid,
        test=test,
        rejected=tuple(rejected),
        encoding=encoding,
        delimiter=delimiter,
        header_skipped=header_skipped,
        rows_read=len(data_lines),
        pairs=tuple(accepted),
    )


def split_pairs(pairs: list[UserPair]) -> tuple[tuple[UserPair, ...], tuple[UserPair, ...], tuple[UserPair, ...]]:
    """(train, valid, test): ~10% each to valid and test (at least one when there are 3+ pairs).

    Pairs are ordered by a hash of their text, so the split is the same however the
    rows are ordered; each split keeps file order.
    """

    def rank(pair: UserPair) -> str:
        return hashlib.sha256(f"{pair.korean}\t{pair.english}".encode()).hexdigest()

    count = len(pairs)
    held_out = 1 if count >= 3 else 0
    test_count = max(held_out, round(count * SHARE_TEST))
    valid_count = max(held_out, round(count * SHARE_VALID))
    ranked = sorted(pairs, key=rank)
    test_ids = {id(pair) for pair in ranked[:test_count]}
    valid_ids = {id(pair) for pair in ranked[test_count : test_count + valid_count]}
    train = tuple(pair for pair in pairs if id(pair) not in test_ids | valid_ids)
    valid = tuple(pair for pair in pairs if id(pair) in valid_ids)
    test = tuple(pair for pair in pairs if id(pair) in test_ids)
    return train, valid, test
