"""Notebook 01 — Delphi weight derivation: ratings readers, panel statistics, weights,
the next-round questionnaire, the published-table check, narrative and figures.
"""
