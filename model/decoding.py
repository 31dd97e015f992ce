"""Greedy decoding: Korean text in, English tokens and every attention map out.

Unknown words are copied through attention (Luong et al. 2015; Jean et al. 2015): the
model is trained to write `<unk>` where the source holds a noun it does not know
(model/train.py, UnknownWordReplacement), and when it does, the translation takes
the Korean word, as typed, that received the most cross-attention at that step
(`copy_attention`, `copy_source_index`). `Translation.copied` records every copy.
"""

from dataclasses import dataclass, field

import torch

from model.korean import has_hangul
from model.tokenizer import BOS_ID, EOS_ID, PAD_ID, PARTICLES, UNK, UNK_ID, normalize, split_korean
from model.transformer import AttentionMaps, DecoderCache, HeadMask, Transformer

MAX_SENTENCE_CHARACTERS = 200
MAX_SENTENCE_TOKENS = 30
MAX_OUTPUT_TOKENS = 40
# Typed text longer than this is refused before it is normalised (a pasted book costs seconds of CPU);
# invisible characters and spaces that normalising removes fit well within it.
MAX_RAW_CHARACTERS = 5 * MAX_SENTENCE_CHARACTERS
# A produced token below this probability is called uncertain (the UI says so in words).
LOW_PROBABILITY = 0.5


class SentenceError(ValueError):
    """A sentence the model cannot take; `code` names the problem for translated messages.

    Codes: empty, too_long, no_korean, no_known_words, only_particles. `details` holds
    the numbers a message needs (for too_long: max_tokens, max_characters).
    """

    def __init__(self, code: str, message: str, **details):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


@dataclass
class Translation:
    """One sentence translated, with the maps of the finished sequence (see docs/ARCHITECTURE.md)."""

    source: str  # the normalised sentence
    source_tokens: list[str]  # Korean tokens as typed; unknown words keep their surface
    source_known: list[bool]  # False where a token is read as <unk>
    target_tokens: list[str]  # decoder input: <bos> + translation tokens
    output_tokens: list[str]  # what each decoder position produced: translation tokens + <eos>
    translation: str  # the output tokens before <eos>, joined by spaces (copied words as typed)
    maps: AttentionMaps  # (L, H, Q, K) tensors, no batch axis
    next_token_probabilities: torch.Tensor  # (T, target vocabulary size)
    # (output index, source index) of each copied word: decoder row output_index wrote <unk>
    # and output_tokens[output_index] is source_tokens[source_index], picked by cross-attention.
    copied: list[tuple[int, int]] = field(default_factory=list)
    # Probability the model gave each token it wrote, one per output token (<eos> included; <unk> for a copy).
    token_probabilities: list[float] = field(default_factory=list)

    @property
    def unknown_tokens(self) -> list[int]:
        """Indices into source_tokens of the tokens read as <unk>."""
        return [index for index, known in enumerate(self.source_known) if not known]

    @property
    def uncertain(self) -> list[int]:
        """Output indices whose token had a probability below LOW_PROBABILITY."""
        return [index for index, probability in enumerate(self.token_probabilities) if probability < LOW_PROBABILITY]

    def written_token(self, index: int) -> str:
        """The vocabulary token decoder row `index` wrote: <unk> for a copied word, else output_tokens[index]."""
        return UNK if any(row == index for row, _ in self.copied) else self.output_tokens[index]

    def most_likely_next(self, step: int, count: int) -> list[tuple[int, float]]:
        """The `count` most likely next tokens at decoder position `step`: (token id, probability), best first."""
        probabilities = self.next_token_probabilities[step]
        values, ids = probabilities.topk(min(count, probabilities.numel()))
        return list(zip(ids.tolist(), values.tolist(), strict=True))

    def maps_at_step(self, step: int) -> AttentionMaps:
        """The maps as they stood when decoding step `step` (0-based) produced its token.

        The causal mask means later tokens never change earlier rows, so the maps of
        step t are the first t + 1 decoder rows of the finished sequence.
        """
        rows = step + 1
        return AttentionMaps(
            self.maps.encoder_self, self.maps.decoder_self[:, :, :rows, :rows], self.maps.cross[:, :, :rows]
        )


