import os
import shlex
import subprocess


def archive(name):
    cmd = "tar czf /backups/%s.tgz /srv/data" % name
    return subprocess.check_output(cmd, shell=True)  # want "shell command built from request data \\(URL path parameter name\\)"


def archive_quoted(name):
    cmd = "tar czf /backups/%s.tgz /srv/data" % shlex.quote(name)
    return subprocess.check_output(cmd, shell=True)  # safe: shlex.quote


def run(program, *args):
    return subprocess.run([program, *args], capture_output=True)  # want "request.GET\\[.tool.\\]"
