"""Exports of an exam session: grid PDFs, the marks CSV, the session archive (zip)."""
