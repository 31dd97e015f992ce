"""Process-wide torch settings for serving the model (the app calls these once, at start-up)."""

import torch


def use_threads(count: int) -> None:
    """Run torch's CPU kernels on `count` threads (process-wide; training runs set their own)."""
    torch.set_num_threads(count)
