"""Links to a view: the URL's query parameters of an attention page, read and written.

Pure Python (no Streamlit): `parse_view` turns the raw query parameters of a link into
a `View` the page can show and the messages that say what was refused; `link_params`
turns a view back into parameters. ui/view_link.py does the Streamlit side.

The parameters (every value a string, as in a URL):
    lang      "ko" | "en"
    sentence  the Korean sentence under study (at most MAX_SENTENCE_CHARACTERS)
    layer     0-based layer of the page's kind of attention
    head      0-based head
    token     0-based position of the focused query token (decoder pages: the decoding step)
    step      0-based decoding step (pages with a step-through)
    tab       the open tab's id, e.g. "steps" (pages with tabs)
    kind      the kind of attention, an AttentionKind value (pages that pick it: Under the hood);
              layer and token are then checked against that kind's sizes
    scale     "on" | "off": the ÷√d_k what-if (pages with what-ifs)
    causal    "on" | "off": the causal mask what-if (what-if pages, decoder self-attention only)
    temperature  the softmax temperature, a decimal on the slider's grid ("1.0", "0.3", "2")

A link comes from anyone, so every value is checked: a missing one takes its default
silently; a malformed, out-of-range or repeated one takes its default with a message.
Messages name the parameter and the valid range, never echo the value (it may be a
2,000-character string or a script tag). Unknown parameters (utm_source, ...) are ignored.
"""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from model.attention import AttentionKind
from model.decoding import MAX_SENTENCE_CHARACTERS

LANGUAGES = ("ko", "en")
INDEX_PARAMETERS = ("layer", "head", "token", "step")
SWITCH_PARAMETERS = ("scale", "causal")
PARAMETERS = ("lang", "sentence", "kind", *INDEX_PARAMETERS, "tab", *SWITCH_PARAMETERS, "temperature")
SWITCH_VALUES = {"on": True, "off": False}
MAX_INDEX_DIGITS = 4  # no model here has 10,000 layers; longer digit strings are refused unparsed
MAX_NUMBER_CHARACTERS = 8  # "10.0", "0.25": a longer number is refused unparsed
# A number in a link: ASCII digits, at most one decimal point between digits. Never "nan", "inf",
# "1e1", "+1", " 1", "1_0" or ".5", though Decimal() and float() read every one of them.
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Characters a sentence from a link may not hold: control, format (zero-width, bidi overrides),
# surrogates (cannot be sent to the browser as UTF-8), private use and unassigned code points.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


@dataclass(frozen=True)
class ViewSizes:
    """What the page can show, so a link's indices can be checked: counts, each at least 1."""

    layers: int
    heads: int
    tokens: int  # query positions of the page's map
    default_token: int = 0  # the position the page focuses when the link names none
    steps: int = 0  # decoding steps of a step-through; 0 when the page has none
    tabs: tuple[str, ...] = ()  # the page's tab ids, the first one the default; () when it has none


@dataclass(frozen=True)
class NumberRange:
    """A slider's values: `low` to `high` in steps of `step` from `low`, and its default.

    Checked in decimal (Decimal(str(0.1)) is exactly 0.1), so "0.3" is on the grid of 0.1."""

    low: float
    high: float
    step: float
    default: float

    def parse(self, text: str | None) -> float | None:
        """The value `text` writes, if it is a plain decimal on this grid; else None."""
        if text is None or not 0 < len(text) <= MAX_NUMBER_CHARACTERS or not _DECIMAL.fullmatch(text):
            return None
        value, low, step = Decimal(text), Decimal(str(self.low)), Decimal(str(self.step))
        if not low <= value <= Decimal(str(self.high)) or (value - low) % step != 0:
            return None
        return float(value)


def number_text(value: float) -> str:
    """A slider's value as a link writes it: 6 significant digits, plenty for a slider's grid, and
    what a float sum such as 0.1 + 0.2 = 0.30000000000000004 is meant to be ("0.3")."""
    return f"{value:g}"


