"""``python -m scaling_helpers.fetch_data``: fetch the Chinchilla runs once (see :func:`scaling_helpers.chinchilla.data.main`)."""

import sys

from .chinchilla.data import main

if __name__ == "__main__":
    sys.exit(main())
