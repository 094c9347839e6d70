"""Shared code of the Linear Algebra for AI book.

Chapters import from here instead of pasting helpers from page to page:
- ``linalg_ai.plotting``: matplotlib helpers (arrows, grids, consistent style), and ``show_figure``
  (``linalg_ai.figures``): a figure as inline SVG that follows the theme, described by its alt text.
- ``linalg_ai.palette``: the one palette (``palette.json``) of the figures and the playgrounds.
- ``linalg_ai.playgrounds``: interactive playgrounds that also respond in the static book.
"""
