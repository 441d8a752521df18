"""Token-level precision/recall/F1 shared by the tests and eval/extraction.py."""

from backstory.clean.score import token_prf, tokens


def test_tokens_ignore_case_punctuation_and_layout():
    assert tokens("The U.N. said:\n\n“No.”") == ["the", "u", "n", "said", "no"]


def test_token_prf():
    assert token_prf("a b c", "a b c").f1 == 1.0
    score = token_prf("a b c d", "a b")
    assert (score.precision, score.recall) == (0.5, 1.0)
    assert token_prf("", "a").f1 == 0.0
    assert token_prf("", "").f1 == 1.0
    assert token_prf("a a", "a").precision == 0.5  # counts matter, not only the vocabulary
