"""Encoder self-attention: every layer x head, one head large, one token's row in every
head as bars and as lines (ui/attention_page.py, shared with the decoder's page)."""

from model.attention import AttentionKind
from ui.attention_page import attention_page

attention_page(AttentionKind.ENCODER_SELF)
