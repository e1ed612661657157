"""Exam-day services: what the admin pages and the examiner console call.

Contract: functions that change something take the data folder, run their own short transaction and
commit it before returning (a typed mark survives a crash the moment the call returns); functions that
read take a Session opened with ``grading.services.store.reading``. Refusals raise
``sandbox.services.ServiceError`` with a French message and the form field concerned.

Modules: ``sessions`` (sessions, examiners), ``candidates`` (CSV preview and import), ``subjects``
(prepared subject templates and their grids), ``slots`` (slots, places, ``prepare_slot_seats``),
``access`` (``can_open_slot``, ``slots_for``), ``timers`` (start, pause, resume, end, remaining time,
seat deadline), ``grids`` (levels, notes, appreciation, mark with optimistic concurrency, signing,
audit), ``sheets`` (reading a sheet, mark parsing and formatting), ``evidence`` (archive and read-only
opening), ``marks`` and ``harmonisation`` (rows and statistics for exports and the harmonisation page).
"""
