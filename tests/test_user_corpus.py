"""Uploaded sentence pairs (model/user_corpus.py): encodings, rejected rows with line numbers,
whole-file errors, the deterministic split, and that model.train accepts the result."""

import pytest

from model import user_corpus
from model.config import ModelConfig, TrainConfig
from model.corpus import build_corpus
from model.train import train
from model.user_corpus import CorpusFileError, parse_user_corpus

GOOD_ROWS = [
    ("나는 학생이다", "i am a student"),
    ("고양이를 좋아한다", "i like cats"),
    ("그녀는 사과를 먹었다", "she ate an apple"),
    ("우리는 학교에서 공부한다", "we study at school"),
]


def tsv(rows, header=True) -> str:
    lines = ["korean\tenglish"] if header else []
    lines += [f"{korean}\t{english}" for korean, english in rows]
    return "\n".join(lines) + "\n"


def accepted(corpus) -> list[tuple[str, str]]:
    return [(pair.korean, pair.english) for pair in corpus.pairs]


def rejected(corpus) -> list[tuple[int, str]]:
    return [(row.line, row.code) for row in corpus.rejected]


# --- encodings --------------------------------------------------------------------------


def test_cp949_file_loads_with_the_same_rows_as_its_utf8_twin():
    text = tsv(GOOD_ROWS)
    from_utf8 = parse_user_corpus(text.encode("utf-8"), "pairs.tsv")
    from_cp949 = parse_user_corpus(text.encode("cp949"), "pairs.tsv")
    assert text.encode("cp949") != text.encode("utf-8")
    assert from_utf8.encoding == "utf-8" and from_cp949.encoding == "cp949"
    assert accepted(from_cp949) == accepted(from_utf8) == list(GOOD_ROWS)
    assert [pair.korean_tokens for pair in from_cp949.pairs] == [pair.korean_tokens for pair in from_utf8.pairs]
    assert from_cp949.fingerprint() == from_utf8.fingerprint()


def test_byte_order_marks_are_handled():
    text = tsv(GOOD_ROWS)
    with_bom = parse_user_corpus(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert with_bom.encoding == "utf-8-sig"
    assert with_bom.header_skipped  # the BOM did not stick to "korean" and hide the header
    assert accepted(with_bom) == list(GOOD_ROWS)
    utf16 = parse_user_corpus(text.encode("utf-16"))  # Excel's "Unicode text": UTF-16 with a BOM
    assert accepted(utf16) == list(GOOD_ROWS)


def test_csv_with_quoted_commas():
    data = 'korean,english\n나는 학생이다,i am a student\n"그는 빵을 먹었다","yes, he ate bread"\n'.encode()
    corpus = parse_user_corpus(data, "pairs.csv")
    assert corpus.delimiter == ","
    assert accepted(corpus) == [("나는 학생이다", "i am a student"), ("그는 빵을 먹었다", "yes, he ate bread")]


def test_tokens_follow_the_corpus_and_unknown_words_stay_whole():
    corpus = parse_user_corpus(tsv(GOOD_ROWS).encode())
    tokens = {pair.korean: pair.korean_tokens for pair in corpus.pairs}
    assert tokens["나는 학생이다"] == ("나", "는", "학생", "이다")
    # An unknown noun stays whole with its particle split off; a known verb splits into verb + ending.
    assert tokens["고양이를 좋아한다"] == ("고양이", "를", "좋아", "한다")
    assert corpus.pairs[0].english_tokens == ("i", "am", "a", "student")


# --- rejected rows ------------------------------------------------------------------------


def test_malformed_rows_are_reported_with_line_numbers_and_reasons():
    lines = [
        "korean\tenglish",  # 1: header, skipped
        "나는 학생이다\ti am a student",  # 2: fine
        "나는 의사이다",  # 3: missing column
        "그는 물을 마셨다\the drank\twater",  # 4: extra tab
        "\tan empty korean side",  # 5
        "우리는 가수이다\t   ",  # 6: empty English side
        "너는 " + "책" * 250 + "을 읽었다\tyou read a book",  # 7: too long
        "",  # 8: blank, skipped silently
        "나는 학생이다\ti am a student",  # 9: duplicate of line 2
        "i am a student\t나는 학생이다",  # 10: columns swapped
        "그녀는 노래를 불렀다\tshe sang a song",  # 11: fine
        "나는 학생이다\tI am a student.",  # 12: the same pair once normalised -> duplicate of 2
    ]
    corpus = parse_user_corpus(("\n".join(lines) + "\n").encode(), "mine.tsv")
    assert corpus.header_skipped
    assert rejected(corpus) == [
        (3, "missing_column"),
        (4, "extra_column"),
        (5, "empty_korean"),
        (6, "empty_english"),
        (7, "too_long"),
        (9, "duplicate"),
        (10, "not_korean"),
        (12, "duplicate"),
    ]
    assert [row.other_line for row in corpus.rejected if row.code == "duplicate"] == [2, 2]
    assert [pair.line for pair in corpus.pairs] == [2, 11]
    assert corpus.rows_read == 10  # every non-blank line after the header
    assert all(row.code in user_corpus.REJECT_CODES for row in corpus.rejected)


def test_english_side_with_hangul_and_control_characters_are_rejected():
    data = "나는 학생이다\t나는 학생\n나는 의사이다\ti am a\x07 doctor\n".encode()
    assert rejected(parse_user_corpus(data)) == [(1, "hangul_in_english"), (2, "control_characters")]


def test_too_many_tokens_is_rejected():
    long_english = " ".join(["a"] * (user_corpus.MAX_ENGLISH_TOKENS + 1))
    assert rejected(parse_user_corpus(f"나는 학생이다\t{long_english}\n".encode())) == [(1, "too_many_tokens")]


# --- whole-file errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"\xff\xff\xff\xfe\xfd\x80\x81 not text at all \xc0\xc1", "encoding"),
        (b"a" * (user_corpus.MAX_FILE_BYTES + 1), "too_large"),
    ],
)
def test_unusable_files_raise_a_clear_error(data, code):
    with pytest.raises(CorpusFileError) as raised:
        parse_user_corpus(data)
    assert raised.value.code == code
    assert raised.value.code in user_corpus.FILE_ERROR_CODES
    assert raised.value.message


