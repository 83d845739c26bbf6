"""Errors the importer raises for input it cannot read."""


class InputError(ValueError):
    """The input is not a readable packet: names the problem and, where known, the place."""

    def __init__(self, problem: str, *, source: str = "", line: int | None = None, page: int | None = None):
        self.problem = problem
        self.source = source
        self.line = line
        self.page = page
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.source or "input"
        if self.page is not None:
            where += f", page {self.page}"
        if self.line is not None:
            where += f", line {self.line}"
        return f"{where}: {self.problem}"
