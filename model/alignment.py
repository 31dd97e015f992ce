"""Gold word alignment and how well each cross-attention head follows it.

Links are (korean_index, english_index) pairs, as in model.corpus.SentencePair.alignment.
English index j is also the decoder position that *produced* English token j: row j
of a cross-attention map (T, S) is where the decoder looked while writing token j
(docs/ARCHITECTURE.md, "Attention maps"). The last decoder row produced `<eos>` and
has no gold partner.

Two things live here:

- `AlignmentLexicon`: learned from the corpus's gold alignments, it knows which
  English words each Korean token turns into (나 -> "i", 선생님 -> "the teacher",
  않 -> "not", 았다 -> "did", particles -> nothing). Applied to a Korean sentence and an
  English translation, it finds the gold links when every word can be placed, so a
  typed sentence gets a gold overlay too.
- `head_scores`: scores every (layer, head) of the cross-attention against gold
  links on many sentences at once (teacher forcing on the reference translations).

Plain Python and torch; no streamlit.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import torch

from model.decoding import copy_source_index, word_indices
from model.tokenizer import BOS_ID, UNK_ID
from model.train import UnknownWordReplacement, encode_pairs

Link = tuple[int, int]  # (korean_index, english_index)

# At most this many complete alignments are compared before the best is taken;
# corpus sentences have one or two, so this only bounds odd typed input.
MAX_ALIGNMENT_CANDIDATES = 256
# Articles a copied word may take before it, as the nouns it stands in for do ("i ate a 햄버거").
COPY_ARTICLES = ("a", "an", "the")


@dataclass(frozen=True)
class GoldAlignment:
    """Gold links of one sentence pair, or why there are none.

    `reason` is "" when `links` holds the alignment; otherwise a code the UI
    translates: "unknown_words" (a Korean token the lexicon never saw, listed in
    `unknown_tokens`) or "no_fit" (the English cannot be explained word by word, e.g.
    the model's translation is wrong).
    """

    links: tuple[Link, ...]
    reason: str = ""
    unknown_tokens: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        return not self.reason


class AlignmentLexicon:
    """Korean token -> the English word sequences it was aligned to in the corpus.

    A Korean token maps to *ordered tuples* of English words, e.g. 사과 -> ("a",
    "apple") and ("an", "apple"); the words need not be adjacent ("a big apple": 큰
    sits between). Particles map to the empty tuple. Keeping whole tuples, not single
    words, is what tells the two "the"s of "the teacher ... at the library" apart.

    A token is also learnt with the token before it, which tells homographs apart: the
    particle 가 of 그가 (nothing) and 가다's 가 of 학교에 가지 (go). A pair of tokens seen in
    the corpus uses its own tuples; any other falls back to the token's.
    """

    def __init__(self, phrases: dict[str, Counter], phrases_after: dict[tuple[str, str], Counter] | None = None):
        self.phrases = phrases  # token -> Counter of English word tuples
        self.phrases_after = phrases_after or {}  # (previous token, token) -> Counter of English word tuples

    @classmethod
    def learn(cls, pairs: Iterable) -> "AlignmentLexicon":
        """Learn from pairs with `korean_tokens`, `english_tokens` and `alignment`."""
        phrases: dict[str, Counter] = defaultdict(Counter)
        phrases_after: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for pair in pairs:
            partners = defaultdict(list)
            for korean_index, english_index in sorted(pair.alignment, key=lambda link: link[1]):
                partners[korean_index].append(pair.english_tokens[english_index])
            previous = ""
            for korean_index, token in enumerate(pair.korean_tokens):
                phrases[token][tuple(partners[korean_index])] += 1
                phrases_after[(previous, token)][tuple(partners[korean_index])] += 1
                previous = token
        return cls(dict(phrases), dict(phrases_after))

    def candidates(self, korean_tokens: Sequence[str], index: int) -> Counter:
        """The English tuples the token at `index` may turn into, given the token before it."""
        previous = korean_tokens[index - 1] if index else ""
        return self.phrases_after.get((previous, korean_tokens[index])) or self.phrases[korean_tokens[index]]

    def __contains__(self, token: str) -> bool:
        return token in self.phrases

    def align(
        self, korean_tokens: Sequence[str], english_tokens: Sequence[str], copied: Iterable[Link] = ()
    ) -> GoldAlignment:
        """Gold links for a sentence pair, found by placing every Korean token's words.

        Each Korean token takes one of its learned word tuples, placed on unused
        English positions in order; every English token must be used exactly once.
        Of the complete placements, the tightest (smallest total span of each tuple)
        wins; a corpus pair gets back exactly its stored alignment.

        `copied` holds (english_index, korean_index) pairs of words the translation
        copied from the source (model.decoding.Translation.copied). A copied word is
        aligned to its source token, which may be one the lexicon never saw; like any
        noun it may also take an article before it ("a 햄버거").
        """
        copied_at = {korean_index: english_index for english_index, korean_index in copied}
        unknown = tuple(
            dict.fromkeys(
                token for index, token in enumerate(korean_tokens) if token not in self and index not in copied_at
            )
        )
        if unknown:
            return GoldAlignment((), "unknown_words", unknown)
        english_tokens = list(english_tokens)

        def phrases(korean_index: int) -> list[tuple[str, ...]]:
            if korean_index in copied_at:  # the copy is the Korean token itself, as typed
                word = korean_tokens[korean_index]
                return [(word,), *((article, word) for article in COPY_ARTICLES)]
            return list(self.candidates(korean_tokens, korean_index))

        def fits(korean_index: int, positions: tuple[int, ...]) -> bool:
            """A copied word's tuple must end on the position the copy was written to."""
            return korean_index not in copied_at or positions[-1] == copied_at[korean_index]

        # The most constrained tokens (fewest choices, longest tuples) are placed first.
        choices = [phrases(index) for index in range(len(korean_tokens))]
        order = sorted(
            range(len(korean_tokens)),
            key=lambda index: (
                index not in copied_at,
                len(choices[index]),
                -max(map(len, choices[index])),
            ),
        )
        complete: list[tuple[int, list[Link]]] = []

        def place(step: int, used: frozenset, links: list[Link], spread: int) -> None:
            if len(complete) >= MAX_ALIGNMENT_CANDIDATES:
                return
            if step == len(order):
                if len(used) == len(english_tokens):
                    complete.append((spread, sorted(links)))
                return
            korean_index = order[step]
            for phrase in choices[korean_index]:
                for positions in _placements(phrase, english_tokens, used):
                    if not fits(korean_index, positions):
                        continue
                    span = positions[-1] - positions[0] if positions else 0
                    place(
                        step + 1,
                        used | set(positions),
                        links + [(korean_index, position) for position in positions],
                        spread + span,
                    )

        place(0, frozenset(), [], 0)
        if not complete:
            return GoldAlignment((), "no_fit")
        _, links = min(complete)
        return GoldAlignment(tuple(links))


def _placements(phrase: tuple[str, ...], english_tokens: list[str], used: frozenset, start: int = 0):
    """Every increasing tuple of unused positions whose words spell `phrase`."""
    if not phrase:
        yield ()
        return
    for position in range(start, len(english_tokens)):
        if position not in used and english_tokens[position] == phrase[0]:
            for rest in _placements(phrase[1:], english_tokens, used, position + 1):
                yield (position, *rest)


def gold_matrix(links: Iterable[Link], english_count: int, korean_count: int) -> torch.Tensor:
    """(english_count, korean_count) bool: True where English token j is linked to Korean token i."""
    matrix = torch.zeros(english_count, korean_count, dtype=torch.bool)
    for korean_index, english_index in links:
        matrix[english_index, korean_index] = True
    return matrix


@dataclass(frozen=True)
class HeadScore:
    """How one cross-attention head (layer, head) agrees with gold links.

    hit_rate: share of English tokens with a gold partner whose highest-weight Korean
        token is a gold partner (0..1, higher is better).
    alignment_error_rate: AER (Och & Ney, 2003) with the argmax links as the
        prediction A and the gold links as the sure links S (= possible links P):
        AER = 1 - (|A∩S| + |A∩P|) / (|A| + |S|) = 1 - 2|A∩S| / (|A| + |S|), summed
        over all sentences before dividing (0..1, lower is better). A holds one link
        per English token (the `<eos>` row is left out). When every English token has
        exactly one gold partner, as in the generated corpus, AER = 1 - hit_rate; they
        differ for pairs whose English tokens have several or no partners.
    gold_mass: mean attention weight that English tokens with a gold partner put on
        their gold partners (0..1): a soft score that also credits a head which
        spreads its weight over the right tokens.
    """

    layer: int
    head: int
    hit_rate: float
    alignment_error_rate: float
    gold_mass: float


def score_cross_attention(cross: torch.Tensor, gold: torch.Tensor, english_mask: torch.Tensor) -> list[HeadScore]:
    """Score each head of a batch of cross-attention maps against gold links.

    cross: (B, L, H, T, S) weights, where row t produced English token t; padded key
        columns must hold weight 0 (the model's mask does that).
    gold: (B, T, S) bool gold links (False on padding and on the `<eos>` row).
    english_mask: (B, T) bool, True on rows that produced a real English token.
    """
    batch, layers, heads, rows, keys = cross.shape
    if gold.shape != (batch, rows, keys) or english_mask.shape != (batch, rows):
        raise ValueError(
            f"gold {tuple(gold.shape)} and mask {tuple(english_mask.shape)} do not fit cross {tuple(cross.shape)}"
        )
    return _scores_from_counts(_score_counts(cross, gold, english_mask))


@torch.no_grad()
def head_scores(model, pairs: Sequence, source_vocabulary, target_vocabulary, batch_size: int = 256) -> list[HeadScore]:
    """Score every cross-attention head on `pairs` by teacher forcing.

    The decoder reads `<bos>` + the reference English (not the model's own output),
    so row j is where the model looks while producing reference token j and the
    pair's gold links apply as they are. Batched; ~1 s for the 1,200 test pairs on a CPU.
    """
    if not pairs:
        return []
    sums = None
    for start in range(0, len(pairs), batch_size):
        chunk = pairs[start : start + batch_size]
        source_length = max(len(pair.korean_tokens) for pair in chunk)
        english_length = max(len(pair.english_tokens) for pair in chunk)
        rows = english_length + 1  # + the <eos> row
        source = torch.zeros(len(chunk), source_length, dtype=torch.long)  # <pad> = 0
        target_input = torch.zeros(len(chunk), rows, dtype=torch.long)
        gold = torch.zeros(len(chunk), rows, source_length, dtype=torch.bool)
        english_mask = torch.zeros(len(chunk), rows, dtype=torch.bool)
        for index, pair in enumerate(chunk):
            korean_ids = source_vocabulary.encode(pair.korean_tokens)
            english_ids = target_vocabulary.encode(pair.english_tokens)
            source[index, : len(korean_ids)] = torch.tensor(korean_ids)
            target_input[index, : len(english_ids) + 1] = torch.tensor([BOS_ID, *english_ids])
            gold[index, : len(english_ids), : len(korean_ids)] = gold_matrix(
                pair.alignment, len(english_ids), len(korean_ids)
            )
            english_mask[index, : len(english_ids)] = True
        memory, _ = model.encode(source)
        _, _, cross_records = model.decode(target_input, memory, source, explain=True)
        cross = torch.stack([record.steps.weights for record in cross_records], dim=1)  # (B, L, H, T, S)
        counts = _score_counts(cross, gold, english_mask)
        sums = counts if sums is None else {name: sums[name] + counts[name] for name in counts}
    return _scores_from_counts(sums)


def sentence_head_scores(cross: torch.Tensor, links: Iterable[Link], korean_count: int) -> list[HeadScore]:
    """Every head scored on one translated sentence against its gold `links`.

    cross: (L, H, T, S) the sentence's cross-attention maps, T = English tokens + 1 (the
    `<eos>` row, which has no gold partner and is left out of the scores).
    """
    english_count = cross.shape[-2] - 1
    gold = torch.zeros(1, english_count + 1, korean_count, dtype=torch.bool)
    gold[0, :english_count] = gold_matrix(links, english_count, korean_count)
    english_mask = torch.zeros(1, english_count + 1, dtype=torch.bool)
    english_mask[0, :english_count] = True
    return score_cross_attention(cross[None], gold, english_mask)


def _score_counts(cross, gold, english_mask) -> dict[str, torch.Tensor]:
    """The sums behind HeadScore for one batch, so batches add up exactly."""
    predicted = cross.argmax(dim=-1)  # (B, L, H, T)
    batch, layers, heads, rows, keys = cross.shape
    hits = gold[:, None, None].expand(batch, layers, heads, rows, keys).gather(-1, predicted[..., None]).squeeze(-1)
    has_partner = (gold.any(-1) & english_mask)[:, None, None]  # (B, 1, 1, T)
    english_rows = english_mask[:, None, None]
    return {
        "partnered": has_partner.sum().double(),
        "hits": (hits & has_partner).sum(dim=(0, 3)).double(),  # (L, H)
        "predicted": english_rows.sum().double(),
        "gold": gold.sum().double(),
        "correct": (hits & english_rows).sum(dim=(0, 3)).double(),
        "gold_weight": ((cross * gold[:, None, None]).sum(-1) * has_partner).sum(dim=(0, 3)).double(),
    }


def _scores_from_counts(counts) -> list[HeadScore]:
    partnered = counts["partnered"].clamp(min=1)
    hit_rate = counts["hits"] / partnered
    alignment_error_rate = 1 - 2 * counts["correct"] / (counts["predicted"] + counts["gold"]).clamp(min=1)
    gold_mass = counts["gold_weight"] / partnered
    layers, heads = hit_rate.shape
    return [
        HeadScore(
            layer,
            head,
            float(hit_rate[layer, head]),
            float(alignment_error_rate[layer, head]),
            float(gold_mass[layer, head]),
        )
        for layer in range(layers)
        for head in range(heads)
    ]


def best_head(scores: Sequence[HeadScore]) -> HeadScore:
    """The head that follows gold best: highest hit rate, then most weight on gold."""
    return max(scores, key=lambda score: (score.hit_rate, score.gold_mass, -score.layer, -score.head))


@dataclass(frozen=True)
class CopyChoiceScore:
    """How often one way of reading cross-attention finds a hidden noun (see copy_choice_scores).

    reading: "layer L mean" (the mean of layer L's heads), "layer L head H", or "all layers mean".
    rule: "word" (model.decoding.copy_source_index: word sums, unknown words first) or
        "token" (the plain argmax over source tokens).
    hit_rate: share of <unk> rows whose chosen source token is the hidden noun (0..1).
    """

    reading: str
    rule: str
    hit_rate: float

    @property
    def name(self) -> str:
        return f"{self.reading}, {self.rule}"


@torch.no_grad()
def copy_choice_scores(model, pairs: Sequence, source_vocabulary, target_vocabulary) -> list[CopyChoiceScore]:
    """Score every candidate for reading the copy source off cross-attention, best first.

    Every replaceable noun of each pair (model.train.replaceable_nouns: objects,
    occupations, places) is hidden as <unk> on both sides, as in training; the decoder
    reads the hidden reference (teacher forcing), and each row that writes a hidden
    word's <unk> counts a hit for a candidate when the source token it picks is that
    noun. Readings: each single head, each layer's head mean and the mean over all
    layers; each read with both rules (see CopyChoiceScore).
    """
    pairs = [pair for pair in pairs if getattr(pair, "alignment", None)]
    if not pairs:
        return []
    hiding = UnknownWordReplacement(pairs, target_vocabulary, 1.0, torch.Generator().manual_seed(0))
    source, target_input, targets = encode_pairs(pairs, source_vocabulary, target_vocabulary)
    target_input, targets = hiding.apply(torch.arange(len(pairs)), source, target_input, targets)
    memory, _ = model.encode(source)
    _, _, cross_records = model.decode(target_input, memory, source, explain=True)
    cross = torch.stack([record.steps.weights for record in cross_records], dim=1)  # (B, L, H, T, S)
    layers, heads = cross.shape[1], cross.shape[2]
    readings = {"all layers mean": lambda maps: maps.mean(dim=(0, 1))}
    for layer in range(layers):
        readings[f"layer {layer} mean"] = lambda maps, layer=layer: maps[layer].mean(0)
        for head in range(heads):
            readings[f"layer {layer} head {head}"] = lambda maps, layer=layer, head=head: maps[layer, head]
    hits = {(name, rule): 0 for name in readings for rule in ("word", "token")}
    total = 0
    for row, pair in enumerate(pairs):
        length = len(pair.korean_tokens)
        words = word_indices(pair.korean_tokens, pair.korean)
        known = (source[row, :length] != UNK_ID).tolist()
        # Each <unk> target row and the hidden noun it stands for: the <unk>s in English order
        # are the hidden nouns' words in English order (inserted articles shift, never reorder).
        hidden = sorted(
            (english, int(hiding.source_index[row, slot]))
            for slot in range(hiding.source_index.shape[1])
            if hiding.source_index[row, slot] >= 0
            for english in hiding.target_index[row, slot].tolist()
            if english >= 0
        )
        unknown_rows = (targets[row] == UNK_ID).nonzero().flatten().tolist()
        wanted = {english: noun for english, (_, noun) in zip(unknown_rows, hidden, strict=True)}
        if not wanted:
            continue
        maps = cross[row, :, :, :, :length]  # (L, H, T, S)
        total += len(wanted)
        for name, reading in readings.items():
            weights = reading(maps)  # (T, S)
            for english, noun in wanted.items():
                hits[(name, "word")] += copy_source_index(weights[english], words, known) == noun
                hits[(name, "token")] += int(weights[english].argmax()) == noun
    scores = [CopyChoiceScore(name, rule, count / max(1, total)) for (name, rule), count in hits.items()]
    return sorted(scores, key=lambda score: -score.hit_rate)
