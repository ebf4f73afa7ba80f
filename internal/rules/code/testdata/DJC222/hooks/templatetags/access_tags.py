from django import template

register = template.Library()


@register.tag
def ifcanedit(parser, token):
    # the words of {% ifcanedit for obj %}: the tag's syntax, no secret
    tag_token, for_token, target = token.split_contents()
    if tag_token != "ifcanedit" or for_token != "for":
        raise template.TemplateSyntaxError("expected: ifcanedit for obj")
    nodelist = parser.parse(("endifcanedit",))
    parser.delete_first_token()
    return CanEditNode(nodelist, target)


class CanEditNode(template.Node):
    def __init__(self, nodelist, target):
        self.nodelist, self.target = nodelist, target

    def render(self, context):
        token = context["request"].GET.get("token", "")
        if token == "edit-4f2a9c":  # want "token is compared with a 11-character literal"
            return self.nodelist.render(context)
        return ""
