"""Re-validation of a whole state sent by the browser on commit.

scorm-again (3.4.3, ``dataCommitFormat: "json"``) posts ``{"cmi": {...}}`` with every
element of its data model: arrays as objects keyed by index (``{"0": {...}, "1":
{...}}``), unset elements as ``""``, write-only elements (exit, session_time, 1.2
interactions) included, ``total_time`` added only on the terminating commit (then as
total_time + session_time), and for 2004 an optional top-level ``adl`` (``adl.data``)
and ``sharedData``. Lists are accepted for arrays too.

Every submitted writable value goes through the same checks as SetValue; read-only
values must match the server's (entry aside: a late commit of an earlier launch's page
carries that launch's, and it is not stored). The server's state is never rolled back by a
submission: arrays cannot shrink and a refused value leaves the stored one in place.
"""

from dataclasses import dataclass

from .datamodel import SCHEMAS, DataModel, as_value, limits_for
from .durations import cmi_timespan_to_centiseconds, iso_duration_to_centiseconds
from .errors import (
    DEPENDENCY,
    ERROR_STRINGS_12,
    ERROR_STRINGS_2004,
    READ_ONLY,
    SET_INDEX,
    TYPE_MISMATCH,
    UNDEFINED,
    Problem,
)
from .rules import SCORM_2004, check_version
from .schema import ARRAY, GROUP, LEAF, TARGETS
from .schema import READ_ONLY as READ_ONLY_ACCESS
from .state import copy_state, has_values

ARGUMENT_ERROR = "201"


@dataclass(frozen=True)
class CommitError:
    """A submitted element the server refused: its full name, error code and why."""

    element: str
    code: str
    message: str


@dataclass(frozen=True)
class CommitValidation:
    """The outcome of validate_commit.

    state: the new state: the current one with every accepted submitted value applied.
    errors: the refused elements (their stored values, if any, are unchanged).
    ignored: submitted parts the LMS does not store (adl.data, sharedData, ...).
    """

    state: dict
    errors: tuple
    ignored: tuple

    @property
    def ok(self):
        return not self.errors


def validate_commit(
    version, current_state, submitted_state, *, max_suspend_data=None, spm_factor=None, in_place=False
):
    """Apply a browser's submitted state to the server's current state under the SCORM rules.

    version: "2004" or "1.2". current_state: the stored nested state (not modified unless
    in_place: then the caller's own copy becomes the new state, sparing a copy).
    submitted_state: the commit body, ``{"cmi": {...}}`` as scorm-again sends it.
    Returns a CommitValidation.
    """
    schema = SCHEMAS[check_version(version)]
    state = current_state if in_place else copy_state(current_state)
    model = DataModel(schema, state, limits_for(version, max_suspend_data=max_suspend_data, spm_factor=spm_factor))
    merger = _CommitMerger(model)
    if type(submitted_state) is not dict or type(submitted_state.get("cmi")) is not dict:
        error = CommitError("cmi", ARGUMENT_ERROR, 'the commit body must be a JSON object {"cmi": {...}}')
        return CommitValidation(state=state, errors=(error,), ignored=())
    for key, submitted in submitted_state.items():
        node = schema.root.children.get(key)
        if node is None:
            merger.ignored.append(key)
            continue
        if type(submitted) is not dict:
            merger.fail(key, Problem(TYPE_MISMATCH, "expected a JSON object"))
            continue
        merger.merge_child_group(node, state, key, submitted, "")
    state.setdefault("cmi", {})
    return CommitValidation(state=state, errors=tuple(merger.errors), ignored=tuple(merger.ignored))


def _entries(submitted):
    """[(index, entry)] of a submitted array (object keyed by index, or list), or None."""
    if type(submitted) is list:
        return list(enumerate(submitted))
    if type(submitted) is not dict:
        return None
    entries = []
    for key, entry in submitted.items():
        if not (type(key) is str and key.isdecimal() and key.isascii() and len(key) <= 9):
            return None  # an index of more digits is far past any array's end
        entries.append((int(key), entry))
    entries.sort(key=_first)
    return entries


def _first(pair):
    return pair[0]


