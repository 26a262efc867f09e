"""The run-time API objects a SCO talks to, with the session state machine
(not initialized -> running -> terminated) and the error bookkeeping.

Method names are the standards' own (``Initialize``, ``LMSGetValue`` ...); every
method returns a string, as the JavaScript API does.
"""

from .datamodel import as_value
from .errors import (
    ERROR_HINTS_12,
    ERROR_HINTS_2004,
    ERROR_STRINGS_12,
    ERROR_STRINGS_2004,
)
from .rules import SCORM_12, SCORM_2004, attempt_summary, finish_session, next_entry
from .state import copy_state

NOT_INITIALIZED = "not initialized"
RUNNING = "running"
TERMINATED = "terminated"

TRUE = "true"
FALSE = "false"
NO_ERROR = "0"


class SessionCodes:
    """The error codes a version uses for calls made in the wrong session state."""

    def __init__(self, **codes):
        self.__dict__.update(codes)


# SCORM 2004 4th ed. RTE 3.1.7.6.
SESSION_CODES_2004 = SessionCodes(
    initialization_failure="102",
    already_initialized="103",
    initialize_after_terminate="104",
    terminate_before_initialize="112",
    terminate_after_terminate="113",
    get_before_initialize="122",
    get_after_terminate="123",
    set_before_initialize="132",
    set_after_terminate="133",
    commit_before_initialize="142",
    commit_after_terminate="143",
    argument="201",
    commit_failure="391",
    termination_failure="111",
)

# SCORM 1.2 RTE 3.3.3: 301 before LMSInitialize; 101 for a call after LMSFinish, a
# second LMSInitialize, unusable launch data, or a failure to save.
SESSION_CODES_12 = SessionCodes(
    initialization_failure="101",
    already_initialized="101",
    initialize_after_terminate="101",
    terminate_before_initialize="301",
    terminate_after_terminate="101",
    get_before_initialize="301",
    get_after_terminate="101",
    set_before_initialize="301",
    set_after_terminate="101",
    commit_before_initialize="301",
    commit_after_terminate="101",
    argument="201",
    commit_failure="101",
    termination_failure="101",
)


