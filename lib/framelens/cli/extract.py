"""``framelens extract ARTICLE... --out draft.csv``: quoted statements and their speakers, as draft rows to tag.

ARTICLE is a plain-text file, a saved HTML page or a folder of them. Outlet, bloc, date, event and URL given as
options fill every row; the tags stay empty for a coder. Exit code 0 when every article was read, 1 when one could
not be read or nothing was found (each on one line), 2 for a usage error (an existing --out without --force).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from framelens.assist.extract import CODER, ExtractError, article_files, draft_rows, extract_quotes, read_article, slug
from framelens.dataset.codebook import load_codebook
from framelens.dataset.csvwrite import write_csv
from framelens.safewrite import record, refusal


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    refused = refusal([out], "extract", args.force, args.article)
    if refused:
        print(refused)
        return 2
    blocs = load_codebook().codes("bloc")
    if args.outlet_bloc and args.outlet_bloc not in blocs:
        print(f"framelens extract: --outlet-bloc {args.outlet_bloc!r} is not a bloc; allowed: {', '.join(blocs)}")
        return 2
    failed = 0
    try:
        files = article_files(args.article)
    except ExtractError as exc:
        print(f"framelens extract: {exc}")
        return 1
    frames, counts = [], {}
    for path in files:
        try:
            text = read_article(path, args.encoding)
        except ExtractError as exc:
            print(f"framelens extract: {exc}")
            failed += 1
            continue
        quotes = extract_quotes(text, args.language)
        if not quotes:
            print(f"framelens extract: {path}: no quotations or reported speech found")
            failed += 1
            continue
        prefix = slug(args.event_id or path.name)
        frames.append(
            draft_rows(
                quotes,
                id_prefix=prefix,
                event_id=args.event_id or "",
                published_at=args.published_at or "",
                outlet=args.outlet or "",
                outlet_bloc=args.outlet_bloc or "",
                url=args.url or "",
                source=path.name,
                first=counts.get(prefix, 0) + 1,
            )
        )
        counts[prefix] = counts.get(prefix, 0) + len(quotes)
        print(f"  {path}: {len(quotes)} statements")
    if not frames:
        if len(files) > 1:
            print("framelens extract: nothing to write")
        return 1
    rows = pd.concat(frames, ignore_index=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    record([write_csv(rows, out)])
    unattributed = int(rows["speaker"].eq("").sum())
    print(
        f"wrote {len(rows)} draft statements to {out} (coder {CODER}); {unattributed} without a clear speaker. "
        "Check every quote and speaker, fill the tags, or run `framelens suggest` first."
    )
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="draft statement rows from articles: quotes, speakers and their roles")
    p.add_argument("article", nargs="+", help="a text file, a saved HTML page, or a folder of them")
    p.add_argument("--out", required=True, help="the draft CSV to write")
    p.add_argument("--url", help="the article's link, for every row")
    p.add_argument("--outlet", help="the outlet's name, for every row")
    p.add_argument("--outlet-bloc", help="the outlet's bloc (a codebook bloc)")
    p.add_argument("--published-at", help="the publication date (ISO 8601)")
    p.add_argument("--event-id", help="the event the article is about; also the statement ids' prefix")
    p.add_argument("--language", help="ISO 639-1 code of the quotes (default: guessed from the letters)")
    p.add_argument("--encoding", help="the files' encoding when it is not UTF-8 (such as cp1251)")
    p.add_argument("--force", action="store_true", help="overwrite --out even if FrameLens did not write it as it is")
    p.set_defaults(func=run)
