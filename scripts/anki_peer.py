#!/usr/bin/env python3
"""Anki's side of scripts/bench-anki.sh, run with the peers venv (PyPI `anki`).

  anki_peer.py build PROGRESS_JSON LOG_DIR OUT.anki2
      Builds an Anki collection holding what a recall user folder holds: one Basic note per
      card (front the question, back the answer) in a deck per recall deck, every review of
      the logs in the revlog (a line copied into another device's log counted once, as recall
      counts it), and each card's state as recall replayed it (`recall progress --json`):
      FSRS on, memory state, reps, lapses, and the same days until due.
  anki_peer.py first OUT.anki2
      What Anki does to show the first card: opens the collection, builds the queue, renders
      the question of the first card, closes. Prints the question.
"""
import json
import os
import sys
import time
from datetime import datetime, timezone


def build(progress_json: str, log_dir: str, out: str) -> None:
    from anki.collection import AddNoteRequest, Collection

    with open(progress_json, encoding="utf-8") as f:
        cards = json.load(f)
    if os.path.exists(out):
        os.remove(out)
    col = Collection(out)
    col.set_config("fsrs", True)
    basic = col.models.by_name("Basic")
    decks = {}
    requests = []
    for card in cards:
        deck = card["deck"]
        if deck not in decks:
            decks[deck] = col.decks.id(deck)
        note = col.new_note(basic)
        note["Front"] = card["question"]
        note["Back"] = card["answer"]
        requests.append(AddNoteRequest(note=note, deck_id=decks[deck]))
    col.add_notes(requests)
    ids = col.db.list("select id from cards order by nid")
    by_recall = {card["card"]: cid for card, cid in zip(cards, ids)}

    # The reviews: every line of every log, copies in other logs counted once.
    seen = set()
    rows = []
    used = set()
    for name in sorted(os.listdir(log_dir)):
        if not (name.startswith("log-") and name.endswith(".tsv")):
            continue
        counted = {}
        with open(os.path.join(log_dir, name), encoding="utf-8", errors="replace") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if line.startswith("#") or len(fields) < 4 or fields[1] not in by_recall:
                    continue
                grade = {"again": 1, "hard": 2, "good": 3, "easy": 4}.get(fields[2])
                if grade is None:
                    continue
                counted[line] = counted.get(line, 0) + 1
                if line in seen and counted[line] == 1:
                    continue
                seen.add(line)
                at = datetime.fromisoformat(fields[0].replace("Z", "+00:00"))
                ms = int(at.timestamp() * 1000)
                while ms in used:
                    ms += 1
                used.add(ms)
                rows.append((ms, by_recall[fields[1]], -1, grade, 0, 0, 0,
                             int(float(fields[3]) * 1000), 1))
    # One transaction: outside one, SQLite commits (and syncs) after every row.
    col.db.transact(lambda: col.db.executemany(
        "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows))

    # Each card's state as recall replayed it, due the same number of days from today.
    recall_today = datetime(2026, 11, 21, tzinfo=timezone.utc).date()
    today = col.sched.today
    updates = []
    for card in cards:
        due = datetime.fromisoformat(card["due"].replace("Z", "+00:00"))
        data = json.dumps({"s": card["stability"], "d": card["difficulty"], "dr": 0.9})
        last = datetime.fromisoformat(card["last_review"].replace("Z", "+00:00"))
        ivl = max(1, (due.date() - last.date()).days)
        if card["phase"] == "review":
            kind, queue, when = 2, 2, today + (due.date() - recall_today).days
        else:
            kind, queue, when = 3, 1, int(time.time()) + 600
        updates.append((kind, queue, when, ivl, card["reviews"], card["lapses"], data,
                        by_recall[card["card"]]))
    col.db.transact(lambda: col.db.executemany(
        "update cards set type = ?, queue = ?, due = ?, ivl = ?, reps = ?, lapses = ?,"
        " data = ? where id = ?", updates))
    col.close()
    print(f"{len(cards)} cards, {len(rows)} reviews, {len(decks)} decks: {out}")


def first(path: str) -> None:
    from anki.collection import Collection

    col = Collection(path)
    card = col.sched.getCard()
    print(card.question() if card else "(nothing due)")
    col.close(downgrade=False)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "build":
        build(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "first":
        first(sys.argv[2])
    else:
        sys.exit(__doc__)
