import horizon


class Health(horizon.Panel):
    name = "Health"
    slug = "health"
