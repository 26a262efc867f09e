"""Small helpers on the nested state dict: copying and reading numbers."""

from .types import DECIMAL


def copy_state(value):
    """A deep copy of a state made of dicts, lists and strings (faster than copy.deepcopy)."""
    if type(value) is dict:
        return {key: copy_state(item) if type(item) in _CONTAINERS else item for key, item in value.items()}
    if type(value) is list:
        return [copy_state(item) if type(item) in _CONTAINERS else item for item in value]
    return value


_CONTAINERS = (dict, list)


def has_values(entry):
    """Whether an array entry holds a value other than "" anywhere."""
    for value in entry.values():
        kind = type(value)
        if kind is dict:
            if has_values(value):
                return True
        elif kind is list:
            if any(type(item) is not dict or has_values(item) for item in value):
                return True
        elif value is not None and value != "":
            return True
    return False


def to_number(value):
    """The float in a stored decimal string, or None when unset or not a number."""
    if type(value) in (int, float):
        return float(value)
    if type(value) is not str or DECIMAL.fullmatch(value) is None:
        return None
    return float(value)


def indexed_as_lists(value):
    """A copy of a state in which each object keyed "0" to "n-1" is the list it stands for:
    scorm-again sends arrays (interactions, objectives...) so, the server stores lists."""
    if type(value) is dict:
        if _is_indexed(value):
            return [indexed_as_lists(value[str(index)]) for index in range(len(value))]
        return {key: indexed_as_lists(item) if type(item) in _CONTAINERS else item for key, item in value.items()}
    if type(value) is list:
        return [indexed_as_lists(item) if type(item) in _CONTAINERS else item for item in value]
    return value


def _is_indexed(value):
    return "0" in value and all(str(index) in value for index in range(1, len(value)))


# --- Deltas: how one state differs from another, as a short list of changes.
# A change is [path] (remove) or [path, value] (set); a path is the keys and list indexes
# from the root. The browser and the server exchange them (see attempts.commit_receipt).


def state_delta(source, target):
    """The changes that turn `source`, read as indexed_as_lists reads it, into `target`
    (neither is modified): state_with_delta(indexed_as_lists(source), changes) == target."""
    changes = []
    _delta(source, target, [], changes)
    return changes


def _delta(source, target, path, changes):
    if type(source) is dict and _is_indexed(source):
        source = [source[str(index)] for index in range(len(source))]
    if type(source) is dict and type(target) is dict:
        for key, value in target.items():
            if key not in source:
                changes.append([[*path, key], value])
            elif _differ(source[key], value):
                _delta(source[key], value, [*path, key], changes)
        changes.extend([[*path, key]] for key in source if key not in target)
    elif type(source) is list and type(target) is list and len(source) == len(target):
        for index, (old, new) in enumerate(zip(source, target)):
            if _differ(old, new):
                _delta(old, new, [*path, index], changes)
    else:
        changes.append([path, target])


def _differ(old, new):
    # An object keyed by index equal to `new` still differs from it once read as a list.
    return old is not new and (old != new or (type(old) is dict and "0" in old))


def state_with_delta(state, changes):
    """`state` (modified in place) with the changes applied: the new root. Raises ValueError
    when a change does not fit the state: the changes come from the browser."""
    if type(changes) is not list:
        raise ValueError("changes must be a list")
    for change in changes:
        if type(change) is not list or len(change) not in (1, 2) or type(change[0]) is not list:
            raise ValueError("a change is [path] or [path, value]")
        path = change[0]
        if not path:
            if len(change) == 1:
                raise ValueError("the root cannot be removed")
            state = change[1]
            continue
        holder = state
        for key in path[:-1]:
            holder = holder[_checked_key(holder, key)]
        key = _checked_key(holder, path[-1], adding=len(change) == 2)
        if len(change) == 2:
            holder[key] = change[1]
        elif type(holder) is dict:
            del holder[key]
        else:
            raise ValueError("list entries are replaced, not removed")
    if type(state) is not dict:
        raise ValueError("a state is an object")
    return state


def _checked_key(holder, key, adding=False):
    if type(holder) is dict and type(key) is str and (adding or key in holder):
        return key
    if type(holder) is list and type(key) is int and 0 <= key < len(holder):
        return key
    raise ValueError(f"no place for {key!r} in the state")
