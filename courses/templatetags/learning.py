"""Template tags of the learner pages: the signed-in learner's state in modules and courses.

The page models stay data only; these tags read the selectors for the page being shown.
"""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from scorm_player.access import can_play

from ..models import Enrolment
from ..selectors import COMPLETED, FAILED, IN_PROGRESS, NOT_STARTED, PASSED, module_state, module_states
from ..views import catalog_for, course_states_for, module_pages_with_versions

register = template.Library()

@register.filter
def status_label(state):
    labels = {
        NOT_STARTED: _("Not started"), IN_PROGRESS: _("In progress"), COMPLETED: _("Completed"),
        PASSED: _("Passed"), FAILED: _("Not passed yet"),
    }
    return labels.get(state.status, "")


@register.filter
def percent(score_scaled):
    return "" if score_scaled is None else f"{round(score_scaled * 100)}%"


@register.filter
def minutes(seconds):
    """Whole minutes, at least 1 once any time was spent."""
    if not seconds:
        return 0
    return max(1, round(seconds / 60))


@register.simple_tag(takes_context=True)
def catalog(context, home):
    return catalog_for(user=context["request"].user, home=home)


@register.simple_tag(takes_context=True)
def theme_modules(context, theme):
    modules = list(module_pages_with_versions().child_of(theme))
    states = module_states(learner=context["request"].user, modules=modules)
    return [(module, states[module.pk]) for module in modules]


@register.simple_tag(takes_context=True)
def learner_module_state(context, module):
    return module_state(learner=context["request"].user, module=module)


@register.simple_tag(takes_context=True)
def learner_course_state(context, course):
    return course_states_for(user=context["request"].user, courses=[course])[course.pk]


@register.simple_tag(takes_context=True)
def learner_enrolment(context, course):
    user = context["request"].user
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(learner=user, course=course).first()


@register.simple_tag(takes_context=True)
def module_action(context, module, state):
    """The module's main button: Start, Resume, Try again or Review (browse mode: looking
    again never changes the learner's result), or sign in first. None when nothing can be
    played yet; `allowed` is False when the module is only for enrolled learners."""
    request = context["request"]
    version = module.version
    if version is None:
        return None
    # The player's "←" comes back to this page.
    back = urlencode({"back": request.get_full_path()})
    player_url = reverse("scorm_player:player", args=[version.pk]) + "?" + back
    if not request.user.is_authenticated:
        sign_in = reverse("accounts:sign_in") + "?" + urlencode({"next": request.get_full_path()})
        return {"label": _("Sign in to start"), "url": sign_in, "allowed": True}
    if not can_play(request.user, version):
        return {"allowed": False}
    if state.status == FAILED:
        return {"label": _("Try again"), "url": player_url, "allowed": True}
    if state.completed:
        return {
            "label": _("Review"), "url": player_url + "&mode=browse", "allowed": True,
            "secondary_label": _("Study again"), "secondary_url": player_url,
        }
    if state.started:
        return {"label": _("Resume"), "url": player_url, "allowed": True}
    return {"label": _("Start"), "url": player_url, "allowed": True}
