"""``python -m course …`` runs the ``course`` command (:mod:`course.cli`)."""
from .cli import main

raise SystemExit(main())
