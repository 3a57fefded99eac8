"""A lesson notebook as one self-contained, accessible HTML page.

nbconvert's ``lab`` template, with what a page read offline (or by a screen reader)
does not need taken out: the require.js, MathJax, Mermaid and widget scripts it loads
from CDNs, and the "¶" anchor links after each heading. The page's language comes from
the lesson (``codensocial.language``) and its title from the lesson's first heading.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter

DEFAULT_LANGUAGE = "en"
TEMPLATE_NAME = "codensocial-lesson.html.j2"

# WCAG 1.4.3 Contrast (Minimum), axe rule color-contrast. In the lab template:
# - the "In [ ]:" prompt of every cell (none is active in a page) is grey #616161 at half
#   opacity, 2.2:1 on white; at full opacity the same grey has 6.2:1;
# - nine code colours have 2.6-4.4:1 on the code cells' grey (#f5f5f5), e.g. comments #408080
#   4.2:1, numbers #080 4.3:1. Below, the same hues made darker: each 5:1 or more on #f5f5f5.
CONTRAST_CSS = """
:root {
  --jp-cell-prompt-not-active-opacity: 1;
  --jp-mirror-editor-atom-color: #4a4ae8;
  --jp-mirror-editor-bracket-color: #6b6b47;
  --jp-mirror-editor-comment-color: #3b6e6e;
  --jp-mirror-editor-error-color: #d40000;
  --jp-mirror-editor-hr-color: #666666;
  --jp-mirror-editor-meta-color: #8a1fd6;
  --jp-mirror-editor-number-color: #007a00;
  --jp-mirror-editor-operator-color: #8a1fd6;
  --jp-mirror-editor-quote-color: #007a00;
}
"""

# The lab page, minus every script it would fetch from a CDN, plus the contrast fixes.
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<style>""" + CONTRAST_CSS + """</style>{%- endblock html_head_css -%}
"""

# nbconvert gives every <img> without alt this placeholder, which hides the missing
# description (WCAG 1.1.1, axe rule image-alt) from checkers; lesson_html takes it out again.
NBCONVERT_PLACEHOLDER_ALT = ' alt="No description has been provided for this image"'

HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)
MARKUP = re.compile(r"[*_`]|\[(?P<text>[^\]]*)\]\([^)]*\)")


def lesson_html(notebook_path: Path, *, lang: str | None = None) -> str:
    """The notebook at *notebook_path* as a self-contained HTML page.

    *lang* is the page language; by default the lesson's ``codensocial.language``, else "en".
    """
    nb = nbformat.read(notebook_path, as_version=4)
    language = lang or nb.metadata.get("codensocial", {}).get("language") or DEFAULT_LANGUAGE
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({TEMPLATE_NAME: TEMPLATE})],
        template_file=TEMPLATE_NAME,
        language_code=language,
        embed_images=True,  # a lesson's pictures go inside the page: nothing is fetched
        exclude_anchor_links=True,  # "¶" after every heading is noise to a screen reader
    )
    body, _resources = exporter.from_notebook_node(nb, resources={"metadata": {"name": page_title(nb, notebook_path)}})
    return body.replace(NBCONVERT_PLACEHOLDER_ALT, "")


def page_title(nb, notebook_path: Path) -> str:
    """The lesson's first level-1 heading as plain text, else the notebook's file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = HEADING.search(cell.source)
            if found:
                return MARKUP.sub(lambda m: m.group("text") or "", found.group("title")).strip()
    return Path(notebook_path).stem
