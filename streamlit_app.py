"""Attention Lab: the shared sidebar and the navigation between pages, nothing else.

Run with `streamlit run streamlit_app.py`. The sidebar is drawn before the pages are
declared because its language picker decides their titles.
"""

from pathlib import Path

import streamlit as st

from ui import loading, sidebar, state, streamlit_internals, training
from ui.state import tr

FAVICON = Path(__file__).parent / "ui" / "favicon.svg"

# The tab's icon is a file of the app's own: a ":material/..." icon makes every browser fetch it
# from fonts.gstatic.com, a call home that fails offline and that a class's school network logs.
st.set_page_config(page_title="Attention Lab", page_icon=FAVICON, layout="wide")

# Torch threads and Arrow's allocator set once; afterwards what the run imported and loaded
# stays for the server's life, out of the garbage collector's way (ui.loading.prepared_process).
with loading.prepared_process():
    streamlit_internals.phone_charts_scroll()
    sidebar.render()
    current_page = st.navigation(
        [
            st.Page(page.path, title=tr(page.title_key), icon=page.icon, url_path=page.url_path, default=index == 0)
            for index, page in enumerate(sidebar.PAGES)
        ]
    )
    # A learner waiting for a training slot who opens another page gives the place up (ui/training.py).
    training.leave_queue_unless_on(current_page.url_path, st.session_state.get(state.TRAIN_RUN))
    current_page.run()
