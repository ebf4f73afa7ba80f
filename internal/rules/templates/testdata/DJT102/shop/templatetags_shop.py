from django import template

register = template.Library()


@register.inclusion_tag("shop/rating.html")
def rating(review):
    return {"review": review}
