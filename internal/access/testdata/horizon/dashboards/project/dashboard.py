import horizon


class Project(horizon.Dashboard):
    name = "Project"
    slug = "project"


horizon.register(Project)
