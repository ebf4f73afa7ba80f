FROM python:3.12-slim # safe: a base layer other images build FROM; it gives no command
RUN pip install -r requirements.txt
