"""Domain services: what views call. They never touch request, session or flash."""


class ServiceError(Exception):
    """An operation refused for a reason a user can fix; the message is in French, ready to show."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