def check_sentence(text: str) -> str:
    """The normalised sentence, or a SentenceError saying why it cannot be translated."""
    if not isinstance(text, str):
        raise SentenceError("empty", "the sentence must be text")
    limits = {"max_tokens": MAX_SENTENCE_TOKENS, "max_characters": MAX_SENTENCE_CHARACTERS}
    if len(text) > MAX_RAW_CHARACTERS:
        raise SentenceError(
            "too_long", f"the text has {len(text)} characters; the limit is {MAX_SENTENCE_CHARACTERS}", **limits
        )
    sentence = normalize(text)
    if not sentence:
        raise SentenceError("empty", "the sentence is empty")
    if len(sentence) > MAX_SENTENCE_CHARACTERS:
        raise SentenceError(
            "too_long",
            f"the sentence has {len(sentence)} characters; the limit is {MAX_SENTENCE_CHARACTERS}",
            **limits,
        )
    if not has_hangul(sentence):
        raise SentenceError("no_korean", "the sentence has no Korean (Hangul) words")
    return sentence


@torch.no_grad()
def greedy_decode(
    model: Transformer, source: torch.Tensor, max_tokens: int = MAX_OUTPUT_TOKENS, head_mask: HeadMask | None = None
) -> list[list[int]]:
    """Token ids for a padded batch of sources (B, S), each ending before its first <eos>."""
    memory, _ = model.encode(source, head_mask)
    batch = source.shape[0]
    generated = torch.full((batch, 1), BOS_ID, dtype=torch.long)
    finished = torch.zeros(batch, dtype=torch.bool)
    max_tokens = min(max_tokens, model.config.max_len - 1)
    cache = DecoderCache(model.config)  # each step then computes one new position, not the whole prefix
    for _ in range(max_tokens):
        logits, _, _ = model.decode(generated, memory, source, head_mask, cache=cache)
        next_ids = logits[:, -1].argmax(-1)
        next_ids = next_ids.masked_fill(finished, PAD_ID)
        generated = torch.cat([generated, next_ids[:, None]], dim=1)
        finished |= next_ids == EOS_ID
        if finished.all():
            break
    outputs = []
    for row in generated[:, 1:].tolist():
        outputs.append(row[: row.index(EOS_ID)] if EOS_ID in row else row)
    return outputs


def word_indices(source_tokens, sentence: str) -> list[int]:
    """For each token, the index of the whitespace word of `sentence` it belongs to
    (햄버거를 먹었다 -> 햄버거 를 먹었다 -> [0, 0, 1]). Tokens split a word without changing
    its letters, so each word is the concatenation of its tokens; a mismatch means the
    tokens are not this sentence's, and then every token counts as its own word."""
    words = sentence.split()
    indices, word, built = [], 0, ""
    for token in source_tokens:
        if word >= len(words):
            return list(range(len(source_tokens)))
        indices.append(word)
        built += token
        if built == words[word]:
            word, built = word + 1, ""
        elif not words[word].startswith(built):
            return list(range(len(source_tokens)))
    return indices


def copy_attention(cross: torch.Tensor) -> torch.Tensor:
    """The cross-attention a copy reads: every decoder layer and head, averaged.
    cross: (L, H, T, S), no batch -> (T, S).

    Why: a single head or layer is a bet on which one a training run makes the
    aligning one, and a retrain moves it. Measured on the validation split with every
    object, occupation and place noun hidden (`python benchmarks/copy_attention.py`,
    figures in the README, "Unknown words"), read word by word (`copy_source_index`),
    on two checkpoints trained with hidden nouns: the mean of all layers and heads
    found the hidden noun 98.4 % and 97.0 % of the time; the last layer's mean 93.7 %
    and 97.8 %; the best single head 96.5 % on one and 82.1 % on the other (a different
    head each time). The all-layer mean has the best worst case. Read token by token no
    reading passed 49 %: attention lands on the noun's particle (햄버거 + 를).
    Layer and head counts are read from the shapes, so this holds for any checkpoint size.
    """
    return cross.mean(dim=(0, 1))


def copy_source_index(weights: torch.Tensor, words: list[int], known: list[bool]) -> int:
    """The source token an <unk> copies, from one row of `copy_attention` (weights: (S,)).

    Attention is read word by word, as the learner typed them: a word's weight is the
    sum over its tokens (햄버거 + 를), because the model often looks at the particle
    that marks the unknown noun's role rather than at the bare <unk>. The word with
    the most weight wins, among the words holding an unknown token when there are any
    (a known word has its own English; the model writes <unk> for what it does not
    know). Inside the winning word its unknown token is copied (not the particle), or,
    in a word of known tokens only, its most-weighted token that is not a particle.
    words: word index of each token (`word_indices`); known: False for tokens read as <unk>.
    """
    count = max(words) + 1
    word_weights = torch.zeros(count, dtype=weights.dtype).index_add(0, torch.tensor(words), weights)
    unknown_words = {word for word, is_known in zip(words, known, strict=True) if not is_known}
    candidates = sorted(unknown_words) or list(range(count))
    best_word = max(candidates, key=lambda word: float(word_weights[word]))
    tokens = [index for index, word in enumerate(words) if word == best_word]
    preferred = [index for index in tokens if not known[index]] or tokens
    return max(preferred, key=lambda index: float(weights[index]))


