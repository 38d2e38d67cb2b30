"""Transform 7: write the report as JSON, JUnit XML and a readable summary."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from .model import GradeReport

__all__ = ["summary", "write_json", "write_junit"]


def summary(rep: GradeReport, *, instructor: bool = False) -> str:
    """A readable per-exercise summary with points (``instructor``: with the revealing details)."""
    head = f"Grading {rep.submission}" + (f" (chapter {rep.chapter})" if rep.chapter else "")
    lines = [head]
    width = max([len(i.title) for i in [*rep.items, *rep.written]] + [20])
    for it in rep.items:
        mark = "ok " if it.passed else "-- "
        pts = f"{it.points:g}/{it.max_points:g}"
        lines.append(f"  {mark}[{it.exercise}] {it.title.ljust(width)}  {pts:>5}  {it.message}")
        lines += [f"        ! {f}" for f in it.flags]
        if instructor and it.detail:
            lines.append(f"        > {it.detail}")
        if instructor and it.explanation:
            lines.append(f"        = {it.explanation}")
    for w in rep.written:
        pts = f"-/{w.max_points:g}"
        lines.append(f"  .. [{w.exercise}] {w.title.ljust(width)}  {pts:>5}  {w.message}")
        lines += [f"        ! {f}" for f in w.flags]
    lines += [f"  * {p}" for p in rep.problems]
    status = "" if rep.graded else "  (could not grade)"
    if not rep.sandboxed:
        lines.append("  * graded WITHOUT the sandbox (--no-sandbox): only for trusted notebooks")
    lines.append(f"Total: {rep.points:g}/{rep.max_points:g} points{status}  [{rep.seconds:.1f} s]")
    if rep.written:
        lines.append(f"Written answers: {rep.written_max_points:g} more points, to be marked by the instructor "
                     "(not included in the total)")
    return "\n".join(lines)


def write_json(rep: GradeReport, path: Path, *, instructor: bool = False) -> None:
    """Write the report as JSON (exercise, points, max_points, passed, message, flags per item;
    ``detail`` too for an ``instructor`` report)."""
    path.write_text(json.dumps(rep.to_dict(instructor=instructor), indent=2) + "\n", encoding="utf-8")


def write_junit(rep: GradeReport, path: Path) -> None:
    """Write one JUnit test case per exercise (failures carry the message), for CI dashboards;
    written items are skipped test cases ("to be marked")."""
    suite = ET.Element("testsuite", name=f"grade {rep.chapter or 'unknown'}",
                       tests=str(len(rep.items) + len(rep.written)), skipped=str(len(rep.written)),
                       failures=str(sum(not i.passed for i in rep.items)), errors="0" if rep.graded else "1",
                       time=f"{rep.seconds:.2f}")
    for it in rep.items:
        tc = ET.SubElement(suite, "testcase", classname=rep.chapter or "submission",
                           name=f"{it.exercise} {it.title}")
        ET.SubElement(tc, "properties")
        for k, v in (("points", it.points), ("max_points", it.max_points)):
            ET.SubElement(tc.find("properties"), "property", name=k, value=f"{v:g}")
        if not it.passed:
            fail = ET.SubElement(tc, "failure", message=it.message)
            fail.text = "\n".join([it.message, *it.flags])
    for w in rep.written:
        tc = ET.SubElement(suite, "testcase", classname=rep.chapter or "submission", name=f"{w.exercise} {w.title}")
        props = ET.SubElement(tc, "properties")
        ET.SubElement(props, "property", name="max_points", value=f"{w.max_points:g}")
        ET.SubElement(tc, "skipped", message=w.message)
    if not rep.graded:
        err = ET.SubElement(suite, "testcase", classname="submission", name="read submission")
        ET.SubElement(err, "error", message="; ".join(rep.problems)[:500])
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)
