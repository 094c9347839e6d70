"""Shared code of the Linear Algebra for AI book.

Chapters import from here instead of pasting helpers from page to page:
- ``linalg_ai.plotting``: matplotlib helpers (arrows, grids, consistent style).
- ``linalg_ai.playgrounds``: interactive playgrounds that also respond in the static book.
"""
