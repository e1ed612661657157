"""Subject packs: loading and checking them, preparing subject templates, observables, the « Sujet » page.

Entry points: ``pack.load_subject`` / ``pack.check_subject``, ``prepare.prepare_subject``,
``observables.observe_line`` / ``observables.observe_all``, ``grouping.question_for_event``,
``store.read_subject`` / ``store.read_sheet``.
"""
