"""SCORM 2004 sequencing and navigation (IMS Simple Sequencing as profiled by the
SCORM 2004 SN book), server side, in plain Python (no Django).

The activity tree is `PackageVersion.activity_tree` (the manifest's default
organization, with the `scorm_player.sequencing` dataclasses as dicts). The tracking
state is a JSON-able dict the caller stores per learner; global objectives are a dict
{objective id: {"satisfied": bool | None, "measure": float | None}}. What a SCO's
current attempt reported comes in as `LeafRuntime`s, so the server recomputes every
rollup from what it validated itself instead of trusting the browser's sequencer.

    engine = Sequencer(tree, state, global_objectives, runtime)
    outcome = engine.navigate("continue")     # mutates state; callers work on a copy
    engine.root_status()

Simplifications, on purpose: no time limits or randomization/selection; rule and
rollup conditions use the three-valued logic of SN 4th edition (unknown stays unknown).
"""

from copy import deepcopy
from dataclasses import asdict, dataclass, field

from .sequencing import Sequencing

NAVIGATION_REQUESTS = (
    "start", "resumeAll", "continue", "previous", "choice", "jump", "exit", "exitAll",
    "suspendAll", "abandon", "abandonAll",
)
_DEFAULT_SEQUENCING = asdict(Sequencing())
PRIMARY = "__primary__"  # state key of a primary objective the manifest gave no id


class SequencingError(Exception):
    """A navigation request the sequencer refuses; `code` is the SN exception code."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclass
class LeafRuntime:
    """What a SCO's current attempt reported (statuses as the server computed them)."""

    completion_status: str = "unknown"
    success_status: str = "unknown"
    score_scaled: float | None = None
    objectives: dict = field(default_factory=dict)  # id -> {"success_status", "completion_status", "score_scaled"}


@dataclass
class Outcome:
    deliver: str | None = None  # identifier of the leaf to launch
    fresh: bool = False  # a new attempt on the leaf: its runtime data starts ab-initio
    ended: bool = False  # the sequencing session is over (exitAll, suspendAll, end of tree)
    request: str = ""


def _merged(default, given):
    if not isinstance(given, dict):
        return deepcopy(default)
    merged = {}
    for key, value in default.items():
        if key in given and isinstance(value, dict) and isinstance(given[key], dict):
            merged[key] = _merged(value, given[key])
        elif key in given and given[key] is not None:
            merged[key] = given[key]
        else:
            merged[key] = deepcopy(value)
    return merged


