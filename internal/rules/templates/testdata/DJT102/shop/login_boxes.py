from django.template import loader


def login_box(request):
    # the box is a template of the project, rendered with autoescaping
    t = loader.get_template("shop/login_box_inner.html")
    return t.render({"next": request.GET.get("next", "/")}, request)


def raw_box(request):
    return "<div>" + request.GET.get("next", "/") + "</div>"
