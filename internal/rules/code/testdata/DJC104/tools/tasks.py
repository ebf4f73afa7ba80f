import subprocess

from celery import shared_task


@shared_task
def render_video(name, quality):
    subprocess.run("ffmpeg -i uploads/%s.mov -q %d out.mp4" % (name, quality), shell=True)  # want "reaches subprocess.run\\(shell=True\\)"


@shared_task
def render_preset(preset):
    subprocess.run(["ffmpeg", "-preset", preset, "out.mp4"])  # safe: argument list
