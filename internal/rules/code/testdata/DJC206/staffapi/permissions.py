from rest_framework.permissions import DjangoModelPermissions


class HasModelPermission(DjangoModelPermissions):
    # reading needs the view permission too
    perms_map = dict(DjangoModelPermissions.perms_map, GET=["%(app_label)s.view_%(model_name)s"])
