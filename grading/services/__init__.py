"""Exam-day services: what the admin pages and the examiner console call.

Contract: functions that change something take the data folder, run their own short transaction and
commit it before returning (a typed mark survives a crash the moment the call returns); functions that
read take a Session opened with ``grading.services.store.reading``. Refusals raise
``sandbox.services.ServiceError`` with a French message and the form field concerned.
"""
