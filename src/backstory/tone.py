"""Target-dependent tone: how a sentence speaks of one of the people or groups in it.

A sentence's overall sentiment is not its tone toward each party: in "Rebels shelled the town,
killing the mayor" the rebels are cast as doers of harm and the mayor as its victim. So the
features are centred on the target mention: the words governing it up the dependency tree, the
words modifying it, the words near it, its grammatical role times the polarity of its verb,
whether it sits inside a quotation, plus the sentence's words. Word polarity comes from the
VADER lexicon (shipped in the vaderSentiment package, MIT licence); the weights of a small
softmax regression over these features are trained on NewsMTSC by ``eval/train_tone.py`` and
shipped in ``data/framing/tone_weights.tsv``.

Proper nouns are left out of the word features on purpose: the model must learn how a
sentence speaks of someone, not which names its training corpus liked.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.tokens import Span, Token

WEIGHTS = Path(__file__).parent / "data" / "framing" / "tone_weights.tsv"
LABELS = ("negative", "neutral", "positive")
WINDOW = 4                       # tokens either side of the target counted as its neighbourhood
GOVERNOR_DEPTH = 4               # heads above the target whose words describe what it does or undergoes
NEGATION_FLIP = -0.74            # a negated word keeps some of its force in the other direction (VADER's factor)
VALENCE_SCALE = 4.0              # VADER valences run from -4 to 4
QUOTES = '"“”'
ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "attr")
VERB_COMPLEMENT_DEPS = ("dobj", "acomp", "attr", "xcomp", "ccomp")


@functools.lru_cache(maxsize=1)
def valence_lexicon() -> dict[str, float]:
    """VADER's word valences, read from the file the vaderSentiment package ships."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    lexicon = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) >= 2:
            lexicon[cells[0]] = float(cells[1])
    return lexicon


def target_features(context: Span, target: Span, valence: dict[str, float]) -> Counter[str]:
    """Features of ``target`` (a mention) as ``context`` (its sentence) speaks of it."""
    features: Counter[str] = Counter(bias=1.0)
    inside = range(target.start, target.end)
    others = [t for t in context if t.i not in inside]
    _add_words(features, "s", others, valence)
    near = [t for t in context.doc[max(context.start, target.start - WINDOW):min(context.end, target.end + WINDOW)]
            if t.i not in inside]
    _add_words(features, "w", near, valence)
    modifiers = [t for t in target.root.subtree if t.i not in inside]
    _add_words(features, "m", modifiers, valence)
    _add_governors(features, target.root, valence)
    _add_role(features, target, valence)
    if _inside_quotes(context, target):
        features["in_quote"] = 1.0
    if any(t.text in QUOTES for t in context):
        features["has_quote"] = 1.0
    if target.root.pos_ == "PRON":
        features["pronoun"] = 1.0
    return features


def _add_words(features: Counter[str], prefix: str, tokens: list[Token], valence: dict[str, float]) -> None:
    """Each word once (``prefix:lemma``), and the summed positive and negative valence."""
    for token in tokens:
        word = _word(token)
        if word:
            features[f"{prefix}:{word}"] = 1.0
        polarity = token_valence(token, valence)
        if polarity > 0:
            features[f"lex_{prefix}_pos"] += polarity
        elif polarity < 0:
            features[f"lex_{prefix}_neg"] -= polarity


def _word(token: Token) -> str | None:
    if token.pos_ == "PROPN" or token.is_punct or token.is_space or token.like_num:
        return None
    return token.lemma_.lower()


def token_valence(token: Token, valence: dict[str, float]) -> float:
    """The word's VADER valence in [-1, 1], flipped when the word or its verb is negated."""
    value = valence.get(token.lower_)
    if value is None:
        value = valence.get(token.lemma_.lower(), 0.0)
    if value and _negated(token):
        value *= NEGATION_FLIP
    return value / VALENCE_SCALE


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    # "is not corrupt", "did not win support": the negation hangs on the verb above.
    return token.dep_ in VERB_COMPLEMENT_DEPS and any(c.dep_ == "neg" for c in token.head.children)


def _add_governors(features: Counter[str], root: Token, valence: dict[str, float]) -> None:
    """The target's relation to its head, and the content words above it up to the clause."""
    head = root.head
    features[f"dep:{root.dep_}"] = 1.0
    features[f"hd:{root.dep_}:{head.lemma_.lower()}"] = 1.0
    if root.dep_ == "pobj":
        features[f"prep:{head.lower_}"] = 1.0
    node = root
    for _ in range(GOVERNOR_DEPTH):
        if node.head is node:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            features[f"a:{node.lemma_.lower()}"] = 1.0
            polarity = token_valence(node, valence)
            if polarity > 0:
                features["lex_a_pos"] += polarity
            elif polarity < 0:
                features["lex_a_neg"] -= polarity


def _add_role(features: Counter[str], target: Span, valence: dict[str, float]) -> None:
    """The polarity of what the target does (as subject) or undergoes (as object)."""
    root = target.root
    if root.dep_ not in ARGUMENT_DEPS:
        return
    verb = root.head
    if root.dep_ == "pobj" and verb.head is not verb:
        verb = verb.head  # "attacked by X", "blamed on X": the preposition's verb
    inside = range(target.start, target.end)
    complements = [c for c in verb.children if c.dep_ in VERB_COMPLEMENT_DEPS
                   and not any(t.i in inside for t in c.subtree)]
    polarity = token_valence(verb, valence) + sum(token_valence(c, valence) for c in complements)
    role = "subj" if root.dep_ == "nsubj" else "obj"
    features[f"role_{role}_val"] = polarity


def _inside_quotes(context: Span, target: Span) -> bool:
    before = context.doc[context.start:target.start].text  # Doc.text would join the whole document
    return sum(before.count(q) for q in QUOTES) % 2 == 1


@dataclass(frozen=True)
class ToneModel:
    """Softmax regression weights per feature, one per label in ``LABELS`` order."""

    weights: dict[str, tuple[float, ...]]
    valence: dict[str, float]

    @classmethod
    @functools.lru_cache(maxsize=2)
    def load(cls, path: Path = WEIGHTS) -> "ToneModel":
        weights = {}
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or not line.strip():
                    continue
                name, *values = line.rstrip("\n").split("\t")
                weights[name] = tuple(float(v) for v in values)
        return cls(weights=weights, valence=valence_lexicon())

    def probabilities(self, context: Span, target: Span) -> tuple[float, ...]:
        scores = [0.0] * len(LABELS)
        for name, value in target_features(context, target, self.valence).items():
            for k, weight in enumerate(self.weights.get(name, ())):
                scores[k] += weight * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        return tuple(e / sum(exps) for e in exps)

    def label(self, context: Span, target: Span) -> str:
        probabilities = self.probabilities(context, target)
        return LABELS[probabilities.index(max(probabilities))]

    def tone(self, context: Span, target: Span) -> float:
        """Tone toward the target in [-1, 1]: P(positive) - P(negative)."""
        negative, _, positive = self.probabilities(context, target)
        return positive - negative
