"""Training: a minGPT-style loop that knows nothing about the UI.

`train()` reports through `on_progress(Progress)` every `eval_every` steps (every
NEAR_TARGET_EVAL_EVERY near the target, and at every snapshot), checks `should_stop()`
between steps, and returns the best model so far as a `Checkpoint`, even when stopped
early. Validation, the snapshots and the checkpoint read a moving average of the
weights (WEIGHT_AVERAGE_DECAY), which holds steadier than the last step's. The dashboard
turns the reports into a progress bar and live charts; the command line
(model/train_cli.py, run as `python -m model.train`) prints them. Every report reaches
the callback; the checkpoint keeps the history and the snapshots thinned evenly from the
first to the last (`EvenlyThinned`, `MAX_SNAPSHOTS`, `MAX_HISTORY_ENTRIES`), so it loads
again however long the run and however often it recorded.
"""

import copy
import math
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import NamedTuple

import torch
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn

from model.checkpoint import MAX_HEADER_BYTES, Checkpoint, record_header_bytes
from model.config import ModelConfig, TrainConfig
from model.corpus import build_corpus
from model.decoding import MAX_SENTENCE_TOKENS, greedy_decode, pad_batch
from model.tokenizer import BOS_ID, EOS_ID, PAD_ID, PARTICLES, UNK_ID, Vocabulary, split_korean
from model.transformer import Transformer

SNAPSHOT_DECIMALS = 4
# The checkpoint's header holds the history and the snapshots as JSON, and load_checkpoint refuses a
# header over MAX_HEADER_BYTES (8 MiB). Kept whole, a run the configs allow would save a model nobody
# can load: 3,500 steps evaluated and snapshotted at every step (the CLI), or 40 steps of an 8-head
# model whose probe is an uploaded 27-token sentence (the Train page) wrote headers of 9.6 and 11.8 MB.
# So both records are thinned evenly as training makes them (EvenlyThinned), to these limits:
MAX_SNAPSHOTS = 100  # positions of the Train page's slider over training; the first and the last always kept
MAX_HISTORY_ENTRIES = 1_000  # points of each training curve (a chart is narrower than that in pixels)
# The snapshots' share of the header, 5 MiB. The largest a probe the app accepts makes (4 + 4 layers of
# 8 heads, 30 source tokens, 40 decoder positions: 118,400 weights of at most 6 characters) takes
# 0.96 MB, so even then the first and the last fit, with a few between them.
SNAPSHOTS_HEADER_BYTES = MAX_HEADER_BYTES * 5 // 8
# 1,000 entries take about 200 kB (at most 240 B each); this bound only backs the count up.
HISTORY_HEADER_BYTES = MAX_HEADER_BYTES // 16
# The remaining 2.5 MiB hold the vocabularies, the configs and the tensors' entries (a few kB). An
# uploaded corpus is at most 1 MB, so its vocabularies are too, or 1.5 MB from a cp949 file (a
# syllable takes 2 bytes there, 3 in UTF-8), plus the quotes: 1.8 MB at most.
MAX_PROBE_TOKENS = MAX_SENTENCE_TOKENS  # the longest sentence the app translates; a longer probe's snapshots overflow
_GLOBAL_GENERATOR = threading.Lock()  # held while a run seeds torch's global generator and builds its model
# Validation reads, and the checkpoint keeps, an exponential moving average of the weights (each step
# weighs a tenth, so about the last ten steps count): near the end the last step's weights turn one
# or two of 670 validation sentences right and wrong from step to step, and the average holds them
# steadier. With it the default run stopped at 400 steps for seed 0 (test 99.66 %) where the last
# step's weights stopped at 390 with 99.07 %, two thirds of the test errors gone for ten steps more.
WEIGHT_AVERAGE_DECAY = 0.9
# Near the target, validation is checked more often. A model at 99.7 % (two sentences of 670 wrong)
# gets them right for a few steps, then one wrong again: a check every 25 steps missed the perfect
# moments for a hundred steps and more (measured for seeds 0-5). A check costs about three steps,
# and nothing in training reads it, so the steps themselves stay the same.
NEAR_TARGET = 0.01  # a check within this of target_exact_match...
NEAR_TARGET_EVAL_EVERY = 10  # ...brings the next at most this many steps later
UNKNOWN_WORD_SEED_OFFSET = 7919  # the hiding stream's seed is the training seed plus this
# English words that stay when the noun they belong to is hidden: "a <unk>", "the <unk>".
ARTICLES = frozenset({"a", "an", "the"})
# The pair fields that name a noun unknown-word training may hide (model.corpus.SentencePair).
REPLACEABLE_NOUN_FIELDS = ("subject", "object", "place")
# Subjects that may be hidden: people's names, the commonest word a learner types that the
# lexicon lacks (영희는 ...). Pronouns and titles are a closed class and stay; both names are
# singular, so "<unk> eats" teaches the agreement an unknown name takes.
HIDEABLE_SUBJECTS = ("민수", "지연")
COPULA_VERBS = ("이다", "아니다")  # their occupation without an article is a plural ("we are students")


