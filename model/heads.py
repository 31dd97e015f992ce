"""What each attention head does, measured the way the research literature measures it.

Every figure is computed by teacher forcing on a set of sentence pairs (the decoder
reads `<bos>` + the reference English), in one batched forward pass, so decoder row
t is where the model looked while producing reference token t (docs/ARCHITECTURE.md,
"Attention maps"). Alignment studies extract attention the same way (Garg et al.
2019; Chen et al. 2020; Kobayashi et al. 2020, whose `calculate_aer.py` feeds
`</s>` + the reference to the decoder).

Heads are named by (kind, layer, head) with kind a model.attention.AttentionKind
("encoder_self", "decoder_self", "cross"); layer and head are 0-based.

1. Gold links as *sure* and *possible* (`gold_links`). The generated corpus links
   every English token to the Korean token it translates. Two kinds of link are
   demoted or added as *possible* (P), the rest are *sure* (S), with S ⊆ P as Och &
   Ney (2003) require:
   - an English article (a, an, the) has no Korean counterpart; its corpus link to
     its noun (사과 - "a") becomes possible;
   - a Korean particle (는, 를, 에서, 이다, ...) marks its noun's role; its link to
     every English word of that noun (는 - "i") is possible. A particle that
     translates a word itself (에서 - "at", 이다 - "am") keeps that link as sure.
2. Alignment error rate (`alignment_scores`), Och & Ney (2003) §5, as in
   lilt/alignment-scripts `scripts/aer.py` and Kobayashi et al.'s
   `emnlp2020/exp2_nmt/calculate_aer.py` (gorokoba560/norm-analysis-of-transformer):
   the hypothesis A holds one link per English token, its highest-weight Korean
   token; counts are summed over all sentences, then
   precision = |A∩P| / |A|, recall = |A∩S| / |S|,
   AER = 1 − (|A∩S| + |A∩P|) / (|A| + |S|).
   Two readings of a cross-attention map:
   - "standard": English token j is aligned by row j, the step that *produces* it;
   - "shift": English token j is aligned by row j + 1, the step where it is the
     decoder's *input* (Shift-Att, Chen et al. EMNLP 2020; Kobayashi et al.'s
     "AWI" setting, `attention_matrix[list(range(1, n)) + [0]]`).
   Per head and per layer average (the mean of the layer's heads, then argmax, as
   Kobayashi et al.'s code and Garg et al. 2019 average a layer's heads). Also, in the
   standard reading, the alignment read from ‖α·f(x)‖ instead of α (Kobayashi et al.
   EMNLP 2020 §5: per head α_h‖f_h(x)‖, per layer ‖Σ_h α_h f_h(x)‖; model/explain.py).
3. Head confidence (`head_confidence`), Voita et al. (ACL 2019): the mean over query
   tokens of the largest attention weight. Queries are real tokens only: every
   Korean token for encoder self-attention; decoder rows 0 .. n−1 for decoder self-
   and cross-attention (row n, the one that writes `<eos>`, is left out).
4. Patterns (`head_patterns`): the share of a head's weight that a simple rule
   predicts, averaged over the queries the rule applies to; a head is described by a
   pattern when its share exceeds PATTERN_THRESHOLD (more than half the weight).
5. Pruning (`prune_heads`), after Michel et al. (NeurIPS 2019,
   pmichel31415/are-16-heads-really-better-than-1: heads ablated one at a time by a
   head mask, then pruned in order of importance) and Voita et al. (2019): a head's
   importance is the drop in test exact match when it alone is switched off; heads
   are pruned least important first (ties: lower confidence first), cumulatively,
   with model.transformer.HeadMask; exact match is recomputed after each head.

Plain torch; no streamlit. The CLI: `python -m model.heads --json` (see `main`).
"""

import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import torch

from model.attention import AttentionKind
from model.corpus import ADJECTIVES, OBJECTS, OCCUPATIONS, PLACES, SUBJECTS, TIMES, VERBS, build_corpus
from model.decoding import pad_batch
from model.explain import weighted_value_norms
from model.tokenizer import BOS_ID, EOS_ID, PAD_ID, PARTICLES
from model.transformer import AttentionMaps, HeadMask, Transformer

Link = tuple[int, int]  # (korean_index, english_index), as in model.corpus.SentencePair.alignment

