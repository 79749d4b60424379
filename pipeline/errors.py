"""Exceptions for "cannot proceed". Data problems are diagnostics, not exceptions."""

from __future__ import annotations

from .diagnostics import Diagnostic


class PipelineError(Exception):
    """The tool cannot do its job (bad option, unreadable configuration): exit code 2."""


class DocumentError(Exception):
    """One input cannot be turned into a document; carries the diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
