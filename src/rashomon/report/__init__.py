"""The self-contained HTML report (offline: no script, no CDN, a strict Content-Security-Policy)."""

from rashomon.report.page import render_report

__all__ = ["render_report"]
