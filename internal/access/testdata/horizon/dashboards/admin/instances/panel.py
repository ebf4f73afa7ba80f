from dashboards.project.instances import panel as project_panel


class Instances(project_panel.Instances):
    name = "All instances"
