"""The one error the clean stage raises."""


class DocumentError(ValueError):
    """The input holds no usable article; the message is one line naming the problem."""
