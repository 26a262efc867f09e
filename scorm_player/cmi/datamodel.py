"""The data model engine: resolves element names, reads and writes a state dict under
the rules of a version's table.

``DataModel.get`` and ``DataModel.set`` are GetValue and SetValue without the API's
session state machine (api.py adds it). Checks run in the order the standards imply:
the element name, then access (read-only / write-only), then array indexes and
dependencies, then the value's size, type and range.
"""

from . import model_12, model_2004
from .errors import (
    DEPENDENCY,
    EMPTY_ELEMENT_GET,
    EMPTY_ELEMENT_SET,
    FAILURE_CODES_12,
    FAILURE_CODES_2004,
    GET_INDEX,
    INVALID_KEYWORD_SET,
    KEYWORD_SET,
    NO_CHILDREN,
    NO_COUNT,
    NO_VERSION,
    NOT_INITIALIZED,
    READ_ONLY,
    SET_INDEX,
    TOO_LONG,
    TYPE_MISMATCH,
    UNDEFINED,
    UNIMPLEMENTED,
    WRITE_ONLY,
    Problem,
)
from .rules import SCORM_12, SCORM_2004, check_version
from .schema import ARRAY, GROUP, LEAF, TARGETS, iter_leaves
from .schema import READ_ONLY as READ_ONLY_ACCESS
from .schema import WRITE_ONLY as WRITE_ONLY_ACCESS

CHILDREN = "_children"
COUNT = "_count"
VERSION = "_version"
KEYWORDS = frozenset((CHILDREN, COUNT, VERSION))

# Resolved targets of an element name.
TARGET_LEAF = "leaf"
TARGET_COUNT = "count"
TARGET_CONSTANT = "constant"

_PARSE_CACHE_SIZE = 4096


class Resolved:
    """An element name resolved against the table.

    steps: how to walk the state dict to the holder of the value: a tuple of
        (key, index or None, Array node or None) from the state's root.
    final_key: the key of the value in its holder.
    """

    __slots__ = ("target", "node", "steps", "final_key", "constant")

    def __init__(self, target, node, steps, final_key, constant=None):
        self.target = target
        self.node = node
        self.steps = steps
        self.final_key = final_key
        self.constant = constant


class Schema:
    """One version's data model table, its error codes, and a cache of parsed names."""

    def __init__(
        self, version, root, failure_codes, *, reports_uninitialized, suspend_data_default, spm_factor_default
    ):
        self.version = version
        self.root = root
        self.failure_codes = failure_codes
        self.reports_uninitialized = reports_uninitialized
        self.suspend_data_default = suspend_data_default
        self.spm_factor_default = spm_factor_default
        self._parsed = {}

    def parse(self, element):
        """The Resolved target of an element name, or the Problem with it (cached)."""
        parsed = self._parsed.get(element)
        if parsed is None:
            parsed = self._parse(element)
            if len(self._parsed) >= _PARSE_CACHE_SIZE:
                self._parsed.clear()
            self._parsed[element] = parsed
        return parsed

    def _parse(self, element):
        if not element:
            return Problem(EMPTY_ELEMENT_GET, "the element name is empty")
        parts = element.split(".")
        node = self.root
        steps = []
        position = 0
        while position < len(parts):
            part = parts[position]
            is_last = position == len(parts) - 1
            if part in KEYWORDS:
                if not is_last or node is self.root:
                    return _undefined(element)
                return _keyword(node, part, tuple(steps), element)
            if node.kind != GROUP:
                return _undefined(element)
            child = node.children.get(part)
            if child is None:
                return _undefined(element)
            if child.kind == LEAF:
                if is_last:
                    return Resolved(TARGET_LEAF, child, tuple(steps), child.key)
                node = child
            elif child.kind == GROUP:
                steps.append((part, None, None))
                node = child
            elif child.kind == ARRAY:
                if is_last:
                    return _undefined(element)
                following = parts[position + 1]
                if following in KEYWORDS:
                    if position + 1 != len(parts) - 1:
                        return _undefined(element)
                    return _array_keyword(child, following, tuple(steps), element)
                if not (following.isdecimal() and following.isascii()):
                    return _undefined(element)
                # Any index of more digits is past the end as well (int() refuses thousands).
                steps.append((part, int(following) if len(following) <= 9 else 10**9, child))
                node = child.item
                position += 1
            elif child.kind == TARGETS:
                # adl.nav.request_valid.choice.{target=ID}: the ID may contain dots.
                target = ".".join(parts[position + 1 :])
                if not (target.startswith("{target=") and target.endswith("}") and len(target) > 9):
                    return _undefined(element)
                steps.append((part, None, None))
                return Resolved(TARGET_LEAF, child.value_leaf, tuple(steps), target[8:-1])
            else:
                return Problem(UNIMPLEMENTED, f"{element} is not implemented by this LMS")
            position += 1
        return _undefined(element)


