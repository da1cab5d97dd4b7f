"""Stemming from several threads at once (gunicorn threads, the development server) gives the serial answers.

A stemmer keeps the word being stemmed in its instance; one pure-Python snowballstemmer instance shared by threads made
two requests corrupt each other (IndexError inside dutch_porter, seen under load in bench/pages.py), and PyStemmer's
are not thread-safe either.
"""

import threading

from search.text import kraaij_pohlmann_stem, stem

WORDS = [
    "pleeggezinnen",
    "jeugdhulpaanbieders",
    "scholen",
    "huizen",
    "gezinsvoorzieningen",
    "wijkteams",
    "ondersteuningsbehoeften",
    "verblijfsvoorzieningen",
    "ambulante",
    "hulpverleningstrajecten",
] * 40


def test_threads_stemming_at_once_get_the_serial_answers():
    expected = [(stem(w), kraaij_pohlmann_stem(w)) for w in WORDS]
    barrier = threading.Barrier(8)
    outcomes, errors = [], []

    def work():
        barrier.wait()
        try:
            for _ in range(25):
                outcomes.append([(stem(w), kraaij_pohlmann_stem(w)) for w in WORDS])
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(outcome == expected for outcome in outcomes)
