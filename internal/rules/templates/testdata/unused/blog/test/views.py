from django.shortcuts import render


def show_run(request):
    return render(request, "blog/legal/run_test.html", {})
