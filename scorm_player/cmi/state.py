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


def to_number(value):
    """The float in a stored decimal string, or None when unset or not a number."""
    if type(value) in (int, float):
        return float(value)
    if type(value) is not str or DECIMAL.fullmatch(value) is None:
        return None
    return float(value)
