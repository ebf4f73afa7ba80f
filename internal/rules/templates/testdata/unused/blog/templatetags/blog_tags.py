from django import template

register = template.Library()


@register.inclusion_tag("blog/_teaser.html", takes_context=True)
def teaser(context):
    return {"teaser": context["post"].teaser}


@register.inclusion_tag("blog/_promo.html", takes_context=True)
def promo(context):
    # no template calls this tag any more
    return {"promo": context["campaign"].banner}


@register.inclusion_tag("blog/_badge.html", takes_context=True, name="author_badge")
def badge(context):
    return {"badge": context["post"].author.badge}