@dataclass
class Progress:
    """One report from the training loop."""

    step: int  # steps done so far
    total_steps: int  # steps planned (training may stop earlier)
    train_loss: float  # mean training loss since the previous report
    valid_loss: float | None  # loss on the validation split (None between evaluations)
    valid_exact_match: float | None  # share of validation sentences translated exactly
    learning_rate: float
    seconds: float  # wall-clock seconds since training started
    snapshot: dict | None = None  # attention maps of the probe sentence at this step, when recorded


class EvenlyThinned:
    """The records of one kind (history entries or snapshots) a run makes, thinned evenly as they come.

    Numbering the records 0, 1, 2, ... in the order they are added, those whose number is a
    multiple of `stride` are kept, and the newest always: so the first and the last are
    kept and the rest spread evenly between them, however long the run. When the kept
    ones outgrow `max_count` records or `max_bytes` of checkpoint header
    (model.checkpoint.record_header_bytes), the stride doubles and every other one goes,
    down to the first and the newest. Memory stays bounded while training, too.
    """

    def __init__(self, max_count: int, max_bytes: int):
        self.max_count = max_count
        self.max_bytes = max_bytes
        self.stride = 1
        self._kept: list[tuple[int, dict, int]] = []  # (number, record, header bytes), numbers multiples of stride
        self._newest: tuple[int, dict, int] | None = None
        self._added = 0

    def add(self, record: dict) -> None:
        self._newest = (self._added, record, record_header_bytes(record))
        self._added += 1
        if self._newest[0] % self.stride == 0:
            self._kept.append(self._newest)
        while len(self._kept) > 1 and (len(self._entries()) > self.max_count or self.header_bytes() > self.max_bytes):
            self.stride *= 2
            self._kept = [entry for entry in self._kept if entry[0] % self.stride == 0]

    def _entries(self) -> list[tuple[int, dict, int]]:
        if self._newest is None or (self._kept and self._kept[-1] is self._newest):
            return self._kept
        return [*self._kept, self._newest]

    def header_bytes(self) -> int:
        return sum(size for _, _, size in self._entries())

    @property
    def newest(self) -> dict | None:
        return None if self._newest is None else self._newest[1]

    def records(self) -> list[dict]:
        return [record for _, record, _ in self._entries()]


@dataclass
class TrainResult:
    checkpoint: Checkpoint  # the best model seen (highest validation exact match, then lowest loss)
    steps_done: int
    stopped: bool  # True when should_stop() ended training before the planned steps
    reached_target: bool  # True when validation exact match reached train_config.target_exact_match


def build_vocabularies(corpus) -> tuple[Vocabulary, Vocabulary]:
    """Source and target vocabularies from the training split only."""
    source = Vocabulary.build(pair.korean_tokens for pair in corpus.train)
    target = Vocabulary.build(pair.english_tokens for pair in corpus.train)
    return source, target


def encode_pairs(pairs, source_vocabulary: Vocabulary, target_vocabulary: Vocabulary):
    """(source, decoder input, targets) padded tensors: <bos> + English in, English + <eos> out."""
    source = pad_batch([source_vocabulary.encode(pair.korean_tokens) for pair in pairs])
    english = [target_vocabulary.encode(pair.english_tokens) for pair in pairs]
    target_input = pad_batch([[BOS_ID, *ids] for ids in english])
    targets = pad_batch([[*ids, EOS_ID] for ids in english])
    return source, target_input, targets