class Activity:
    def __init__(self, data, parent=None):
        self.id = data.get("identifier") or ""
        self.title = data.get("title") or self.id
        self.parent = parent
        self.is_visible = data.get("is_visible", True) is not False
        self.hide_lms_ui = list(data.get("hide_lms_ui") or [])
        self.seq = _merged(_DEFAULT_SEQUENCING, data.get("sequencing"))
        self.children = [Activity(child, self) for child in data.get("children") or []]
        self.is_leaf = not self.children
        # An item with neither a resource nor children cannot be delivered; flow passes it by.
        self.launchable = not self.is_leaf or bool(data.get("launch")) or parent is None
        objectives = self.seq["objectives"]
        primary = objectives.get("primary") or {"objective_id": None}
        self.primary = dict(primary, key=primary.get("objective_id") or PRIMARY)
        self.others = [dict(o, key=o.get("objective_id") or "") for o in objectives.get("others") or []]

    @property
    def control(self):
        return self.seq["control_mode"]

    @property
    def tracked(self):
        return self.seq["delivery_controls"]["tracked"]

    def objective(self, objective_id=None):
        if objective_id is None or objective_id == self.primary.get("objective_id"):
            return self.primary
        return next((o for o in self.others if o["key"] == objective_id), None)

    def path(self):
        """From the root down to this activity."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _tri_not(value):
    return None if value is None else not value


def _combine(values, combination):
    if combination == "all":
        if any(v is False for v in values):
            return False
        return True if all(v is True for v in values) else None
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else None


def new_activity_state():
    return {
        "attempts": 0, "active": False, "suspended": False, "skipped": False,
        "progress": None, "objectives": {}, "cmi_attempt": None, "fresh": False,
        "auto_completed": False, "auto_satisfied": False,
    }


class Sequencer:
    def __init__(self, tree, state, global_objectives, runtime):
        self.root = Activity(tree)
        self.activities = {a.id: a for a in self.root.walk()}
        self.state = state
        state.setdefault("activities", {})
        state.setdefault("current", None)
        state.setdefault("suspended_activity", None)
        self.globals = global_objectives
        self.runtime = runtime  # leaf id -> LeafRuntime of its current attempt

    # --- tracking data

    def st(self, activity):
        data = self.state["activities"].get(activity.id)
        if data is None:
            data = self.state["activities"][activity.id] = new_activity_state()
        return data

    @property
    def current(self):
        return self.activities.get(self.state["current"]) if self.state["current"] else None

    def leaves(self):
        return [a for a in self.root.walk() if a.is_leaf and a is not self.root]

    def objective_status(self, activity, objective_id=None):
        """(satisfied, measure) of an objective, global values read through its map info."""
        objective = activity.objective(objective_id)
        if objective is None:
            return None, None
        local = self.st(activity)["objectives"].get(objective["key"], {})
        satisfied, measure = local.get("satisfied"), local.get("measure")
        for mapping in objective.get("map_info") or []:
            shared = self.globals.get(mapping["target_objective_id"]) or {}
            if mapping.get("read_satisfied_status", True) and shared.get("satisfied") is not None:
                satisfied = shared["satisfied"]
            if mapping.get("read_normalized_measure", True) and shared.get("measure") is not None:
                measure = shared["measure"]
        if objective.get("satisfied_by_measure") and measure is not None:
            satisfied = measure >= float(objective.get("min_normalized_measure", 1.0))
        return satisfied, measure

    def progress(self, activity):
        return self.st(activity)["progress"]

    def _write_globals(self, activity):
        for objective in [activity.primary, *activity.others]:
            local = self.st(activity)["objectives"].get(objective["key"], {})
            for mapping in objective.get("map_info") or []:
                target = mapping["target_objective_id"]
                if mapping.get("write_satisfied_status") and local.get("satisfied") is not None:
                    self.globals.setdefault(target, {})["satisfied"] = local["satisfied"]
                if mapping.get("write_normalized_measure") and local.get("measure") is not None:
                    self.globals.setdefault(target, {})["measure"] = local["measure"]

    def _transfer(self, leaf):
        """RTE -> SN: the leaf's tracking from its current attempt's runtime data."""
        data = self.st(leaf)
        runtime = None if data["fresh"] else self.runtime.get(leaf.id)
        progress = {"completed": True, "incomplete": False}.get(runtime.completion_status) if runtime else None
        if progress is None and data["auto_completed"]:
            progress = True
        data["progress"] = progress
        satisfied = {"passed": True, "failed": False}.get(runtime.success_status) if runtime else None
        if satisfied is None and data["auto_satisfied"]:
            satisfied = True
        objectives = {leaf.primary["key"]: {"satisfied": satisfied, "measure": runtime.score_scaled if runtime else None}}
        for objective in leaf.others:
            reported = (runtime.objectives.get(objective["key"]) if runtime else None) or {}
            objectives[objective["key"]] = {
                "satisfied": {"passed": True, "failed": False}.get(reported.get("success_status")),
                "measure": reported.get("score_scaled"),
            }
        data["objectives"] = objectives

    # --- rollup (SN RB.1)

    def _contributes(self, child, action):
        if not child.tracked:
            return False
        rollup = child.seq["rollup_rules"]
        considerations = child.seq["rollup_considerations"]
        if action in ("satisfied", "notSatisfied"):
            if not rollup["rollup_objective_satisfied"]:
                return False
            requirement = considerations["required_for_satisfied" if action == "satisfied" else "required_for_not_satisfied"]
        else:
            if not rollup["rollup_progress_completion"]:
                return False
            requirement = considerations["required_for_completed" if action == "completed" else "required_for_incomplete"]
        data = self.st(child)
        if requirement == "ifAttempted":
            return data["attempts"] > 0
        if requirement == "ifNotSkipped":
            return not data["skipped"]
        if requirement == "ifNotSuspended":
            return not (data["attempts"] > 0 and data["suspended"])
        return True

    def _condition(self, activity, condition, referenced_objective=None, threshold=None):
        satisfied, measure = self.objective_status(activity, referenced_objective)
        data = self.st(activity)
        limit = activity.seq["limit_conditions"]["attempt_limit"]
        if condition == "satisfied":
            return satisfied
        if condition == "objectiveStatusKnown":
            return satisfied is not None
        if condition == "objectiveMeasureKnown":
            return measure is not None
        if condition == "objectiveMeasureGreaterThan":
            return None if measure is None else measure > float(threshold or 0)
        if condition == "objectiveMeasureLessThan":
            return None if measure is None else measure < float(threshold or 0)
        if condition == "completed":
            return data["progress"]
        if condition == "activityProgressKnown":
            return data["progress"] is not None
        if condition == "attempted":
            return data["attempts"] > 0
        if condition == "attemptLimitExceeded":
            return bool(limit) and data["attempts"] >= int(limit)
        if condition == "always":
            return True
        return False  # time limits are not tracked

    def _rollup_rule_fires(self, activity, rule):
        children = [c for c in activity.children if self._contributes(c, rule["action"])]
        if not children:
            return False
        results = []
        for child in children:
            values = []
            for condition in rule["conditions"]:
                value = self._condition(child, condition["condition"])
                values.append(_tri_not(value) if condition.get("operator") == "not" else value)
            results.append(_combine(values, rule.get("condition_combination", "any")))
        wanted = rule.get("child_activity_set", "all")
        hits = sum(1 for r in results if r is True)
        if wanted == "all":
            return hits == len(results)
        if wanted == "any":
            return hits > 0
        if wanted == "none":
            return all(r is False for r in results)
        if wanted == "atLeastCount":
            return hits >= int(rule.get("minimum_count") or 0)
        if wanted == "atLeastPercent":
            return hits / len(results) >= float(rule.get("minimum_percent") or 0)
        return False

    def _rules_for(self, activity, action, default_condition):
        rules = [r for r in activity.seq["rollup_rules"]["rules"] if r["action"] == action]
        # SN 4.6.5: without a rule for an action, "all children <condition>" applies.
        return rules or [{"action": action, "child_activity_set": "all", "conditions": [{"condition": default_condition}]}]

    def _rollup(self, activity):
        data = self.st(activity)
        primary = data["objectives"].setdefault(activity.primary["key"], {"satisfied": None, "measure": None})
        total_weight, weighted, known = 0.0, 0.0, False
        for child in activity.children:
            if not child.tracked:
                continue
            weight = float(child.seq["rollup_rules"]["objective_measure_weight"])
            total_weight += weight
            _satisfied, measure = self.objective_status(child)
            if measure is not None and weight > 0:
                weighted += measure * weight
                known = True
        if known and total_weight > 0:
            primary["measure"] = weighted / total_weight
        if activity.primary.get("satisfied_by_measure") and primary.get("measure") is not None:
            primary["satisfied"] = primary["measure"] >= float(activity.primary.get("min_normalized_measure", 1.0))
        else:
            if any(self._rollup_rule_fires(activity, r) for r in self._rules_for(activity, "notSatisfied", "objectiveStatusKnown")):
                primary["satisfied"] = False
            if any(self._rollup_rule_fires(activity, r) for r in self._rules_for(activity, "satisfied", "satisfied")):
                primary["satisfied"] = True
        if any(self._rollup_rule_fires(activity, r) for r in self._rules_for(activity, "incomplete", "activityProgressKnown")):
            data["progress"] = False
        if any(self._rollup_rule_fires(activity, r) for r in self._rules_for(activity, "completed", "completed")):
            data["progress"] = True

    def sync(self):
        """Transfer every leaf's runtime data, roll the tree up, write global objectives."""
        def visit(activity):
            for child in activity.children:
                visit(child)
            if activity.is_leaf and activity is not self.root:
                self._transfer(activity)
            elif activity.children:
                self._rollup(activity)
            self._write_globals(activity)
        visit(self.root)

    # --- sequencing rules (SN UP.2)

    def _rule_action(self, activity, kind, actions):
        for rule in activity.seq["sequencing_rules"][kind]:
            if rule["action"] not in actions:
                continue
            values = []
            for condition in rule["conditions"]:
                value = self._condition(activity, condition["condition"], condition.get("referenced_objective"), condition.get("measure_threshold"))
                values.append(_tri_not(value) if condition.get("operator") == "not" else value)
            if _combine(values, rule.get("condition_combination", "all")) is True:
                return rule["action"]
        return None

    def is_disabled(self, activity):
        """SN UP.5 Check Activity: disabled by a precondition rule, or its attempt limit reached."""
        if self._rule_action(activity, "pre", ("disabled",)):
            return True
        limit = activity.seq["limit_conditions"]["attempt_limit"]
        data = self.st(activity)
        if data["active"] or data["suspended"]:
            return False  # SN UP.1: limits apply when an attempt would start
        # SN UP.1 Limit Conditions Check: "Activity Progress Status" there means the activity
        # was attempted, not that it reported completion; a retry keeps the attempt count.
        return bool(limit) and data["attempts"] >= int(limit)

    def is_hidden_from_choice(self, activity):
        return any(self._rule_action(a, "pre", ("hiddenFromChoice",)) for a in activity.path() if a is not self.root)

    # --- ending attempts (SN UP.4, TB.2)

    def _end_attempt(self, activity):
        data = self.st(activity)
        if activity.is_leaf and activity is not self.root:
            # Only Suspend All suspends an activity: a SCO's cmi.exit "suspend" followed by
            # any other request ends its attempt (SCORM 2004 4th ed. RTE 4.2.8).
            data["suspended"] = False
            if activity.tracked:
                delivery = activity.seq["delivery_controls"]
                self._transfer(activity)
                if not delivery["completion_set_by_content"] and data["progress"] is None:
                    data["auto_completed"] = True
                if not delivery["objective_set_by_content"] and data["objectives"].get(activity.primary["key"], {}).get("satisfied") is None:
                    data["auto_satisfied"] = True
        else:
            data["suspended"] = any(self.st(c)["suspended"] for c in activity.children)
        data["active"] = False
        self.sync()

    def _exit_all(self):
        node = self.current
        while node is not None:
            if self.st(node)["active"]:
                self._end_attempt(node)
            node = node.parent
        self.state["current"] = None

    def _terminate_descendants_of(self, ancestor):
        node = self.current
        while node is not None and node is not ancestor:
            if self.st(node)["active"]:
                self._end_attempt(node)
            node = node.parent

    def _terminate_exit(self):
        """Exit the current activity; returns a sequencing request the rules put in its place."""
        current = self.current
        if self.st(current)["active"]:
            self._end_attempt(current)
        # SN TB.2.1: an ancestor's exit rule ends the attempts below it.
        for ancestor in current.path()[:-1]:
            if self._rule_action(ancestor, "exit", ("exit",)):
                self._terminate_descendants_of(ancestor)
                self._end_attempt(ancestor)
                self.state["current"] = ancestor.id
                break
        while True:
            current = self.current
            if self.st(current)["suspended"]:
                return None
            action = self._rule_action(current, "post", ("exitParent", "exitAll", "retry", "retryAll", "continue", "previous"))
            if action == "exitParent" and current.parent is not None:
                self.state["current"] = current.parent.id
                self._end_attempt(current.parent)
                continue
            if action == "exitAll":
                return "exitAll"
            if action == "retryAll":
                return "retryAll"
            if action in ("retry", "continue", "previous"):
                return action
            if current is self.root:
                return "exit"
            return None

    # --- traversal (SN SB.2.1 - SB.2.3)

    def _step(self, activity, forward, into_children):
        """The next activity in tree order: (activity, end_of_tree)."""
        if forward:
            if into_children and activity.children:
                return activity.children[0], False
            node = activity
            while node.parent is not None:
                siblings = node.parent.children
                index = siblings.index(node)
                if index + 1 < len(siblings):
                    return siblings[index + 1], False
                node = node.parent
            return None, True
        if into_children and activity.children:
            if activity.control["forward_only"]:
                return activity.children[0], False
            return activity.children[-1], False
        if activity.parent is None:
            raise SequencingError("SB.2.1-3")
        if activity.parent.control["forward_only"]:
            # SN SB.2.1 (backward, not entering a cluster): no walking back inside a forwardOnly
            # parent; also when recursing up from a first child, so Previous cannot cross back
            # over a forwardOnly ancestor.
            raise SequencingError("SB.2.1-4")
        siblings = activity.parent.children
        index = siblings.index(activity)
        if index == 0:
            if activity.parent.parent is None:
                raise SequencingError("SB.2.1-3")  # already at the start of the tree
            return self._step(activity.parent, False, False)
        return siblings[index - 1], False

    def _flow_into(self, candidate, forward):
        """SB.2.2 Flow Activity Traversal from a candidate: a deliverable leaf, or None at the tree's end."""
        while True:
            if candidate is None:
                return None
            if candidate.parent is not None and not candidate.parent.control["flow"]:
                raise SequencingError("SB.2.2-1")
            if self._rule_action(candidate, "pre", ("skip",)) or not candidate.launchable:
                self.st(candidate)["skipped"] = True
                candidate, end = self._step(candidate, forward, False)
                if end:
                    return None
                continue
            if self.is_disabled(candidate):
                raise SequencingError("SB.2.2-2")
            if candidate.is_leaf:
                return candidate
            if not candidate.control["flow"]:
                raise SequencingError("SB.2.2-1")
            if not forward and candidate.control["forward_only"]:
                forward = True
            candidate, _end = self._step(candidate, forward, True)

    # --- the overall sequencing process (SN OP.1)

    def navigate(self, request, target=None):
        if request not in NAVIGATION_REQUESTS:
            raise SequencingError("NB.2.1-7")
        if request == "jump":
            request = "choice"
        current = self.current
        self.sync()
        if request in ("start", "resumeAll"):
            if current is not None and self.st(current)["active"]:
                raise SequencingError("NB.2.1-1")
            if request == "resumeAll":
                suspended = self.activities.get(self.state["suspended_activity"] or "")
                if suspended is None:
                    raise SequencingError("NB.2.1-3")
                return self._deliver(suspended, request)
            self.state["current"] = None
            return self._sequence_start(request)
        if request in ("continue", "previous", "exit", "exitAll", "suspendAll", "abandon", "abandonAll"):
            if current is None:
                raise SequencingError("NB.2.1-2")
        if request == "continue" and (current.parent is None or not current.parent.control["flow"]):
            raise SequencingError("NB.2.1-4")
        if request == "previous":
            parent = current.parent
            if parent is None or not parent.control["flow"] or parent.control["forward_only"]:
                raise SequencingError("NB.2.1-5")
        if request == "choice":
            chosen = self.activities.get(target or "")
            if chosen is None:
                raise SequencingError("NB.2.1-11")
            self._check_choice(chosen)
        if request == "suspendAll":
            for node in current.path():
                self.st(node)["suspended"] = True
                self.st(node)["active"] = False
            self.state["suspended_activity"] = current.id
            self.state["current"] = None
            self.sync()
            return Outcome(ended=True, request=request)
        if request in ("abandon", "abandonAll"):
            if request == "abandonAll":
                for node in current.path():
                    self.st(node)["active"] = False
                self.state["current"] = None
                return Outcome(ended=True, request=request)
            self.st(current)["active"] = False
            return Outcome(request=request)
        if request == "exitAll":
            self._exit_all()
            return Outcome(ended=True, request=request)
        sequencing_request = request
        if current is not None and self.st(current)["active"]:  # a choice may start a session
            replaced = self._terminate_exit()
            if replaced == "exitAll":
                self._exit_all()
                return Outcome(ended=True, request=request)
            if replaced == "retryAll":
                self._exit_all()
                self.state["current"] = self.root.id
                sequencing_request = "retry"
            elif replaced == "exit" and request != "choice":
                self._exit_all()  # the rules exited up to the root: the session ends
                return Outcome(ended=True, request=request)
            elif replaced in ("retry", "continue", "previous"):
                sequencing_request = replaced
        current = self.current
        if sequencing_request == "exit":
            return Outcome(request=request)
        if sequencing_request in ("continue", "previous"):
            forward = sequencing_request == "continue"
            if current.parent is None:
                raise SequencingError("SB.2.7-1" if forward else "SB.2.8-1")
            candidate, end = self._step(current, forward, False)
            leaf = None if end else self._flow_into(candidate, forward)
            if leaf is None:
                if not forward:
                    raise SequencingError("SB.2.1-3")
                self._exit_all()  # past the last activity: the session ends (SN SB.2.7)
                return Outcome(ended=True, request=request)
            return self._deliver(leaf, request)
        if sequencing_request == "retry":
            # A new attempt on the retried activity: its descendants' tracking starts over.
            for node in list(current.walk())[1:]:
                self._reset(node)
            if current.is_leaf:
                self.st(current)["fresh"] = True
                leaf = current
            else:
                self.sync()
                leaf = self._flow_into(self._step(current, True, True)[0], True)
                if leaf is None:
                    raise SequencingError("SB.2.10-3")
            return self._deliver(leaf, request)
        if sequencing_request == "choice":
            chosen = self.activities[target]
            leaf = chosen if chosen.is_leaf else self._flow_into(self._step(chosen, True, True)[0], True)
            if leaf is None:
                raise SequencingError("SB.2.9-8")
            return self._deliver(leaf, request)
        raise SequencingError("NB.2.1-7")

    def _sequence_start(self, request):
        if self.root.is_leaf:
            return self._deliver(self.root, request)
        leaf = self._flow_into(self._step(self.root, True, True)[0], True)
        if leaf is None:
            raise SequencingError("SB.2.5-3")
        return self._deliver(leaf, request)

    def _check_choice(self, chosen):
        """SN SB.2.9 Choice Sequencing Request Process, up to the flow into a chosen cluster."""
        if chosen is self.root and not chosen.is_leaf:
            raise SequencingError("SB.2.9-2")
        if self.is_hidden_from_choice(chosen) or not chosen.launchable:
            raise SequencingError("SB.2.9-3")
        if chosen.parent is not None and not chosen.parent.control["choice"]:
            raise SequencingError("SB.2.9-4")
        current = self.current
        common = self.root
        if current is not None:
            current_path = current.path()
            for node in chosen.path():
                if node in current_path:
                    common = node
        chosen_path = chosen.path()
        below_common = chosen_path[chosen_path.index(common) + 1:] if common in chosen_path else chosen_path[1:]
        for node in below_common:
            if node.parent is not None and not node.parent.control["choice"]:
                raise SequencingError("SB.2.9-4")
        order = list(self.root.walk())
        forward = current is None or order.index(chosen) > order.index(current)
        if current is not None and common.control["forward_only"] and common is not chosen and not forward:
            raise SequencingError("SB.2.9-5")
        constrained = None
        if current is not None:
            for node in reversed(current.path()):  # bottom-up: the activities the choice exits
                if node in chosen_path:
                    break
                if self.st(node)["active"] and not node.control["choice_exit"]:
                    raise SequencingError("SB.2.9-7")
                if constrained is None and node.seq["constrained_choice_considerations"]["constrain_choice"]:
                    constrained = node
        sibling = current is not None and chosen.parent is current.parent
        if constrained is not None and not sibling and chosen is not common:
            # SB.2.9 step 11.5, the target in another branch: leaving a constrainChoice activity,
            # only the activity logically next (previous) to it or its descendants may be chosen.
            consider = self._choice_flow(constrained, order.index(chosen) > order.index(constrained))
            if consider not in chosen_path:
                raise SequencingError("SB.2.9-8")
        if sibling:
            # SB.2.9 step 8 (siblings) with SB.2.4 Choice Activity Traversal: walking forward from
            # the current activity, a stopForwardTraversal rule stops the walk (as ADL's sequencer,
            # the target itself may still be chosen).
            if forward:
                siblings = chosen.parent.children
                for node in siblings[siblings.index(current):siblings.index(chosen)]:
                    if self._rule_action(node, "pre", ("stopForwardTraversal",)):
                        raise SequencingError("SB.2.4-1")
        elif chosen is not common:
            # SB.2.9 steps 9 and 11.6-11.9: from the common ancestor down to the target's parent.
            for node in chosen_path[chosen_path.index(common):-1]:
                if forward and self._rule_action(node, "pre", ("stopForwardTraversal",)):
                    raise SequencingError("SB.2.4-1")
                if node is not common and not self.st(node)["active"] and node.seq["constrained_choice_considerations"]["prevent_activation"]:
                    raise SequencingError("SB.2.9-6")  # preventActivation: a choice may not start its attempt
        for node in chosen_path:
            if self.is_disabled(node):
                raise SequencingError("SB.2.9-6")

    def _choice_flow(self, activity, forward):
        """SN SB.2.9.1 Choice Flow Subprocess (SB.2.9.2 tree traversal, no control modes): the
        activity logically next to (previous to) this one, or itself at the tree's end."""
        node = activity
        while node.parent is not None:
            siblings = node.parent.children
            index = siblings.index(node) + (1 if forward else -1)
            if 0 <= index < len(siblings):
                return siblings[index]
            node = node.parent
        return activity

    def _reset(self, node):
        data = self.st(node)
        attempts = data["attempts"]
        data.clear()
        data.update(new_activity_state(), attempts=attempts, fresh=node.is_leaf)

    def _deliver(self, leaf, request):
        """SN DB.1.1 + DB.2: check the path, start or resume the attempts on it, make the leaf current.

        A fresh leaf (reset by a retry) keeps `fresh` until the caller has launched a new
        runtime attempt for it: until then it has no runtime data."""
        path = leaf.path()
        for node in path:
            if self.is_disabled(node):
                raise SequencingError("DB.1.1-3")
        # SN DB.2 -> UP.3 Terminate Descendent Attempts: the attempts still active on the old
        # path that the new one leaves end now (UP.4 End Attempt, bottom-up), so the next visit
        # to such a cluster is a new attempt.
        if self.current is not None:
            for node in reversed(self.current.path()):
                if node in path:
                    break
                if self.st(node)["active"]:
                    self._end_attempt(node)
        for node in path:
            data = self.st(node)
            if data["active"]:
                continue
            if data["suspended"]:
                data["suspended"] = False
            else:
                data["attempts"] += 1
                if node.is_leaf:
                    data["fresh"] = True  # a new runtime attempt; no data until it is launched
                data["skipped"] = False
                data["auto_completed"] = data["auto_satisfied"] = False
                if not node.is_leaf:
                    data["objectives"] = {}
                    data["progress"] = None
            data["active"] = True
        fresh = self.st(leaf)["fresh"]
        self.state["current"] = leaf.id
        self.state["suspended_activity"] = None
        self.sync()
        return Outcome(deliver=leaf.id, fresh=fresh, request=request)

    # --- what the UI shows

    def root_status(self):
        satisfied, measure = self.objective_status(self.root)
        progress = self.st(self.root)["progress"]
        attempted = any(self.st(a)["attempts"] for a in self.root.walk())
        return {
            "completion_status": "completed" if progress else ("incomplete" if progress is False or attempted else "not attempted"),
            "success_status": {True: "passed", False: "failed"}.get(satisfied, "unknown"),
            "score_scaled": measure,
        }

    def activity_status(self, activity):
        satisfied, measure = self.objective_status(activity)
        progress = self.st(activity)["progress"]
        return {
            "completion_status": {True: "completed", False: "incomplete"}.get(progress, "not attempted" if not self.st(activity)["attempts"] else "incomplete"),
            "success_status": {True: "passed", False: "failed"}.get(satisfied, "unknown"),
            "score_scaled": measure,
        }


