"""Benchmark of overlap suggestions: 2,000 × 2,000 synthetic French-like items.

Run: ``.venv/bin/python benchmarks/bench_overlaps.py [--n 2000] [--repeat 3]``

Measures, best of ``--repeat`` runs:

1. baseline — a bare ``TfidfVectorizer`` fit on both sides + cosine (linear kernel) + top-3;
2. engine — ``plans.overlaps.text.combined_scores`` + ``top_k`` (French folding, stop words,
   stemming, word and character TF-IDF, theme Jaccard) on the same texts;
3. suggest — the public ``plans.overlaps.suggest`` on a temporary SQLite store holding two plans of
   ``n`` measures each (reads the store, builds both views, ranks);
4. refresh — ``refresh_suggestions`` writing the suggestions (first run) then a no-op rerun.

Target: ``suggest`` ≤ 10 s for 2,000 × 2,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plans.vocab import THEMES  # noqa: E402

VERBS = ["Créer", "Renforcer", "Développer", "Former", "Sensibiliser", "Améliorer", "Instituer", "Généraliser",
         "Étendre", "Soutenir", "Garantir", "Faciliter", "Mettre en place", "Évaluer", "Coordonner", "Prévenir"]
NOUNS = ["un mécanisme national d'identification", "la formation des professionnels", "les campagnes de prévention",
         "l'hébergement sécurisé des victimes", "les enquêtes financières", "la protection des mineurs",
         "un observatoire statistique", "la coopération européenne", "le repérage des victimes",
         "l'accès aux droits", "les contrôles de l'inspection du travail", "la confiscation des avoirs",
         "l'indemnisation des victimes", "les associations spécialisées", "le parcours de sortie de la prostitution",
         "la lutte contre la mendicité forcée", "les entreprises sous-traitantes", "un site internet dédié",
         "la journée européenne du 18 octobre", "les centres d'accueil des demandeurs d'asile"]
QUALIFIERS = ["dans les territoires d'outre-mer", "auprès des magistrats et enquêteurs", "pour les mineurs non accompagnés",
              "en lien avec la MIPROF", "d'ici 2025", "dans les zones rurales", "avec les collectivités",
              "pour les victimes d'exploitation par le travail", "en Île-de-France", "à l'échelle européenne",
              "pour les personnes étrangères", "dans le secteur de l'hôtellerie", "grâce aux plateformes numériques",
              "avec un budget dédié", "auprès du grand public", "dans les établissements scolaires"]


def synthetic(n: int, seed: int) -> tuple[list[str], list[str]]:
    rnd = random.Random(seed)
    texts, themes = [], []
    for _ in range(n):
        parts = [rnd.choice(VERBS), rnd.choice(NOUNS), rnd.choice(QUALIFIERS)]
        if rnd.random() < 0.5:
            parts += ["et", rnd.choice(NOUNS)]
        if rnd.random() < 0.3:
            parts.append(rnd.choice(QUALIFIERS))
        texts.append(" ".join(parts))
        themes.append(";".join(rnd.sample(THEMES, rnd.randint(1, 3))))
    return texts, themes


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def baseline(q: list[str], t: list[str], k: int = 3):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    m = TfidfVectorizer().fit_transform(q + t)
    sim = linear_kernel(m[: len(q)], m[len(q):])
    return np.argpartition(-sim, k - 1, axis=1)[:, :k]


def engine_only(q, t, qt, tt, k: int = 3):
    from plans.overlaps.text import combined_scores, top_k

    return top_k(combined_scores(q, t, qt, tt), k)


def build_store(folder: Path, q, t, qt, tt):
    from plans import schema as s
    from plans.db import make_engine, upgrade

    eng = make_engine(f"sqlite:///{folder / 'bench.db'}")
    upgrade(eng)
    with eng.begin() as conn:
        for pid, start in (("bench-a", dt.date(2024, 1, 1)), ("bench-b", dt.date(2019, 1, 1))):
            conn.execute(s.plans.insert().values(id=pid, kind="plan", title_fr=pid, tracked=True,
                                                 period_start=start, source_url="synthetic", confidence="synthetic"))
        rows = [{"plan_id": "bench-a", "ref": f"A{i:05d}", "kind": "measure", "title_fr": x, "themes": th,
                 "origin": "catalogue", "source_url": "", "confidence": ""} for i, (x, th) in enumerate(zip(q, qt, strict=True))]
        rows += [{"plan_id": "bench-b", "ref": f"B{i:05d}", "kind": "measure", "title_fr": x, "themes": th,
                  "origin": "catalogue", "source_url": "", "confidence": ""} for i, (x, th) in enumerate(zip(t, tt, strict=True))]
        conn.execute(s.measures.insert(), rows)
    return eng


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    q, qt = synthetic(args.n, 1)
    t, tt = synthetic(args.n, 2)
    import sklearn  # noqa: F401  (import cost excluded from every timing)

    base = best_of(lambda: baseline(q, t), args.repeat)
    core = best_of(lambda: engine_only(q, t, qt, tt), args.repeat)
    from plans import overlaps as ov
    from plans.access import CLI

    with tempfile.TemporaryDirectory() as tmp:
        eng = build_store(Path(tmp), q, t, qt, tt)
        full = best_of(lambda: ov.suggest(eng, "bench-a", top_k=3), args.repeat)
        t0 = time.perf_counter()
        written = ov.refresh_suggestions(eng, "bench-a", CLI)
        refresh_first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = ov.refresh_suggestions(eng, "bench-a", CLI)
        refresh_again = time.perf_counter() - t0
        eng.dispose()

    n = f"{args.n} × {args.n}"
    print(f"Overlap suggestions, {n} items, best of {args.repeat} (top-3)")
    print(f"  baseline TfidfVectorizer fit + cosine + top-3 : {base:7.2f} s")
    print(f"  engine (French TF-IDF words+chars + themes)   : {core:7.2f} s   ratio {core / base:5.1f}× baseline")
    print(f"  suggest() from the SQLite store               : {full:7.2f} s   ratio {full / base:5.1f}× baseline")
    print(f"  refresh_suggestions() first run ({written} rows) : {refresh_first:7.2f} s")
    print(f"  refresh_suggestions() rerun ({again} changes)     : {refresh_again:7.2f} s")
    ok = full <= 10
    print(f"  target suggest() ≤ 10 s : {'OK' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
