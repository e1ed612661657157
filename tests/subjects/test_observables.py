"""Observables turn true when the candidate does the work; they stay fast enough for a live console."""

from __future__ import annotations

import time

from sandbox.subjects.observables import check_types, observe_all, observe_line
from sandbox.subjects.store import read_subject
from tests.subjects.conftest import seat_session
from tests.subjects.tasks import do_subject_a


def test_subject_a_observables_turn_true_when_the_work_is_done(data, prepared):
    prepared("ln-boutique-a")
    with seat_session(data, "poste-a") as db:
        subject = read_subject(db)
        before = observe_all(db, subject)
        assert set(before) == {line.id for line in subject.grid.lines}
        assert all(o.ok is False for obs in before.values() for o in obs), before
        do_subject_a(db, subject.objects["parure"]["id"])
        after = observe_all(db, subject)
    failed = [(line, o.sentence) for line, obs in after.items() for o in obs if o.ok is not True]
    assert failed == []
    sentences = [o.sentence for obs in after.values() for o in obs]
    assert (
        "Produit « Parure Flandre à chevrons » : 4 déclinaisons (Taille), stock total 36 — conforme"
        in sentences
    )
    assert (
        "Produit « Parure Flandre à chevrons » : prix 189,90\xa0€ TTC (158,25\xa0€ HT, "
        "TVA 20\xa0%) — conforme" in sentences
    )
    assert any(
        s.startswith("Commande TRZPLMQAE : état « Livré » depuis le ") and s.endswith("— conforme")
        for s in sentences
    )


def test_observe_line_by_id_and_missing_objects(data, prepared):
    prepared("ln-boutique-c")
    with seat_session(data, "poste-a") as db:
        subject = read_subject(db)
        observations = observe_line(db, subject, "q3-parcours")
    assert [o.sentence for o in observations] == [
        "Client « camille.stagiaire@lin-et-nature.fr » introuvable",
        "Client « camille.stagiaire@lin-et-nature.fr » introuvable",
    ]
    assert all(o.ok is False for o in observations)


def test_observe_all_gives_the_same_answer_at_each_refresh(data, prepared):
    """The console refreshes observables in a fresh transaction each time: the answers must not drift.
    Its speed is measured by tests.benchmarks (no timing assertion here: CI machines are shared)."""
    prepared("ln-boutique-a")
    with seat_session(data, "poste-a") as db:
        subject = read_subject(db)
        do_subject_a(db, subject.objects["parure"]["id"])
        answers, timings = [], []
        for _ in range(5):
            started = time.perf_counter()
            answers.append(repr(observe_all(db, read_subject(db))))
            db.rollback()  # a fresh transaction per refresh, as a console request would see
            timings.append((time.perf_counter() - started) * 1000)
    print(f"observe_all on subject A: best {min(timings):.1f} ms")
    assert len(set(answers)) == 1 and answers[0]


def test_every_check_type_has_a_french_label_and_documented_params():
    for name, spec in check_types().items():
        assert spec.label and spec.func.__doc__, name
        for key, param in spec.params.items():
            assert param.help, (name, key)
