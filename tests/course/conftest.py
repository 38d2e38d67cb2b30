"""Fixtures of the course-machinery tests."""

from .writtenkit import written_item  # noqa: F401 - the fixture adding a written item to chapter 1
