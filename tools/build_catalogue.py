"""Rebuild the CSV lists of plans/catalogue/ from ../shared/domain (the sourced facts).

Run from the repository root: ``python tools/build_catalogue.py [SHARED_DOMAIN_DIR]``.
The TOML plan definitions (plan.toml) are written by hand; this script only turns the
domain CSVs into the catalogue's lists, keeping every source URL and confidence label.
Nothing is invented: an empty cell stays empty (= unknown).

Users read the catalogue in French: the domain's English research notes are rendered in French
from the table in tools/catalogue_fr.py, and the English original is kept beside them in a
``*_source`` column (provenance). A value and its research note are split: the axis a measure
shows is the axis title (``axis_text``) and the caveat goes to ``axis_note``; the deadline cell
holds the deadline as written (``deadline_text``) and the note goes to ``deadline_note``.
Every row's ``confidence`` (shown as « Fiabilité ») is French too, its English original in
``confidence_source``.
A note with no French rendering stops the build (nothing outdated or English is shipped).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from catalogue_fr import AXIS, AXIS_EN, CONFIDENCE, DEADLINE, FR, SAME

ROOT = Path(__file__).resolve().parents[1]
CAT = ROOT / "plans" / "catalogue"
DOMAIN = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "domain"

STATUS = {
    "non_engagee": "not_started", "engagee_en_construction": "initiated", "en_cours": "in_progress",
    "partiellement_realisee": "partial", "realisee": "done", "reportee": "postponed",
    "abandonnee": "abandoned", "inconnu": "unknown",
}
CNCDH = {"Réalisée": "done", "Partiellement réalisée": "partial", "Non réalisée": "not_started"}

# Lead body as reported in follow-up sources (the plan itself names none, per the collective).
LEAD = {"F01": "MIPROF", "F02": "MIPROF", "F03": "MIPROF", "F03a": "MIPROF", "F03b": "MIPROF",
        "F04": "MIPROF", "F05": "AGRASC", "F06": "MIPROF", "F07": "DGCS", "G03": "MIPROF",
        "G04": "MIPROF", "G05": "OCRTEH / OCLTI"}

# Announcement chains: (timeline date, kind, subject) -> (event_key, plan, subject shown, measure).
CHAINS = {
    ("2023-10-18", "other", "PNA 2024-2027 (date de présentation)"): ("presentation-pna-2024-2027", "Présentation du plan 2024-2027", ""),
    ("2023-10-12", "other", "PNA 2024-2027 (date de présentation)"): ("presentation-pna-2024-2027", "Présentation du plan 2024-2027", ""),
    ("2023-12-11", "plan_presented", "PNA 2024-2027"): ("presentation-pna-2024-2027", "Présentation du plan 2024-2027", ""),
    ("2024-01", "meeting_announced", "Comité de coordination MIPROF"): ("comite-2024-1", "Comité de coordination : première réunion du 3e plan", ""),
    ("2024-02", "meeting_postponed", "Comité de coordination MIPROF"): ("comite-2024-1", "Comité de coordination : première réunion du 3e plan", ""),
    ("2024-03-21", "meeting_postponed", "Comité de coordination MIPROF"): ("comite-2024-1", "Comité de coordination : première réunion du 3e plan", ""),
    ("2024-03-21", "meeting_held", "Comité de coordination MIPROF"): ("comite-2024-1", "Comité de coordination : première réunion du 3e plan", ""),
    ("2024-07", "meeting_announced", "Comité de coordination MIPROF"): ("comite-2024-07", "Comité de coordination : groupe de suivi de juillet 2024", ""),
    ("2024-09", "meeting_postponed", "Comité de coordination MIPROF"): ("comite-2024-07", "Comité de coordination : groupe de suivi de juillet 2024", ""),
    ("2024-09", "meeting_cancelled", "Comité de coordination MIPROF"): ("comite-2024-07", "Comité de coordination : groupe de suivi de juillet 2024", ""),
    ("2024-11", "meeting_announced", "MNIOP"): ("mniop-2024-11", "Réunion MNIOP (mécanisme national d'identification)", "F06"),
    ("2024-12-31", "meeting_cancelled", "MNIOP"): ("mniop-2024-11", "Réunion MNIOP (mécanisme national d'identification)", "F06"),
    ("2024-12-12", "meeting_held", "Comité de coordination MIPROF"): ("comite-2024-12", "Comité de coordination : bilan à un an", ""),
    ("2025-06-27", "meeting_held", "Comité de coordination MIPROF"): ("comite-2025-06", "Comité de coordination de juin 2025", ""),
    ("2026-02", "meeting_announced", "Comité de coordination MIPROF"): ("comite-2026-02", "Comité de coordination annoncé pour début février 2026", ""),
    ("2016-10-18", "meeting_held", "Comité de coordination MIPROF"): ("comite-2016-installation", "Comité de coordination : installation", ""),
    ("2025-04", "meeting_planned", "MIPROF meeting on transposition of Directive 2024/1712"): ("transposition-2025-04", "Réunion MIPROF sur la transposition de la directive 2024/1712", ""),
    ("2024-06-28", "measure_progress", "F01 formation ENM–MIPROF"): ("f01-formation-marseille", "Formation ENM–MIPROF à Marseille", "F01"),
    ("2024-07-04", "measure_progress", "F01 formation ENM–MIPROF"): ("f01-formation-marseille", "Formation ENM–MIPROF à Marseille", "F01"),
}
KIND = {"meeting_announced": "announced", "meeting_planned": "announced", "meeting_postponed": "postponed",
        "meeting_held": "held", "plan_presented": "held", "meeting_cancelled": "not_held"}


def read(name: str) -> list[dict]:
    with (DOMAIN / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


PENDING: list[tuple[Path, list[dict], list[str]]] = []


PROXY = re.compile(r"https?://siteproxy\.[^/\s]+(?::\d+)?/(https?)/")


def unwrap_proxy(urls: str) -> str:
    """A source reached through a web proxy during research (https://siteproxy…/https/host/…) is
    cited by its own address: users click the publisher's page, not a third-party relay."""
    return PROXY.sub(lambda m: f"{m.group(1)}://", urls)


def write(path: Path, rows: list[dict], fields: list[str]) -> None:
    """Queue a list; nothing is written unless every note has its French rendering."""
    PENDING.append((path, rows, fields))


def flush() -> None:
    for path, rows, fields in PENDING:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow({k: unwrap_proxy(r.get(k, "") or "") if k.endswith("source_url") else (r.get(k, "") or "")
                            for k in fields})
        print(f"{path.relative_to(ROOT)}: {len(rows)} rows")


def voice_of(url: str) -> str:
    from urllib.parse import urlparse
    host = urlparse(url).netloc.lower()
    if "contrelatraite" in host:
        return "civil_society"
    if "gouv.fr" in host or "miprof" in url.lower():
        return "government"
    if "cncdh" in url or "coe.int" in url or "ohchr" in url:
        return "independent"
    return "civil_society"


def last_day(iso: str) -> str:
    import calendar
    parts = iso.split("-")
    if len(parts) == 3:
        return iso
    y, m = int(parts[0]), int(parts[1]) if len(parts) > 1 else 12
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def precision(iso: str) -> str:
    """'' for a day, 'month' or 'year' for a date the source gives only to the month or the year."""
    return {3: "", 2: "month", 1: "year"}[len(iso.split("-"))]


MEASURE_FIELDS = ["ref", "official_number", "kind", "axis_ref", "axis_text", "axis_note", "title_fr", "title_en",
                  "lead_body", "actors_reported", "deadline_text", "deadline_note", "carried_over_from",
                  "carried_over_to", "evidence_summary", "kind_as_reported", "source_url", "confidence",
                  "axis_text_source", "actors_reported_source", "deadline_text_source", "evidence_summary_source",
                  "confidence_source"]
ASSESS_FIELDS = ["ref", "as_of", "as_of_precision", "status", "status_as_reported", "voice", "summary", "source_url", "confidence",
                 "summary_source", "confidence_source"]
AXIS_FIELDS = ["ref", "number", "label_fr", "label_en", "label_note", "description", "source_url", "confidence",
               "label_source", "description_source", "confidence_source"]

MISSING: list[str] = []
ENGLISH_WORDS = re.compile(r"\b(the|of|and|for|on|with|to|in|by|is|are|was|not|found|reported|announced|"
                           r"meeting|measure|measures|plan|its|from|as|at|after|unknown|inferred|stated)\b")


def fr(text: str) -> str:
    """The French rendering of a domain note (text already French or neutral is kept)."""
    if not text or text in SAME:
        return text
    if text in FR:
        return FR[text]
    date = fr_date(text)
    if date is not None:
        return date
    if ENGLISH_WORDS.search(text):
        MISSING.append(text)
    return text


def confidence_fr(text: str) -> str:
    """The French rendering of a confidence note: always from the CONFIDENCE table (a note missing
    there stops the build, however short); a note already French is kept."""
    if not text or text in FRENCH_CONFIDENCE:
        return text
    if text in CONFIDENCE:
        return CONFIDENCE[text]
    MISSING.append(text)
    return text


FRENCH_CONFIDENCE = set(CONFIDENCE.values())


def with_source(row: dict, *fields: str) -> dict:
    """French value in ``field``, the domain's original wording in ``field_source``; the row's
    ``confidence`` too (when it has one), its original in ``confidence_source``."""
    for f in fields:
        original = row.get(f"{f}_source") or row.get(f) or ""
        row[f"{f}_source"], row[f] = original, fr(original)
    if "confidence" in row:
        original = row.get("confidence_source") or row["confidence"] or ""
        row["confidence_source"], row["confidence"] = original, confidence_fr(original)
    return row


def axis_fr(label: str, axis_titles: dict[str, str]) -> tuple[str, str, str]:
    """(axis ref, axis title in French, research note in French) for an axis as reported."""
    if not label:
        return "", "", ""
    if label not in AXIS:
        MISSING.append(label)
        return "", "", ""
    value, note = AXIS[label]
    if value.startswith("AX-"):
        return value, axis_titles[value], note
    return "", value, note


def deadline_fr(text: str) -> tuple[str, str]:
    if not text:
        return "", ""
    if text not in DEADLINE:
        MISSING.append(text)
        return "", ""
    return DEADLINE[text]


def build_current() -> None:
    rows = read("measures-pna-2024-2027.csv")
    axes, measures, assessments = [], [], []
    for r in rows:
        if r["kind"] == "axis":
            axes.append({"ref": r["ref"], "number": r["axis_number"], "label_fr": r["title_fr"],
                         "label_en": r["title_en"], "label_note": AXIS.get(r["axis_label"], ("", ""))[1],
                         "label_source": r["axis_label"], "description": r["evidence_summary"],
                         "source_url": r["source_url"], "confidence": r["confidence"]})
            with_source(axes[-1], "description")
    titles = {a["ref"]: a["label_fr"] for a in axes}
    for r in rows:
        if r["kind"] == "axis":
            continue
        kind = "related_action" if r["ref"] in ("F03a", "F03b") else (
            "commitment" if r["kind"].startswith("commitment") else "measure")
        axis_ref, axis_text, axis_note = axis_fr(r["axis_label"], titles)
        deadline, deadline_note = deadline_fr(r["deadline_text"])
        carried = r["carried_over_from"].replace("PNA2 M", "PNA2-M").split(" ")[0] if r["carried_over_from"] else ""
        if carried.startswith("PNA2-M") and len(carried) == 7:
            carried = "PNA2-M0" + carried[-1]
        measures.append(with_source({
            **r, "kind": kind, "kind_as_reported": r["kind"], "axis_ref": axis_ref, "axis_text": axis_text,
            "axis_note": axis_note, "axis_text_source": r["axis_label"], "lead_body": LEAD.get(r["ref"], ""),
            "deadline_text": deadline, "deadline_note": deadline_note, "deadline_text_source": r["deadline_text"],
            "carried_over_from": carried, "official_number": ""}, "actors_reported", "evidence_summary"))
        if r["status_as_reported"]:
            assessments.append(with_source({
                "ref": r["ref"], "as_of": last_day(r["status_date"]),
                "as_of_precision": precision(r["status_date"]), "status": STATUS[r["status_as_reported"]],
                "status_as_reported": r["status_as_reported"], "voice": voice_of(r["status_source_url"]),
                "summary": r["evidence_summary"], "source_url": r["status_source_url"],
                "confidence": r["confidence"]}, "summary"))
    d = CAT / "pna-2024-2027"
    write(d / "axes.csv", axes, AXIS_FIELDS)
    write(d / "measures.csv", measures, MEASURE_FIELDS)
    write(d / "assessments.csv", assessments, ASSESS_FIELDS)


def build_old(name: str, plan_dir: str) -> None:
    rows = read(name)
    axes = {}
    for r in rows:
        if r["axis_number"] and r["axis_label"]:
            _ref, title, note = axis_fr(r["axis_label"], {})
            axes[r["axis_number"]] = {"ref": f"AX-{r['axis_number']}", "number": r["axis_number"], "label_fr": title,
                                      "label_en": AXIS_EN.get(r["axis_label"], ""), "label_note": note,
                                      "label_source": r["axis_label"],
                                      "source_url": r["source_url"].split(" ; ")[0], "confidence": r["confidence"]}
            with_source(axes[r["axis_number"]])
    measures, assessments = [], []
    for r in rows:
        _ref, axis_text, axis_note = axis_fr(r["axis_label"], {})
        deadline, deadline_note = deadline_fr(r.get("deadline_text", ""))
        measures.append(with_source({
            **r, "official_number": r["measure_number"],
            "axis_ref": f"AX-{r['axis_number']}" if r["axis_number"] else "", "axis_text": axis_text,
            "axis_note": axis_note, "axis_text_source": r["axis_label"], "kind_as_reported": r["kind"],
            "deadline_text": deadline, "deadline_note": deadline_note, "deadline_text_source": r.get("deadline_text", ""),
            "evidence_summary": r.get("cncdh_note", ""),
            "carried_over_to": (r.get("carried_over_to") or "").split(" ")[0]}, "actors_reported", "evidence_summary"))
        if r.get("cncdh_status"):
            note = fr(r.get("cncdh_note", ""))
            assessments.append(with_source({"ref": r["ref"], "as_of": "2023-01-12", "status": CNCDH[r["cncdh_status"]],
                                "status_as_reported": r["cncdh_status"], "voice": "independent",
                                "summary": f"Évaluation CNCDH du 2e plan : « {r['cncdh_status']} ». {note[:1].upper()}{note[1:]}".strip(),
                                "summary_source": f"Évaluation CNCDH du 2e plan : « {r['cncdh_status']} ». {r.get('cncdh_note', '')}".strip(),
                                "source_url": r["source_url"].split(" ; ")[0],
                                "confidence": "CNCDH rating confirmed; status code inferred from the rating"}))
    d = CAT / plan_dir
    write(d / "axes.csv", list(axes.values()), AXIS_FIELDS)
    write(d / "measures.csv", measures, MEASURE_FIELDS)
    if assessments:
        write(d / "assessments.csv", assessments, ASSESS_FIELDS)


def build_timeline() -> None:
    rows = read("timeline.csv")
    events, ann = [], []
    seq: dict[str, int] = {}
    for r in rows:
        events.append(r)
        key = CHAINS.get((r["date"], r["kind"], r["subject"]))
        if not key:
            continue
        event_key, subject, ref = key
        seq[event_key] = seq.get(event_key, 0) + 1
        kind = KIND.get(r["kind"], "announced" if r["kind"] != "other" else "postponed")
        if event_key == "presentation-pna-2024-2027" and r["date"] == "2023-10-18":
            kind = "announced"
        if event_key == "f01-formation-marseille":
            kind = "announced" if "announced" in r["date_text"] else "held"
        row = {"event_key": event_key, "seq": seq[event_key], "subject": subject, "measure_ref": ref or r["measure_ref"],
               "kind": kind, "summary": r["summary"], "source_url": r["source_url"], "confidence": r["confidence"],
               "timeline_date": r["date"], "timeline_date_text": r["date_text"]}
        if kind in ("announced", "postponed"):
            row["expected_text"] = r["date_text"]
            row["expected_iso"] = r["date"]
        elif kind == "held":
            row["held_on"] = r["date"]
        else:
            row["announced_on"] = r["date"] if len(r["date"]) == 10 else ""
            row["announced_on_text"] = r["date_text"]
        ann.append(row)
    # The 12 Oct 2023 row announces "end 2023": the date announced is « fin 2023 ».
    for row in ann:
        if row["event_key"] == "presentation-pna-2024-2027" and row["timeline_date"] == "2023-10-12":
            row["expected_text"], row["expected_iso"] = "fin 2023", "2023"
            row["announced_on"], row["announced_on_text"] = "2023-10-12", "12 Oct 2023"
    for row in ann:
        if row.get("expected_text"):
            row["expected_text_source"] = row["expected_text"]
            row["expected_text"] = french_text(row.get("expected_iso", ""), row["expected_text"])
        with_source(row, "summary", "announced_on_text")
    events = [with_source(dict(e), "subject", "summary", "date_text") for e in events]
    order = {k: i for i, k in enumerate(dict.fromkeys(r["event_key"] for r in ann))}
    pres = [r for r in ann if r["event_key"] == "presentation-pna-2024-2027"]
    pres.sort(key=lambda r: {"2023-10-18": 1, "2023-10-12": 2}.get(r["timeline_date"], 3))
    for i, r in enumerate(pres, 1):
        r["seq"] = i
    ann.sort(key=lambda r: (order[r["event_key"]], r["seq"]))
    write(CAT / "pna-2024-2027" / "announcements.csv", ann,
          ["event_key", "seq", "subject", "measure_ref", "kind", "announced_on", "announced_on_text", "expected_text",
           "expected_iso", "expected_text_source", "held_on", "summary", "timeline_date", "timeline_date_text", "source_url",
           "confidence", "announced_on_text_source", "summary_source", "confidence_source"])
    write(CAT / "events.csv", events, [*rows[0].keys(), "date_text_source", "subject_source", "summary_source",
                                       "confidence_source"])


MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]


