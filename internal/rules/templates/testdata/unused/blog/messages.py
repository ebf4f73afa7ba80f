from mailkit.message import MessageType  # renders a message type's templates by its own naming


class Welcome(MessageType):
    pass
