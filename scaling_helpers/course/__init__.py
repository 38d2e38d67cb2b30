"""Course machinery: exercise specs, the checker, building student copies, and grading.

Subpackages, one per command (as in otter-grader):

* :mod:`.check`: ``check("1.3")`` in an exercise notebook: compares an answer with the
  key recorded in the solutions and shows a verdict widget plus one plain-text line.
* :mod:`.build`: ``python -m scaling_helpers.build``: executes ``solutions/`` (recording
  answer keys in the stored outputs) and writes the student copies in ``exercises/``.
* :mod:`.grade`: ``python -m scaling_helpers.grade``: grades a submitted notebook (or a folder
  of them) against the solutions with nbval.
* :mod:`.slides`: ``python -m scaling_helpers.slides``: offline reveal.js slides and HTML handouts.
"""
