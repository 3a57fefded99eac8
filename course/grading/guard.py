"""Two guards against answers that try to cheat the tests that run after them.

Learner code and the tests share one Python process, so no in-process guard is
complete: an answer can rewrite anything the tests use. The kit therefore does
two cheap things and is honest about the rest.

1. *Restore* (inside the kernel, best effort): before every test cell the engine
   silently puts back the built-in functions (``type``, ``isinstance``, ``len``,
   ``print``...) as they were before the learner's first cell ran.
2. *Flag* (outside the kernel, cannot be tampered with): answers whose source
   reaches into Python's machinery (builtins, IPython, sys.modules, exec,
   ctypes, signals, processes, sockets...) are marked for a trainer to look at:
   their scores stand, but nbgrader's "needs manual grade" flag is set and the
   summary names the learner.
"""
from __future__ import annotations

import re

# Names the tests call: an answer that defines its own `type` or `isinstance` loses it before a test runs.
SHADOWED = ("type", "isinstance", "len", "str", "int", "float", "bool", "repr", "print", "all", "any",
            "globals", "getattr", "hasattr", "AssertionError", "Exception", "list", "dict", "tuple", "set")
# IPython methods an answer could replace on the shell to hide errors or rewrite later cells.
SHELL_METHODS = ("run_cell", "run_cell_async", "run_ast_nodes", "run_code", "showtraceback", "showsyntaxerror",
                 "_showtraceback", "transform_cell", "should_run_async")

# Runs once, silently, before any learner cell. The snapshot lives in the closure's defaults.
SNAPSHOT = f"""\
def __codensocial_guard(_b=__import__('builtins'), _saved=dict(__import__('builtins').__dict__), _ns=globals(),
                        _ip=get_ipython(), _lists=None, _shadowed={SHADOWED!r}, _methods={SHELL_METHODS!r}):
    _d = _b.__dict__
    for _k, _v in _saved.items():
        if _d.get(_k) is not _v:
            _d[_k] = _v
    for _k in _shadowed:
        if _k in _ns and _ns[_k] is not _saved.get(_k):
            del _ns[_k]
    for _k in _methods:
        _ip.__dict__.pop(_k, None)
    _ip.input_transformers_post[:] = []
    _ip.ast_transformers[:] = []
    return 0
__import__('sys').__codensocial_guard__ = __codensocial_guard
del __codensocial_guard
"""
# Evaluated as a user expression before every test cell: IPython evaluates those with eval(),
# past the input and AST transformers that an answer could have installed.
RESTORE = "__import__('sys').__codensocial_guard__()"

# What a beginner's answer has no reason to touch. Matched on the answer's source text.
SUSPICIOUS = {
    r"\bbuiltins\b|__builtins__": "builtins",
    r"\bget_ipython\b|\bIPython\b|\bipykernel\b": "IPython",
    r"\bsys\s*\.\s*(modules|settrace|setprofile|exit|stdout|stderr|displayhook|excepthook)\b": "sys",
    r"\b(exec|eval|compile|__import__|globals|setattr|delattr)\s*\(": "dynamic code",
    r"__(class|code|globals|dict|subclasses|eq|ne|hash|bases|mro|closure|getattribute)__": "object internals",
    r"\b(ctypes|gc|inspect|importlib|signal|socket|subprocess|multiprocessing|threading|resource)\b": "system module",
    r"\bos\s*\.\s*(_exit|fork|kill|system|exec\w*|spawn\w*|remove|unlink|rmdir|chmod|setsid)\b": "os",
    r"\b(open|Path)\s*\(": "files",
    r"\b(def|class)\s+(" + "|".join(SHADOWED) + r")\b|^\s*(" + "|".join(SHADOWED) + r")\s*=": "a redefined built-in",
    r"\bcourse\b\s*\.|from\s+course\b|import\s+course\b": "the course package",
}


def suspicious(source: str) -> list[str]:
    """The kinds of machinery an answer reaches into, by name; empty for ordinary answers."""
    return sorted({label for pattern, label in SUSPICIOUS.items() if re.search(pattern, source, re.MULTILINE)})
