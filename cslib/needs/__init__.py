"""Notebook 04 — training needs: 360° assessment, gaps, needs ranking, course
recommendations and the training plan.
"""
