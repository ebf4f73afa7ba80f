from jinja2.sandbox import SandboxedEnvironment


class LabelEnvironment(SandboxedEnvironment):
    """Renders the labels users design for their pages."""

    def is_safe_callable(self, obj):
        return super().is_safe_callable(obj) and not getattr(obj, "alters_data", False)


label_env = LabelEnvironment(autoescape=True)
