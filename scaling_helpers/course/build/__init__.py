"""Build student copies: ``python -m scaling_helpers.build [--no-execute] [--lectures] [CHAPTER...]``."""

from .pipeline import build_chapter, execute_lecture, student_copy

__all__ = ["build_chapter", "execute_lecture", "student_copy", "main"]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    import argparse
    import sys
    from pathlib import Path

    from ..specs import CHAPTERS

    p = argparse.ArgumentParser(prog="python -m scaling_helpers.build",
                                description="Execute solutions/ (recording answer keys), write exercises/, "
                                            "and optionally re-execute the lecture notebooks.")
    p.add_argument("chapters", nargs="*", help=f"chapter stems (default: all of {', '.join(CHAPTERS)})")
    p.add_argument("--root", type=Path, default=Path.cwd(), help="course root (default: current folder)")
    p.add_argument("--no-execute", action="store_true",
                   help="only regenerate exercises/ from the stored solutions (fast, no kernel)")
    p.add_argument("--lectures", action="store_true", help="also re-execute notebooks/NN_*.ipynb")
    args = p.parse_args(argv)
    stems = args.chapters or list(CHAPTERS)
    unknown = [s for s in stems if s not in CHAPTERS]
    if unknown:
        print(f"unknown chapter(s): {', '.join(unknown)}; known: {', '.join(CHAPTERS)}", file=sys.stderr)
        return 2
    for stem in stems:
        if args.lectures and (args.root / "notebooks" / f"{stem}.ipynb").exists():
            print(f"executing notebooks/{stem}.ipynb")
            execute_lecture(args.root / "notebooks" / f"{stem}.ipynb")
        print(f"building solutions/{stem}.ipynb -> exercises/{stem}.ipynb")
        build_chapter(args.root, stem, execute_solutions=not args.no_execute)
    return 0