def french_text(iso: str, source_text: str) -> str:
    """The announced date in French, rendered from the source's own wording (no new fact).

    « early Jul 2024 » → « début juillet 2024 », « mid-Nov 2024 » → « mi-novembre 2024 »,
    « 21 Mar 2024 (…) » → « 21 mars 2024 ». Text already in French is kept.
    """
    low = source_text.lower()
    parts = iso.split("-")
    if len(parts) == 3:
        day = int(parts[2])
        return f"{'1er' if day == 1 else day} {MOIS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        month = f"{MOIS[int(parts[1]) - 1]} {parts[0]}"
        if low.startswith(("fin ", "début ", "mi-")):
            return source_text
        if low.startswith(("early", "beginning")):
            return f"début {month}"
        if low.startswith(("mid", "mi-")):
            return f"mi-{month}"
        if low.startswith(("end", "late")):
            return f"fin {month}"
        return month
    return source_text


MONTH_EN = {m: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for m in names}


def fr_date(text: str) -> str | None:
    """A date written the English way in French (« 1 May 2023 » → « 1er mai 2023 », « mid-Sep 2022 » →
    « mi-septembre 2022 », « early 2024 » → « début 2024 »); None when the text is not only a date."""
    words = re.findall(r"[A-Za-z]+", text)
    if not words or any(w.lower() not in MONTH_EN and w.lower() not in ("early", "mid", "end", "late") for w in words):
        return None
    out = re.sub(r"\bearly\s", "début ", text)
    out = re.sub(r"\bmid-", "mi-", out)
    out = re.sub(r"\b(?:end|late)\s", "fin ", out)
    out = re.sub(r"\b[A-Za-z]+\b", lambda m: MOIS[MONTH_EN[m[0].lower()] - 1] if m[0].lower() in MONTH_EN else m[0], out)
    return re.sub(r"(^|\s)1 (?=[a-zé])", r"\g<1>1er ", out)


