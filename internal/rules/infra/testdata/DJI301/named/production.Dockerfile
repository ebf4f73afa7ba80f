FROM python:3.12-slim # want "the final image runs as root"
RUN pip install -r requirements/production.txt
CMD ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"]
