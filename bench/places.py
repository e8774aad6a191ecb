"""Toponym accuracy end to end: accuracy@161km, mean and median error in km.

    .venv/bin/python bench/places.py [--limit N] [--docbin /tmp/lgl.spacy] [--seed]
    .venv/bin/python bench/places.py --cost [--limit N]

A gold toponym counts as correct when a predicted toponym overlaps its span and
lies within 161 km; a miss counts as wrong (shared/docs/GOLD_FORMAT.md).

``--cost``: what resolution costs, in one run on the same LGL texts: gazetteer load
time, spaCy parse time, ``find_toponyms`` time on those parses (best of two each), their
ratio (issue target: < 0.15) and the process's peak RSS (target: < 600 MB a worker).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from sitroom.nlp import load_nlp
from sitroom.places import find_toponyms, load_gazetteer
from sitroom.places.detect import DetectOptions
from sitroom.places.scoring import Weights, distance_km

SHARED = Path(__file__).resolve().parents[2] / "shared"
LGL = SHARED / "eval" / "dev" / "lgl.jsonl"
SEED = SHARED / "seed" / "seed.gold.jsonl"


def load_records(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows[:limit] if limit else rows


def parse(records: list[dict], docbin: Path | None) -> list:
    from spacy.tokens import DocBin

    nlp = load_nlp()
    if docbin and docbin.exists():
        docs = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
        if len(docs) == len(records):
            return docs
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=32))
    if docbin:
        DocBin(docs=docs).to_disk(docbin)
    return docs


def score(records: list[dict], docs: list, gazetteer, options: DetectOptions, weights) -> dict:
    correct, total, errors, misses, wrong = 0, 0, [], [], []
    for record, doc in zip(records, docs, strict=True):
        predicted = [
            t for t in find_toponyms(doc, gazetteer, options=options, weights=weights) if t.resolved
        ]
        for gold in record["gold"]["toponyms"]:
            total += 1
            hits = [p for p in predicted if p.start < gold["end"] and gold["start"] < p.end]
            if not hits:
                misses.append(gold["text"])
                continue
            km = min(distance_km((p.lat, p.lon), (gold["lat"], gold["lon"])) for p in hits)
            errors.append(km)
            if km <= 161:
                correct += 1
            else:
                wrong.append((gold["text"], hits[0].name, hits[0].country, round(km)))
    return {
        "gold": total,
        "acc@161": round(correct / total, 4) if total else None,
        "overlapped": len(errors),
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "misses": misses,
        "wrong": wrong,
    }


def score_event_places(records: list[dict], docs: list, gazetteer, weights) -> dict:
    """For event datasets (ACLED notes, ISAF): does a toponym spelled like the gold
    event place resolve within 161 km (and 25 km) of it?"""
    from sitroom.places.normalize import name_key

    total, near, close = 0, 0, 0
    for record, doc in zip(records, docs, strict=True):
        place = (record["gold"].get("events") or [{}])[0].get("place")
        if not place or place.get("lat") is None:
            continue
        key = name_key(place["name"])
        found = [
            t
            for t in find_toponyms(doc, gazetteer, weights=weights)
            if t.resolved and (name_key(t.text) == key or name_key(t.name or "") == key)
        ]
        if not found:
            continue
        total += 1
        km = min(distance_km((t.lat, t.lon), (place["lat"], place["lon"])) for t in found)
        near += km <= 161
        close += km <= 25
    return {
        "named_places": total,
        "acc@161": round(near / total, 4) if total else None,
        "acc@25": round(close / total, 4) if total else None,
    }


def cost(limit: int | None) -> dict:
    import resource

    from spacy.tokens import Doc

    records = load_records(LGL, limit)
    texts = [r["text"] for r in records]
    began = time.perf_counter()
    load_gazetteer().lookup("Kabul")  # opened and asked once: what a worker pays first
    load_s = time.perf_counter() - began
    nlp = load_nlp()
    list(nlp.pipe(texts[:16]))  # warm: the model and the vocab
    parse_s = resolve_s = float("inf")
    docs: list[Doc] = []
    for _ in range(2):
        began = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=16))
        parse_s = min(parse_s, time.perf_counter() - began)
        fresh = load_gazetteer()  # its lookup memo starts empty, as in a new process
        began = time.perf_counter()
        for doc in docs:
            find_toponyms(doc, fresh)
        resolve_s = min(resolve_s, time.perf_counter() - began)
    return {
        "texts": len(texts),
        "gazetteer_load_s": round(load_s, 3),
        "parse_s": round(parse_s, 2),
        "resolve_s": round(resolve_s, 2),
        "resolve_over_parse": round(resolve_s / parse_s, 3),
        "ms_per_text": round(1000 * resolve_s / len(texts), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int)
    parser.add_argument("--docbin", type=Path)
    parser.add_argument("--seed", action="store_true", help="score the reference report instead")
    parser.add_argument("--events", choices=["acled_notes", "isaf_press_releases"])
    parser.add_argument("--no-org", action="store_true")
    parser.add_argument("--no-cues", action="store_true")
    parser.add_argument("--no-noun-cue", action="store_true")
    parser.add_argument("--no-demonyms", action="store_true", help="demonyms are no mentions")
    parser.add_argument("--w", action="append", default=[], help="weight override: name=value")
    parser.add_argument("--show", type=int, default=0, help="print N most common errors")
    parser.add_argument("--cost", action="store_true", help="time resolution against parsing")
    args = parser.parse_args()
    if args.cost:
        print(json.dumps(cost(args.limit or 200)))
        return
    started = time.time()
    gazetteer = load_gazetteer()
    overrides = {k: float(v) for k, v in (item.split("=") for item in args.w)}
    if args.events:
        records = load_records(SHARED / "eval" / "dev" / f"{args.events}.jsonl", args.limit)
        docs = parse(records, args.docbin)
        result = score_event_places(records, docs, gazetteer, Weights(**overrides))
        print(json.dumps({**result, "seconds": round(time.time() - started, 1)}))
        return
    records = load_records(SEED if args.seed else LGL, args.limit)
    docs = parse(records, None if args.seed else args.docbin)
    options = DetectOptions(
        org_places=not args.no_org,
        cue_matching=not args.no_cues,
        noun_cue=not args.no_noun_cue,
        demonyms=not args.no_demonyms,
    )
    result = score(records, docs, gazetteer, options, Weights(**overrides))
    if args.show:
        from collections import Counter

        print("misses:", Counter(result["misses"]).most_common(args.show))
        print("wrong:", Counter(result["wrong"]).most_common(args.show))
    result = {k: v for k, v in result.items() if k not in ("misses", "wrong")}
    print(json.dumps({**result, "seconds": round(time.time() - started, 1)}))


if __name__ == "__main__":
    main()
