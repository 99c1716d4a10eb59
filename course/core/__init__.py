"""What every part of the course stands on: messages in two languages, where the data is,
the course's errors, Chinese numerals and reading a checked data table.

Modules: :mod:`~course.core.i18n` (``set_language``, ``t``), :mod:`~course.core.resources`,
:mod:`~course.core.errors`, :mod:`~course.core.cnnum`, :mod:`~course.core.tables`.
"""
