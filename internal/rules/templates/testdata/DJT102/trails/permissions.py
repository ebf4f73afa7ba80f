def has_perm(user, perm, obj=None):
    # the project's own check: a model permission, or one on the row
    return user.has_perm(perm) or obj is not None and user.has_perm(perm, obj)
