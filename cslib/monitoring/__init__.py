"""Notebook 05 — QA monitoring design: G and D studies of routine QA scores, next month's
differentiated monitoring plan, quarterly inspector rotation and inspector drift.
"""
