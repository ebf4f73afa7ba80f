import ast
import json

from django.http import JsonResponse
from django.views import View


def calculate(request):
    expr = request.GET.get("expr", "0")
    if request.GET.get("literal"):
        return JsonResponse({"result": ast.literal_eval(expr)})  # safe: literal_eval
    result = eval(expr)  # want "request data \\(request.GET.get\\(.expr., .0.\\)\\) is run as Python code by eval"
    code = compile("total = " + expr, "<calc>", "exec")  # safe: compiling parses, it runs nothing
    exec(code)  # want "is run as Python code by exec"
    eval("1 + 1")  # safe: constant
    return JsonResponse({"result": result})


class FilterView(View):
    def post(self, request):
        body = json.loads(request.body)
        exec("rule = " + body["rule"])  # want "exec"
        return JsonResponse({})
