FROM python:3.12-slim # safe: named for local use
RUN pip install -r requirements/local.txt
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
