"""Events the SCORM player sends to the layers above (it never imports them)."""

from django.dispatch import Signal

# Sent after an attempt's state was saved. Arguments: attempt, finished (the SCO terminated).
attempt_changed = Signal()

# Sent after a navigation request changed a learner's rolled-up status of a package version
# (SCORM 2004 sequencing). Arguments: learner, version.
package_status_changed = Signal()
