"""Target-dependent tone: the model, the NewsMTSC-shaped scorer and `backstory eval tone`."""

from __future__ import annotations

import json

import pytest

from backstory import cli
from backstory.evaluate.tone import gold_label, macro_f1, score_tone
from backstory.nlp import load_model
from backstory.tone import WEIGHTS, ToneModel

from conftest import FIXTURES

SENTENCES = FIXTURES / "framing" / "tone_sentences.jsonl"


@pytest.fixture(scope="module")
def labelled():
    """(gold, predicted, tone, mention, sentence) for every target in the fixture sentences."""
    nlp, model = load_model(), ToneModel.load()
    rows = []
    for line in SENTENCES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = nlp(record["sentence_normalized"])
        for target in record["targets"]:
            span = doc.char_span(target["from"], target["to"])
            rows.append((gold_label(target["polarity"]), model.label(doc[:], span), model.tone(doc[:], span),
                         target["mention"], record["sentence_normalized"]))
    return rows


def test_macro_f1_averages_the_three_labels():
    gold = ["negative", "negative", "neutral", "positive"]
    predicted = ["negative", "neutral", "neutral", "positive"]
    score, per_label = macro_f1(gold, predicted)
    assert per_label == pytest.approx([2 / 3, 2 / 3, 1.0])
    assert score == pytest.approx((2 / 3 + 2 / 3 + 1.0) / 3)


def test_polarity_codes():
    assert [gold_label(p) for p in (2.0, 4.0, 6.0)] == ["negative", "neutral", "positive"]


def test_clear_sentences_get_their_tone(labelled):
    right = sum(gold == predicted for gold, predicted, *_ in labelled)
    assert right >= len(labelled) - 2


def test_tone_depends_on_the_target_not_the_sentence(labelled):
    by_mention = {mention: tone for _, _, tone, mention, sentence in labelled if "witness" in sentence}
    assert by_mention["the witness"] > 0 > by_mention["the defendant"]


def test_tones_are_in_range(labelled):
    assert all(-1 <= tone <= 1 for _, _, tone, *_ in labelled)


def test_score_tone_reports_macro_f1_per_label_and_the_vader_baseline():
    result = score_tone(SENTENCES)
    assert result["targets"] == 14 and result["sentences"] == 12
    assert result["macro_f1"] >= 0.8
    assert set(result["labels"]) == {"negative", "neutral", "positive"}
    assert 0 <= result["vader_macro_f1"] <= 1
    assert result["trained_on_this_file"] is False


def test_limit_scores_the_first_sentences():
    assert score_tone(SENTENCES, limit=3)["sentences"] == 3


def test_cli_eval_tone(capsys):
    assert cli.main(["eval", "tone", str(SENTENCES)]) == 0
    assert "macro-F1" in capsys.readouterr().out


def test_weights_carry_the_training_data_attribution():
    header = "".join(line for line in WEIGHTS.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
    assert "NewsMTSC" in header and "MIT" in header and "Hamborg" in header
    assert "Held-out" in header
