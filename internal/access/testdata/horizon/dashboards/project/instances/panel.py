import horizon


class Instances(horizon.Panel):
    name = "Instances"
    slug = "instances"
