"""The demo: the whole trainer pipeline on a synthetic cohort, in a folder of its own."""
