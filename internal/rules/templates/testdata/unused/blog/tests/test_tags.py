from django.template import Context, Template


def test_promo():
    out = Template("{% load blog_tags %}{% promo %}").render(Context({"campaign": None}))
    assert "aside" in out
