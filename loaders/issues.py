"""One record per problem found in a spreadsheet (house style: file, sheet, row, column,
value, code, message, hint), rendered in French or English from one message catalogue."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from loaders.messages import render

MAX_ISSUES = 1000  # per severity; the rest are counted (frictionless DEFAULT_LIMIT_ERRORS)


@dataclass
class Issue:
    file: str
    sheet: str | None
    row: int | None  # the row number Excel shows (1-based, header counted)
    column: str | None  # header as written + letter, e.g. « Statut (E) »
    value: str | None
    code: str  # kebab-case machine code
    message: str
    hint: str
    severity: str = "error"  # error|warning
    params: dict = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("params", None)
        return d

    def rendered(self, lang: str) -> Issue:
        """The same issue with message and hint in ``lang``."""
        msg, hint = render(self.code, lang, self._context())
        return Issue(self.file, self.sheet, self.row, self.column, self.value, self.code, msg, hint,
                     self.severity, self.params)

    def _context(self) -> dict:
        return {"file": self.file, "sheet": self.sheet or "", "row": self.row or "",
                "column": self.column or "", "value": self.value if self.value is not None else "",
                **self.params}


class Collector:
    """Collects issues, keeping at most MAX_ISSUES of each severity and counting the rest."""

    def __init__(self, file: str, lang: str = "fr"):
        self.file = file
        self.lang = lang
        self.errors: list[Issue] = []
        self.warnings: list[Issue] = []
        self.dropped = {"error": 0, "warning": 0}

    def add(self, code: str, *, severity: str = "error", sheet=None, row=None, column=None, value=None,
            **params) -> None:
        bucket = self.errors if severity == "error" else self.warnings
        if len(bucket) >= MAX_ISSUES:
            self.dropped[severity] += 1
            return
        if value is not None and not isinstance(value, str):
            value = str(value)
        if value is not None and len(value) > 200:
            value = value[:197] + "…"
        issue = Issue(self.file, sheet, row, column, value, code, "", "", severity, params)
        issue.message, issue.hint = render(code, self.lang, issue._context())
        bucket.append(issue)

    def error(self, code: str, **kw) -> None:
        self.add(code, severity="error", **kw)

    def warn(self, code: str, **kw) -> None:
        self.add(code, severity="warning", **kw)

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.dropped["error"]

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + self.dropped["warning"]
