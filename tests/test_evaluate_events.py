"""The event scorer, with a fake coder reading its answers from tests/fixtures/events/."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from backstory.evaluate.events import (
    answering_event,
    country_matches,
    format_report,
    gold_type,
    main,
    score_events,
    text_matches,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"
GOLD = FIXTURES / "gold.jsonl"
PLOVER_GSR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "plover-gsr.jsonl"


@pytest.fixture(scope="module")
def fake_coder():
    answers = json.loads((FIXTURES / "predicted.json").read_text(encoding="utf-8"))
    return lambda text: answers.get(text, [])


@pytest.fixture(scope="module")
def result(fake_coder):
    return score_events(GOLD, fake_coder)


def test_recall_counts_the_gold_type_anywhere_among_the_predictions(result):
    assert result["event_sentences"] == 4
    assert result["recall"] == 0.75                    # the protest-for-accusation sentence is missed


def test_precision_strict_and_per_sentence(result):
    # 4 of 7 predicted events have their sentence's gold type; the one on a non-event sentence counts as wrong.
    assert result["precision"] == round(4 / 7, 3)
    # The most confident event is right in 3 of the 5 sentences with any prediction.
    assert result["sentence_precision"] == 0.6
    assert result["top_accuracy"] == 0.75


def test_per_type_recall_and_confusion(result):
    assert result["per_type"]["ACCUSE"] == {"gold": 1, "recall": 0.0, "top": 0.0}
    assert result["per_type"]["ASSAULT"]["top"] == 1.0     # the assault outranks the weaker accusation
    assert result["confusion"]["ACCUSE"] == {"PROTEST": 1}
    assert result["confusion"]["NONE"] == {"NONE": 1, "THREATEN": 1}


def test_non_event_sentences_should_be_left_empty(result):
    assert result["non_events"] == {"sentences": 2, "left_empty": 0.5}


def test_actor_agreement_by_country_and_by_text(result):
    source, target = result["actors"]["source"], result["actors"]["target"]
    # Codes: CHL, IGO (matched by sector) and the legacy CAMEO JAP (matched as JPN); the rebels have no code.
    assert (source["coded"], source["country"]) == (3, 1.0)
    assert (source["named"], source["text"]) == (4, 1.0)
    assert (target["coded"], target["country"]) == (3, round(2 / 3, 3))
    assert (target["named"], target["text"]) == (3, round(2 / 3, 3))


def test_misses_are_kept_for_the_report(result):
    assert [m["id"] for m in result["misses"]] == ["own-3", "own-6"]


def test_limit_scores_only_the_first_lines(fake_coder):
    assert score_events(GOLD, fake_coder, limit=2)["sentences"] == 2


def test_gold_labels_null_and_none_mean_no_event():
    assert gold_type({"event": None}) == gold_type({"event": "NONE"}) == "NONE"
    assert gold_type({"event": "assault"}) == "ASSAULT"


def test_answering_event_prefers_the_gold_type_then_confidence():
    events = [{"type": "ACCUSE", "confidence": 0.9}, {"type": "ASSAULT", "confidence": 0.2},
              {"type": "ASSAULT", "confidence": 0.6}]
    assert answering_event(events, "ASSAULT")["confidence"] == 0.6
    assert answering_event(events, "AID")["type"] == "ACCUSE"
    assert answering_event([], "AID") is None


def test_country_and_text_matching():
    assert country_matches("IGO", {"country": None, "sector": "IGO"})
    assert country_matches("ITL", {"country": "ITA", "sector": "GOV"})
    assert not country_matches("USA", {"country": None, "sector": "GOV"})
    assert text_matches("the  Red Cross", {"name": "Red Cross", "aliases": []})
    assert text_matches("ICRC", {"name": "International Committee of the Red Cross", "aliases": ["ICRC"]})
    assert not text_matches("", {"name": "Red Cross"})


def test_report_prints_rates_and_the_confusion_table(result):
    report = format_report(result)
    assert "type recall" in report and "75.0%" in report
    assert "confusion" in report and "PROTEST" in report
    assert "left empty" in report


def test_main_codes_with_the_pipeline_imported_lazily(monkeypatch, capsys, fake_coder):
    fake_pipeline = types.ModuleType("backstory.pipeline")
    fake_pipeline.code_sentence = fake_coder
    monkeypatch.setitem(sys.modules, "backstory.pipeline", fake_pipeline)
    assert main([str(GOLD), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["recall"] == 0.75


def test_module_imports_without_the_pipeline():
    code = "import sys, backstory.evaluate.events; print('backstory.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_plover_gsr_reads_as_gold():
    if not PLOVER_GSR.exists():
        pytest.skip("../shared/eval/plover-gsr.jsonl is not beside the repository")
    counted = score_events(PLOVER_GSR, lambda text: [], limit=20)
    assert counted["event_sentences"] == 20 and counted["recall"] == 0.0
