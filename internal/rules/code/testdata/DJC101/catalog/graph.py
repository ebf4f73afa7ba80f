import graphene
from django.http import JsonResponse

from .models import Product


class Query(graphene.ObjectType):
    product_names = graphene.List(graphene.String, prefix=graphene.String())

    def resolve_product_names(self, info, prefix=""):
        return [p.name for p in Product.objects.filter(name__startswith=prefix)]


schema = graphene.Schema(query=Query)

NAMES = """{ productNames(prefix: "%s") }"""


def names(request):
    # the prefix is formatted into the document: a client can add fields
    result = schema.execute(NAMES % request.GET.get("prefix", ""))  # want "GraphQL document built from request data \\(request.GET.get\\(.prefix., ..\\)\\) reaches schema.execute"
    return JsonResponse(result.data)


def names_with_variables(request):
    # safe: a constant document, the prefix passed as a variable
    result = schema.execute("query ($p: String) { productNames(prefix: $p) }", variables={"p": request.GET.get("prefix", "")})
    return JsonResponse(result.data)
