def member_or_admin(tool, user):
    """Is the user a member of the tool, or an administrator?"""
    if user.is_anonymous:
        return False
    return user.username in tool.members or user.is_superuser


def listed_for(tool, user):
    # looks alike: true for anyone when the tool is public
    return tool.public or user.username in tool.members
