"""``toolkit align --embeddings``: the optional sentence-embedding bead score, with a tiny model made here.

The model is a sentence-transformers ``StaticEmbedding`` (mean of token vectors) over a bilingual
vocabulary of a few words in which a Chinese word's characters and its English translation share
one vector (天, 气 and weather), saved to a temporary folder: nothing is downloaded. The tests that
need sentence-transformers skip where the ``embeddings`` extra is not installed.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import run_cli
from toolkit.errors import ConfigError

# A 1-2 bead that length alone gets wrong: the short Chinese sentence about the weather has two
# English sentences about the weather, the long one about the cat a short one; by length the
# second weather sentence belongs with the cat.
ZH = ["那天的天气非常好，很暖和。", "窗台上那只小猫一直安静地看着楼下的行人。"]
EN = ["The weather was very good that day.", "Warm weather, at last.", "The cat watched the people below."]
GOLD = ["[0]:[0,1]", "[1]:[2]"]
CONCEPTS = [("天气", "weather"), ("猫", "cat"), ("河", "river"), ("山", "mountain"), ("书", "book")]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A saved sentence-transformers model whose translation pairs share a vector."""
    pytest.importorskip("sentence_transformers")
    np = pytest.importorskip("numpy")
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers import models as tok_models

    try:
        from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    except ImportError:  # sentence-transformers before 6
        from sentence_transformers.models import StaticEmbedding

    vocab = {"[UNK]": 0}
    rows = [np.zeros(len(CONCEPTS) + 1, dtype=np.float32)]
    for k, (zh, en) in enumerate(CONCEPTS):
        vec = np.zeros(len(CONCEPTS) + 1, dtype=np.float32)
        vec[k + 1] = 1.0
        for token in [*zh, en]:  # each Chinese character of the word, and the English word
            vocab[token] = len(vocab)
            rows.append(vec)
    tok = Tokenizer(tok_models.WordLevel(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(handle_chinese_chars=True, lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    model = SentenceTransformer(modules=[StaticEmbedding(tok, embedding_weights=np.stack(rows))], device="cpu")
    path = tmp_path_factory.mktemp("tiny-model")
    model.save(str(path))
    return path


def test_embeddings_align_a_bead_that_length_alone_gets_wrong(tiny_model):
    from toolkit.alignment.aligner import align
    from toolkit.alignment.embed import Embedder
    from toolkit.alignment.lexicon import Lexicon

    no_words = Lexicon({}, 1)
    by_length = [p.bead_line() for p in align(ZH, EN, lexicon=no_words, qa=False)]
    assert by_length != GOLD  # the case is a real one: length alone pairs "Warm weather" with the cat
    emb = Embedder(tiny_model)
    pairs = align(ZH, EN, lexicon=no_words, qa=False, embedder=emb)
    assert [p.bead_line() for p in pairs] == GOLD
    assert all(0.0 <= p.score <= 1.0 for p in pairs)


def test_cli_embeddings_end_to_end(tiny_model, tmp_path, capfd):
    from toolkit.cli import main

    z, e = tmp_path / "a.zh", tmp_path / "a.en"
    z.write_text("\n".join(ZH), encoding="utf-8")
    e.write_text("\n".join(EN), encoding="utf-8")
    out = tmp_path / "pairs.jsonl"
    # in this process: a second process would import torch again (seconds)
    assert main(["align", str(z), str(e), "--presplit", "--embeddings", str(tiny_model), "-o", str(out)]) == 0
    err = capfd.readouterr().err
    assert "2 pairs written" in err and "Loading weights" not in err
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(x["zh"], x["en"], x["beads"]) for x in recs] == [
        (ZH[0], f"{EN[0]} {EN[1]}", "1-2"), (ZH[1], EN[2], "1-1")]
    for x in recs:
        assert set(x) == {"schema_version", "doc", "zh", "en", "beads", "score", "origin", "flags"}
        assert 0.0 <= x["score"] <= 1.0 and x["origin"] == "parallel"


@pytest.mark.parametrize("what", ["missing", "not-a-model"])
def test_cli_unusable_model_path_is_bad_usage_naming_it(tmp_path, what):
    z, e = tmp_path / "a.zh", tmp_path / "a.en"
    z.write_text("\n".join(ZH), encoding="utf-8")
    e.write_text("\n".join(EN), encoding="utf-8")
    model = tmp_path / "no-such-model"
    if what == "not-a-model":
        model.mkdir()
        (model / "notes.txt").write_text("not a model", encoding="utf-8")
    r = run_cli("align", str(z), str(e), "--embeddings", str(model))
    assert r.returncode == 2, r.stderr
    assert str(model) in r.stderr and "Traceback" not in r.stderr and r.stdout == ""


def test_without_sentence_transformers_the_message_says_what_to_install(tmp_path, monkeypatch):
    from toolkit.alignment.embed import Embedder

    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails as if not installed
    with pytest.raises(ConfigError) as exc:
        Embedder(tmp_path)
    assert "pip install 'zh-mt-toolkit[embeddings]'" in str(exc.value) and str(tmp_path) in str(exc.value)


def test_a_model_that_fails_to_load_is_a_config_error(tiny_model, tmp_path):
    from toolkit.alignment.embed import Embedder

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "modules.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot load the sentence-embedding model"):
        Embedder(broken)
