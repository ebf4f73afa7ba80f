def has_perm(user, perm, obj=None):
    if user.is_superuser:
        return True
    return user.has_perm(perm, obj)
