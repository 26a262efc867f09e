"""Error codes of both run-time APIs, their standard texts, and the failure kinds behind them.

The data model reports *what* went wrong as a failure kind (``TYPE_MISMATCH``,
``READ_ONLY`` ...); each SCORM version maps the kind to its own error code, because
SCORM 1.2 has fewer and differently numbered codes than SCORM 2004.
"""

from typing import NamedTuple


class Problem(NamedTuple):
    """Why a data model call failed: a failure kind and a diagnostic for GetDiagnostic."""

    kind: str
    diagnostic: str


# Failure kinds of the data model.
EMPTY_ELEMENT_GET = "empty_element_get"
EMPTY_ELEMENT_SET = "empty_element_set"
UNDEFINED = "undefined"
UNIMPLEMENTED = "unimplemented"
NO_CHILDREN = "no_children"
NO_COUNT = "no_count"
NO_VERSION = "no_version"
KEYWORD_SET = "keyword_set"
INVALID_KEYWORD_SET = "invalid_keyword_set"
READ_ONLY = "read_only"
WRITE_ONLY = "write_only"
NOT_INITIALIZED = "not_initialized"
GET_INDEX = "get_index"
SET_INDEX = "set_index"
DEPENDENCY = "dependency"
TYPE_MISMATCH = "type_mismatch"
OUT_OF_RANGE = "out_of_range"
TOO_LONG = "too_long"
SET_FAILURE = "set_failure"

# SCORM 2004 4th ed. RTE Table 3.1.7.6a: error codes and their texts for GetErrorString.
ERROR_STRINGS_2004 = {
    "0": "No Error",
    "101": "General Exception",
    "102": "General Initialization Failure",
    "103": "Already Initialized",
    "104": "Content Instance Terminated",
    "111": "General Termination Failure",
    "112": "Termination Before Initialization",
    "113": "Termination After Termination",
    "122": "Retrieve Data Before Initialization",
    "123": "Retrieve Data After Termination",
    "132": "Store Data Before Initialization",
    "133": "Store Data After Termination",
    "142": "Commit Before Initialization",
    "143": "Commit After Termination",
    "201": "General Argument Error",
    "301": "General Get Failure",
    "351": "General Set Failure",
    "391": "General Commit Failure",
    "401": "Undefined Data Model Element",
    "402": "Unimplemented Data Model Element",
    "403": "Data Model Element Value Not Initialized",
    "404": "Data Model Element Is Read Only",
    "405": "Data Model Element Is Write Only",
    "406": "Data Model Element Type Mismatch",
    "407": "Data Model Element Value Out Of Range",
    "408": "Data Model Dependency Not Established",
}

# SCORM 1.2 RTE 3.3.3: error codes and their texts for LMSGetErrorString.
ERROR_STRINGS_12 = {
    "0": "No error",
    "101": "General Exception",
    "201": "Invalid argument error",
    "202": "Element cannot have children",
    "203": "Element not an array - cannot have count",
    "301": "Not initialized",
    "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword",
    "403": "Element is read only",
    "404": "Element is write only",
    "405": "Incorrect Data Type",
}

# What each code means in practice, returned by GetDiagnostic(code) for a code that is
# not the last error.
ERROR_HINTS_2004 = {
    "0": "The previous call succeeded.",
    "101": "The LMS met an error that has no more specific code.",
    "102": "Initialize failed for a reason the LMS could not name.",
    "103": "Initialize was called while the session was already running.",
    "104": "Initialize was called after Terminate; the session cannot restart.",
    "111": "Terminate failed, usually because the LMS could not save the data.",
    "112": "Terminate was called before Initialize.",
    "113": "Terminate was called twice.",
    "122": "GetValue was called before Initialize.",
    "123": "GetValue was called after Terminate.",
    "132": "SetValue was called before Initialize.",
    "133": "SetValue was called after Terminate.",
    "142": "Commit was called before Initialize.",
    "143": "Commit was called after Terminate.",
    "201": "Initialize, Terminate and Commit take only the empty string as argument.",
    "301": "GetValue failed: a keyword used on an element that lacks it, or an array index that does not exist.",
    "351": (
        "SetValue failed: index beyond _count, duplicate identifier, too many correct responses,"
        " or a value longer than the LMS stores."
    ),
    "391": "Commit failed: the LMS could not save the data.",
    "401": "The element name is not part of the SCORM 2004 data model.",
    "402": "The element is part of the data model but this LMS does not implement it.",
    "403": "The element has no value yet: nothing was set and the LMS has no default.",
    "404": "The element or keyword can only be read.",
    "405": "The element can only be written.",
    "406": "The value does not have the element's data type or vocabulary.",
    "407": "The number is outside the element's range.",
    "408": "Another element must be set first (an array entry's id, or an interaction's type).",
}

ERROR_HINTS_12 = {
    "0": "The previous call succeeded.",
    "101": "The call was made in the wrong state (twice, or after LMSFinish) or the LMS could not save the data.",
    "201": "The element name or index is invalid, or LMSInitialize/LMSFinish/LMSCommit got a non-empty argument.",
    "202": "_children was asked of an element that has no children.",
    "203": "_count was asked of an element that is not an array.",
    "301": "The call was made before LMSInitialize.",
    "401": "The element is not part of the SCORM 1.2 data model implemented by this LMS.",
    "402": "A keyword (_children, _count, _version) cannot be set.",
    "403": "The element can only be read.",
    "404": "The element can only be written.",
    "405": "The value does not have the element's data type, vocabulary, range or length.",
}

# SCORM 2004 4th ed. RTE 3.1.7: which code each failure kind raises.
FAILURE_CODES_2004 = {
    EMPTY_ELEMENT_GET: "301",
    EMPTY_ELEMENT_SET: "351",
    UNDEFINED: "401",
    UNIMPLEMENTED: "402",
    NO_CHILDREN: "301",
    NO_COUNT: "301",
    NO_VERSION: "301",
    KEYWORD_SET: "404",
    INVALID_KEYWORD_SET: "351",
    READ_ONLY: "404",
    WRITE_ONLY: "405",
    NOT_INITIALIZED: "403",
    GET_INDEX: "301",
    SET_INDEX: "351",
    DEPENDENCY: "408",
    TYPE_MISMATCH: "406",
    OUT_OF_RANGE: "407",
    TOO_LONG: "351",
    SET_FAILURE: "351",
}

# SCORM 1.2 RTE 3.3.3. 1.2 has no range, dependency or set-failure codes: out-of-range
# and too-long values are an "Incorrect Data Type" (405), as the ADL 1.2 test suite
# reports them; an unknown element is "Not implemented" (401), as scorm-again reports it.
# An element that was never set reads as "" without error, so NOT_INITIALIZED has no code.
FAILURE_CODES_12 = {
    EMPTY_ELEMENT_GET: "201",
    EMPTY_ELEMENT_SET: "201",
    UNDEFINED: "401",
    UNIMPLEMENTED: "401",
    NO_CHILDREN: "202",
    NO_COUNT: "203",
    NO_VERSION: "401",
    KEYWORD_SET: "402",
    INVALID_KEYWORD_SET: "402",
    READ_ONLY: "403",
    WRITE_ONLY: "404",
    GET_INDEX: "201",
    SET_INDEX: "201",
    DEPENDENCY: "201",
    TYPE_MISMATCH: "405",
    OUT_OF_RANGE: "405",
    TOO_LONG: "405",
    SET_FAILURE: "101",
}
