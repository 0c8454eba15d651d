"""Notebook 03 — micro-course effectiveness on Kirkpatrick levels 1–4: readers, level
analyses, verdicts, narrative and figures.
"""