def predict(tree, state, global_objectives, runtime, request, target=None):
    """The outcome of a navigation request without changing anything: (Outcome | None, error code | None)."""
    engine = Sequencer(tree, deepcopy(state), deepcopy(global_objectives), runtime)
    try:
        return engine.navigate(request, target), None
    except SequencingError as error:
        return None, error.code


def navigation_validity(tree, state, global_objectives, runtime):
    """adl.nav.request_valid for the current moment: continue, previous and choice per activity."""
    engine = Sequencer(tree, deepcopy(state), deepcopy(global_objectives), runtime)
    engine.sync()
    current = engine.current
    active = current is not None and engine.st(current)["active"]
    validity = {"continue": False, "previous": False, "choice": {}, "suspendAll": active, "exitAll": active, "exit": active}
    if current is not None:
        for request in ("continue", "previous"):
            outcome, error = predict(tree, state, global_objectives, runtime, request)
            validity[request] = error is None and outcome is not None and (outcome.deliver is not None or (request == "continue" and outcome.ended))
    for activity in engine.root.walk():
        if activity is engine.root:
            continue
        try:
            engine._check_choice(activity)
            if not activity.is_leaf:
                probe = Sequencer(tree, deepcopy(engine.state), deepcopy(global_objectives), runtime)
                if probe._flow_into(probe._step(probe.activities[activity.id], True, True)[0], True) is None:
                    raise SequencingError("SB.2.9-8")
            validity["choice"][activity.id] = True
        except SequencingError:
            validity["choice"][activity.id] = False
    return validity