ARTICLES = frozenset({"a", "an", "the"})
OBJECT_PARTICLES = frozenset({"을", "를"})
KOREAN_NOUNS = frozenset(SUBJECTS) | frozenset(OCCUPATIONS) | frozenset(OBJECTS) | frozenset(PLACES)
KOREAN_VERBS = frozenset(
    form for verb in VERBS.values() for form in (verb.present, verb.past, verb.future, verb.negation)
) | frozenset({"아니다"})
READINGS = ("standard", "shift")
PATTERN_THRESHOLD = 0.5  # a pattern describes a head when it holds for more than half the weight
# "How many heads the model needs": prune while test exact match stays within this of the full model's.
NEEDED_TOLERANCE = 0.01

# One short English description per pattern code (the UI translates the codes itself).
PATTERN_DESCRIPTIONS = {
    "previous_token": "attends to the previous token",
    "diagonal": "attends to the token itself (diagonal)",
    "start_token": "attends to <bos>, the first decoder input",
    "particle_to_noun": "a particle attends to its noun",
    "verb_to_object": "the verb attends to its object",
    "crossing": "follows the word alignment where Korean and English order cross",
    "monotone": "moves monotonically left to right over the Korean",
}
PATTERNS_OF_KIND = {
    "encoder_self": ("previous_token", "diagonal", "particle_to_noun", "verb_to_object"),
    "decoder_self": ("previous_token", "diagonal", "start_token"),
    "cross": ("crossing", "monotone"),
}
# A particle's noun is the token before it, so a previous-token head also "attends from
# particles to nouns"; the specific pattern is named only when the general one does not hold.
SUBSUMED_BY = {"particle_to_noun": "previous_token"}


@dataclass(frozen=True)
class GoldLinks:
    """Sure and possible links of one sentence pair (sure ⊆ possible)."""

    sure: frozenset[Link]
    possible: frozenset[Link]


def korean_roles(korean_tokens: Sequence[str]) -> list[str]:
    """The grammatical role of each Korean token of the generated corpus's grammar.

    noun (나, 사과, 학교, ...), particle (a token of PARTICLES right after a noun:
    는, 를, 에서, 이다, ...), object (a noun followed by 을/를), verb (먹었다, 먹지,
    먹을, 아니다), adjective, time, other (auxiliaries 않았다, 것이다; unknown words).
    """
    roles = []
    for index, token in enumerate(korean_tokens):
        after_noun = index > 0 and korean_tokens[index - 1] in KOREAN_NOUNS
        if token in PARTICLES and after_noun:
            roles.append("particle")
        elif token in KOREAN_NOUNS:
            following = korean_tokens[index + 1] if index + 1 < len(korean_tokens) else ""
            roles.append("object" if following in OBJECT_PARTICLES else "noun")
        elif token in KOREAN_VERBS:
            roles.append("verb")
        elif token in ADJECTIVES:
            roles.append("adjective")
        elif token in TIMES:
            roles.append("time")
        else:
            roles.append("other")
    return roles


def gold_links(korean_tokens: Sequence[str], english_tokens: Sequence[str], alignment: Sequence[Link]) -> GoldLinks:
    """Sure and possible links from a corpus alignment (see the module docstring, point 1)."""
    roles = korean_roles(korean_tokens)
    links = set(alignment)
    sure = {(k, e) for k, e in links if english_tokens[e] not in ARTICLES}
    possible = set(links)
    for particle_index, role in enumerate(roles):
        if role == "particle":
            noun_index = particle_index - 1
            possible |= {(particle_index, e) for k, e in links if k == noun_index}
    return GoldLinks(frozenset(sure), frozenset(possible))


@dataclass
class TeacherForced:
    """Attention maps of many pairs from one teacher-forced forward pass.

    maps: AttentionMaps with a batch axis: encoder_self (B, L, H, S, S), decoder_self
        (B, L, H, T, T), cross (B, L, H, T, S); S and T padded to the longest pair
        (T = longest English + 1 for the `<eos>` row). Padded keys hold weight 0.
    source_lengths, english_lengths: (B,) real Korean tokens and English tokens.
    cross_value_norms: (B, L, H, T, S) ‖α_h f_h(x)‖ of every cross-attention head;
    cross_layer_value_norms: (B, L, T, S) ‖Σ_h α_h f_h(x)‖ of every decoder layer.
    """

    maps: AttentionMaps
    source_lengths: torch.Tensor
    english_lengths: torch.Tensor
    cross_value_norms: torch.Tensor | None = None
    cross_layer_value_norms: torch.Tensor | None = None

    def source_mask(self) -> torch.Tensor:
        """(B, S) True on real Korean tokens."""
        return torch.arange(self.maps.encoder_self.shape[-1])[None] < self.source_lengths[:, None]

    def english_rows(self) -> torch.Tensor:
        """(B, T) True on decoder rows that produced a real English token (not `<eos>`, not padding)."""
        return torch.arange(self.maps.cross.shape[-2])[None] < self.english_lengths[:, None]


