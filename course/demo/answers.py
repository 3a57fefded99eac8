"""What the synthetic learners write, per lesson and answer cell (grade_id).

Right answers come from the source notebooks themselves. This file holds
the rest: the typical wrong answers a trainer sees, and a "partly right"
submission whose score each lesson designs on purpose.
"""

# Typical mistakes: printed instead of kept, no space, forgot the f, counted by hand, one line.
WRONG = {
    "01-first-words": {
        "ex1-city": 'print("Sofia")',
        "ex2-full-name": "full_name = first_name + last_name",
        "ex3-town-line": 'town_line = "Town: {town}"',
        "ex4-skill-tools": "print(skill.upper())\nskill_length = 15",
        "ex5-card": 'card = "Name: Ioana Popescu Town: Plovdiv Skill: customer service"',
    },
}

# "right" takes the source solution; anything else is the learner's code.
PARTLY = {
    "01-first-words": {
        "ex1-city": "right",
        "ex2-full-name": "full_name = first_name + last_name",
        "ex3-town-line": "right",
        "ex4-skill-tools": "upper_skill = skill.upper()\nskill_length = 15",
    },
}

# Code that raises an error a beginner meets: adding a number to text.
RAISES = 'value = "Total: " + 5'

# An answer that never ends; nbgrader stops the cell after its timeout.
ENDLESS = "while True:\n    pass"

REFLECTION = "Joining text was easy. The new lines were hard; the hints helped me."
