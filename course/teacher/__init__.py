"""The teacher's side: a student copy and an answer key, an nbgrader assignment, grading a class.

Used through the ``course`` command (:mod:`course.cli`): ``course release``, ``course key``,
``course nbgrader``, ``course grade``. Nothing here is loaded into a learner's kernel, nor
into the process that runs a submission.
"""