def _undefined(element):
    return Problem(UNDEFINED, f"{element} is not an element of the data model")


def _keyword(node, keyword, steps, element):
    name = element[: -len(keyword) - 1]
    if keyword == CHILDREN:
        if node.kind == GROUP and node.children_keyword is not None:
            return Resolved(TARGET_CONSTANT, node, steps, None, node.children_keyword)
        return Problem(NO_CHILDREN, f"{name} does not have children")
    if keyword == COUNT:
        return Problem(NO_COUNT, f"{name} is not an array and has no _count")
    if node.kind == GROUP and node.version_keyword is not None:
        return Resolved(TARGET_CONSTANT, node, steps, None, node.version_keyword)
    return Problem(NO_VERSION, f"{name} has no _version; only cmi._version exists")


def _array_keyword(array, keyword, steps, element):
    name = element[: -len(keyword) - 1]
    if keyword == COUNT:
        return Resolved(TARGET_COUNT, array, steps, array.key)
    if keyword == CHILDREN and array.children_keyword is not None:
        return Resolved(TARGET_CONSTANT, array, steps, None, array.children_keyword)
    if keyword == CHILDREN:
        return Problem(NO_CHILDREN, f"{name} does not have _children")
    return Problem(NO_VERSION, f"{name} has no _version; only cmi._version exists")


SCHEMA_2004 = Schema(
    SCORM_2004,
    model_2004.ROOT,
    FAILURE_CODES_2004,
    reports_uninitialized=True,
    suspend_data_default=2 * model_2004.SUSPEND_DATA_SPM,
    spm_factor_default=2,
)
# SCORM 1.2's sizes are maxima, not SPMs; suspend_data defaults to the 64,000
# characters scorm-again lets a 1.2 SCO store, since content routinely needs more than
# 4,096 and refusing it on the server would lose the learner's place.
SCHEMA_12 = Schema(
    SCORM_12,
    model_12.ROOT,
    FAILURE_CODES_12,
    reports_uninitialized=False,
    suspend_data_default=64000,
    spm_factor_default=1,
)
SCHEMAS = {SCORM_2004: SCHEMA_2004, SCORM_12: SCHEMA_12}


class Limits:
    """The LMS's size limit for each leaf: its SPM times spm_factor, suspend_data apart."""

    def __init__(self, schema, *, max_suspend_data, spm_factor):
        self.spm_factor = spm_factor
        self.max_suspend_data = max_suspend_data
        self.by_leaf = {}
        for leaf in iter_leaves(schema.root):
            if leaf.is_suspend_data:
                self.by_leaf[leaf] = max_suspend_data
            elif leaf.spm is not None:
                self.by_leaf[leaf] = int(leaf.spm * spm_factor)


_limits_cache = {}


