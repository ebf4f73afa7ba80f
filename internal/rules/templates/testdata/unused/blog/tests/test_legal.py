from django.template.loader import render_to_string


def test_clause_renders():
    assert "<b>" in render_to_string("blog/legal/clause_test.html", {"post": {"body": "<b>x</b>"}})


def test_privacy_renders():
    assert render_to_string("blog/legal/privacy.html", {"post": {"body": ""}}) is not None
