"""Grading: submitted/ -> autograded/ and the gradebook, then feedback/."""
