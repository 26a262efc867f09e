"""Events the SCORM player sends to the layers above (it never imports them)."""

from django.dispatch import Signal

# Sent after an attempt's state was saved. Arguments: attempt, finished (the SCO terminated).
attempt_changed = Signal()
