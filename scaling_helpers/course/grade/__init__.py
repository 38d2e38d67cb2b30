"""Grade a submitted exercise notebook against the solutions with nbval.

Command line::

    python -m scaling_helpers.grade SUBMISSION.ipynb --solutions DIR --json REPORT.json [--junitxml FILE]
    python -m scaling_helpers.grade SUBMISSIONS_DIR/ --solutions DIR --csv scores.csv [--jobs 2]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model import GradeReport, ItemResult
from .pipeline import grade_submission
from .report import summary, write_json, write_junit

__all__ = ["GradeReport", "ItemResult", "grade_submission", "main"]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point. Exit status 0 when graded (whatever the score), 2 when the
    submission could not be graded, 3 on a setup error (e.g. no solutions)."""
    p = argparse.ArgumentParser(prog="python -m scaling_helpers.grade",
                                description="Grade a submitted exercise notebook against the solutions with nbval. "
                                            "The submission is never modified.")
    p.add_argument("submission", type=Path,
                   help="the student's .ipynb, or a folder of submissions to grade a whole class")
    p.add_argument("--solutions", type=Path, required=True, help="folder holding the executed solution notebooks")
    p.add_argument("--json", type=Path, help="write the report as JSON here")
    p.add_argument("--junitxml", type=Path, help="write one JUnit test case per exercise here")
    p.add_argument("--chapter", help="chapter stem (default: from the file name or its check cells)")
    p.add_argument("--cell-timeout", type=int, default=30, help="seconds one cell may run (default 30)")
    p.add_argument("--timeout", type=int, default=900, help="seconds for the whole notebook (default 900)")
    p.add_argument("--quiet", action="store_true", help="print only the total")
    p.add_argument("--csv", type=Path, help="folder mode: write one row of scores per submission here")
    p.add_argument("--json-dir", type=Path, help="folder mode: write each submission's JSON report here")
    p.add_argument("--jobs", type=int, default=2, help="folder mode: notebooks graded in parallel (default 2)")
    args = p.parse_args(argv)
    if args.submission.is_dir():
        return _grade_class(args)
    try:
        rep = grade_submission(args.submission, args.solutions, chapter=args.chapter,
                               cell_timeout=args.cell_timeout, total_timeout=args.timeout)
    except (FileNotFoundError, ValueError) as exc:
        rep = GradeReport(str(args.submission), args.chapter, [], graded=False, problems=[f"setup error: {exc}"])
        code = 3
    else:
        code = 0 if rep.graded else 2
    if args.json:
        write_json(rep, args.json)
    if args.junitxml:
        write_junit(rep, args.junitxml)
    print(summary(rep) if not args.quiet else f"{rep.points:g}/{rep.max_points:g}")
    return code


def _grade_class(args: argparse.Namespace) -> int:
    from .batch import grade_folder, write_csv

    try:
        reports = grade_folder(args.submission, args.solutions, chapter=args.chapter, jobs=max(args.jobs, 1),
                               cell_timeout=args.cell_timeout)
    except (FileNotFoundError, ValueError) as exc:
        print(f"setup error: {exc}", file=sys.stderr)
        return 3
    if args.csv:
        write_csv(reports, args.csv, args.submission)
    if args.json_dir:
        args.json_dir.mkdir(parents=True, exist_ok=True)
        for i, rep in enumerate(reports):
            write_json(rep, args.json_dir / f"{i:05d}_{Path(rep.submission).stem}.json")
    for rep in reports:
        status = "" if rep.graded else "  (could not grade)"
        print(f"{rep.points:g}/{rep.max_points:g}  {rep.submission}{status}")
    print(f"graded {sum(r.graded for r in reports)} of {len(reports)} submissions")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
