"""One module per lesson, ``lessonNN.py``, each declaring ``EXERCISES`` (and, where verdicts are asked, ``CLAIMS``)."""
