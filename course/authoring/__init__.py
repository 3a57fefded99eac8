"""Authoring: from source/ lessons to the learner versions in release/."""
