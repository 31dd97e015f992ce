"""What the command-line tools share: one way to fail.

Every error of `python -m model.translate` and `python -m model.train` is one line
on stderr starting with "error:", and exit code 2: bad options, bad files, bad
sentences alike. argparse's own errors (an unknown option, `--steps abc`) print the
usage block and then the error, two or more lines; `ArgumentParser` here prints the
error alone and points to --help.
"""

import argparse
import sys
from typing import NoReturn

EXIT_USAGE = 2


def fail(message: str) -> int:
    """Print `message` as the one error line and return the exit code (`return fail(...)`)."""
    # A message may quote user text (a path, a sentence): keep it on one line.
    print(f"error: {' '.join(str(message).split())}", file=sys.stderr)
    return EXIT_USAGE


class ArgumentParser(argparse.ArgumentParser):
    """argparse with errors on one line: `error: <what is wrong> (see <prog> --help)`."""

    def error(self, message: str) -> NoReturn:
        fail(f"{message} (see {self.prog} --help)")
        sys.exit(EXIT_USAGE)