def sampling_weights(pairs) -> torch.Tensor:
    """Per-pair sampling weights that lift rare constructions.

    The generated corpus has ~1,000 pairs of each verb construction but fewer than
    100 copula pairs (이다 / 아니다 take no time, place or adjective), so uniform
    batches rarely show a copula. Weighting each pair by 1/√(size of its
    construction) shows rare constructions more often without drowning the rest.
    Pairs without a `construction` (uploaded corpora) are weighted equally.
    """
    constructions = [getattr(pair, "construction", "") for pair in pairs]
    counts = Counter(constructions)
    return torch.tensor([counts[name] ** -0.5 for name in constructions], dtype=torch.float64)


def length_bucketed_batches(weights, source_lengths, target_lengths, batch_size, generator, pool_batches=16):
    """Endless batches of pair indices, drawn by `weights` and grouped by length.

    Random batches are a third padding (a batch is as long as its longest pair). Each
    round draws `pool_batches` batches' worth of pairs, sorts them by target then
    source length and cuts them into batches, so a batch holds pairs of about one
    length; the batches are then shuffled so lengths do not come in a sweep. Every
    pair is still drawn with its own weight: only the grouping changes.
    """
    length_key = target_lengths * (int(source_lengths.max()) + 1) + source_lengths
    while True:
        drawn = torch.multinomial(weights, batch_size * pool_batches, replacement=True, generator=generator)
        drawn = drawn[torch.argsort(length_key[drawn], stable=True)]
        for batch in torch.randperm(pool_batches, generator=generator).tolist():
            yield drawn[batch * batch_size : (batch + 1) * batch_size]


class HideableNoun(NamedTuple):
    """A noun unknown-word training may hide (see replaceable_nouns)."""

    korean_index: int
    english: tuple[int, ...]  # English indices gold-aligned to it, articles left out
    added_article: str  # "" when its English has an article; else the one a hidden copy gets ("a", "the")


def replaceable_nouns(pair) -> list[HideableNoun]:
    """Each noun of `pair` that training may hide as <unk>, with its English words.

    The nouns are the pair's subject when it is a name (HIDEABLE_SUBJECTS), its object (or
    occupation) and place, found by the lexicon keys SentencePair records (`subject`,
    `object`, `place`); the English indices are the words
    gold-aligned to the noun, articles left out (사과 -> "apple" of "an apple",
    도서관 -> "library" of "the library"). A hidden noun always reads "a <unk>" (an
    object or occupation) or "the <unk>" (a place): the model cannot know whether a
    word it never saw is countable, so "bread" hidden becomes "a <unk>" and "at
    school" becomes "at the <unk>" (`added_article`). Plural occupations ("we are
    students") are not hidden: "we are a <unk>" would be wrong. A noun is taken at its
    last occurrence: an object follows the subject (민수는 선생님이다 holds 선생님 once, as
    object). Pairs without a gold alignment (uploaded corpora) have none.
    """
    alignment = getattr(pair, "alignment", None)
    if not alignment:
        return []
    found = []
    for field in REPLACEABLE_NOUN_FIELDS:
        noun = getattr(pair, field, "")
        if not noun or noun not in pair.korean_tokens or (field == "subject" and noun not in HIDEABLE_SUBJECTS):
            continue
        if field == "subject":  # a name reads "<unk> ate ...", no article; it opens the sentence
            korean_index = pair.korean_tokens.index(noun)
            found.append(HideableNoun(korean_index, tuple(e for k, e in alignment if k == korean_index), ""))
            continue
        korean_index = len(pair.korean_tokens) - 1 - pair.korean_tokens[::-1].index(noun)
        linked_words = sorted(english_index for linked, english_index in alignment if linked == korean_index)
        english = tuple(index for index in linked_words if pair.english_tokens[index] not in ARTICLES)
        if not english:
            continue
        if len(english) < len(linked_words):
            found.append(HideableNoun(korean_index, english, ""))
        elif field == "place":
            found.append(HideableNoun(korean_index, english, "the"))
        elif getattr(pair, "verb", "") not in COPULA_VERBS:
            found.append(HideableNoun(korean_index, english, "a"))
    return found


