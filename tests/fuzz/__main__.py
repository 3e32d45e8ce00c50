"""`python -m tests.fuzz` (make fuzz): run the fuzz corpus and print the tables."""
import sys

from .runner import main

sys.exit(main())