def translate(checkpoint, text: str, head_mask: HeadMask | None = None) -> Translation:
    """Translate one Korean sentence with a loaded checkpoint and record every attention map."""
    sentence = check_sentence(text)
    source_vocabulary, target_vocabulary = checkpoint.source_vocabulary, checkpoint.target_vocabulary
    source_tokens = split_korean(sentence, source_vocabulary.words)
    # A checkpoint built with a short position table (max_len) reads fewer tokens.
    max_tokens = min(MAX_SENTENCE_TOKENS, checkpoint.model_config.max_len)
    if len(source_tokens) > max_tokens:
        raise SentenceError(
            "too_long",
            f"the sentence has {len(source_tokens)} tokens; the limit is {max_tokens}",
            max_tokens=max_tokens,
            max_characters=MAX_SENTENCE_CHARACTERS,
        )
    if not any(token in source_vocabulary for token in source_tokens):
        raise SentenceError("no_known_words", "none of the words is in the model's vocabulary")
    if all(token in PARTICLES for token in source_tokens):
        # Particles mark a word's role; without a noun or verb there is nothing to translate.
        raise SentenceError("only_particles", "the sentence holds only particles (은, 는, 을, 를, 에서, 이다, ...)")
    model = checkpoint.model
    source = torch.tensor([source_vocabulary.encode(source_tokens)])
    output_ids = greedy_decode(model, source, head_mask=head_mask)[0]
    target_input = torch.tensor([[BOS_ID, *output_ids]])
    with torch.no_grad():
        logits, inspection = model.inspect(source, target_input, head_mask)
    maps = inspection.maps.for_sentence(0)
    translation_tokens = target_vocabulary.decode(output_ids)
    copied = []
    words = word_indices(source_tokens, sentence)
    source_known = [token in source_vocabulary for token in source_tokens]
    attention = copy_attention(maps.cross)  # (T, S)
    for row, token_id in enumerate(output_ids):
        if token_id == UNK_ID:
            source_index = copy_source_index(attention[row], words, source_known)
            translation_tokens[row] = source_tokens[source_index]
            copied.append((row, source_index))
    probabilities = torch.softmax(logits[0], dim=-1)  # (T, V)
    written = torch.tensor([*output_ids, EOS_ID])
    return Translation(
        source=sentence,
        source_tokens=source_tokens,
        source_known=source_known,
        target_tokens=target_vocabulary.decode(target_input[0].tolist()),
        output_tokens=[*translation_tokens, target_vocabulary.tokens[EOS_ID]],
        translation=" ".join(translation_tokens),
        maps=maps,
        next_token_probabilities=probabilities,
        copied=copied,
        token_probabilities=probabilities.gather(1, written[:, None]).squeeze(1).tolist(),
    )


def exact_match(
    model: Transformer,
    pairs,
    source_vocabulary,
    target_vocabulary,
    batch_size: int = 512,
    head_mask: HeadMask | None = None,
) -> float:
    """Share of pairs whose greedy translation equals the reference token for token."""
    if not pairs:
        return 0.0
    was_training = model.training
    model.eval()
    correct = 0
    for start in range(0, len(pairs), batch_size):
        chunk = pairs[start : start + batch_size]
        source = pad_batch([source_vocabulary.encode(pair.korean_tokens) for pair in chunk])
        outputs = greedy_decode(model, source, head_mask=head_mask)
        for pair, output in zip(chunk, outputs, strict=True):
            correct += output == target_vocabulary.encode(pair.english_tokens)
    model.train(was_training)
    return correct / len(pairs)


def pad_batch(sequences: list[list[int]]) -> torch.Tensor:
    """(B, longest) tensor, right-padded with <pad>."""
    longest = max(len(sequence) for sequence in sequences)
    return torch.tensor([sequence + [PAD_ID] * (longest - len(sequence)) for sequence in sequences])
