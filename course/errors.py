"""The one error type the kit raises for problems a user can fix."""


class CourseError(Exception):
    """A problem with the user's input, told in one plain line.

    The message says what is wrong and what to do about it. The command line
    prints it without a traceback and exits with status 2.
    """
