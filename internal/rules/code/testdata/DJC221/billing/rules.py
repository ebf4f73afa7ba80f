from django.core.exceptions import PermissionDenied


def is_budget_owner(user, budget):
    return budget.owner == user


def budget_or_denied(user, budget):
    if budget.owner != user:
        raise PermissionDenied
    return budget


def log_access(user, budget):
    print(user, budget)
