"""Events lms sends to the layers above (certificates listens)."""

from django.dispatch import Signal

# Sent once per learner and course, when the completion is recorded (inside the transaction
# that records it: receivers that start work elsewhere use on_commit / delay_on_commit).
# Arguments: progress (lms.models.CourseProgress, completed_at set).
course_completed = Signal()

# Sent when an admin erases a learner, inside the erasing transaction, before the personal
# fields are blanked. Arguments: learner (lms.models.Learner). Layers above remove or
# anonymise what they keep about the person (certificates, for example).
learner_erased = Signal()
