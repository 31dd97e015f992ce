"""Training speed, side by side: our transformer against torch.nn.Transformer, then time to target.

    python benchmarks/train_speed.py               # 2 torch threads, 3 seeds
    python benchmarks/train_speed.py --threads 1 --seeds 0 1 2 --steps 60

1. Step time: one optimisation step (forward, backward, AdamW) of our model (fused
   attention path) and of a torch.nn.Transformer of the same sizes (pre-norm,
   same embeddings and output layer), on the same batches, interleaved A/B so that
   machine noise hits both alike. Reports the median of the per-pair ratios.
2. Time to target: the default TrainConfig/ModelConfig trained from scratch for each
   seed (wall-clock seconds of `train()`, from the first step to the returned
   checkpoint, including its final evaluation), and the test-split exact match
   reached. Reports medians, on --threads threads and again on one thread (an app on
   Community Cloud may get less than one CPU).
3. The shipped checkpoint: its size and the median time `load_checkpoint` takes to
   read, validate and build it (after one warm-up load).

Prints a table, then, as its last line, one JSON object with the keys
step_time_ratio_vs_nn_transformer, seconds_to_target, seconds_to_target_1_thread,
test_exact_match, threads, torch_version, checkpoint_mb and checkpoint_load_ms. Run by hand, not in CI: timings
depend on the machine.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint  # noqa: E402
from model.config import ModelConfig, TrainConfig  # noqa: E402
from model.corpus import build_corpus  # noqa: E402
from model.tokenizer import PAD_ID  # noqa: E402
from model.train import build_vocabularies, encode_pairs, train  # noqa: E402
from model.transformer import Embedding, Transformer  # noqa: E402


class ReferenceTransformer(nn.Module):
    """torch.nn.Transformer with the same embeddings, sizes and output layer as ours."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.source_embedding = Embedding(config.source_vocab_size, config)
        self.target_embedding = Embedding(config.target_vocab_size, config)
        self.transformer = nn.Transformer(
            d_model=config.d_model,
            nhead=config.n_heads,
            num_encoder_layers=config.n_encoder_layers,
            num_decoder_layers=config.n_decoder_layers,
            dim_feedforward=config.d_ff,
            dropout=config.dropout,
            batch_first=True,
            norm_first=True,
        )
        self.lm_head = nn.Linear(config.d_model, config.target_vocab_size)

    def forward(self, source, target_input, targets):
        # Boolean like the padding masks (True = may not look): mixing float and bool masks is deprecated.
        length = target_input.shape[1]
        causal = torch.ones(length, length, dtype=torch.bool).triu(1)
        hidden = self.transformer(
            self.source_embedding(source),
            self.target_embedding(target_input),
            tgt_mask=causal,
            src_key_padding_mask=source == PAD_ID,
            tgt_key_padding_mask=target_input == PAD_ID,
            memory_key_padding_mask=source == PAD_ID,
        )
        logits = self.lm_head(hidden)
        return logits, F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=PAD_ID)


def step_seconds(model, optimizer, batch) -> float:
    started = time.perf_counter()
    _, loss = model(*batch)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return time.perf_counter() - started


def compare_step_times(steps: int, batch_size: int) -> dict:
    corpus = build_corpus(0)
    source_vocabulary, target_vocabulary = build_vocabularies(corpus)
    config = ModelConfig(source_vocab_size=len(source_vocabulary), target_vocab_size=len(target_vocabulary))
    torch.manual_seed(0)
    ours, reference = Transformer(config).train(), ReferenceTransformer(config).train()
    optimizers = {id(model): torch.optim.AdamW(model.parameters(), lr=1e-3) for model in (ours, reference)}
    tensors = encode_pairs(corpus.train, source_vocabulary, target_vocabulary)
    generator = torch.Generator().manual_seed(0)
    times = {"ours": [], "nn.Transformer": []}
    for step in range(steps + 5):
        indices = torch.randint(0, len(corpus.train), (batch_size,), generator=generator)
        batch = tuple(tensor[indices] for tensor in tensors)
        # Alternate which model goes first so neither always runs on a warmer cache.
        pair = [("ours", ours), ("nn.Transformer", reference)]
        for name, model in pair if step % 2 == 0 else reversed(pair):
            seconds = step_seconds(model, optimizers[id(model)], batch)
            if step >= 5:  # the first steps warm up allocators and kernels
                times[name].append(seconds)
    ratios = [mine / theirs for mine, theirs in zip(times["ours"], times["nn.Transformer"], strict=True)]
    return {
        "ours_ms": statistics.median(times["ours"]) * 1000,
        "reference_ms": statistics.median(times["nn.Transformer"]) * 1000,
        "ratio": statistics.median(ratios),
        "parameters": (ours.parameter_count(), sum(p.numel() for p in reference.parameters())),
    }


