from .models import Switch


def member_or_admin(tool, user):
    """Is the user a member of the tool, or an administrator?"""
    if user.is_anonymous:
        return False
    return user.username in tool.members or user.is_superuser


def listed_for(tool, user):
    # looks alike: true for anyone when the tool is public
    return tool.public or user.username in tool.members


def maintenance_on():
    # the switch's row is made, off, by the first request that finds none
    try:
        return Switch.objects.first().on
    except AttributeError:
        Switch.objects.create(on=False)
        return False


def note_visit(label):
    # looks alike: the row made when none is found holds what the caller gave
    try:
        return Switch.objects.get(label=label).on
    except Switch.DoesNotExist:
        Switch.objects.create(on=False, label=label)
        return False
