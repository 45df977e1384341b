"""`python -m upward` runs the command line, as `upward` does (same name in its messages)."""

from upward.cli import main

if __name__ == "__main__":
    main()