def time_to_target(seeds: list[int], threads: int) -> list[dict]:
    runs = []
    for seed in seeds:
        started = time.perf_counter()
        result = train(TrainConfig(seed=seed, threads=threads))
        seconds = time.perf_counter() - started
        metrics = result.checkpoint.metrics
        runs.append(
            {
                "seed": seed,
                "seconds": seconds,
                "steps": metrics["steps"],
                "test_exact_match": metrics["test_exact_match"],
            }
        )
        print(
            f"  seed {seed}: {seconds:6.1f} s, {metrics['steps']} steps, test exact match {metrics['test_exact_match']:.4f}",
            flush=True,
        )
    return runs


def checkpoint_load_seconds(loads: int = 20) -> float:
    """Median seconds to load the shipped checkpoint (read, validate, build the model)."""
    load_checkpoint(SHIPPED_CHECKPOINT)  # warm-up: file cache and first-call costs
    times = []
    for _ in range(loads):
        started = time.perf_counter()
        load_checkpoint(SHIPPED_CHECKPOINT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads (default: %(default)s)")
    parser.add_argument("--steps", type=int, default=60, help="timed steps per model (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=TrainConfig().batch_size)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="training seeds (default: 0 1 2)")
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    # Import-time work (torch's optimiser modules) must not count against the first run.
    torch.optim.AdamW(nn.Linear(1, 1).parameters())

    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}, {arguments.threads} threads"
    )
    comparison = compare_step_times(arguments.steps, arguments.batch_size)
    print("\nstep time (forward + backward + AdamW), median of interleaved steps")
    print(f"  {'model':<16}{'ms/step':>10}{'parameters':>12}")
    print(f"  {'ours (fused)':<16}{comparison['ours_ms']:>10.2f}{comparison['parameters'][0]:>12}")
    print(f"  {'nn.Transformer':<16}{comparison['reference_ms']:>10.2f}{comparison['parameters'][1]:>12}")
    print(f"  median ratio ours / nn.Transformer: {comparison['ratio']:.3f}")

    print("\ntime to target (default configuration, early stop at 100% validation exact match)")
    runs = time_to_target(arguments.seeds, arguments.threads)
    seconds = statistics.median(run["seconds"] for run in runs)
    exact = statistics.median(run["test_exact_match"] for run in runs)
    print(f"  median: {seconds:.2f} s, test exact match {exact:.4f}")
    if arguments.threads == 1:
        seconds_1_thread = seconds
    else:
        print("\ntime to target on 1 thread")
        runs_1_thread = time_to_target(arguments.seeds, 1)  # train() sets and restores the thread count
        seconds_1_thread = statistics.median(run["seconds"] for run in runs_1_thread)
        print(f"  median: {seconds_1_thread:.2f} s")

    checkpoint_mb = SHIPPED_CHECKPOINT.stat().st_size / 1e6
    load_ms = checkpoint_load_seconds() * 1000
    print(f"\nshipped checkpoint: {checkpoint_mb:.2f} MB, loaded in {load_ms:.1f} ms (median of 20)\n")
    summary = {
        "step_time_ratio_vs_nn_transformer": round(comparison["ratio"], 4),
        "seconds_to_target": round(seconds, 2),
        "seconds_to_target_1_thread": round(seconds_1_thread, 2),
        "test_exact_match": round(exact, 4),
        "threads": arguments.threads,
        "torch_version": torch.__version__,
        "checkpoint_mb": round(checkpoint_mb, 3),
        "checkpoint_load_ms": round(load_ms, 2),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
