"""Links to a view, the Streamlit side: follow a link's query parameters once, keep the URL
in step with the page's controls, and offer the link to copy.

ui/links.py checks a link (pure Python); this module reads and writes `st.query_params`.
A link is *followed* once: when the URL carries parameters this session has neither
followed nor written. Afterwards the controls are the truth and each run writes them back
to the URL, so the address bar always holds a link to what is on the screen.

The language and sentence, which the sidebar owns, are followed first (`follow_shared`,
before the sidebar's widgets; written through ui/state.py); the page's own parameters
after, once the page knows its sizes (`follow_page`, before its widgets).
"""

from collections.abc import Callable, Mapping
from urllib.parse import quote, urlencode

import streamlit as st

from ui import links, loading, state
from ui.state import tr

# Session-state keys of this module.
LINK_SEEN = "link_seen"  # the query parameters (name -> list of values) last followed or written
SHARED_FOLLOWED = "link_shared_followed"  # the parameters whose language and sentence were followed
REFUSED_SENTENCE = "link_refused_sentence"  # SentenceError of the followed link's sentence, or None

# Any sizes do for the language and sentence: they do not depend on them.
_SHARED_ONLY = links.ViewSizes(layers=1, heads=1, tokens=1)


def current_params() -> dict[str, list[str]]:
    """The URL's query parameters, every value of a repeated key kept."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _is_new_link(params: dict[str, list[str]], followed_key: str) -> bool:
    return bool(params) and params != st.session_state.get(LINK_SEEN) and params != st.session_state.get(followed_key)


def follow_shared() -> None:
    """Adopt a new link's language and sentence (ui/state.py writes them). Idempotent: the
    sidebar calls it on every run, and the attention pages too (AppTest runs a page alone)."""
    # First: on a fresh server it may rerun the script (ui.state.init_state), which must not
    # happen between following the link and marking it followed.
    state.init_state()
    params = current_params()
    if not _is_new_link(params, SHARED_FOLLOWED):
        return
    view, _ = links.parse_view(params, _SHARED_ONLY)
    if state.current_model_source() == state.SHIPPED:
        checkpoint, _ = loading.shipped_checkpoint_or_error()
    else:
        checkpoint = state.current_checkpoint()
    st.session_state[REFUSED_SENTENCE] = state.follow_link(view.language, view.sentence, checkpoint)
    st.session_state[SHARED_FOLLOWED] = params


def follow_page(
    sizes: links.ViewSizes | links.KindViewSizes,
    widget_keys: Mapping[str, str],
    tab_label: Callable[[str], str] = str,
) -> None:
    """Follow a new link's page parameters: set the page's widgets before they are drawn, and say
    in the user's language what of the link could not be followed.

    `widget_keys` maps a view field ("layer", "head", "token", "step", "tab"; "kind", "scale",
    "causal", "temperature" with KindViewSizes) to the session-state key of the widget that shows
    it; a field the view leaves None keeps its widget's value. `tab_label` turns a tab id into the
    label `st.tabs` keeps.
    """
    follow_shared()
    params = current_params()
    if not _is_new_link(params, LINK_SEEN):
        return
    st.session_state[LINK_SEEN] = params
    view, messages = links.parse_view(params, sizes)
    for name, key in widget_keys.items():
        value = getattr(view, name)
        if value is not None:
            st.session_state[key] = tab_label(value) if name == "tab" else value
    refused = st.session_state.pop(REFUSED_SENTENCE, None)
    if refused is not None:
        st.warning(f"{tr('links.sentence_refused')} {state.sentence_error_text(refused)}", icon=":material/link_off:")
    for message in messages:
        st.warning(tr(message.text_key, **message.fields), icon=":material/link_off:")


def view_url(view: links.View) -> str:
    """The address of `view`: this page's URL (st.context.url, without its query) and the view's
    parameters, every character outside A-Z a-z 0-9 _.-~ percent-encoded."""
    query = urlencode(links.link_params(view), quote_via=quote)
    return f"{st.context.url or ''}?{query}"


def keep_in_url(view: links.View, box, body_key: str = "links.copy_body") -> None:
    """Write `view` to the URL's query parameters, and show its link to copy in `box` (a container
    drawn where the page wants the control) under the text `body_key` of ui/texts.py."""
    params = links.link_params(view)
    if current_params() != {name: [value] for name, value in params.items()}:
        st.query_params.from_dict(params)
    st.session_state[LINK_SEEN] = current_params()
    with box.popover(tr("links.copy_button"), icon=":material/link:"):
        st.caption(tr(body_key))
        # st.code has a copy button (Streamlit has no clipboard API); wrapped, a phone shows it whole.
        st.code(view_url(view), language=None, wrap_lines=True)


def session_view(
    layer: int, head: int, token: int, step: int | None = None, tab: str | None = None, **kind_and_what_ifs
) -> links.View:
    """The view on screen: the page's controls and the session's language and sentence.
    `kind_and_what_ifs`: View's kind, scale, causal and temperature, on a page that has them."""
    language, sentence = state.current_language(), state.current_sentence()
    return links.View(language, sentence, layer, head, token, step, tab, **kind_and_what_ifs)
