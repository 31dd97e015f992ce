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

A link comes from anyone, so every value is checked: a missing one takes its default
silently; a malformed, out-of-range or repeated one takes its default with a message.
Messages name the parameter and the valid range, never echo the value (it may be a
2,000-character string or a script tag). Unknown parameters (utm_source, ...) are ignored.
"""

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from model.decoding import MAX_SENTENCE_CHARACTERS

LANGUAGES = ("ko", "en")
INDEX_PARAMETERS = ("layer", "head", "token", "step")
PARAMETERS = ("lang", "sentence", *INDEX_PARAMETERS, "tab")
MAX_INDEX_DIGITS = 4  # no model here has 10,000 layers; longer digit strings are refused unparsed
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


@dataclass(frozen=True)
class LinkMessage:
    """Why part of a link was not followed: a key of ui/texts.py and its fields (numbers, or the
    name of one of PARAMETERS: never text from the link)."""

    text_key: str
    fields: dict[str, int | str] = field(default_factory=dict)


def default_view(sizes: ViewSizes) -> View:
    return View(
        language=None,
        sentence=None,
        layer=0,
        head=0,
        token=min(max(sizes.default_token, 0), sizes.tokens - 1),
        step=0 if sizes.steps > 0 else None,
        tab=sizes.tabs[0] if sizes.tabs else None,
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


def parse_view(raw: Mapping, sizes: ViewSizes) -> tuple[View, list[LinkMessage]]:
    """The view a link asks for, checked against `sizes`, and what was refused.

    `raw` maps a parameter name to its value or its list of values (a repeated key).
    Never raises for any mapping of strings; every index of the view is in range.
    """
    messages: list[LinkMessage] = []
    view = default_view(sizes)

    language = _single(raw, "lang", messages)
    if language is not None and language not in LANGUAGES:
        messages.append(LinkMessage("links.bad_lang"))
        language = None

    sentence = _single(raw, "sentence", messages)
    if sentence is not None and not _usable_sentence(sentence):
        messages.append(LinkMessage("links.bad_sentence", {"max_characters": MAX_SENTENCE_CHARACTERS}))
        sentence = None

    counts = {"layer": sizes.layers, "head": sizes.heads, "token": sizes.tokens, "step": sizes.steps}
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
    if sizes.tabs:  # a page without tabs ignores the parameter
        tab = _single(raw, "tab", messages)
        if tab is not None and tab not in sizes.tabs:
            messages.append(LinkMessage("links.bad_tab"))
        chosen_tab = tab if tab in sizes.tabs else sizes.tabs[0]

    parsed = View(language, sentence, indices["layer"], indices["head"], indices["token"], indices["step"], chosen_tab)
    return parsed, messages


def link_params(view: View) -> dict[str, str]:
    """The query parameters of `view`, in a fixed order (what `parse_view` reads back)."""
    params = {}
    if view.language is not None:
        params["lang"] = view.language
    if view.sentence is not None:
        params["sentence"] = view.sentence
    params.update(layer=str(view.layer), head=str(view.head), token=str(view.token))
    if view.step is not None:
        params["step"] = str(view.step)
    if view.tab is not None:
        params["tab"] = view.tab
    return params
