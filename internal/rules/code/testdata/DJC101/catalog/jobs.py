"""A client of the job queue and a thin database wrapper: both have an execute method."""
from django.db import connection
from django.http import HttpResponse


class JobQueue:
    def __init__(self, user):
        self.user = user
        self.pending = []

    def execute(self, job_id, choice):
        # hands the job to the worker queue: no SQL anywhere
        self.pending.append({"job": job_id, "choice": choice, "user": self.user.pk})
        return "queued"


class ReportDB:
    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)  # want "SQL query built from request data \\(request.POST.get\\(.where.\\)\\) reaches cursor.execute"
            return cursor.fetchall()


def approve(request):
    queue = JobQueue(request.user)
    result = queue.execute(request.POST.get("job"), request.POST.get("choice", ""))  # safe: the project's own method queues a job
    return HttpResponse(result)


def report_rows(request):
    db = ReportDB()
    rows = db.execute("SELECT * FROM catalog_product WHERE " + request.POST.get("where"))
    return HttpResponse(str(rows))