@dataclass(frozen=True)
class KindViewSizes:
    """A page that picks the kind of attention and has the what-if switches (Under the hood).

    `kinds` maps each kind the page offers (the first one the default) to its own sizes: the
    encoder's and the decoder's layer counts may differ, and the query tokens are the source's
    (encoder self-attention) or the decoder input's (the other two). `temperatures` is the
    temperature slider's range."""

    kinds: Mapping[AttentionKind, ViewSizes]
    temperatures: NumberRange


@dataclass(frozen=True)
class View:
    """One attention page's view. `language` and `sentence` are None when the link names none
    (the session keeps its own); `step` and `tab` are None on pages without them."""

    language: str | None
    sentence: str | None
    layer: int
    head: int
    token: int
    step: int | None = None
    tab: str | None = None
    # Pages with a kind picker and the what-ifs (KindViewSizes) only; None elsewhere.
    kind: AttentionKind | None = None
    scale: bool | None = None
    causal: bool | None = None  # also None when the kind has no causal mask
    temperature: float | None = None


@dataclass(frozen=True)
class LinkMessage:
    """Why part of a link was not followed: a key of ui/texts.py and its fields (numbers, the
    name of one of PARAMETERS, or the page's own names such as AttentionKind values: never text
    from the link)."""

    text_key: str
    fields: dict[str, int | str] = field(default_factory=dict)


def default_view(sizes: ViewSizes | KindViewSizes) -> View:
    if isinstance(sizes, KindViewSizes):
        kind, kind_sizes = next(iter(sizes.kinds.items()))
        what_ifs = {
            "kind": kind,
            "scale": True,
            "causal": True if kind.causal else None,
            "temperature": sizes.temperatures.default,
        }
        sizes = kind_sizes
    else:
        what_ifs = {}
    return View(
        language=None,
        sentence=None,
        layer=0,
        head=0,
        token=min(max(sizes.default_token, 0), sizes.tokens - 1),
        step=0 if sizes.steps > 0 else None,
        tab=sizes.tabs[0] if sizes.tabs else None,
        **what_ifs,
    )


def _values(raw: Mapping, name: str) -> list[str]:
    """Every value the link gives `name`: st.query_params gives lists (get_all), a dict may give a str."""
    value = raw.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence):
        return [item if isinstance(item, str) else "" for item in value]
    return [""]


def _single(raw: Mapping, name: str, messages: list[LinkMessage]) -> str | None:
    """The one value of `name`, or None (missing, or repeated: then with a message)."""
    values = _values(raw, name)
    if len(values) > 1:
        messages.append(LinkMessage("links.repeated", {"name": name}))
        return None
    return values[0] if values else None


def _index(text: str | None, count: int) -> int | None:
    """A 0-based index below `count` written in ASCII digits, else None ("٣" and "²" are digits to
    str.isdigit, and int() reads "+1", " 1" and "1_0": none of them is a link's index)."""
    if text is None or not 0 < len(text) <= MAX_INDEX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    index = int(text)
    return index if index < count else None


def _usable_sentence(text: str) -> bool:
    """Not blank, not too long, no refused characters (the model checks the rest: Korean, known words)."""
    if not text.strip() or len(text) > MAX_SENTENCE_CHARACTERS:
        return False
    return not any(unicodedata.category(character) in _REFUSED_CATEGORIES for character in text)


