"""Decoder masked self-attention over the model's own translation: the encoder page's views,
plus the causal mask step by step (scores, −∞, softmax zeros); ui/attention_page.py."""

from model.attention import AttentionKind
from ui.attention_page import attention_page

attention_page(AttentionKind.DECODER_SELF)
