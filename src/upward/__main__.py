"""`python -m upward` runs the command line."""

from upward.cli import main

main()
