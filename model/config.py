"""The two configurations every checkpoint carries: the model's shape and how it was trained.

Both are plain dataclasses so they round-trip through JSON. `RANGES` bound every
number a user may choose (the Train page's form and the CLIs check them), which also
keeps a hostile checkpoint from asking for a model too large to build.
"""

from dataclasses import dataclass, fields

# float32 weights: 4.5M parameters are 18 MB, under the 20 MB a checkpoint may hold (model/checkpoint.py).
MAX_PARAMETERS = 4_500_000


@dataclass
class ModelConfig:
    source_vocab_size: int = 128  # Korean tokens, specials included
    target_vocab_size: int = 128  # English tokens, specials included
    d_model: int = 64  # width of every token vector
    n_heads: int = 4  # attention heads per layer; d_model must divide by it
    n_encoder_layers: int = 2  # encoder blocks
    n_decoder_layers: int = 2  # decoder blocks
    d_ff: int = 256  # hidden width of the feed-forward sub-layer
    # Dropout on embeddings, attention weights and sub-layer outputs. Off by default: the
    # generated corpus is large for a model this small, training without it reaches the
    # target in fewer steps, and attention without dropout runs on a fused kernel.
    dropout: float = 0.0
    max_len: int = 64  # longest sequence the sinusoidal table covers

    RANGES = {
        "source_vocab_size": (5, 20_000),
        "target_vocab_size": (5, 20_000),
        "d_model": (8, 256),
        "n_heads": (1, 8),
        "n_encoder_layers": (1, 4),
        "n_decoder_layers": (1, 4),
        "d_ff": (8, 1024),
        "dropout": (0.0, 0.5),
        "max_len": (8, 256),
    }

    @property
    def d_head(self) -> int:
        return self.d_model // self.n_heads

    def parameter_count(self) -> int:
        """Weights and biases of the model this configuration builds (model/transformer.py)."""
        d, ff = self.d_model, self.d_ff
        attention = 4 * (d * d + d)  # W_q, W_k, W_v, W_o with biases
        feed_forward = d * ff + ff + ff * d + d
        norm = 2 * d
        encoder_layer = attention + feed_forward + 2 * norm
        decoder_layer = 2 * attention + feed_forward + 3 * norm
        embeddings = (self.source_vocab_size + self.target_vocab_size) * d
        output = d * self.target_vocab_size + self.target_vocab_size
        return (
            embeddings
            + self.n_encoder_layers * encoder_layer
            + self.n_decoder_layers * decoder_layer
            + 2 * norm  # the encoder's and the decoder's final LayerNorm
            + output
        )

    def problems(self) -> list[str]:
        """Why this configuration cannot be built; empty when it can."""
        found = out_of_range(self)
        if not found and self.d_model % self.n_heads != 0:
            found.append(f"d_model ({self.d_model}) must be divisible by n_heads ({self.n_heads})")
        if not found and self.parameter_count() > MAX_PARAMETERS:
            found.append(
                f"parameters: the model would have {self.parameter_count():,}; at most {MAX_PARAMETERS:,} fit in a "
                "checkpoint the app can load (make d_model, d_ff or the layers smaller)"
            )
        return found


@dataclass
class TrainConfig:
    # The cosine schedule spans `steps`; on the generated corpus (issue 10's grammar, about
    # 17,000 pairs) validation usually reaches 100 % after 350-500 steps of 96 pairs.
    steps: int = 700  # optimisation steps at most (training may stop earlier, see target_exact_match)
    batch_size: int = 96  # sentence pairs per step
    # Peak of the warmup-then-cosine schedule. 8e-3 reached the target in fewer steps than 5e-3
    # (seeds 0-5 on one thread: 475 steps or fewer for five of six, against 475-625 for three of
    # three); 1e-2 overshot (550-700).
    learning_rate: float = 8e-3
    warmup_steps: int = 50  # steps of linear warmup from zero
    label_smoothing: float = 0.0  # share of probability spread over wrong tokens in the loss
    seed: int = 0  # initial weights, batch order and dropout
    corpus_seed: int = 0  # which generated corpus to train on
    # One thread: the shipped checkpoint is rebuilt the same on any machine, however many cores
    # it has or however busy they are (two threads gain little on a model this small).
    threads: int = 1  # torch CPU threads while training
    eval_every: int = 25  # steps between validation loss / exact-match checks (one teacher-forced pass)
    snapshot_every: int = 50  # steps between attention snapshots of the probe sentence
    target_exact_match: float = 1.0  # stop once validation exact match reaches this
    probe_sentence: str = "나는 학생이다"  # the sentence whose attention is recorded during training
    unknown_word_share: float = 0.1  # share of source nouns hidden as <unk> (with their English words) per batch
    unknown_word_insertion: float = 0.1  # share of training sentences given an extra <unk> word that adds no English

    RANGES = {
        "steps": (1, 20_000),
        "batch_size": (1, 512),
        "learning_rate": (1e-5, 1e-1),
        "warmup_steps": (0, 5_000),
        "label_smoothing": (0.0, 0.5),
        "seed": (0, 2**31 - 1),
        "corpus_seed": (0, 2**31 - 1),
        "threads": (1, 64),
        "eval_every": (1, 20_000),
        "snapshot_every": (1, 20_000),
        "target_exact_match": (0.0, 1.0),
        "unknown_word_share": (0.0, 0.5),
        "unknown_word_insertion": (0.0, 0.5),
    }

    def problems(self) -> list[str]:
        return out_of_range(self)


def out_of_range(config) -> list[str]:
    """A message for every numeric field of `config` of the wrong type or outside its range."""
    found = []
    for field in fields(config):
        if field.name not in config.RANGES:
            continue
        value = getattr(config, field.name)
        low, high = config.RANGES[field.name]
        expected = float if isinstance(low, float) else int
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (expected is int and not isinstance(value, int))
        ):
            found.append(f"{field.name} must be {'a number' if expected is float else 'a whole number'}")
        elif not low <= value <= high:
            found.append(f"{field.name} must be between {low} and {high} (got {value})")
    return found