def _filled(shape, cells: list[tuple[int, ...]], values: list[int]) -> torch.Tensor:
    """A long tensor of `shape`, -1 everywhere except `values` at `cells` (index tuples)."""
    tensor = torch.full(shape, -1, dtype=torch.long)
    if cells:
        tensor[tuple(torch.tensor(cells).T)] = torch.tensor(values)
    return tensor


class UnknownWordReplacement:
    """Hides random nouns of training batches as <unk>, on both sides, so the model learns to
    write <unk> where the source has one (Luong et al. 2015, "Addressing the Rare Word Problem
    in Neural Machine Translation"); decoding then copies the Korean word attention picks.

    Each noun of a batch's pairs is hidden with probability `share`, independently, from
    `generator` (so training stays deterministic from its seed). Hiding a noun sets its
    source token and its aligned English words (decoder input and targets alike) to <unk>;
    an "an" right before the first hidden word becomes "a", and a bare noun gets the
    article an unknown word takes (`HideableNoun.added_article`: "i drank a <unk>"). Positions are precomputed per pair, so a batch costs a few
    index operations.
    """

    def __init__(self, pairs, target_vocabulary: Vocabulary, share: float, generator: torch.Generator):
        self.share = share
        self.generator = generator
        slots = [replaceable_nouns(pair) for pair in pairs]
        nouns = max((len(found) for found in slots), default=0)
        words = max((len(noun.english) for found in slots for noun in found), default=0)
        # Gathered as lists, written into the tensors once: an item assignment per noun costs a
        # second per 15,000 pairs, and every training run pays it.
        cells, korean_indices, article_cells, articles_before, added_cells, added_ids = [], [], [], [], [], []
        word_cells, english_indices = [], []
        for row, (pair, found) in enumerate(zip(pairs, slots, strict=True)):
            for slot, (korean_index, english, added_article) in enumerate(found):
                cells.append((row, slot))
                korean_indices.append(korean_index)
                word_cells.extend((row, slot, position) for position in range(len(english)))
                english_indices.extend(english)
                before = english[0] - 1
                if before >= 0 and pair.english_tokens[before] == "an" and "a" in target_vocabulary:
                    article_cells.append((row, slot))
                    articles_before.append(before)
                if added_article and added_article in target_vocabulary:
                    added_cells.append((row, slot))
                    added_ids.append(target_vocabulary.id_of(added_article))
        self.source_index = _filled((len(pairs), nouns), cells, korean_indices)  # (N, nouns)
        self.target_index = _filled((len(pairs), nouns, words), word_cells, english_indices)  # (N, nouns, words)
        self.article_index = _filled(
            (len(pairs), nouns), article_cells, articles_before
        )  # (N, nouns): an "an" to make "a"
        # (N, nouns): the id of the article a hidden bare noun gets inserted before it ("a <unk>"), or -1.
        self.added_article = _filled((len(pairs), nouns), added_cells, added_ids)
        self.article_id = target_vocabulary.id_of("a")
        self.active = share > 0 and nouns > 0

    def apply(self, rows: torch.Tensor, source: torch.Tensor, target_input: torch.Tensor, targets: torch.Tensor):
        """Hide nouns in one batch: `rows` are the pairs' indices, the tensors their (B, S),
        (B, T) and (B, T) encodings (target_input is targets shifted right by <bos>).

        The source is changed in place; returns (target_input, targets), which are wider
        by the articles inserted before hidden bare nouns (B, T + k), right-padded."""
        if not self.active:
            return target_input, targets
        source_index = self.source_index[rows]  # (B, nouns)
        hide = (torch.rand(source_index.shape, generator=self.generator) < self.share) & (source_index >= 0)
        batch_row, slot = hide.nonzero(as_tuple=True)
        source[batch_row, source_index[batch_row, slot]] = UNK_ID
        english = self.target_index[rows][batch_row, slot]  # (hidden, words)
        present = english >= 0
        english_row = batch_row[:, None].expand_as(english)[present]
        english = english[present]
        targets[english_row, english] = UNK_ID
        target_input[english_row, english + 1] = UNK_ID
        article = self.article_index[rows][batch_row, slot]
        fix = article >= 0
        targets[batch_row[fix], article[fix]] = self.article_id
        target_input[batch_row[fix], article[fix] + 1] = self.article_id
        added = self.added_article[rows][batch_row, slot]  # (hidden,)
        insert = added >= 0
        if not insert.any():
            return target_input, targets
        # A few rows per batch: insert their articles one row at a time, last position first.
        insertions: dict[int, list[tuple[int, int]]] = {}
        first_word = self.target_index[rows][batch_row, slot, 0]
        for row, position, article_id in zip(
            batch_row[insert].tolist(), first_word[insert].tolist(), added[insert].tolist(), strict=True
        ):
            insertions.setdefault(row, []).append((position, article_id))
        widened = {}
        for row, places in insertions.items():
            words = [token for token in targets[row].tolist() if token != PAD_ID]  # English + <eos>
            for position, article_id in sorted(places, reverse=True):
                words.insert(position, article_id)
            widened[row] = words
        width = max(targets.shape[1], *(len(words) for words in widened.values()))
        new_targets = torch.full((targets.shape[0], width), PAD_ID, dtype=targets.dtype)
        new_targets[:, : targets.shape[1]] = targets
        new_input = torch.full((targets.shape[0], width), PAD_ID, dtype=targets.dtype)
        new_input[:, : targets.shape[1]] = target_input
        for row, words in widened.items():
            new_targets[row, : len(words)] = torch.tensor(words)
            new_input[row, : len(words)] = torch.tensor([BOS_ID, *words[:-1]])  # <bos> + English, no <eos>
        return new_input, new_targets


