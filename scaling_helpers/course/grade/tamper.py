"""Transform 3: find code that redefines or bypasses the checker (static, AST-based).

This catches honest mistakes (a student naming a variable ``check``) as well as deliberate
tampering; either way the items checked afterwards cannot be trusted, so they earn no credit
and the report says where it happened. The grader also confirms dynamically that every
official check really ran (see :mod:`.run`).
"""

from __future__ import annotations

import ast
from typing import Any

__all__ = ["find_tampering"]

_PROTECTED = {"check", "evaluate"}
_INTERNALS = {"compare", "load_keys", "recording", "_log", "_lookup", "_display", "Verdict", "specs", "course",
              "GRADE_LOG_ENV", "find_solution_notebook"}


def _strip_magics(source: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def _target_problem(t: ast.AST) -> str | None:
    if isinstance(t, ast.Name) and t.id in _PROTECTED:
        return f"assigns to {t.id}"
    if isinstance(t, ast.Attribute) and (t.attr in _PROTECTED | _INTERNALS or "scaling_helpers" in _names_in(t)):
        return f"assigns to attribute {t.attr}"
    if isinstance(t, ast.Subscript):
        src = ast.unparse(t)
        if any(p in src for p in ("globals()", "user_ns", "sys.modules", "__dict__")):
            return f"writes {src[:40]}"
    if isinstance(t, (ast.Tuple, ast.List)):
        for elt in t.elts:
            p = _target_problem(elt)
            if p:
                return p
    return None


def _cell_problems(source: str) -> list[str]:
    try:
        tree = ast.parse(_strip_magics(source))
    except SyntaxError:
        return []
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in _PROTECTED:
            found.append(f"defines {node.name}")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found += [p for t in targets if (p := _target_problem(t))]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            mod = getattr(node, "module", "") or ""
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                legit = mod == "scaling_helpers.course.check" and alias.name in _PROTECTED and bound == alias.name
                if bound in _PROTECTED and not legit:
                    found.append(f"imports something else as {bound}")
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and _PROTECTED & set(node.names):
            found.append("declares check global")
        elif isinstance(node, ast.Call):
            fn = ast.unparse(node.func)
            if fn in ("setattr", "delattr") and node.args:
                found.append(f"calls {fn} on {ast.unparse(node.args[0])[:30]}")
            elif fn.endswith(("environ.__setitem__", "putenv")):
                found.append("changes environment variables")
        elif isinstance(node, ast.Delete):
            found += [f"deletes {ast.unparse(t)[:30]}" for t in node.targets if _names_in(t) & _PROTECTED]
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "SCALING_HELPERS_" in node.value:
            found.append("touches the grader's environment variables")
    return sorted(set(found))


def find_tampering(cells: list[Any], skip: set[int]) -> dict[int, list[str]]:
    """Map cell index -> problems, for every code cell not in ``skip`` (the official check cells)."""
    out: dict[int, list[str]] = {}
    for i, cell in enumerate(cells):
        if i in skip or cell.get("cell_type") != "code":
            continue
        probs = _cell_problems(cell.get("source", ""))
        if probs:
            out[i] = probs
    return out