def test_too_many_rows_is_refused_before_reading_them():
    rows = "".join(f"나는 학생{index}이다\ti am student {index}\n" for index in range(user_corpus.MAX_ROWS + 1))
    with pytest.raises(CorpusFileError) as raised:
        parse_user_corpus(rows.encode())
    assert raised.value.code == "too_many_rows"
    assert raised.value.details == {"rows": user_corpus.MAX_ROWS + 1, "limit": user_corpus.MAX_ROWS}


# --- splits and training ----------------------------------------------------------------------


def generated_tsv(count: int) -> str:
    pairs = build_corpus(0).train[:count]
    return "".join(f"{pair.korean}\t{pair.english}\n" for pair in pairs)


def test_split_is_deterministic_and_independent_of_row_order():
    text = generated_tsv(60)
    corpus = parse_user_corpus(text.encode())
    shuffled = parse_user_corpus("".join(reversed(text.splitlines(keepends=True))).encode())
    assert (len(corpus.train), len(corpus.valid), len(corpus.test)) == (48, 6, 6)
    for name in ("train", "valid", "test"):
        assert {pair.korean for pair in corpus.split(name)} == {pair.korean for pair in shuffled.split(name)}
    assert corpus.trainable
    assert not parse_user_corpus(generated_tsv(user_corpus.MIN_PAIRS - 1).encode()).trainable


def test_model_train_accepts_a_user_corpus():
    corpus = parse_user_corpus(generated_tsv(40).encode())
    result = train(
        TrainConfig(steps=4, batch_size=8, eval_every=2, snapshot_every=2, warmup_steps=1, threads=1),
        ModelConfig(d_model=16, n_heads=2, n_encoder_layers=1, n_decoder_layers=1, d_ff=32),
        corpus=corpus,
    )
    assert result.steps_done == 4
    assert result.checkpoint.corpus_fingerprint == corpus.fingerprint()
    assert set(result.checkpoint.source_vocabulary.words) == {t for p in corpus.train for t in p.korean_tokens}