def _has_values_of_its_own(node, entry):
    """Whether an entry holds a value besides "" and the defaults scorm-again shows for
    elements not set ("unknown" statuses)."""
    for key, value in entry.items():
        child = node.children.get(key)
        if child is None or value is None or value == "":
            continue
        if child.kind == LEAF:
            own = value != child.default
        elif child.kind == GROUP and type(value) is dict:
            own = _has_values_of_its_own(child, value)
        else:
            own = has_values({key: value})
        if own:
            return True
    return False


def _shorten(value, limit=60):
    return value if len(value) <= limit else value[:limit] + "..."


class _CommitMerger:
    def __init__(self, model):
        self.model = model
        self.codes = model.schema.failure_codes
        self.error_strings = ERROR_STRINGS_2004 if model.schema.version == SCORM_2004 else ERROR_STRINGS_12
        self.errors = []
        self.ignored = []

    def fail(self, element, problem):
        code = self.codes[problem.kind]
        self.errors.append(CommitError(element, code, f"{self.error_strings[code]}: {problem.diagnostic}"))

    def merge_child_group(self, node, holder, key, submitted, path, ancestors=(), items=None, index=None):
        inner = holder.get(key)
        created = inner is None
        if created:
            inner = holder[key] = {}
        self.merge_group(node, inner, submitted, f"{path}{key}.", ancestors, items, index)
        if created and not inner:
            del holder[key]

    def merge_group(self, node, holder, submitted, path, ancestors, items, index, skip=()):
        children = node.children
        for key, value in submitted.items():
            if key in skip:
                continue
            child = children.get(key)
            if child is None:
                self.fail(path + key, Problem(UNDEFINED, "not an element of the data model"))
                continue
            kind = child.kind
            if kind == LEAF:
                current = holder.get(key)
                # Unchanged, not sent (null) or still unset ("") values need no checks.
                if value == current or value is None or (value == "" and current is None):
                    continue
                if child.adds_session_time:
                    self.merge_total_time(child, holder, key, value, submitted, path)
                else:
                    self.merge_leaf(child, holder, key, value, path, ancestors, items, index)
            elif kind == GROUP:
                if type(value) is not dict:
                    self.fail(path + key, Problem(TYPE_MISMATCH, "expected a JSON object"))
                    continue
                if value == holder.get(key):
                    continue  # as stored: each of its values passed these checks then
                self.merge_child_group(child, holder, key, value, path, ancestors, items, index)
            elif kind == ARRAY:
                self.merge_array(child, holder, key, value, f"{path}{key}.", ancestors)
            elif kind == TARGETS:
                self.merge_targets(child, holder, key, value, path)
            else:
                self.ignored.append(path + key)

    def merge_leaf(self, leaf, holder, key, submitted, path, ancestors, items, index):
        if submitted is None:
            return
        value = submitted if type(submitted) is str else as_value(submitted)
        if value is None:
            self.fail(path + key, Problem(TYPE_MISMATCH, f"a value must be a string, not {type(submitted).__name__}"))
            return
        current = holder.get(key)
        if value == current:
            return
        if leaf.access == READ_ONLY_ACCESS:
            if not leaf.set_at_launch:
                self.check_read_only(leaf, value, current, path + key)
            return
        if current is None and (value == "" or value == leaf.default):
            return
        problem = self.model.store(leaf, holder, key, value, ancestors, items, index)
        if problem is not None:
            self.fail(path + key, problem)

    def check_read_only(self, leaf, value, current, element):
        # An empty string is what scorm-again sends for an element it was not given.
        if value == "" or (current is None and value == leaf.default):
            return
        stored = current if current is not None else leaf.default
        shown = "nothing" if stored is None else repr(_shorten(stored))
        self.fail(
            element,
            Problem(READ_ONLY, f"submitted {_shorten(value)!r} differs from the LMS's value {shown}"),
        )

    def merge_total_time(self, leaf, holder, key, submitted, siblings, path):
        # scorm-again adds its own total_time (stored total + session_time) to the
        # terminating commit; it is accepted when it is exactly that, and never stored:
        # the server adds session_time itself in finish_session.
        value = as_value(submitted)
        if value is None or value == "":
            return
        current = holder.get(key)
        if self.model.schema.version == SCORM_2004:
            to_centiseconds = iso_duration_to_centiseconds
        else:
            to_centiseconds = cmi_timespan_to_centiseconds
        submitted_total = to_centiseconds(value)
        stored_total = to_centiseconds(current or leaf.default) or 0
        session_time = as_value(siblings.get("session_time")) or holder.get("session_time") or ""
        session = to_centiseconds(session_time) or 0
        if submitted_total is not None and (
            submitted_total == stored_total or abs(submitted_total - stored_total - session) <= 1
        ):
            return
        self.check_read_only(leaf, value, current, path + key)

    def merge_array(self, array, holder, key, submitted, path, ancestors):
        entries = _entries(submitted)
        if entries is None:
            self.fail(path[:-1], Problem(TYPE_MISMATCH, "expected an object keyed by index or a list"))
            return
        if not entries:
            return
        items = holder.get(key)
        created = items is None
        if created:
            items = holder[key] = []
        for index, entry in entries:
            item_path = f"{path}{index}."
            if type(entry) is not dict:
                self.fail(item_path[:-1], Problem(TYPE_MISMATCH, "expected a JSON object"))
                continue
            count = len(items)
            if index < count:
                item = items[index]
                if entry == item:
                    continue  # as stored
                self.merge_item(array, item, entry, item_path, ancestors + (item,), items, index)
            elif not has_values(entry):
                if index == count and not array.read_only:
                    # The browser's API holds the entry (scorm-again opens one even for a
                    # SetValue it refuses; "" is a value too): kept empty, the entries after
                    # it keep the browser's indexes.
                    items.append({})
                continue
            elif array.read_only:
                self.fail(item_path[:-1], Problem(READ_ONLY, "entries of this array are set by the LMS"))
            elif index == count:
                self.merge_new_item(array, items, entry, item_path, ancestors, index)
            else:
                self.fail(item_path[:-1], Problem(SET_INDEX, f"index {index} is beyond _count {count}"))
        if created and not items:
            del holder[key]

    def merge_item(self, array, item, entry, path, ancestors, items, index):
        fields = array.item.children
        key_field = array.key_field
        if key_field is not None and key_field not in item and entry.get(key_field) in (None, ""):
            # An entry kept empty (opened by a SetValue the browser refused): still no id.
            if _has_values_of_its_own(array.item, entry):
                self.fail(path[:-1], Problem(DEPENDENCY, f"{path}{key_field} must be set before the entry's other elements"))
            return
        if key_field is not None and key_field in entry:
            errors_before = len(self.errors)
            self.merge_leaf(fields[key_field], item, key_field, entry[key_field], path, ancestors, items, index)
            if len(self.errors) > errors_before:
                # The entry belongs to another objective/interaction than the stored one.
                return
        for field in array.first_fields:
            if field != key_field and field in entry:
                self.merge_leaf(fields[field], item, field, entry[field], path, ancestors, items, index)
        self.merge_group(array.item, item, entry, path, ancestors, items, index, skip=array.first_fields)

    def merge_new_item(self, array, items, entry, path, ancestors, index):
        item = {}
        item_ancestors = ancestors + (item,)
        key_field = array.key_field
        if key_field is not None:
            key_value = entry.get(key_field)
            if key_value is None or key_value == "":
                # Opened in the browser by a SetValue it refused (before the id): its count
                # holds the entry, so it is kept empty. Values of its own cannot be stored.
                items.append({})
                if _has_values_of_its_own(array.item, entry):
                    self.fail(
                        path[:-1],
                        Problem(DEPENDENCY, f"{path}{key_field} must be set before the entry's other elements"),
                    )
                return
            errors_before = len(self.errors)
            leaf = array.item.children[key_field]
            self.merge_leaf(leaf, item, key_field, key_value, path, item_ancestors, items, index)
            if len(self.errors) > errors_before:
                return
        items.append(item)  # kept even if all its values are "" or the defaults, as in the browser
        self.merge_item(array, item, entry, path, item_ancestors, items, index)

    def merge_targets(self, targets, holder, key, submitted, path):
        if type(submitted) is not dict:
            self.fail(path + key, Problem(TYPE_MISMATCH, "expected a JSON object"))
            return
        stored = holder.get(key) or {}
        leaf = targets.value_leaf
        for target, submitted_value in submitted.items():
            value = as_value(submitted_value)
            current = stored.get(target)
            if value is not None and value != current:
                self.check_read_only(leaf, value, current, f"{path}{key}.{{target={target}}}")
