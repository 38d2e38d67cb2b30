"""Grade submitted exercise notebooks against the solutions with nbval, each in a sandbox.

Command line::

    python -m scaling_helpers.grade SUBMISSION.ipynb --solutions DIR --json REPORT.json [--junitxml FILE]
    python -m scaling_helpers.grade SUBMISSIONS_DIR/ --solutions DIR --csv scores.csv [--jobs 2]
    python -m scaling_helpers.grade merge --scores scores.csv --review review.csv --out final.csv

Exit status: 0 graded (whatever the score); 2 the submission is not a readable notebook;
3 setup error (e.g. no solutions); 4 no sandbox tool and ``--no-sandbox`` not given.

Written answers (marked by a person) are collected from the file, listed as "to be marked" and,
in folder mode, written to ``review.csv`` next to the class CSV (:mod:`.review`); ``merge``
adds the marker's points to the automatic ones (:mod:`.merge`, its own exit statuses).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model import GradeReport, ItemResult
from .pipeline import default_sandbox, grade_submission
from .report import summary, write_json, write_junit
from .sandbox import SandboxUnavailable

__all__ = ["GradeReport", "ItemResult", "grade_submission", "main"]

EXIT_GRADED, EXIT_UNREADABLE, EXIT_SETUP, EXIT_NO_SANDBOX = 0, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m scaling_helpers.grade",
        description="Grade a submitted exercise notebook against the solutions with nbval. Each submission's "
                    "kernel runs in a bubblewrap sandbox that cannot see the solutions; the answers it emits "
                    "are judged in the grader's process. The submission is never modified.")
    p.add_argument("submission", type=Path,
                   help="the student's .ipynb, or a folder of submissions to grade a whole class")
    p.add_argument("--solutions", type=Path, required=True, help="folder holding the executed solution notebooks")
    p.add_argument("--json", type=Path, help="write the report as JSON here")
    p.add_argument("--junitxml", type=Path, help="write one JUnit test case per exercise here")
    p.add_argument("--chapter", help="chapter stem (default: from the file name or its check cells)")
    p.add_argument("--cell-timeout", type=int, default=30, help="seconds one cell may run (default 30)")
    p.add_argument("--timeout", type=int, default=900,
                   help="seconds one submission may run in all (default 900; per submission in folder mode)")
    p.add_argument("--quiet", action="store_true", help="print only the total")
    p.add_argument("--csv", type=Path, help="folder mode: write one row of scores per submission here")
    p.add_argument("--json-dir", type=Path, help="folder mode: write each submission's JSON report here")
    p.add_argument("--review", type=Path,
                   help="folder mode: write the written answers to mark here (default: review.csv next to --csv)")
    p.add_argument("--jobs", type=int, default=2, help="folder mode: notebooks graded in parallel (default 2)")
    p.add_argument("--data", type=Path, help="the Chinchilla runs CSV to give the kernels (default: found as "
                                             "scaling_helpers.chinchilla.data finds it)")
    p.add_argument("--instructor", action="store_true",
                   help="include the revealing details (expected values, ratios) in the reports: not for students")
    p.add_argument("--no-sandbox", action="store_true",
                   help="run kernels WITHOUT the sandbox: only for notebooks you trust (your own solutions); "
                        "the report records it")
    return p


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring for the exit status)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["merge"]:  # a submission folder named "merge" is given as ./merge
        from .merge import merge_main

        return merge_main(argv[1:])
    args = _parser().parse_args(argv)
    sandbox = None
    if not args.no_sandbox:
        try:
            sandbox = default_sandbox(args.data)
        except SandboxUnavailable as exc:
            print(f"refusing to grade untrusted notebooks: {exc}", file=sys.stderr)
            return EXIT_NO_SANDBOX
    if args.submission.is_dir():
        return _grade_class(args, sandbox)
    try:
        rep = grade_submission(args.submission, args.solutions, chapter=args.chapter, cell_timeout=args.cell_timeout,
                               total_timeout=args.timeout, sandbox=sandbox, no_sandbox=args.no_sandbox)
    except (FileNotFoundError, ValueError) as exc:
        rep = GradeReport(str(args.submission), args.chapter, [], graded=False, problems=[f"setup error: {exc}"],
                          sandboxed=not args.no_sandbox)
        code = EXIT_SETUP
    except Exception as exc:  # noqa: BLE001 - never die without a report
        rep = GradeReport(str(args.submission), args.chapter, [], graded=False, sandboxed=not args.no_sandbox,
                          problems=[f"the grader failed ({type(exc).__name__}: {str(exc)[:300]}); "
                                    "please report this with the submission"])
        code = EXIT_SETUP
    else:
        code = EXIT_GRADED if rep.graded else EXIT_UNREADABLE
    if args.json:
        write_json(rep, args.json, instructor=args.instructor)
    if args.junitxml:
        write_junit(rep, args.junitxml)
    print(summary(rep, instructor=args.instructor) if not args.quiet else f"{rep.points:g}/{rep.max_points:g}")
    return code


def _grade_class(args: argparse.Namespace, sandbox: object) -> int:
    from .batch import grade_folder, write_csv

    try:
        reports = grade_folder(args.submission, args.solutions, chapter=args.chapter, jobs=max(args.jobs, 1),
                               cell_timeout=args.cell_timeout, notebook_timeout=args.timeout,
                               sandbox=sandbox, no_sandbox=args.no_sandbox)  # type: ignore[arg-type]
    except (FileNotFoundError, ValueError) as exc:
        print(f"setup error: {exc}", file=sys.stderr)
        return EXIT_SETUP
    if args.csv:
        write_csv(reports, args.csv, args.submission)
    review = args.review or (args.csv.parent / "review.csv" if args.csv else None)
    if review is not None and (args.review or any(r.written for r in reports)):
        from .review import write_review

        n = write_review(reports, review, args.submission)
        print(f"review file: {review} ({n} written answer(s) to mark; fill the points column, then run "
              f"python -m scaling_helpers.grade merge)")
    if args.json_dir:
        args.json_dir.mkdir(parents=True, exist_ok=True)
        for i, rep in enumerate(reports):
            write_json(rep, args.json_dir / f"{i:05d}_{Path(rep.submission).stem}.json", instructor=args.instructor)
    for rep in reports:
        status = "" if rep.graded else "  (could not grade)"
        print(f"{rep.points:g}/{rep.max_points:g}  {rep.submission}{status}")
    print(f"graded {sum(r.graded for r in reports)} of {len(reports)} submissions")
    return EXIT_GRADED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
