import os
import shutil

from django.conf import settings

UPLOAD_DIR = os.path.join(settings.BASE_DIR, "uploads")


def store(uploaded):
    dest = os.path.join(UPLOAD_DIR, uploaded.name)
    with open(dest, "wb") as out:  # want "file path built from request data \\(request.FILES\\[.doc.\\]\\) reaches open; it is the upload's file name, which Django reduces to a base name"
        for chunk in uploaded.chunks():
            out.write(chunk)
    return dest


def store_safely(uploaded):
    dest = os.path.join(UPLOAD_DIR, os.path.basename(uploaded.name))
    with open(dest, "wb") as out:  # safe: basename
        for chunk in uploaded.chunks():
            out.write(chunk)


def remove(name):
    os.remove(os.path.join(UPLOAD_DIR, name))  # want "os.remove"
    shutil.rmtree(os.path.join(UPLOAD_DIR, name + ".d"))  # want "shutil.rmtree"


def unpack(uploaded):
    # the server's temporary copy of a large upload, which tempfile named
    path = uploaded.temporary_file_path()
    try:
        return read_manifest(path)
    finally:
        os.unlink(path)  # safe: tempfile's name in the upload folder


def unpack_named(uploaded):
    # looks alike: the name the client gave, joined to the temporary folder
    path = os.path.join(settings.FILE_UPLOAD_TEMP_DIR, uploaded.name + ".d")
    shutil.rmtree(path)  # want "shutil.rmtree"


def read_manifest(path):
    with open(path, "rb") as fh:
        return fh.read()
