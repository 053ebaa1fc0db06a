"""French-aware text similarity for overlap suggestions (no download at run time).

Texts are folded (lower case, accents removed, ligatures split), French stop words are dropped and
words are lightly stemmed (plural and a few derivational endings), then compared with two TF-IDF
views fitted on the union of both sides: word unigrams+bigrams and character 3–5-grams inside
word boundaries (robust to the remaining morphology: « former » / « formation »). The similarity of
two texts is the mean of the two cosines. Shared themes (Jaccard index) are added with a weight.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from plans.normalize import fold

# A compact French stop-word list (function words + words that occur in nearly every title of
# this domain and carry no signal, e.g. « traite », « êtres », « humains », « plan »).
_STOP_WORDS_TEXT = """
a afin ai aie aient ainsi al ali alors apres au aucun aucune aupres aura aurai auront aussi autre
autres aux avaient avais avait avant avec avez aviez avoir avons ayant c ca car ce ceci cela celle
celles celui cependant certain certaine certaines certains ces cet cette ceux chacun chaque chez ci
comme comment concernant contre d dans de dedans dehors depuis des dessous dessus deux doit donc
dont du elle elles en encore entre es est et etaient etais etait etant ete etre eu eux fait faire
fois font hors ici il ils j je jusqu jusque l la le les leur leurs lors lorsque lui m ma mais me
meme memes mes moi moins mon n ne ni non nos notre nous o on ont ou par parce parmi pas pendant
peu peut plus plutot pour pourquoi qu quand que quel quelle quelles quels qui quoi s sa sans se
selon ses si sien soi soit son sont sous sur t ta tandis te tel telle telles tels tes toi ton tous
tout toute toutes tres tu un une unes uns vers via voici voila vos votre vous y
etc n° no dont cf notamment dite dit dits
traite etres etre humain humains plan national nationale nationaux nationales mesure mesures
action actions lutte lutter titre tronque
"""
FRENCH_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_TOKEN = re.compile(r"[a-z0-9]+")
# Longest first; a suffix is removed only if at least 4 characters remain.
_SUFFIXES = ("issements", "issement", "ements", "ement", "ations", "ation", "ateurs", "ateur", "atrices",
             "atrice", "ements", "ences", "ence", "ances", "ance", "ites", "ite", "iques", "ique", "ives",
             "ive", "ifs", "if", "euses", "euse", "eurs", "eur", "ees", "ee", "es", "er", "s", "x", "e")


# Domain equivalences applied to folded words before stemming (acronyms expanded, synonyms merged).
SYNONYMS = {
    "reference": "orientation",  # « mécanisme national de référence » = « … d'orientation » (NRM)
    "mniop": "mecanisme identification orientation protection",
    "nrm": "mecanisme orientation",
    "jop": "jeux olympiques paralympiques",
    "teh": "traite",
    "mineurs": "enfants",
    "mineur": "enfant",
}


def stem(word: str) -> str:
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            return word[: -len(suf)]
    return word


def tokens(text: str | None) -> list[str]:
    """Folded, stop-word-free, stemmed tokens of a French text (elisions « l'», « d'» dropped)."""
    out = []
    for raw in _TOKEN.findall(fold(text)):
        for w in SYNONYMS.get(raw, raw).split():
            if w in FRENCH_STOP_WORDS or len(w) < 2:
                continue
            out.append(stem(w))
    return out


def normalise(text: str | None) -> str:
    return " ".join(tokens(text))


def _vectorisers():
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(analyzer="word", token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True,
                            min_df=1, lowercase=False, dtype=np.float32)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1,
                            lowercase=False, dtype=np.float32)
    return words, chars


def similarity(queries: Sequence[str], targets: Sequence[str]) -> np.ndarray:
    """Dense (len(queries) × len(targets)) text-similarity matrix in [0, 1]."""
    if not len(queries) or not len(targets):
        return np.zeros((len(queries), len(targets)), dtype=np.float32)
    q = [normalise(t) for t in queries]
    t = [normalise(x) for x in targets]
    corpus = q + t
    sims = []
    for vec in _vectorisers():
        try:
            m = vec.fit_transform(corpus)  # rows are L2-normalised
        except ValueError:  # empty vocabulary (every text empty after normalisation)
            sims.append(np.zeros((len(q), len(t)), dtype=np.float32))
            continue
        sims.append((m[: len(q)] @ m[len(q):].T).toarray())
    return ((sims[0] + sims[1]) / 2).astype(np.float32)


def theme_sets(values: Sequence[str | None]) -> list[frozenset]:
    return [frozenset(x for x in (v or "").split(";") if x.strip()) for v in values]


def jaccard(a: Sequence[frozenset], b: Sequence[frozenset]) -> np.ndarray:
    """Pairwise Jaccard index of theme sets (0 where either side has no theme)."""
    vocab = sorted(set().union(*a, *b)) if (a or b) else []
    if not vocab:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    idx = {v: i for i, v in enumerate(vocab)}
    A = np.zeros((len(a), len(vocab)), dtype=np.float32)
    B = np.zeros((len(b), len(vocab)), dtype=np.float32)
    for i, s in enumerate(a):
        A[i, [idx[x] for x in s]] = 1
    for i, s in enumerate(b):
        B[i, [idx[x] for x in s]] = 1
    inter = A @ B.T
    union = A.sum(1)[:, None] + B.sum(1)[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(union > 0, inter / np.maximum(union, 1), 0).astype(np.float32)


TEXT_WEIGHT = 0.75
THEME_WEIGHT = 0.25


def combined_scores(query_texts, target_texts, query_themes=None, target_themes=None) -> np.ndarray:
    """Score = 0.75 × text similarity + 0.25 × Jaccard index of the theme sets (0 when a side has
    no theme). Without themes at all, the score is 0.75 × text similarity."""
    text = similarity(query_texts, target_texts)
    if query_themes is None or target_themes is None:
        return (TEXT_WEIGHT * text).astype(np.float32)
    jac = jaccard(theme_sets(query_themes), theme_sets(target_themes))
    return (TEXT_WEIGHT * text + THEME_WEIGHT * jac).astype(np.float32)


def top_k(scores: np.ndarray, k: int, min_score: float = 0.0) -> list[list[tuple[int, float]]]:
    """For each row, the best ``k`` (column, score) pairs with score ≥ min_score, best first."""
    out: list[list[tuple[int, float]]] = []
    if scores.size == 0:
        return [[] for _ in range(scores.shape[0])]
    k = min(k, scores.shape[1])
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    for i, cols in enumerate(part):
        row = sorted(((int(c), float(scores[i, c])) for c in cols), key=lambda x: (-x[1], x[0]))
        out.append([(c, s) for c, s in row if s >= min_score and s > 0])
    return out
