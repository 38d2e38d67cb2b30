"""``python -m scaling_helpers.slides``: see :mod:`scaling_helpers.course.slides`."""

import sys

from .course.slides import main

if __name__ == "__main__":
    sys.exit(main())
