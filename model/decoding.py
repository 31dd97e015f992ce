"""Greedy decoding: Korean text in, English tokens and every attention map out."""

from dataclasses import dataclass

import torch

from model.korean import has_hangul
from model.tokenizer import BOS_ID, EOS_ID, PAD_ID, PARTICLES, normalize, split_korean
from model.transformer import AttentionMaps, DecoderCache, HeadMask, Transformer

MAX_SENTENCE_CHARACTERS = 200
MAX_SENTENCE_TOKENS = 30
MAX_OUTPUT_TOKENS = 40
# Typed text longer than this is refused before it is normalised (a pasted book costs seconds of CPU);
# invisible characters and spaces that normalising removes fit well within it.
MAX_RAW_CHARACTERS = 5 * MAX_SENTENCE_CHARACTERS


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
    translation: str
    maps: AttentionMaps  # (L, H, Q, K) tensors, no batch axis
    next_token_probabilities: torch.Tensor  # (T, target vocabulary size)

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
    translation_tokens = target_vocabulary.decode(output_ids)
    return Translation(
        source=sentence,
        source_tokens=source_tokens,
        source_known=[token in source_vocabulary for token in source_tokens],
        target_tokens=target_vocabulary.decode(target_input[0].tolist()),
        output_tokens=[*translation_tokens, target_vocabulary.tokens[EOS_ID]],
        translation=" ".join(translation_tokens),
        maps=inspection.maps.for_sentence(0),
        next_token_probabilities=torch.softmax(logits[0], dim=-1),
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
