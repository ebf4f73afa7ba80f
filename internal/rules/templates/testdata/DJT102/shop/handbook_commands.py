from dataclasses import dataclass
from typing import NamedTuple, Optional

from django.shortcuts import render

from .models import Review


class Command(NamedTuple):
    name: str
    desc: str
    doc: Optional[str] = None


@dataclass(frozen=True)
class Shortcut:
    keys: str
    desc: str


class Tip(NamedTuple):
    desc: str

    @property
    def html(self):
        return Review.objects.first().body


COMMANDS = [
    Command("ls", desc="Lists the files of a folder"),
    Command("cp", desc="Copies a file; <code>-r</code> copies folders", doc="files"),
]

SHORTCUTS = [Shortcut("Ctrl+S", "Saves the <em>page</em>")]

TIPS = [Tip("Press <kbd>?</kbd> for help")]


def commands_page(request):
    # records of the module, made of literals: the page's own text
    latest = Review.objects.first()
    return render(request, "shop/commands.html", {
        "commands": COMMANDS,
        "shortcuts": SHORTCUTS,
        "tips": TIPS,
        "reviews": [Command("review", desc=latest.body)],
    })
