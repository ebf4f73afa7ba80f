from django.urls import include, re_path

# A list of another name, which no URLconf of the project walks: what it
# includes stays a root, so that its views are still analysed.
urls = [
    re_path(r"^exports/", include("backoffice.urls.exports")),
]