def parse_view(raw: Mapping, sizes: ViewSizes | KindViewSizes) -> tuple[View, list[LinkMessage]]:
    """The view a link asks for, checked against `sizes`, and what was refused.

    `raw` maps a parameter name to its value or its list of values (a repeated key).
    With KindViewSizes the link's kind is read first and its sizes check the indices.
    Never raises for any mapping of strings; every index of the view is in range.
    """
    messages: list[LinkMessage] = []

    language = _single(raw, "lang", messages)
    if language is not None and language not in LANGUAGES:
        messages.append(LinkMessage("links.bad_lang"))
        language = None

    sentence = _single(raw, "sentence", messages)
    if sentence is not None and not _usable_sentence(sentence):
        messages.append(LinkMessage("links.bad_sentence", {"max_characters": MAX_SENTENCE_CHARACTERS}))
        sentence = None

    kind = _kind(raw, sizes, messages)
    page_sizes = sizes.kinds[kind] if kind is not None else sizes
    view = default_view(page_sizes)

    counts = {"layer": page_sizes.layers, "head": page_sizes.heads, "token": page_sizes.tokens}
    counts["step"] = page_sizes.steps
    defaults = {"layer": view.layer, "head": view.head, "token": view.token, "step": view.step}
    indices = {}
    for name in INDEX_PARAMETERS:
        if counts[name] == 0:  # a page without steps: the parameter means nothing here
            indices[name] = None
            continue
        text = _single(raw, name, messages)
        index = _index(text, counts[name])
        if text is not None and index is None:
            messages.append(LinkMessage(f"links.bad_{name}", {"count": counts[name], "last": counts[name] - 1}))
        indices[name] = defaults[name] if index is None else index

    chosen_tab = None
    if page_sizes.tabs:  # a page without tabs ignores the parameter
        tab = _single(raw, "tab", messages)
        if tab is not None and tab not in page_sizes.tabs:
            messages.append(LinkMessage("links.bad_tab"))
        chosen_tab = tab if tab in page_sizes.tabs else page_sizes.tabs[0]

    what_ifs = _what_ifs(raw, sizes, kind, messages) if kind is not None else {}
    parsed = View(
        language,
        sentence,
        indices["layer"],
        indices["head"],
        indices["token"],
        indices["step"],
        chosen_tab,
        kind=kind,
        **what_ifs,
    )
    return parsed, messages


def _kind(raw: Mapping, sizes: ViewSizes | KindViewSizes, messages: list[LinkMessage]) -> AttentionKind | None:
    """The link's kind of attention (the first of `sizes.kinds` when it names none or a bad one);
    None on a page without a kind picker, which ignores the parameter."""
    if not isinstance(sizes, KindViewSizes):
        return None
    offered = list(sizes.kinds)
    text = _single(raw, "kind", messages)
    chosen = next((kind for kind in offered if kind.value == text), None)
    if text is not None and chosen is None:
        names = ", ".join(f"`{kind.value}`" for kind in offered)
        messages.append(LinkMessage("links.bad_kind", {"kinds": names, "default": f"`{offered[0].value}`"}))
    return offered[0] if chosen is None else chosen


def _switch(raw: Mapping, name: str, messages: list[LinkMessage]) -> bool:
    """A what-if switch: "on" or "off"; on (the real computation) when missing or bad."""
    text = _single(raw, name, messages)
    if text is not None and text not in SWITCH_VALUES:
        messages.append(LinkMessage(f"links.bad_{name}"))
    return SWITCH_VALUES.get(text, True)


def _what_ifs(raw: Mapping, sizes: KindViewSizes, kind: AttentionKind, messages: list[LinkMessage]) -> dict:
    """The what-ifs of the link (View's scale, causal and temperature fields), checked."""
    scale = _switch(raw, "scale", messages)
    # Only decoder self-attention has a causal mask: elsewhere the parameter means nothing.
    causal = _switch(raw, "causal", messages) if kind.causal else None
    temperatures = sizes.temperatures
    text = _single(raw, "temperature", messages)
    temperature = temperatures.parse(text)
    if text is not None and temperature is None:
        fields = {name: number_text(getattr(temperatures, name)) for name in ("low", "high", "step", "default")}
        messages.append(LinkMessage("links.bad_temperature", fields))
    temperature = temperatures.default if temperature is None else temperature
    return {"scale": scale, "causal": causal, "temperature": temperature}


def link_params(view: View) -> dict[str, str]:
    """The query parameters of `view`, in a fixed order (what `parse_view` reads back)."""
    params = {}
    if view.language is not None:
        params["lang"] = view.language
    if view.sentence is not None:
        params["sentence"] = view.sentence
    if view.kind is not None:
        params["kind"] = view.kind.value
    params.update(layer=str(view.layer), head=str(view.head), token=str(view.token))
    if view.step is not None:
        params["step"] = str(view.step)
    if view.tab is not None:
        params["tab"] = view.tab
    switches = {"scale": view.scale, "causal": view.causal}
    params.update({name: "on" if value else "off" for name, value in switches.items() if value is not None})
    if view.temperature is not None:
        params["temperature"] = number_text(view.temperature)
    return params