def limits_for(version, *, max_suspend_data=None, spm_factor=None):
    """The (cached) Limits of a version with the given overrides."""
    schema = SCHEMAS[check_version(version)]
    if max_suspend_data is None:
        max_suspend_data = schema.suspend_data_default
    if spm_factor is None:
        spm_factor = schema.spm_factor_default
    if max_suspend_data < 0 or spm_factor < 1:
        raise ValueError("max_suspend_data must be >= 0 and spm_factor >= 1")
    key = (schema.version, max_suspend_data, spm_factor)
    limits = _limits_cache.get(key)
    if limits is None:
        limits = _limits_cache[key] = Limits(schema, max_suspend_data=max_suspend_data, spm_factor=spm_factor)
    return limits


def as_value(value):
    """The string a JavaScript API would see for a value, or None for what has none.

    Numbers become strings the way JavaScript prints them (80.0 -> "80").
    """
    kind = type(value)
    if kind is str:
        return value
    if kind is int:
        return str(value)
    if kind is float:
        return str(int(value)) if value.is_integer() else repr(value)
    return None


class DataModel:
    """A state dict under one version's rules. The dict is used in place, not copied."""

    def __init__(self, schema, state, limits):
        self.schema = schema
        self.state = state
        self.limits = limits
        self.spm_factor = limits.spm_factor
        self._limit_by_leaf = limits.by_leaf

    @property
    def cmi(self):
        return self.state.get("cmi") or {}

    def get(self, element):
        """(value, None) or ("", Problem): GetValue without the session checks."""
        resolved = self.schema.parse(element)
        if type(resolved) is Problem:
            return "", resolved
        if resolved.target == TARGET_CONSTANT:
            # A keyword below an array entry (cmi.objectives.5.score._children) needs the entry.
            if any(index is not None for _key, index, _array in resolved.steps):
                holder = self._holder_for_read(resolved.steps, element)
                if type(holder) is Problem:
                    return "", holder
            return resolved.constant, None
        leaf = resolved.node
        if resolved.target == TARGET_LEAF and leaf.access == WRITE_ONLY_ACCESS:
            return "", Problem(WRITE_ONLY, f"{element} is write-only")
        holder = self._holder_for_read(resolved.steps, element)
        if type(holder) is Problem:
            return "", holder
        if resolved.target == TARGET_COUNT:
            items = holder.get(resolved.final_key) if holder is not None else None
            return str(len(items) if items else 0), None
        if leaf.evaluate is not None:
            return leaf.evaluate(self.cmi), None
        value = holder.get(resolved.final_key) if holder is not None else None
        if value is not None:
            return value, None
        if leaf.default is not None:
            return leaf.default, None
        if self.schema.reports_uninitialized:
            return "", Problem(NOT_INITIALIZED, f"{element} has not been set and has no default")
        return "", None

    def _holder_for_read(self, steps, element):
        holder = self.state
        for key, index, _array in steps:
            child = holder.get(key) if holder is not None else None
            if index is not None:
                count = len(child) if child else 0
                if index >= count:
                    return Problem(GET_INDEX, f"{element}: index {index} does not exist (_count is {count})")
                child = child[index]
            holder = child
        return holder

    def set(self, element, value):
        """None or the Problem: SetValue without the session checks."""
        resolved = self.schema.parse(element)
        if type(resolved) is Problem:
            return _as_set_problem(resolved)
        if resolved.target != TARGET_LEAF:
            return Problem(KEYWORD_SET, f"{element} is a keyword and cannot be set")
        leaf = resolved.node
        if leaf.access == READ_ONLY_ACCESS:
            return Problem(READ_ONLY, f"{element} is read-only")
        text = as_value(value)
        if text is None:
            return Problem(TYPE_MISMATCH, f"{element}: a value must be a string, not {type(value).__name__}")
        return self._write(resolved, leaf, text, element)

    def _write(self, resolved, leaf, value, element):
        holder = self.state
        ancestors = []
        items = None
        index = None
        pending = []
        steps = resolved.steps
        last_step = len(steps) - 1
        for position, (key, step_index, array) in enumerate(steps):
            child = holder.get(key)
            if step_index is None:
                if child is None:
                    child = {}
                    pending.append((holder, key, child))
                holder = child
                continue
            count = len(child) if child else 0
            if step_index > count:
                return Problem(SET_INDEX, f"{element}: index {step_index} is beyond _count {count}")
            if child is None:
                child = []
                pending.append((holder, key, child))
            if step_index < count:
                item = child[step_index]
            else:
                # SCORM 2004 RTE 4.1.1.5: a new array entry is opened by its id first.
                opens_with_key = position == last_step and resolved.final_key == array.key_field
                if array.key_field is not None and not opens_with_key:
                    return Problem(
                        DEPENDENCY,
                        f"{element}: set {_array_name(steps, position)}.{step_index}.{array.key_field} first",
                    )
                item = {}
                pending.append((child, None, item))
            ancestors.append(item)
            items = child
            index = step_index
            holder = item
        problem = self.store(leaf, holder, resolved.final_key, value, ancestors, items, index)
        if problem is not None:
            return Problem(problem.kind, f"{element}: {problem.diagnostic}")
        for parent, key, child in pending:
            if key is None:
                parent.append(child)
            else:
                parent[key] = child
        return None

    def store(self, leaf, holder, key, value, ancestors, items, index):
        """Check a value against the leaf's size, type and context rules; store it if fine."""
        limit = self._limit_by_leaf.get(leaf)
        if limit is not None and len(value) > limit:
            return Problem(
                TOO_LONG,
                f"the value ({len(value)} characters) exceeds this LMS's limit of {limit} characters"
                f" (the standard's SPM is {leaf.spm}); it was not stored",
            )
        if leaf.check is not None:
            problem = leaf.check(value)
            if problem is not None:
                return problem
        if leaf.context_check is not None:
            problem = leaf.context_check(self, value, holder, ancestors, items or (), index)
            if problem is not None:
                return problem
        holder[key] = value
        return None


