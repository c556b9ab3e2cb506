"""Evaluation: held-out articles, defect generators, and scores per stage (`cleaner eval`)."""
