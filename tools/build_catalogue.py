"""Rebuild the CSV lists of plans/catalogue/ from ../shared/domain (the sourced facts).

Run from the repository root: ``python tools/build_catalogue.py [SHARED_DOMAIN_DIR]``.
The TOML plan definitions (plan.toml) are written by hand; this script only turns the
domain CSVs into the catalogue's lists, keeping every source URL and confidence label.
Nothing is invented: an empty cell stays empty (= unknown).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

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
# Axis assignment: exact axis label shared with an AX- row, else the row's own axis text.
AXIS_BY_TEXT_PREFIX = {"Protection and support of victims": "AX-protection",
                       "Economic and labour exploitation": "AX-labour"}

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


def write(path: Path, rows: list[dict], fields: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") or "" for k in fields})
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


MEASURE_FIELDS = ["ref", "official_number", "kind", "axis_ref", "axis_text", "title_fr", "title_en",
                  "lead_body", "actors_reported", "deadline_text", "carried_over_from", "carried_over_to",
                  "evidence_summary", "kind_as_reported", "source_url", "confidence"]
ASSESS_FIELDS = ["ref", "as_of", "status", "status_as_reported", "voice", "summary", "source_url", "confidence"]


def build_current() -> None:
    rows = read("measures-pna-2024-2027.csv")
    axes, measures, assessments = [], [], []
    axis_by_label = {}
    for r in rows:
        if r["kind"] == "axis":
            axes.append({"ref": r["ref"], "number": r["axis_number"], "label_fr": r["title_fr"],
                         "label_en": r["title_en"], "description": r["evidence_summary"],
                         "axis_text": r["axis_label"], "source_url": r["source_url"], "confidence": r["confidence"]})
            axis_by_label[r["axis_label"]] = r["ref"]
    for r in rows:
        if r["kind"] == "axis":
            continue
        kind = "related_action" if r["ref"] in ("F03a", "F03b") else (
            "commitment" if r["kind"].startswith("commitment") else "measure")
        axis_ref = axis_by_label.get(r["axis_label"], "")
        for prefix, ref in AXIS_BY_TEXT_PREFIX.items():
            if r["axis_label"].startswith(prefix):
                axis_ref = ref
        carried = r["carried_over_from"].replace("PNA2 M", "PNA2-M").split(" ")[0] if r["carried_over_from"] else ""
        if carried.startswith("PNA2-M") and len(carried) == 7:
            carried = "PNA2-M0" + carried[-1]
        measures.append({**r, "kind": kind, "kind_as_reported": r["kind"], "axis_ref": axis_ref,
                         "axis_text": r["axis_label"], "lead_body": LEAD.get(r["ref"], ""),
                         "carried_over_from": carried, "official_number": ""})
        if r["status_as_reported"]:
            assessments.append({"ref": r["ref"], "as_of": last_day(r["status_date"]),
                                "status": STATUS[r["status_as_reported"]],
                                "status_as_reported": r["status_as_reported"],
                                "voice": voice_of(r["status_source_url"]), "summary": r["evidence_summary"],
                                "source_url": r["status_source_url"], "confidence": r["confidence"]})
    d = CAT / "pna-2024-2027"
    write(d / "axes.csv", axes, ["ref", "number", "label_fr", "label_en", "axis_text", "description", "source_url", "confidence"])
    write(d / "measures.csv", measures, MEASURE_FIELDS)
    write(d / "assessments.csv", assessments, ASSESS_FIELDS)


def build_old(name: str, plan_dir: str) -> None:
    rows = read(name)
    measures, assessments = [], []
    for r in rows:
        measures.append({**r, "official_number": r["measure_number"], "axis_ref": f"AX-{r['axis_number']}" if r["axis_number"] else "",
                         "axis_text": r["axis_label"], "kind_as_reported": r["kind"],
                         "evidence_summary": r.get("cncdh_note", ""), "carried_over_to": (r.get("carried_over_to") or "").split(" ")[0]})
        if r.get("cncdh_status"):
            assessments.append({"ref": r["ref"], "as_of": "2023-01-12", "status": CNCDH[r["cncdh_status"]],
                                "status_as_reported": r["cncdh_status"], "voice": "independent",
                                "summary": f"Évaluation CNCDH du 2e plan : « {r['cncdh_status']} ». {r.get('cncdh_note', '')}".strip(),
                                "source_url": r["source_url"].split(" ; ")[0],
                                "confidence": "CNCDH rating confirmed; status code inferred from the rating"})
    axes = {}
    for r in rows:
        if r["axis_number"] and r["axis_label"]:
            axes[r["axis_number"]] = {"ref": f"AX-{r['axis_number']}", "number": r["axis_number"], "label_fr": r["axis_label"],
                                      "source_url": r["source_url"].split(" ; ")[0], "confidence": r["confidence"]}
    d = CAT / plan_dir
    write(d / "axes.csv", list(axes.values()), ["ref", "number", "label_fr", "label_en", "axis_text", "description", "source_url", "confidence"])
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
    order = {k: i for i, k in enumerate(dict.fromkeys(r["event_key"] for r in ann))}
    pres = [r for r in ann if r["event_key"] == "presentation-pna-2024-2027"]
    pres.sort(key=lambda r: {"2023-10-18": 1, "2023-10-12": 2}.get(r["timeline_date"], 3))
    for i, r in enumerate(pres, 1):
        r["seq"] = i
    ann.sort(key=lambda r: (order[r["event_key"]], r["seq"]))
    write(CAT / "pna-2024-2027" / "announcements.csv", ann,
          ["event_key", "seq", "subject", "measure_ref", "kind", "announced_on", "announced_on_text", "expected_text",
           "expected_iso", "expected_text_source", "held_on", "summary", "timeline_date", "timeline_date_text", "source_url", "confidence"])
    write(CAT / "events.csv", events, list(rows[0].keys()))


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


def build_related() -> None:
    rows = read("related-plans.csv")
    write(CAT / "related.csv", rows, list(rows[0].keys()))


if __name__ == "__main__":
    build_current()
    build_old("measures-pna-2019-2021.csv", "pna-2019-2021")
    build_old("measures-pna-2014-2016.csv", "pna-2014-2016")
    build_timeline()
    build_related()
