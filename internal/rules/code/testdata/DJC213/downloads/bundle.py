import io
import os
import shutil
import uuid
import zipfile


def bundle_with_readme(path, readme):
    tmp_dir = "/tmp/%s" % uuid.uuid4().hex
    os.mkdir(tmp_dir)
    readme_path = os.path.join(tmp_dir, "README.txt")
    with open(readme_path, "w") as f:
        f.write(readme)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.write(path, "package")
        zf.write(readme_path, "README.txt")
    shutil.rmtree(tmp_dir)
    return out


def drop_upload(upload_dir):
    shutil.rmtree(upload_dir)
