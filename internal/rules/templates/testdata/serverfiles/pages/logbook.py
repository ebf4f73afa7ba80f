from site.context_processors import VISITOR_LOG


def note_visit(request):
    with open(VISITOR_LOG, "a") as log:
        log.write(request.GET.get("name", "") + "\n")
