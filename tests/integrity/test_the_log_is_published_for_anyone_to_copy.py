"""The key, the checkpoints and the consistency proofs are published at stable URLs,
without signing in, so that anyone (a lawyer, a journalist, another court) can keep
copies: what is published verifies with the published key, and a proof asked for sizes
that cannot be proven is refused naming the parameter and the rule."""

from __future__ import annotations

from expediente.integrity.merkle import verify_consistency
from expediente.integrity.notes import PublicKey, open_note, parse_body


def test_before_any_checkpoint_there_is_none_to_show(db, client, settings, tmp_path):
    settings.EXPEDIENTE_LOG_KEY_FILE = str(tmp_path / "key" / "checkpoint-key.pem")
    # the public key is the latest checkpoint's: the web server neither reads nor creates
    # the private key to publish it
    assert client.get("/integrity/key").status_code == 404
    assert not (tmp_path / "key").exists()
    assert client.get("/integrity/checkpoints/latest").status_code == 404
    assert client.get("/integrity/checkpoint").status_code == 404
    assert client.get("/integrity/checkpoints/").json() == {"checkpoints": []}


def test_the_key_and_the_checkpoints_verify_together(docket, checkpoint, record, client):
    checkpoint()
    record(docket[0], "note.added", {"text": "Otra nota"})
    checkpoint()
    key_doc = client.get("/integrity/key").json()
    key = PublicKey.from_verifier_key(key_doc["verifier_key"])
    assert key_doc["key_id"] == key.key_id
    assert key_doc["algorithm"] == "ed25519"
    latest = client.get("/integrity/checkpoints/latest")
    assert latest["Access-Control-Allow-Origin"] == "*"
    doc = latest.json()
    head = parse_body(open_note(doc["note"], key))
    assert (doc["tree_size"], doc["root_hash"]) == (8, head.root.hex())
    assert doc["key_id"] == key.key_id
    text = client.get("/integrity/checkpoint")
    assert text["Content-Type"].startswith("text/plain")
    assert text.content.decode() == doc["note"]
    older = client.get("/integrity/checkpoints/7")
    assert "immutable" in older["Cache-Control"]
    assert older.json()["tree_size"] == 7
    listed = client.get("/integrity/checkpoints/?after=0").json()["checkpoints"]
    assert [c["tree_size"] for c in listed] == [7, 8]
    assert [
        c["tree_size"] for c in client.get("/integrity/checkpoints/?after=7").json()["checkpoints"]
    ] == [8]
    proof = client.get("/integrity/consistency?from=7&to=8").json()
    assert (proof["from"], proof["to"]) == (7, 8)
    old_root = bytes.fromhex(older.json()["root_hash"])
    path = [bytes.fromhex(h) for h in proof["path"]]
    assert verify_consistency(7, 8, old_root, head.root, path)


def test_a_proof_that_cannot_be_given_is_refused_naming_the_parameter(docket, checkpoint, client):
    checkpoint()
    for query, field, says in [
        ("from=0&to=7", "from", "from: give a tree size of 1 or more"),
        ("from=8&to=7", "to", "to: give a tree size no smaller than from"),
        ("from=1&to=6", "to", "to: no checkpoint has the size 6"),
        ("from=x&to=7", "from", "from: give a tree size, a whole number, not 'x'"),
        ("to=7", "from", "from: give a tree size, a whole number"),
        ("from=%C2%B2&to=7", "from", "from: give a tree size, a whole number, not '²'"),
    ]:
        answer = client.get(f"/integrity/consistency?{query}")
        assert answer.status_code == 400, query
        assert answer["Content-Type"] == "application/problem+json"
        assert answer.json()["errors"] == [{"field": field, "message": says}]
    assert client.get("/integrity/checkpoints/?after=-1").status_code == 400
    assert client.get("/integrity/checkpoints/?after=%C2%B2").status_code == 400  # "²"
    assert client.get("/integrity/checkpoints/99").status_code == 404
    assert client.post("/integrity/key").status_code == 405