class UnknownWordInsertion:
    """Gives a share of training sentences one extra source <unk> that adds no English.

    Hiding nouns alone teaches "a source <unk> means an English <unk>", and the model
    then writes <unk> for any unknown word, even one with no noun's role: 나는 정말
    학생이다 came out "i am a 정말", a known word pushed out by a copy. An extra <unk>
    placed between typed words (never between a noun and its particle) with the
    English unchanged teaches that an unknown word is copied only where a noun stands;
    the others are left out and reported as not copied (the UI and the CLI say so).
    Drawn from `generator`, like UnknownWordReplacement.
    """

    def __init__(self, pairs, share: float, generator: torch.Generator):
        self.share = share
        self.generator = generator
        longest = max((len(pair.korean_tokens) for pair in pairs), default=0)
        # (N, longest + 1): True where an extra word may go (before a token that is not a particle, or at the end).
        allowed = [
            [token not in PARTICLES for token in pair.korean_tokens]
            + [True]
            + [False] * (longest - len(pair.korean_tokens))
            for pair in pairs
        ]
        self.allowed = torch.tensor(allowed, dtype=torch.bool).reshape(len(pairs), longest + 1)
        self.active = share > 0 and len(pairs) > 0

    def apply(self, rows: torch.Tensor, source: torch.Tensor) -> torch.Tensor:
        """`source` (B, S) with an <unk> inserted into the drawn rows: (B, S + 1), right-padded."""
        if not self.active:
            return source
        batch, width = source.shape
        insert = torch.rand(batch, generator=self.generator) < self.share
        allowed = self.allowed[rows, : width + 1]  # (B, S + 1)
        choice = (torch.rand(batch, generator=self.generator) * allowed.sum(1)).long()  # which allowed place
        position = (allowed.cumsum(1) <= choice[:, None]).sum(1)  # (B,): index of that place
        position = torch.where(insert, position, torch.full_like(position, width + 1))
        columns = torch.arange(width + 1)[None]  # (1, S + 1)
        taken_from = torch.where(columns < position[:, None], columns, columns - 1).clamp(0, width - 1)
        widened = source.gather(1, taken_from)
        widened[columns.expand(batch, -1) == position[:, None]] = UNK_ID
        widened[~insert, width] = PAD_ID  # rows without an insertion keep their length
        return widened