@torch.no_grad()
def teacher_forced_maps(model: Transformer, pairs: Sequence, source_vocabulary, target_vocabulary) -> TeacherForced:
    """Run every pair (with `korean_tokens`, `english_tokens`) through the model at once."""
    source_ids = [source_vocabulary.encode(pair.korean_tokens) for pair in pairs]
    target_ids = [[BOS_ID, *target_vocabulary.encode(pair.english_tokens)] for pair in pairs]
    source, target_input = pad_batch(source_ids), pad_batch(target_ids)  # (B, S), (B, T)
    _, inspection = model.inspect(source, target_input)
    norms = [
        weighted_value_norms(record, layer.cross_attention.out.weight)
        for record, layer in zip(inspection.cross, model.decoder.layers, strict=True)
    ]
    return TeacherForced(
        inspection.maps,
        torch.tensor([len(ids) for ids in source_ids]),
        torch.tensor([len(ids) - 1 for ids in target_ids]),
        torch.stack([per_head for per_head, _ in norms], dim=1),
        torch.stack([summed for _, summed in norms], dim=1),
    )


def gold_tensors(pairs: Sequence, rows: int, keys: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(sure, possible), each (B, rows, keys) bool indexed [pair, english_index, korean_index]."""
    sure = torch.zeros(len(pairs), rows, keys, dtype=torch.bool)
    possible = torch.zeros(len(pairs), rows, keys, dtype=torch.bool)
    for index, pair in enumerate(pairs):
        links = gold_links(pair.korean_tokens, pair.english_tokens, pair.alignment)
        for korean_index, english_index in links.sure:
            sure[index, english_index, korean_index] = True
        for korean_index, english_index in links.possible:
            possible[index, english_index, korean_index] = True
    return sure, possible


@dataclass(frozen=True)
class AlignmentScore:
    """Och & Ney's figures of one alignment hypothesis over a set of pairs (0..1 each)."""

    precision: float
    recall: float
    alignment_error_rate: float


def alignment_error_rate(hypotheses, sures, possibles) -> AlignmentScore:
    """AER of link sets, summed over sentences: each argument is a list of sets of (korean, english).

    The reference computation, plain sets, as in lilt/alignment-scripts `calculate_metrics`.
    Possible links must include the sure ones.
    """
    a_and_p = a_and_s = a_total = s_total = 0
    for hypothesis, sure, possible in zip(hypotheses, sures, possibles, strict=True):
        hypothesis, sure, possible = set(hypothesis), set(sure), set(possible) | set(sure)
        a_total += len(hypothesis)
        s_total += len(sure)
        a_and_p += len(hypothesis & possible)
        a_and_s += len(hypothesis & sure)
    return _score(a_and_p, a_and_s, a_total, s_total)


def _score(a_and_p, a_and_s, a_total, s_total) -> AlignmentScore:
    precision = a_and_p / a_total if a_total else 0.0
    recall = a_and_s / s_total if s_total else 0.0
    aer = 1.0 - (a_and_s + a_and_p) / (a_total + s_total) if a_total + s_total else 1.0
    return AlignmentScore(float(precision), float(recall), float(aer))


def reading_rows(cross: torch.Tensor, reading: str) -> torch.Tensor:
    """Cross-attention rows (…, T, S) re-indexed so that row j aligns English token j.

    "standard": unchanged. "shift": row j + 1 moves to j (the last row, which has no
    English token after it, becomes all zero and is never read for a real token).
    """
    if reading == "standard":
        return cross
    if reading == "shift":
        return torch.cat([cross[..., 1:, :], torch.zeros_like(cross[..., :1, :])], dim=-2)
    raise ValueError(f"unknown reading {reading!r}; expected one of {READINGS}")


def _alignment_counts(weights, sure, possible, english_rows):
    """Summed counts for every map in `weights` (B, *, T, S): returns (|A∩P|, |A∩S|) of shape (*)."""
    predicted = weights.argmax(dim=-1)  # (B, *, T)
    extra = weights.dim() - 3
    shape = (weights.shape[0],) + (1,) * extra + weights.shape[-2:]
    sure_hit = sure.view(shape).expand_as(weights).gather(-1, predicted[..., None]).squeeze(-1)
    possible_hit = possible.view(shape).expand_as(weights).gather(-1, predicted[..., None]).squeeze(-1)
    rows = english_rows.view((weights.shape[0],) + (1,) * extra + (weights.shape[-2],))
    summed = (0, extra + 1)  # the batch and row axes
    return (possible_hit & rows).sum(dim=summed), (sure_hit & rows).sum(dim=summed)


def alignment_scores(forced: TeacherForced, pairs: Sequence) -> dict:
    """AER, precision and recall of every cross-attention head and layer average, both readings.

    Returns {reading: {"heads": [[AlignmentScore per head] per layer], "layers": [AlignmentScore per layer]}}
    for the readings "standard" and "shift", and for "norm" (standard reading of ‖α·f(x)‖).
    """
    cross = forced.maps.cross  # (B, L, H, T, S)
    sure, possible = gold_tensors(pairs, cross.shape[-2], cross.shape[-1])
    english_rows = forced.english_rows()
    a_total = int(english_rows.sum())
    s_total = int(sure.sum())
    result = {}
    sources = {
        reading: (reading_rows(cross, reading), reading_rows(cross, reading).mean(dim=2)) for reading in READINGS
    }
    if forced.cross_value_norms is not None:
        sources["norm"] = (forced.cross_value_norms, forced.cross_layer_value_norms)
    for reading, (head_maps, layer_maps) in sources.items():
        head_p, head_s = _alignment_counts(head_maps, sure, possible, english_rows)  # (L, H)
        layer_p, layer_s = _alignment_counts(layer_maps, sure, possible, english_rows)  # (L,)
        layers, heads_per_layer = head_p.shape
        result[reading] = {
            "heads": [
                [
                    _score(int(head_p[layer, head]), int(head_s[layer, head]), a_total, s_total)
                    for head in range(heads_per_layer)
                ]
                for layer in range(layers)
            ],
            "layers": [_score(int(layer_p[layer]), int(layer_s[layer]), a_total, s_total) for layer in range(layers)],
        }
    return result


def head_confidence(forced: TeacherForced) -> dict[str, torch.Tensor]:
    """Voita et al.'s confidence, {kind: (L, H)}: mean largest weight per real query token."""
    query_masks = {
        "encoder_self": forced.source_mask(),  # (B, S)
        "decoder_self": forced.english_rows(),  # (B, T), the <eos> row left out
        "cross": forced.english_rows(),
    }
    confidence = {}
    for kind in AttentionKind:
        largest = forced.maps.of_kind(kind).max(dim=-1).values  # (B, L, H, Q)
        mask = query_masks[kind][:, None, None, :].float()
        confidence[kind] = (largest * mask).sum(dim=(0, 3)) / mask.sum(dim=(0, 3)).clamp(min=1)
    return confidence


def _share(weights: torch.Tensor, targets: torch.Tensor, queries: torch.Tensor) -> torch.Tensor:
    """Mean over eligible queries of the weight on target keys: (L, H), NaN when no query is eligible.

    weights (B, L, H, Q, K); targets (B, Q, K) bool; queries (B, Q) bool.
    """
    on_target = (weights * targets[:, None, None].float()).sum(-1)  # (B, L, H, Q)
    mask = queries[:, None, None].float()
    count = mask.sum(dim=(0, 3))
    return torch.where(count > 0, (on_target * mask).sum(dim=(0, 3)) / count.clamp(min=1), torch.nan)


def _crossing_rows(links: frozenset[Link], english_count: int) -> list[bool]:
    """For each English token: does one of its links cross another link (Korean order reversed)?"""
    rows = [False] * english_count
    for korean_a, english_a in links:
        for korean_b, english_b in links:
            if (korean_a - korean_b) * (english_a - english_b) < 0:
                rows[english_a] = True
    return rows


def head_patterns(forced: TeacherForced, pairs: Sequence, with_gold: bool = True) -> dict[str, dict[str, torch.Tensor]]:
    """The share of weight each pattern predicts, {kind: {pattern: (L, H)}} (NaN: no query it applies to).

    previous_token: weight on key q − 1 (queries q ≥ 1); diagonal: on key q (decoder:
    queries q ≥ 1, as row 0 can see only itself); start_token: on decoder position 0
    (<bos>), queries q ≥ 1; particle_to_noun: particle queries, on
    their noun (the token before); verb_to_object: verb queries in sentences with an
    object, on the object noun; crossing: English rows whose gold link crosses another,
    on their possible gold partners; monotone: every English row j of n, on the Korean
    keys k with |k − j·(S−1)/(n−1)| < 1 (the proportional diagonal). Gold-based
    patterns (particle_to_noun, verb_to_object, crossing) need `with_gold`.
    """
    maps = forced.maps
    batch = maps.cross.shape[0]
    source_length, rows = maps.encoder_self.shape[-1], maps.cross.shape[-2]
    source_mask, english_rows = forced.source_mask(), forced.english_rows()
    positions_s, positions_t = torch.arange(source_length), torch.arange(rows)
    patterns: dict[str, dict[str, torch.Tensor]] = {kind: {} for kind in AttentionKind}

    for kind, length, queries in (
        ("encoder_self", source_length, source_mask),
        ("decoder_self", rows, english_rows),
    ):
        positions = torch.arange(length)
        previous = (positions[None, :, None] - 1 == positions[None, None, :]).expand(batch, length, length)
        diagonal = (positions[None, :, None] == positions[None, None, :]).expand(batch, length, length)
        weights = maps.of_kind(kind)
        # Decoder row 0 sees only itself (the causal mask), so it says nothing about a pattern.
        first_query = 0 if kind == "encoder_self" else 1
        patterns[kind]["previous_token"] = _share(weights, previous, queries & (positions[None] >= 1))
        patterns[kind]["diagonal"] = _share(weights, diagonal, queries & (positions[None] >= first_query))
    start = (torch.arange(rows)[None, None, :] == 0).expand(batch, rows, rows)
    patterns["decoder_self"]["start_token"] = _share(maps.decoder_self, start, english_rows & (positions_t[None] >= 1))

    # The proportional diagonal of each pair's (n English) × (S Korean) map.
    n = forced.english_lengths.clamp(min=2).float()[:, None, None] - 1
    s = forced.source_lengths.float()[:, None, None] - 1
    expected = positions_t[None, :, None].float() * s / n  # (B, T, 1)
    monotone = (positions_s[None, None, :].float() - expected).abs() < 1
    monotone &= source_mask[:, None, :]
    patterns["cross"]["monotone"] = _share(maps.cross, monotone, english_rows)

    if not with_gold:
        return patterns
    particle_noun = torch.zeros(batch, source_length, source_length, dtype=torch.bool)
    verb_object = torch.zeros(batch, source_length, source_length, dtype=torch.bool)
    particle_queries = torch.zeros(batch, source_length, dtype=torch.bool)
    verb_queries = torch.zeros(batch, source_length, dtype=torch.bool)
    crossing = torch.zeros(batch, rows, source_length, dtype=torch.bool)
    crossing_queries = torch.zeros(batch, rows, dtype=torch.bool)
    for index, pair in enumerate(pairs):
        roles = korean_roles(pair.korean_tokens)
        objects = [k for k, role in enumerate(roles) if role == "object"]
        for k, role in enumerate(roles):
            if role == "particle":
                particle_queries[index, k] = True
                particle_noun[index, k, k - 1] = True
            if role == "verb" and objects:
                verb_queries[index, k] = True
                verb_object[index, k, objects] = True
        links = gold_links(pair.korean_tokens, pair.english_tokens, pair.alignment)
        for english_index, crosses in enumerate(_crossing_rows(links.possible, len(pair.english_tokens))):
            if crosses:
                crossing_queries[index, english_index] = True
        for korean_index, english_index in links.possible:
            crossing[index, english_index, korean_index] = True
    patterns["encoder_self"]["particle_to_noun"] = _share(maps.encoder_self, particle_noun, particle_queries)
    patterns["encoder_self"]["verb_to_object"] = _share(maps.encoder_self, verb_object, verb_queries)
    patterns["cross"]["crossing"] = _share(maps.cross, crossing, crossing_queries)
    return patterns


def describe(shares: dict[str, float]) -> str | None:
    """The pattern code that describes a head (share > PATTERN_THRESHOLD, highest first), or None."""
    holding = {name: share for name, share in shares.items() if share == share and share > PATTERN_THRESHOLD}
    for specific, general in SUBSUMED_BY.items():
        if general in holding:
            holding.pop(specific, None)
    return max(holding, key=holding.get) if holding else None


# --- pruning -------------------------------------------------------------------------------


@dataclass
class ExactMatchTask:
    """Pairs encoded once, to score exact match in one teacher-forced forward pass.

    Greedy decoding reproduces a reference exactly if and only if, at every step,
    the most likely next token after the reference prefix is the reference's next
    token (and `<eos>` after the last): each step's prefix is then the reference
    prefix. So exact match needs no step-by-step decoding: one forward pass over
    `<bos>` + reference, and an argmax check on every row up to the `<eos>` row.
    Equal to model.decoding.exact_match (tests/test_heads.py checks it on the test
    split, with heads on and off), and two orders of magnitude faster for the
    pruning curve, where a damaged model would otherwise ramble on to the length limit.
    """

    source: torch.Tensor  # (B, S) padded Korean ids
    target_input: torch.Tensor  # (B, T) <bos> + reference ids, padded
    expected: torch.Tensor  # (B, T) reference ids + <eos>, padded
    rows: torch.Tensor  # (B, T) True on the rows that must match (the reference and its <eos>)

    @classmethod
    def of(cls, pairs: Sequence, source_vocabulary, target_vocabulary) -> "ExactMatchTask":
        references = [target_vocabulary.encode(pair.english_tokens) for pair in pairs]
        source = pad_batch([source_vocabulary.encode(pair.korean_tokens) for pair in pairs])
        target_input = pad_batch([[BOS_ID, *reference] for reference in references])
        expected = pad_batch([[*reference, EOS_ID] for reference in references])
        return cls(source, target_input, expected, expected != PAD_ID)

    @torch.no_grad()
    def exact_match(self, model: Transformer, head_mask: HeadMask | None = None) -> float:
        """Share of pairs whose greedy translation equals the reference token for token."""
        logits, _ = model(self.source, self.target_input, head_mask=head_mask)
        right = (logits.argmax(-1) == self.expected) | ~self.rows  # (B, T)
        return float(right.all(dim=1).float().mean())


HeadId = tuple[str, int, int]  # (kind, layer, head)


def all_heads(config) -> list[HeadId]:
    """Every head, encoder self first, then decoder self, then cross, in layer and head order."""
    layers = {"encoder_self": config.n_encoder_layers, "decoder_self": config.n_decoder_layers}
    layers["cross"] = config.n_decoder_layers
    return [
        (kind, layer, head) for kind in AttentionKind for layer in range(layers[kind]) for head in range(config.n_heads)
    ]


@dataclass
class PruningResult:
    """Heads pruned one at a time, least important first.

    full_exact_match: test exact match with every head on.
    importance: {head: full − exact match with that head alone switched off}.
    order: heads in the order they are pruned.
    exact_match: exact_match[k] is the test exact match with the first k heads of
        `order` switched off (exact_match[0] = full_exact_match), len(order) + 1 values.
    heads_needed: the fewest heads left on while every step so far stayed within
        NEEDED_TOLERANCE of the full model.
    seconds: wall-clock time of the whole computation.
    """

    full_exact_match: float
    importance: dict[HeadId, float]
    order: list[HeadId]
    exact_match: list[float]
    heads_needed: int
    seconds: float = 0.0


@torch.no_grad()
def prune_heads(model: Transformer, task: ExactMatchTask, confidence: dict[str, torch.Tensor]) -> PruningResult:
    """Importance of every head, then the cumulative pruning curve (2 × heads + 1 forward passes)."""
    started = time.perf_counter()
    config = model.config
    heads = all_heads(config)
    full = task.exact_match(model)
    importance = {head: full - task.exact_match(model, HeadMask.without(config, [head])) for head in heads}
    order = sorted(heads, key=lambda head: (importance[head], float(confidence[head[0]][head[1], head[2]]), head))
    curve = [full]
    for count in range(1, len(order) + 1):
        curve.append(task.exact_match(model, HeadMask.without(config, order[:count])))
    pruned_safely = 0
    for count in range(1, len(curve)):
        if curve[count] < full - NEEDED_TOLERANCE:
            break
        pruned_safely = count
    return PruningResult(full, importance, order, curve, len(heads) - pruned_safely, time.perf_counter() - started)


# --- the report of every head ------------------------------------------------------------------


@dataclass
class HeadReport:
    """One head's figures (the CLI prints one per line). Alignment figures are None for
    self-attention heads and when no gold links are known."""

    kind: str
    layer: int
    head: int
    confidence: float
    pattern: str | None  # a PATTERN_DESCRIPTIONS code, or None when no pattern holds
    pattern_shares: dict[str, float | None]  # every measured pattern's share (None: nothing to measure)
    precision: float | None = None
    recall: float | None = None
    aer: float | None = None
    shift_precision: float | None = None
    shift_recall: float | None = None
    shift_aer: float | None = None
    norm_aer: float | None = None  # AER of the alignment read from ‖α·f(x)‖ (standard reading)
    importance: float | None = None  # filled by the pruning run
    pruned_at: int | None = None  # 1-based position in the pruning order

    def as_json(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    """Every head of a model on a set of pairs, plus the layer averages and what they say."""

    heads: list[HeadReport]
    pairs: int
    with_gold: bool
    # {"standard" | "shift" | "norm": AlignmentScore per decoder layer}
    layer_scores: dict[str, list[AlignmentScore]] = field(default_factory=dict)
    pruning: PruningResult | None = None

    def best_layer(self, reading: str) -> int:
        """The decoder layer whose head average has the lowest AER in `reading`."""
        scores = self.layer_scores[reading]
        return min(range(len(scores)), key=lambda layer: scores[layer].alignment_error_rate)

    def winning_reading(self) -> str:
        """The reading with the lower best AER over heads and layer averages."""

        def best(reading):
            head_aers = [
                head.aer if reading == "standard" else head.shift_aer for head in self.heads if head.kind == "cross"
            ]
            layer_aers = [score.alignment_error_rate for score in self.layer_scores[reading]]
            return min(head_aers + layer_aers)

        return min(READINGS, key=best)


def head_report(checkpoint, pairs: Sequence, with_gold: bool, pruning: bool = False) -> Report:
    """Every figure of this module for every head of `checkpoint.model` on `pairs`.

    `pairs` need `korean_tokens` and `english_tokens`, and `alignment` when
    `with_gold`; every token must be in the checkpoint's vocabularies.
    """
    model = checkpoint.model
    source_vocabulary, target_vocabulary = checkpoint.source_vocabulary, checkpoint.target_vocabulary
    forced = teacher_forced_maps(model, pairs, source_vocabulary, target_vocabulary)
    confidence = head_confidence(forced)
    patterns = head_patterns(forced, pairs, with_gold)
    alignment = alignment_scores(forced, pairs) if with_gold else None
    heads = []
    for kind, layer, head in all_heads(model.config):
        shares = {
            name: _plain(patterns[kind][name][layer, head]) for name in PATTERNS_OF_KIND[kind] if name in patterns[kind]
        }
        report = HeadReport(
            kind,
            layer,
            head,
            float(confidence[kind][layer, head]),
            describe({name: share for name, share in shares.items() if share is not None}),
            shares,
        )
        if alignment is not None and kind == "cross":
            standard = alignment["standard"]["heads"][layer][head]
            shift = alignment["shift"]["heads"][layer][head]
            report.precision, report.recall, report.aer = (
                standard.precision,
                standard.recall,
                standard.alignment_error_rate,
            )
            report.shift_precision, report.shift_recall, report.shift_aer = (
                shift.precision,
                shift.recall,
                shift.alignment_error_rate,
            )
            report.norm_aer = alignment["norm"]["heads"][layer][head].alignment_error_rate
        heads.append(report)
    result = Report(heads, len(pairs), with_gold)
    if alignment is not None:
        result.layer_scores = {reading: scores["layers"] for reading, scores in alignment.items()}
    if pruning:
        result.pruning = prune_heads(model, ExactMatchTask.of(pairs, source_vocabulary, target_vocabulary), confidence)
        for position, head_id in enumerate(result.pruning.order, start=1):
            for report in heads:
                if (report.kind, report.layer, report.head) == head_id:
                    report.importance = result.pruning.importance[head_id]
                    report.pruned_at = position
    return result


def _plain(value: torch.Tensor) -> float | None:
    number = float(value)
    return None if number != number else number


# --- command line -------------------------------------------------------------------------------


def scoring_pairs(checkpoint, split: str = "test", pairs_file: str | None = None) -> tuple[list, bool, str]:
    """(pairs, whether they carry gold links, where they come from) for a checkpoint.

    A model trained on the generated corpus (its corpus fingerprint matches) is scored
    on that corpus's split, with gold links. Any other model (trained on uploaded
    pairs) gets no gold links: its pairs are the split of `pairs_file` when given
    (the file it was trained on, split as model/user_corpus.py splits it), otherwise
    the generated split's pairs; either way only pairs whose every token it knows.
    """
    corpus = build_corpus(checkpoint.train_config.corpus_seed)
    same_corpus = corpus.fingerprint() == checkpoint.corpus_fingerprint
    source = f"the generated corpus's {split} split"
    if same_corpus or pairs_file is None:
        candidates = list(corpus.split(split))
    else:
        from model.user_corpus import parse_user_corpus

        with open(pairs_file, "rb") as handle:
            candidates = list(parse_user_corpus(handle.read(), pairs_file).split(split))
        source = f"the {split} split of {pairs_file}"
    known = [
        pair
        for pair in candidates
        if pair.korean_tokens
        and all(token in checkpoint.source_vocabulary for token in pair.korean_tokens)
        and all(token in checkpoint.target_vocabulary for token in pair.english_tokens)
    ]
    return known, same_corpus, source


def _format_table(report: Report) -> str:
    lines = [f"{report.pairs} pairs; heads (kind layer head): confidence, pattern, AER standard / shift"]
    for head in report.heads:
        pattern = PATTERN_DESCRIPTIONS[head.pattern] if head.pattern else "-"
        alignment = ""
        if head.aer is not None:
            alignment = (
                f"  AER {head.aer:.3f} (P {head.precision:.3f} R {head.recall:.3f})"
                f" / shift {head.shift_aer:.3f} (P {head.shift_precision:.3f} R {head.shift_recall:.3f})"
                f" / norm {head.norm_aer:.3f}"
            )
        pruned = f"  importance {head.importance:+.4f}, pruned #{head.pruned_at}" if head.pruned_at else ""
        lines.append(f"{head.kind:12} {head.layer} {head.head}  {head.confidence:.3f}  {pattern}{alignment}{pruned}")
    if report.layer_scores:
        for reading in report.layer_scores:
            for layer, score in enumerate(report.layer_scores[reading]):
                lines.append(
                    f"layer average {layer} ({reading}): AER {score.alignment_error_rate:.3f}"
                    f" P {score.precision:.3f} R {score.recall:.3f}"
                )
        layers = len(report.layer_scores["standard"])
        lines.append(
            f"best layer: {report.best_layer('standard')} (standard), {report.best_layer('shift')} (shift);"
            f" Garg et al. take the penultimate decoder layer, here {max(layers - 2, 0)};"
            f" the {report.winning_reading()} reading wins"
        )
        if "norm" in report.layer_scores:
            norm = report.layer_scores["norm"]
            best = min(range(len(norm)), key=lambda layer: norm[layer].alignment_error_rate)
            lines.append(
                f"read from ||α·f(x)|| (Kobayashi et al.): best layer {best}, AER {norm[best].alignment_error_rate:.3f}"
            )
    if report.pruning:
        pruning = report.pruning
        curve = " ".join(f"{value:.3f}" for value in pruning.exact_match)
        lines.append(f"test exact match after pruning 0..{len(pruning.order)} heads: {curve}")
        lines.append(
            f"heads needed (within {NEEDED_TOLERANCE} of {pruning.full_exact_match:.4f}):"
            f" {pruning.heads_needed} of {len(pruning.order)} ({pruning.seconds:.1f} s)"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    from model.checkpoint import SHIPPED_CHECKPOINT, CheckpointError, load_checkpoint
    from model.cli import ArgumentParser, fail
    from model.corpus import SPLITS
    from model.user_corpus import CorpusFileError

    parser = ArgumentParser(
        prog="python -m model.heads",
        description="Score every attention head: confidence, pattern, and for cross-attention AER in both readings.",
    )
    parser.add_argument("--checkpoint", default=str(SHIPPED_CHECKPOINT), help="model file (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per head")
    parser.add_argument("--split", default="test", choices=SPLITS, help="which split to score on (default: test)")
    parser.add_argument(
        "--limit", type=int, help="score on the first LIMIT pairs of the split only (default: all of them)"
    )
    parser.add_argument(
        "--pairs", help="for a model trained on uploaded pairs: the TSV/CSV file it was trained on (confidence only)"
    )
    parser.add_argument(
        "--pruning", action="store_true", help="also prune heads one at a time: importance and pruning order per head"
    )
    arguments = parser.parse_args(argv)

    try:
        checkpoint = load_checkpoint(arguments.checkpoint)
    except CheckpointError as error:
        return fail(f"cannot load checkpoint {arguments.checkpoint}: {error.message}")
    try:
        pairs, with_gold, source = scoring_pairs(checkpoint, arguments.split, arguments.pairs)
    except OSError as error:
        return fail(f"cannot read {arguments.pairs}: {error.strerror or error}")
    except CorpusFileError as error:
        return fail(f"cannot read {arguments.pairs}: {error.message}")
    if arguments.limit is not None:
        if arguments.limit < 1:
            return fail(f"--limit must be at least 1, got {arguments.limit}")
        pairs = pairs[: arguments.limit]
    if not pairs:
        return fail(f"the model knows the words of no pair of {source}")
    if not with_gold:
        print(
            f"note: the checkpoint was not trained on the generated corpus, so no gold links apply:"
            f" confidence and patterns only, on {len(pairs)} pairs of {source}",
            file=sys.stderr,
        )
    torch.set_num_threads(1)  # measured: on a shared 2-core machine one thread is faster than two
    report = head_report(checkpoint, pairs, with_gold, pruning=arguments.pruning)
    if arguments.json:
        print("\n".join(json.dumps(head.as_json(), ensure_ascii=False) for head in report.heads))
    else:
        print(_format_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