RELATED_TEXT = ("years", "steering_body", "measures_count", "known_shared_actions")


def build_related() -> None:
    rows = read("related-plans.csv")
    fields = [*rows[0].keys(), *(f"{f}_source" for f in RELATED_TEXT), "confidence_source"]
    write(CAT / "related.csv", [with_source(dict(r), *RELATED_TEXT) for r in rows], fields)


def build_notes() -> None:
    """links.csv, overlap_links.csv, related_items.csv and themes.csv are written by hand; their notes
    and confidences are rendered in French here too, the English original kept in ``note_source``
    and ``confidence_source``."""
    from plans.catalogue import read_csv

    for name, texts in (("links.csv", ("note",)), ("overlap_links.csv", ("note",)),
                        ("related_items.csv", ("note",)), ("themes.csv", ())):
        rows = read_csv(CAT / name)
        sources = [f"{f}_source" for f in texts] + ["confidence_source"]
        fields = [k for k in rows[0] if k not in sources] + sources
        write(CAT / name, [with_source(r, *texts) for r in rows], fields)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    build_current()
    build_old("measures-pna-2019-2021.csv", "pna-2019-2021")
    build_old("measures-pna-2014-2016.csv", "pna-2014-2016")
    build_timeline()
    build_related()
    build_notes()
    if MISSING:
        print("Pas de traduction française pour (ajoutez-la dans tools/catalogue_fr.py) :", file=sys.stderr)
        for text in dict.fromkeys(MISSING):
            print(f"  - {text}", file=sys.stderr)
        sys.exit(1)
    flush()