def learning_rate_at(step: int, config: TrainConfig) -> float:
    """Linear warmup to the peak, then cosine decay to a tenth of it at the last step."""
    if step < config.warmup_steps:
        return config.learning_rate * (step + 1) / config.warmup_steps
    progress = (step - config.warmup_steps) / max(1, config.steps - config.warmup_steps)
    return config.learning_rate * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


def record_snapshot(model, step, source_tokens, reference_tokens, source_vocabulary, target_vocabulary) -> dict:
    """Attention maps of the probe sentence, as nested lists [layer][head][query][key].

    With a reference translation the decoder reads it (teacher forcing), so every
    snapshot has the same rows and can be compared across steps; without one, the
    model's own greedy output is used.
    """
    was_training = model.training
    model.eval()
    source = torch.tensor([source_vocabulary.encode(source_tokens)])
    with torch.no_grad():
        if reference_tokens is None:
            output_ids = greedy_decode(model, source, max_tokens=len(source_tokens) + 8)[0]
        else:
            output_ids = target_vocabulary.encode(reference_tokens)
        target_input = torch.tensor([[BOS_ID, *output_ids]])
        _, inspection = model.inspect(source, target_input)
    model.train(was_training)
    maps = inspection.maps.for_sentence(0)
    output_tokens = target_vocabulary.decode(output_ids)

    def nested(tensor):
        # Rounded in float64: a float32 0.0398 reads 0.039799999445676804 as JSON, three times the bytes.
        return torch.round(tensor.double(), decimals=SNAPSHOT_DECIMALS).tolist()

    return {
        "step": step,
        "source_tokens": list(source_tokens),
        "target_tokens": target_vocabulary.decode(target_input[0].tolist()),
        "output_tokens": [*output_tokens, target_vocabulary.tokens[EOS_ID]],
        "encoder_self": nested(maps.encoder_self),
        "decoder_self": nested(maps.decoder_self),
        "cross": nested(maps.cross),
    }


@torch.no_grad()
def evaluate(model, tensors, rows_per_chunk: int = 224) -> tuple[float, float]:
    """Loss and exact match on (source, decoder input, targets), from one teacher-forced pass.

    Greedy decoding translates a sentence exactly if and only if, reading the reference,
    the model's top token is right at every position up to <eos>: then every greedy
    step sees the reference as its prefix. So the exact match needs no decoding, which
    makes frequent checks cheap (decoding.exact_match decodes; the two agree).

    The pass runs over chunks of sentences of similar length, each trimmed to its longest
    row: padded to the split's longest sentence, 40 % of the work would be padding. The
    loss is the mean over every target token of the split, as one pass would give it.
    """
    was_training = model.training
    model.eval()
    source, target_input, targets = tensors
    target_lengths, source_lengths = ((tensor != PAD_ID).sum(1) for tensor in (targets, source))
    order = torch.argsort(target_lengths * (source.shape[1] + 1) + source_lengths, stable=True)
    loss_sum, tokens, exact = 0.0, 0, 0
    for rows in order.split(rows_per_chunk):
        source_width, target_width = int(source_lengths[rows].max()), int(target_lengths[rows].max())
        chunk_targets = targets[rows, :target_width]
        logits, loss = model(source[rows, :source_width], target_input[rows, :target_width], chunk_targets)
        chunk_tokens = int((chunk_targets != PAD_ID).sum())
        loss_sum += loss.item() * chunk_tokens
        tokens += chunk_tokens
        right = (logits.argmax(-1) == chunk_targets) | (chunk_targets == PAD_ID)
        exact += int(right.all(1).sum())
    model.train(was_training)
    return loss_sum / max(tokens, 1), exact / len(targets)


def probe_problem(train_config: TrainConfig, source_vocabulary: Vocabulary) -> str:
    """Why the probe sentence cannot be recorded ("" when it can): more tokens, as the model reads it,
    than MAX_PROBE_TOKENS, whose snapshots SNAPSHOTS_HEADER_BYTES is sized for."""
    count = len(split_korean(train_config.probe_sentence, source_vocabulary.words))
    if count > MAX_PROBE_TOKENS:
        return f"probe_sentence has {count} tokens; at most {MAX_PROBE_TOKENS}"
    return ""


