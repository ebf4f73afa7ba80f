FROM python:3.12-slim
ENV APP_ENV=development
CMD ["python3", "manage.py", "runserver", "0.0.0.0:8000"] # safe: the image says it is for development
