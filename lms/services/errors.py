class LmsError(Exception):
    """A problem the user can fix; `message` is translatable and safe to show."""

    def __init__(self, message, **params):
        self.message = message
        self.params = params
        super().__init__(str(message) % params if params else str(message))

    def __str__(self):
        return str(self.message) % self.params if self.params else str(self.message)


class ImportRejected(LmsError):
    """The whole file cannot be read (wrong format, missing columns)."""

