"""The pipeline as a whole: order, duplicates, languages, and one failing stage not losing the others."""

from __future__ import annotations

from backstory.pipeline import extract
from backstory.read import read_paths
from backstory.records import RawDocument
from backstory.settings import Settings

from conftest import SAMPLES


def test_a_document_given_twice_is_analysed_once(resources):
    sample = str(sorted(SAMPLES.glob("*.txt"))[0])
    first, second = extract(read_paths([sample, sample]), Settings(), resources)
    assert first.events and first.duplicate_of is None
    assert second.duplicate_of == first.id and second.events == []
    assert any("duplicate" in note for note in second.notes)


def test_non_english_is_cleaned_not_analysed(resources):
    text = ("El gobierno anunció el lunes nuevas medidas contra la inflación. Los sindicatos convocaron "
            "una huelga general para la próxima semana en todo el país, según fuentes oficiales.")
    (article,) = extract([RawDocument(source="es.txt", text=text)], Settings(), resources)
    assert article.language == "es" and article.events == [] and article.errors == []
    assert article.notes


def test_output_keeps_input_order_with_failures_between(resources):
    raws = [RawDocument(source="a", error="empty document"),
            *read_paths([str(p) for p in sorted(SAMPLES.glob("*.txt"))[:2]]),
            RawDocument(source="z", error="binary data, not text or HTML")]
    articles = list(extract(raws, Settings(), resources))
    assert [a.source for a in articles][0] == "a" and articles[-1].source == "z"
    assert [bool(a.errors) for a in articles] == [True, False, False, True]
