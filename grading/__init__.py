"""Exam sessions, the examiner console, grids, marks, evidence and exports (imports sandbox)."""
