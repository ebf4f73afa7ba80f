import asyncio
import os
from pathlib import Path

from django.conf import settings
from django.http import JsonResponse

PLUGIN_DIR = Path(settings.BASE_DIR) / "plugins"


def upload_plugin(request):
    name = os.path.basename(request.POST["name"])
    target = os.path.join(settings.BASE_DIR, "plugins", name + ".py")
    with open(target, "w") as fh:
        fh.write(request.POST["source"])  # want "is run as Python code by fh.write"
    (PLUGIN_DIR / "hooks.py").write_text(request.POST["hooks"])  # want "write_text"
    return JsonResponse({"ok": True})


def save_notes(request):
    with open(os.path.join(settings.MEDIA_ROOT, "notes.txt"), "w") as fh:
        fh.write(request.POST["notes"])  # safe: a text file nobody imports
    with open(os.path.join(settings.BASE_DIR, "plugins", "enabled.py")) as fh:
        fh.write(request.POST["notes"])  # safe: opened for reading (write would fail)
    Path(settings.MEDIA_ROOT, "notes.md").write_text(request.POST["notes"])  # safe: markdown
    return JsonResponse({"ok": True})


async def run_async(request):
    loop = asyncio.get_running_loop()
    code = request.POST["code"]
    await loop.run_in_executor(None, exec, code)  # want "is run as Python code by exec"
    await loop.run_in_executor(None, print, code)  # safe: print runs nothing
    await asyncio.to_thread(eval, request.POST["expr"])  # want "by eval"
    return JsonResponse({"ok": True})
