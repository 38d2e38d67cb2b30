"""``python -m scaling_helpers.grade``: see :mod:`scaling_helpers.course.grade`."""

import sys

from .course.grade import main

if __name__ == "__main__":
    sys.exit(main())