class RuntimeAPI:
    """Session state machine and error bookkeeping shared by both versions.

    on_commit: called with a copy of the state on Commit and (with the finished state)
    on Terminate; if it raises, the call fails with the version's commit or
    termination failure code and the session keeps running.
    initialization_problem: why the launch state is unusable, if it is; Initialize
    then fails (2004: 102 General Initialization Failure).
    """

    version = None
    session_codes = None
    error_strings = None
    error_hints = None

    def __init__(self, model, *, on_commit=None, initialization_problem=None):
        self._model = model
        self._on_commit = on_commit
        self._initialization_problem = initialization_problem
        self._session = NOT_INITIALIZED
        self._last_error = NO_ERROR
        self._last_diagnostic = ""

    @property
    def session_state(self):
        """NOT_INITIALIZED, RUNNING or TERMINATED."""
        return self._session

    def state(self):
        """A copy of the nested state dict, as it would be stored."""
        return copy_state(self._model.state)

    def next_entry(self):
        """The entry of the next launch: "resume" after a suspend, else "ab-initio"."""
        return next_entry(self.version, self._model.state)

    def summary(self):
        """The AttemptSummary of the current state."""
        return attempt_summary(self.version, self._model.state)

    def _succeed(self, result=TRUE):
        self._last_error = NO_ERROR
        self._last_diagnostic = ""
        return result

    def _fail(self, code, diagnostic, result=FALSE):
        self._last_error = code
        self._last_diagnostic = diagnostic
        return result

    def _fail_problem(self, problem, result):
        return self._fail(self._model.schema.failure_codes[problem.kind], problem.diagnostic, result)

    def _initialize(self, parameter):
        codes = self.session_codes
        if self._session == RUNNING:
            return self._fail(codes.already_initialized, "the session is already initialized")
        if self._session == TERMINATED:
            return self._fail(codes.initialize_after_terminate, "the session was terminated and cannot restart")
        if parameter not in ("", None):
            return self._fail(codes.argument, f"the argument must be the empty string, not {parameter!r}")
        if self._initialization_problem is not None:
            diagnostic = f"the launch data is unusable: {self._initialization_problem}"
            return self._fail(codes.initialization_failure, diagnostic)
        self._session = RUNNING
        return self._succeed()

    def _terminate(self, parameter):
        codes = self.session_codes
        if self._session == NOT_INITIALIZED:
            return self._fail(codes.terminate_before_initialize, "the session was never initialized")
        if self._session == TERMINATED:
            return self._fail(codes.terminate_after_terminate, "the session is already terminated")
        if parameter not in ("", None):
            return self._fail(codes.argument, f"the argument must be the empty string, not {parameter!r}")
        finished = finish_session(self.version, self._model.state)
        failure = self._run_commit_hook(finished)
        if failure is not None:
            return self._fail(codes.termination_failure, f"the data could not be saved: {failure}")
        self._model.state = finished
        self._session = TERMINATED
        return self._succeed()

    def _commit(self, parameter):
        codes = self.session_codes
        if self._session == NOT_INITIALIZED:
            return self._fail(codes.commit_before_initialize, "the session was never initialized")
        if self._session == TERMINATED:
            return self._fail(codes.commit_after_terminate, "the session is already terminated")
        if parameter not in ("", None):
            return self._fail(codes.argument, f"the argument must be the empty string, not {parameter!r}")
        failure = self._run_commit_hook(copy_state(self._model.state))
        if failure is not None:
            return self._fail(codes.commit_failure, f"the data could not be saved: {failure}")
        return self._succeed()

    def _run_commit_hook(self, state):
        if self._on_commit is None:
            return None
        try:
            self._on_commit(state)
        except Exception as error:  # any failure to save is reported to the SCO, not raised
            return str(error) or type(error).__name__
        return None

    def _get_value(self, element):
        codes = self.session_codes
        if self._session == NOT_INITIALIZED:
            return self._fail(codes.get_before_initialize, "GetValue before Initialize", "")
        if self._session == TERMINATED:
            return self._fail(codes.get_after_terminate, "GetValue after Terminate", "")
        value, problem = self._model.get(as_value(element) or "")
        if problem is not None:
            return self._fail_problem(problem, "")
        return self._succeed(value)

    def _set_value(self, element, value):
        codes = self.session_codes
        if self._session == NOT_INITIALIZED:
            return self._fail(codes.set_before_initialize, "SetValue before Initialize")
        if self._session == TERMINATED:
            return self._fail(codes.set_after_terminate, "SetValue after Terminate")
        problem = self._model.set(as_value(element) or "", value)
        if problem is not None:
            return self._fail_problem(problem, FALSE)
        return self._succeed()

    def _get_last_error(self):
        return self._last_error

    def _get_error_string(self, code):
        return self.error_strings.get(_code_text(code), "")

    def _get_diagnostic(self, code):
        code = _code_text(code)
        if code in ("", self._last_error):
            if self._last_error == NO_ERROR:
                return ""
            return self._last_diagnostic or self.error_strings[self._last_error]
        return self.error_hints.get(code, "")


def _code_text(code):
    if code is None:
        return ""
    return str(code).strip()


class Scorm2004API(RuntimeAPI):
    """The SCORM 2004 API instance (``API_1484_11``)."""

    version = SCORM_2004
    session_codes = SESSION_CODES_2004
    error_strings = ERROR_STRINGS_2004
    error_hints = ERROR_HINTS_2004

    def Initialize(self, parameter=""):
        return self._initialize(parameter)

    def Terminate(self, parameter=""):
        return self._terminate(parameter)

    def GetValue(self, element):
        return self._get_value(element)

    def SetValue(self, element, value):
        return self._set_value(element, value)

    def Commit(self, parameter=""):
        return self._commit(parameter)

    def GetLastError(self):
        return self._get_last_error()

    def GetErrorString(self, code):
        return self._get_error_string(code)

    def GetDiagnostic(self, code=""):
        return self._get_diagnostic(code)


class Scorm12API(RuntimeAPI):
    """The SCORM 1.2 API instance (``API``)."""

    version = SCORM_12
    session_codes = SESSION_CODES_12
    error_strings = ERROR_STRINGS_12
    error_hints = ERROR_HINTS_12

    def LMSInitialize(self, parameter=""):
        return self._initialize(parameter)

    def LMSFinish(self, parameter=""):
        return self._terminate(parameter)

    def LMSGetValue(self, element):
        return self._get_value(element)

    def LMSSetValue(self, element, value):
        return self._set_value(element, value)

    def LMSCommit(self, parameter=""):
        return self._commit(parameter)

    def LMSGetLastError(self):
        return self._get_last_error()

    def LMSGetErrorString(self, code):
        return self._get_error_string(code)

    def LMSGetDiagnostic(self, code=""):
        return self._get_diagnostic(code)