def _array_name(steps, position):
    names = []
    for key, index, _array in steps[:position]:
        names.append(key if index is None else f"{key}.{index}")
    names.append(steps[position][0])
    return ".".join(names)


_SET_KINDS = {
    EMPTY_ELEMENT_GET: EMPTY_ELEMENT_SET,
    NO_CHILDREN: INVALID_KEYWORD_SET,
    NO_COUNT: INVALID_KEYWORD_SET,
    NO_VERSION: INVALID_KEYWORD_SET,
}


def _as_set_problem(problem):
    kind = _SET_KINDS.get(problem.kind)
    if kind is None:
        return problem
    return Problem(kind, problem.diagnostic)


def state_shape_problem(schema, state):
    """Why a state dict does not fit the data model's shape (strings, objects, lists), or None.

    Element names the table does not know are tolerated; only wrong shapes are reported.
    """
    if type(state) is not dict:
        return f"the state is a {type(state).__name__}, not a dict"
    return _shape_problem(schema.root, state, "")


def _shape_problem(node, value, name):
    kind = node.kind
    if kind == LEAF:
        return None if type(value) is str else f"{name} is a {type(value).__name__}, not a string"
    if kind == GROUP:
        if type(value) is not dict:
            return f"{name or 'the state'} is a {type(value).__name__}, not an object"
        for key, child_value in value.items():
            child = node.children.get(key)
            if child is not None:
                problem = _shape_problem(child, child_value, f"{name}.{key}" if name else key)
                if problem is not None:
                    return problem
        return None
    if kind == ARRAY:
        if type(value) is not list:
            return f"{name} is a {type(value).__name__}, not a list"
        for index, item in enumerate(value):
            problem = _shape_problem(node.item, item, f"{name}.{index}")
            if problem is not None:
                return problem
        return None
    if kind == TARGETS:
        if type(value) is not dict or any(type(item) is not str for item in value.values()):
            return f"{name} is not an object of strings"
    return None


def open_data_model(version, state, *, max_suspend_data=None, spm_factor=None):
    """A DataModel over ``state`` (used in place) for a version with the given limits."""
    schema = SCHEMAS[check_version(version)]
    return DataModel(schema, state, limits_for(version, max_suspend_data=max_suspend_data, spm_factor=spm_factor))
