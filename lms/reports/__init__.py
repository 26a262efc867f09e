"""Progress reports in the Wagtail admin: per course × unit counts, drill-down, charts, exports."""
