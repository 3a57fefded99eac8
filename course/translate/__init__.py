"""Translating lessons: English text out into PO files, translated text back into a lesson.

The steps, in the order a lesson goes through them:

- ``units``: the translatable pieces of one cell (markdown blocks, comments, learner-facing strings)
  and how to put translated pieces back without touching anything else;
- ``catalog``: the lesson's units as a POT template, merged into each language's PO file, and counted;
- ``build``: a PO file applied to ``source/<lesson>`` gives a translated copy of the lesson;
- ``messages``: the kit's own messages (``_`` and ``ngettext`` calls) into ``course/locale``.
"""
