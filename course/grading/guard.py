"""Two guards against answers that try to cheat the tests that run after them.

Learner code and the tests share one Python process, so no in-process guard is
complete: an answer can rewrite anything the tests use. The kit therefore does
two cheap things and is honest about the rest.

1. *Restore* (inside the kernel): before every test cell the engine silently puts back
   what the test cells rely on, as it was before the learner's first cell ran: built-in
   functions, IPython's transformers, hooks and shell methods, and the kit's own checks
   (see :mod:`course.grading.in_kernel_guard`, whose text is sent to the kernel). So a
   test cell runs as written, with the checks as shipped.
2. *Flag* (outside the kernel, cannot be tampered with): answers whose syntax tree, read
   as Python reads it (NFKC, so full-width letters change nothing), reaches into Python's
   machinery (builtins, IPython, sys.modules, exec, ctypes, signals, processes,
   sockets, the kit's own package...) are marked for a trainer to look at: their scores
   stand, but nbgrader's "needs manual grade" flag is set and the summary names the learner.
"""
from __future__ import annotations

import ast
import functools
import re
import secrets
import unicodedata
from pathlib import Path

from course.i18n import N_

# Names the tests call: an answer that defines its own `type` or `isinstance` loses it before a test runs.
SHADOWED = ("type", "isinstance", "len", "str", "int", "float", "bool", "repr", "print", "all", "any",
            "globals", "getattr", "hasattr", "AssertionError", "Exception", "list", "dict", "tuple", "set")
# The package whose checks the test cells import.
PACKAGE = "course"
# Where the restore function waits in the kernel: a new name for every grader run.
KEY = f"_codensocial_{secrets.token_hex(8)}"

