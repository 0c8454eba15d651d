"""Notebook 02 — consistency checks: AHP surveys, QA rater agreement, questionnaire
reliability and scoring-scheme integrity; readers, narrative and figures.
"""
