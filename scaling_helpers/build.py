"""``python -m scaling_helpers.build``: see :mod:`scaling_helpers.course.build`."""

import sys

from .course.build import main

if __name__ == "__main__":
    sys.exit(main())
