"""python -m service.cli: the `annotate` command."""
import sys

from .main import main

sys.exit(main())
