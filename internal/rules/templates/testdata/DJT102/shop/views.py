import difflib
import json
import random
from urllib.parse import urlencode

import nh3
from diff_match_patch import diff_match_patch
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, urlize
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, TemplateView

from .models import Product, Review
from .queries import SavedQuery
from .tables import OrderTable

SECTION = "catalogue"


def connect_vendor(request):
    state = request.GET.get("state", "")
    next_url = request.build_absolute_uri() + "?state=" + state
    install_url = "https://vendor.example/install?" + urlencode({"app_id": settings.VENDOR_APP_ID, "next": next_url})
    ctx = {"section": SECTION, "install_url": install_url}
    ctx["badge"] = format_html("<b>{}</b>", request.user.get_full_name())
    ctx["notice"] = escape(request.GET.get("msg", ""))
    ctx.update(support_html=settings.SUPPORT_HTML)
    ctx["bio_html"] = nh3.clean(request.user.profile.bio_html)
    ctx["motto_html"] = urlize(nh3.clean(request.user.profile.motto, tags={"a"}))
    ctx["tagline_html"] = urlize(request.user.profile.tagline)
    return render(request, "shop/connect.html", ctx)


def connect_help(request):
    # A known context without install_url: the link is empty there.
    return render(request, "shop/connect.html", {"section": SECTION})


def search(request):
    q = request.GET.get("q", "")
    ctx = {"query": q, "heading": format_html(q), "comments": request.user.comments.all()}
    ctx["c"] = "fixed"
    return render(request, "shop/search.html", ctx)


def order_note(request, order):
    return render(request, "shop/order_note_partial.html", {"order": order})


def order_card(order):
    return render_to_string("shop/order_card.html", {"order": order})


class Notifier:
    def tmpl(self, name, **ctx):
        return render_to_string(name, ctx).strip()

    def shipped(self, order):
        return self.tmpl("sms_order_shipped.html", order=order)

    def chat(self, order):
        return self.tmpl("chat_order_shipped.html", order=order)


def profile(request):
    # A local named settings is the user's, not django.conf's.
    settings = request.user.profile_settings
    return render(request, "shop/profile.html", {"signature": settings.signature_html})


class Badges:
    def stock_badge(self, product):
        return render_to_string("shop/stock_badge.html", {"product": product})


def tickets(request):
    q = request.GET.get("q", "")
    search_note = ""
    if q:
        search_note = _("<p><strong>Note:</strong> the search is case sensitive.</p>")
    ctx = {
        "search_note": search_note,
        "results_note": _("<p>Results for %s</p>") % q,
        "count_note": ngettext("<b>one</b> ticket", "<b>%(n)s</b> tickets", 2),
    }
    return render(request, "shop/tickets.html", ctx)


def add_order_note(request, pk):
    from .models import Order

    order = Order.objects.get(pk=pk, user=request.user)
    order.customer_note = request.POST["note"]
    order.save()
    return render(request, "shop/order_card.html", {"order": order})


class HelpPage(TemplateView):
    # No get_context_data: every key comes from TemplateView, which sets
    # neither panel_hint nor review.
    template_name = "shop/help_page.html"


class ReviewPage(DetailView):
    # DetailView puts the Review under "review", the name the card's
    # optional argument has.
    model = Review
    template_name = "shop/review_page.html"


def review_guide(request):
    return render(request, "shop/review_guide.html", {})


def product_picker(request):
    return render(request, "shop/product_picker.html", {
        "product_ids": json.dumps(list(Product.objects.filter(active=True).values_list("id", flat=True))),
        "product_names": json.dumps(list(Product.objects.values_list("name", flat=True))),
    })


def render_order_top(request, order):
    return render_to_string("shop/order_card.html", {"order": order}, request=request)


def order_heading(request):
    return "<h1>" + request.GET.get("heading", "") + "</h1>"


def order_page(request, pk):
    order = {"pk": pk}
    return render(request, "shop/order_page.html", {"top": render_order_top(request, order), "heading": order_heading(request)})


def order_title(order):
    return "{desc} #{num}".format(desc=order.description, num=order.pk)


def order_title_page(request, pk):
    order = load_order(pk)
    return render(request, "shop/order_title.html", {"title": order_title(order)})


def store_map(request):
    # keys, coordinates and dates hold no markup, whatever rows they come
    # from; a text column does
    stores = Product.objects.all()
    return render(request, "shop/store_map.html", {
        "coords": json.dumps({str(s.pk): s.location.coords for s in stores}),
        "days": json.dumps([s.created.strftime("%Y-%m-%d") for s in stores]),
        "codes": json.dumps([s.external_id for s in stores]),
    })


def order_changes(request, pk):
    # safe: difflib's HtmlDiff escapes every line of the table it makes
    order = load_order(pk)
    diff = difflib.HtmlDiff(wrapcolumn=80).make_table(order.previous.splitlines(), order.description.splitlines())
    return render(request, "shop/order_changes.html", {"diff": diff, "raw": order_diff_table(order), "pretty": pretty_diff(order), "plain": plain_diff(order)})


def pretty_diff(order):
    # safe: diff-match-patch's diff_prettyHtml escapes every piece it wraps
    dmp = diff_match_patch()
    return dmp.diff_prettyHtml(dmp.diff_main(order.previous, order.description))


def plain_diff(order):
    # looks alike: the diffs' own text, which nothing escapes
    dmp = diff_match_patch()
    return "".join(text for _, text in dmp.diff_main(order.previous, order.description))


def order_diff_table(order):
    # looks alike: a table of the project's own, which escapes nothing
    return OrderTable(order).make_table()


def query_preview(request, pk):
    import pygments
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import SqlLexer

    query = SavedQuery.objects.get(pk=pk)
    return render(request, "shop/query_preview.html", {
        # Pygments escapes the query it colours
        "preview": pygments.highlight(query.sql, SqlLexer(), HtmlFormatter()),
        "title": query.title,
    })


from .utils.encoding import htmlencode, title_or_escaped


def product_title(request, product):
    return render(
        request,
        "shop/product_title.html",
        {"title": htmlencode(product.title), "raw_title": title_or_escaped(product.title)},
    )


def preview_links(request, product):
    if request.method == "POST":
        context = product.preview_context()
        return JsonResponse(context)
    context = {"links_html": format_html('<a href="{}">{}</a>', product.get_absolute_url(), product.title)}
    return render(request, "shop/preview_links.html", context)


def preview_links_switched(request, product):
    context = {"links_html": format_html('<a href="{}">{}</a>', product.get_absolute_url(), product.title)}
    if request.GET.get("raw"):
        # looks alike: the branch replaces the context the render below is given
        context = product.preview_context()
    return render(request, "shop/preview_links_switched.html", context)


DONATE_URL = "https://donate.example.org/"
TIPS = (
    'We ship to <a href="/countries/">more than 40 countries</a>.',
    f'Like the shop? <a href="{DONATE_URL}?from=tip">Support it</a>.',
)


def tip_of_the_day(request):
    # one of the shop's own tips, with their links
    return render(request, "shop/tip.html", {"tip": random.choice(TIPS)})


def review_of_the_day(request):
    return render(request, "shop/review_tip.html", {"tip": random.choice([r.body for r in Review.objects.all()])})
