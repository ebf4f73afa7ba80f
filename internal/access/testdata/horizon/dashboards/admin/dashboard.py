import horizon


class Admin(horizon.Dashboard):
    name = "Admin"
    slug = "admin"
    permissions = ("openstack.roles.admin",)


horizon.register(Admin)
