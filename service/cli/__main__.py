"""python -m service.cli: the `annotate` command."""
import sys

from .main import main

if __name__ == "__main__":  # not when a test imports every module of service/
    sys.exit(main())
