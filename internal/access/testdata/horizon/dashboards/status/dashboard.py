import horizon


class Status(horizon.Dashboard):
    name = "Status"
    slug = "status"
    public = True


horizon.register(Status)
