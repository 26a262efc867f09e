"""Building blocks of the data model tables: leaves, groups, arrays.

A data model is a tree. A ``Leaf`` is an element that holds a value; a ``Group`` holds
named children (``cmi.score``); an ``Array`` holds numbered items that are groups
(``cmi.interactions.n``). ``Targets`` is ADL's ``{target=...}`` map and
``Unimplemented`` marks a branch this LMS does not implement. The tables themselves are
in model_2004.py and model_12.py.
"""

READ_ONLY = "ro"
WRITE_ONLY = "wo"
READ_WRITE = "rw"

LEAF = "leaf"
GROUP = "group"
ARRAY = "array"
TARGETS = "targets"
UNIMPLEMENTED = "unimplemented"


class Leaf:
    """One data model element that holds a string value.

    check: format/vocabulary/range validator, value -> Problem | None.
    spm: the standard's size (SPM in 2004, maximum in 1.2); the LMS limit derives from it.
    default: what GetValue returns when nothing is stored (None: not initialized).
    evaluate: cmi dict -> value, for elements the LMS computes on GetValue.
    context_check: (model, value, holder, ancestors, items, index) -> Problem | None,
        for rules that look beyond the value (unique ids, per-type patterns, dependencies).
    adds_session_time: total_time, which scorm-again reports as total + session time.
    set_at_launch: entry, which the LMS sets anew at each launch of the same attempt: a
        commit from a page launched before the last launch (its last commit arriving late)
        carries the value that page was given. Accepted and never stored.
    """

    kind = LEAF
    __slots__ = (
        "key",
        "access",
        "check",
        "spm",
        "default",
        "evaluate",
        "context_check",
        "adds_session_time",
        "is_suspend_data",
        "set_at_launch",
    )

    def __init__(
        self,
        key,
        access,
        check=None,
        *,
        spm=None,
        default=None,
        evaluate=None,
        context_check=None,
        adds_session_time=False,
        is_suspend_data=False,
        set_at_launch=False,
    ):
        self.key = key
        self.access = access
        self.check = check
        self.spm = spm
        self.default = default
        self.evaluate = evaluate
        self.context_check = context_check
        self.adds_session_time = adds_session_time
        self.is_suspend_data = is_suspend_data
        self.set_at_launch = set_at_launch


class Group:
    """Named children; ``children_keyword`` is its ``_children`` value if the standard defines one."""

    kind = GROUP
    __slots__ = ("key", "children", "children_keyword", "version_keyword")

    def __init__(self, key, children, *, has_children_keyword=False, version_keyword=None):
        self.key = key
        self.children = {child.key: child for child in children}
        self.children_keyword = ",".join(self.children) if has_children_keyword else None
        self.version_keyword = version_keyword


class Array:
    """Numbered items, each a Group.

    key_field: the item element that must be set first (SCORM 2004 RTE 4.1.1.5:
        an objective's or interaction's id), or None when any element may open an item.
    first_fields: item elements applied before the others when a whole item arrives
        at once (a commit), so that id and type precede what depends on them.
    """

    kind = ARRAY
    __slots__ = ("key", "item", "children_keyword", "key_field", "first_fields", "read_only")

    def __init__(self, key, item_children, *, has_children_keyword=False, key_field=None, first_fields=()):
        self.key = key
        self.item = Group(f"{key}.n", item_children)
        self.children_keyword = ",".join(self.item.children) if has_children_keyword else None
        self.key_field = key_field
        self.first_fields = first_fields or ((key_field,) if key_field else ())
        self.read_only = all(_is_read_only(child) for child in self.item.children.values())


class Targets:
    """ADL ``adl.nav.request_valid.choice.{target=ID}``: one read-only value per target."""

    kind = TARGETS
    __slots__ = ("key", "value_leaf")

    def __init__(self, key, *, default):
        self.key = key
        self.value_leaf = Leaf(key, READ_ONLY, default=default)


class Unimplemented:
    """A branch of the standard's data model that this LMS does not implement."""

    kind = UNIMPLEMENTED
    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key


def _is_read_only(node):
    if node.kind == LEAF:
        return node.access == READ_ONLY
    if node.kind == GROUP:
        return all(_is_read_only(child) for child in node.children.values())
    if node.kind == ARRAY:
        return node.read_only
    return True


def iter_leaves(node):
    """Every Leaf under a node (used to precompute per-leaf limits)."""
    if node.kind == LEAF:
        yield node
    elif node.kind == GROUP:
        for child in node.children.values():
            yield from iter_leaves(child)
    elif node.kind == ARRAY:
        yield from iter_leaves(node.item)
    elif node.kind == TARGETS:
        yield node.value_leaf