def train(
    train_config: TrainConfig | None = None,
    model_config: ModelConfig | None = None,
    corpus=None,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainResult:
    """Train a transformer on `corpus` (default: the generated one) and return the best model.

    `corpus` needs `train`, `valid`, `test` sequences of pairs with `korean`,
    `korean_tokens` and `english_tokens`, and a `fingerprint()`.
    """
    train_config = train_config or TrainConfig()
    model_config = copy.copy(model_config or ModelConfig())
    if problems := train_config.problems():
        raise ValueError("; ".join(problems))
    corpus = corpus or build_corpus(train_config.corpus_seed)
    source_vocabulary, target_vocabulary = build_vocabularies(corpus)
    model_config.source_vocab_size = len(source_vocabulary)
    model_config.target_vocab_size = len(target_vocabulary)
    if problems := model_config.problems():
        raise ValueError("; ".join(problems))
    if problem := probe_problem(train_config, source_vocabulary):
        raise ValueError(problem)

    previous_threads = torch.get_num_threads()
    torch.set_num_threads(train_config.threads)
    try:
        return _train_loop(
            train_config, model_config, corpus, source_vocabulary, target_vocabulary, on_progress, should_stop
        )
    finally:
        torch.set_num_threads(previous_threads)


def _train_loop(train_config, model_config, corpus, source_vocabulary, target_vocabulary, on_progress, should_stop):
    # The initial weights come from torch's one global generator. The app trains in threads, so
    # another run seeding or drawing from it between these two lines would change this run's
    # weights: identical runs must give identical models (the app shares them).
    with _GLOBAL_GENERATOR:
        torch.manual_seed(train_config.seed)
        model = Transformer(model_config)
    batch_order = torch.Generator().manual_seed(train_config.seed)
    model.train()
    averaged = AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(WEIGHT_AVERAGE_DECAY))
    weights = averaged.module  # the averaged model: what validation, the snapshots and the checkpoint read
    # fused=True: one kernel for all parameters instead of a dozen small ops per tensor (a tenth of a step).
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=train_config.learning_rate, betas=(0.9, 0.98), weight_decay=0.0, fused=True
    )

    train_tensors = encode_pairs(corpus.train, source_vocabulary, target_vocabulary)
    valid_tensors = encode_pairs(corpus.valid, source_vocabulary, target_vocabulary) if corpus.valid else None
    probe_tokens = split_korean(train_config.probe_sentence, source_vocabulary.words)
    references = {
        tuple(pair.korean_tokens): pair.english_tokens
        for split in (corpus.train, corpus.valid, corpus.test)
        for pair in split
    }
    probe_reference = references.get(tuple(probe_tokens))

    history = EvenlyThinned(MAX_HISTORY_ENTRIES, HISTORY_HEADER_BYTES)
    snapshots = EvenlyThinned(MAX_SNAPSHOTS, SNAPSHOTS_HEADER_BYTES)
    best = {"key": None, "state": copy.deepcopy(weights.state_dict()), "step": 0}
    started = time.perf_counter()
    source_lengths, target_lengths = ((tensor != PAD_ID).sum(1) for tensor in (train_tensors[0], train_tensors[2]))
    batches = length_bucketed_batches(
        sampling_weights(corpus.train), source_lengths, target_lengths, train_config.batch_size, batch_order
    )
    # Its own random stream, so the batches drawn are the same whatever share of nouns is hidden.
    unknown_words = UnknownWordReplacement(
        corpus.train,
        target_vocabulary,
        train_config.unknown_word_share,
        torch.Generator().manual_seed(train_config.seed + UNKNOWN_WORD_SEED_OFFSET),
    )
    extra_unknown_words = UnknownWordInsertion(
        corpus.train,
        train_config.unknown_word_insertion,
        torch.Generator().manual_seed(train_config.seed + 2 * UNKNOWN_WORD_SEED_OFFSET),
    )
    losses_since_report = []
    stopped = reached_target = False
    step = 0
    last_exact = None  # the latest validation exact match: near the target, checks come more often

    def snapshot_now():
        snapshot = record_snapshot(weights, step, probe_tokens, probe_reference, source_vocabulary, target_vocabulary)
        snapshots.add(snapshot)
        return snapshot

    snapshot = snapshot_now()
    while step < train_config.steps:
        if should_stop is not None and should_stop():
            stopped = True
            break
        indices = next(batches)
        source, target_input, targets = (tensor[indices] for tensor in train_tensors)  # copies: safe to change
        target_input, targets = unknown_words.apply(indices, source, target_input, targets)
        source = extra_unknown_words.apply(indices, source)
        # Trim the columns that are padding in every row of this batch.
        source = source[:, : int((source != PAD_ID).sum(1).max())]
        target_length = int((targets != PAD_ID).sum(1).max())
        target_input, targets = target_input[:, :target_length], targets[:, :target_length]

        learning_rate = learning_rate_at(step, train_config)
        for group in optimizer.param_groups:
            group["lr"] = learning_rate
        _, loss = model(source, target_input, targets, label_smoothing=train_config.label_smoothing)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        averaged.update_parameters(model)
        step += 1
        losses_since_report.append(loss.item())

        eval_every = train_config.eval_every
        if last_exact is not None and last_exact >= train_config.target_exact_match - NEAR_TARGET:
            eval_every = min(eval_every, NEAR_TARGET_EVAL_EVERY)
        evaluation_due = step % eval_every == 0 or step == train_config.steps
        take_snapshot = step % train_config.snapshot_every == 0
        if not (evaluation_due or take_snapshot):
            continue
        snapshot = snapshot_now() if take_snapshot else None
        valid_loss = valid_exact = None
        if evaluation_due and valid_tensors is not None:
            valid_loss, valid_exact = evaluate(weights, valid_tensors)
            last_exact = valid_exact
            key = (valid_exact, -valid_loss)
            if best["key"] is None or key > best["key"]:
                best = {"key": key, "state": copy.deepcopy(weights.state_dict()), "step": step}
        elif evaluation_due:
            best = {"key": None, "state": copy.deepcopy(weights.state_dict()), "step": step}
        progress = Progress(
            step=step,
            total_steps=train_config.steps,
            train_loss=sum(losses_since_report) / len(losses_since_report),
            valid_loss=valid_loss,
            valid_exact_match=valid_exact,
            learning_rate=learning_rate,
            seconds=time.perf_counter() - started,
            snapshot=snapshot,
        )
        losses_since_report = []
        if evaluation_due:
            history.add({key: value for key, value in asdict(progress).items() if key != "snapshot"})
        if on_progress is not None:
            on_progress(progress)
        if valid_exact is not None and valid_exact >= train_config.target_exact_match:
            reached_target = True
            break

    if step > snapshots.newest["step"]:  # stopped between snapshots: the last one shows the model as it ended
        snapshot_now()
    if best["key"] is None and step > best["step"] and valid_tensors is None:
        best = {"key": None, "state": copy.deepcopy(weights.state_dict()), "step": step}
    model = weights
    model.load_state_dict(best["state"])
    model.eval()
    seconds = time.perf_counter() - started
    metrics = {
        "steps": step,
        "best_step": best["step"],
        "seconds": round(seconds, 2),
        "parameters": model.parameter_count(),
        # Teacher-forced (see evaluate): the greedy translations' exact match, without decoding 2,000 sentences.
        "valid_exact_match": evaluate(model, valid_tensors)[1] if valid_tensors is not None else 0.0,
        "test_exact_match": evaluate(model, encode_pairs(corpus.test, source_vocabulary, target_vocabulary))[1]
        if corpus.test
        else 0.0,
        "threads": train_config.threads,
        "torch_version": torch.__version__,
    }
    checkpoint = Checkpoint(
        model=model,
        source_vocabulary=source_vocabulary,
        target_vocabulary=target_vocabulary,
        train_config=train_config,
        history=history.records(),
        metrics=metrics,
        snapshots=snapshots.records(),
        corpus_fingerprint=corpus.fingerprint(),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return TrainResult(checkpoint, steps_done=step, stopped=stopped, reached_target=reached_target)


if __name__ == "__main__":
    # The command line (`python -m model.train`, as the README says) lives in model/train_cli.py.
    from model.train_cli import main

    sys.exit(main())
