"""The one base class of errors meant for users: their message is shown as it is."""


class NqdeskError(Exception):
    """An error whose message (in Vietnamese) tells the user what is wrong and how to fix it."""


class Cancelled(NqdeskError):
    """The user stopped a long operation; nothing more is done and nothing half-made is kept."""
