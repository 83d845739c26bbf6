"""`python -m paragraf …` is the `paragraf` command."""
from paragraf.cli import main

if __name__ == "__main__":
    main(prog_name="paragraf")