# Runs once, silently, before any learner cell.
def _compact(source: str) -> str:
    """The guard's code without its docstrings and comments: the kernel parses less, every notebook."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
    return ast.unparse(tree)


_SOURCE = _compact(Path(__file__).with_name("in_kernel_guard.py").read_text(encoding="utf-8"))
_DEFINED = sorted(set(re.findall(r"^def (_codensocial_\w+)", _SOURCE, re.MULTILINE)))
SNAPSHOT = (_SOURCE + f"\n_codensocial_install({KEY!r}, {SHADOWED!r}, {PACKAGE!r})\n"
            + f"del {', '.join(_DEFINED)}\n")
# Evaluated as a user expression before every test cell: IPython evaluates those with eval(),
# past the input and AST transformers that an answer could have installed.
RESTORE = f"__import__('sys').{KEY}()"

# The kinds a trainer reads in the grading summary: translated where they are shown (pipeline.flag).
# Names of Python modules ("sys", "os", "IPython", "builtins") are code words and stay as they are.
KIND_DYNAMIC_CODE = N_("dynamic code")
KIND_FILES = N_("files")
KIND_THE_COURSE_PACKAGE = N_("the course package")
KIND_SYSTEM_MODULE = N_("system module")
KIND_INTERNALS = N_("object internals")
KIND_REDEFINED = N_("a redefined built-in")

# What a beginner's answer has no reason to touch, decided on the syntax tree of the answer
# after NFKC normalisation (as Python itself reads identifiers: `ｃourse` *is* `course`) and
# after IPython's own rewriting of magics (`%config`, `!ls` become get_ipython() calls).
NAMES = {
    "builtins": "builtins", "__builtins__": "builtins",
    "get_ipython": "IPython", "IPython": "IPython", "ipykernel": "IPython",
    "exec": KIND_DYNAMIC_CODE, "eval": KIND_DYNAMIC_CODE, "compile": KIND_DYNAMIC_CODE, "__import__": KIND_DYNAMIC_CODE,
    "globals": KIND_DYNAMIC_CODE, "locals": KIND_DYNAMIC_CODE, "vars": KIND_DYNAMIC_CODE, "setattr": KIND_DYNAMIC_CODE,
    "delattr": KIND_DYNAMIC_CODE, "breakpoint": KIND_DYNAMIC_CODE,
    "open": KIND_FILES, "Path": KIND_FILES, "io": KIND_FILES, "shutil": KIND_FILES, "pathlib": KIND_FILES,
    "course": KIND_THE_COURSE_PACKAGE,
    **{name: KIND_SYSTEM_MODULE for name in ("ctypes", "gc", "inspect", "importlib", "signal", "socket", "subprocess",
                                          "multiprocessing", "threading", "resource", "atexit", "pickle", "marshal",
                                          "types", "code", "codeop", "runpy", "pty", "mmap", "_thread", "asyncio")},
}
IDENTIFIER_PATH = re.compile(r"[A-Za-z_][\w.]{0,100}")  # a string naming a module or attribute
SYS_PARTS = ("modules", "settrace", "setprofile", "exit", "stdout", "stderr", "stdin", "displayhook", "excepthook",
             "meta_path", "path_hooks", "path_importer_cache", "path", "addaudithook", "_getframe", "setrecursionlimit",
             "__stdout__", "__stderr__", "__displayhook__", "__excepthook__")
OS_PARTS = ("_exit", "fork", "kill", "killpg", "system", "popen", "remove", "unlink", "rmdir", "removedirs", "chmod",
            "chown", "setsid", "environ", "putenv", "symlink", "link", "rename", "replace", "open", "write", "dup2",
            "posix_spawn", "abort")
INTERNALS = ("__class__", "__code__", "__globals__", "__dict__", "__subclasses__", "__eq__", "__ne__", "__hash__",
             "__bases__", "__mro__", "__closure__", "__getattribute__", "__getattr__", "__setattr__", "__reduce__",
             "__loader__", "__spec__", "__defaults__", "__kwdefaults__", "__func__", "__self__", "__module__",
             "__init_subclass__", "__class_getitem__", "__set_name__", "__instancecheck__", "__subclasscheck__",
             "f_globals", "f_locals", "f_back", "gi_frame", "tb_frame", "cr_frame")


def suspicious(source: str) -> list[str]:
    """The kinds of machinery an answer reaches into, by name; empty for ordinary answers."""
    tree = _tree(unicodedata.normalize("NFKC", source))
    if tree is None:  # cannot be read as Python: it cannot run either, but say what its text names
        return sorted({NAMES[word] for word in re.findall(r"\w+", unicodedata.normalize("NFKC", source))
                       if word in NAMES})
    kinds = set()
    for node in ast.walk(tree):
        kinds |= _kinds(node)
    return sorted(kinds)


def _tree(source: str) -> ast.AST | None:
    try:
        return ast.parse(_without_magics(source))
    except (SyntaxError, ValueError):
        return None


def _without_magics(source: str) -> str:
    """IPython's own rewriting of magics (`%time`, `!ls`, `x?`); plain Python (most answers) as it is."""
    if not any(mark in source for mark in "%!?"):
        return source
    return _magics().transform_cell(source)


@functools.cache
def _magics():
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager()


def _kinds(node: ast.AST) -> set[str]:
    """What one node of the tree reaches: names, attributes, imports, definitions of built-in names."""
    kinds = set()
    for name in _names(node):
        if name in NAMES:
            kinds.add(NAMES[name])
        if name in INTERNALS:
            kinds.add(KIND_INTERNALS)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        if node.value.id == "sys" and node.attr in SYS_PARTS:
            kinds.add("sys")
        if node.value.id == "os" and node.attr in OS_PARTS:
            kinds.add("os")
    if isinstance(node, ast.ImportFrom) and node.module in ("os", "sys"):
        kinds.add(node.module)
    if _redefines_builtin(node):
        kinds.add(KIND_REDEFINED)
    return kinds


def _names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        modules = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        return [part for name in [*modules, *(alias.name for alias in node.names)] for part in name.split(".")]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and IDENTIFIER_PATH.fullmatch(node.value):
        return [part for part in node.value.split(".") if NAMES.get(part) != "files"]  # "course.learner.checks"
    return []


def _redefines_builtin(node: ast.AST) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name in SHADOWED
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)] if isinstance(
        node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr)) else []
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return any((alias.asname or alias.name) in SHADOWED for alias in node.names)
    return any(isinstance(target, ast.Name) and target.id in SHADOWED for target in targets)
