"""Token API.

Example response:

    {"access_token": "Q9tLm2Vx7RkP4wZs8NcJ", "token_type": "bearer"}
"""
import os


class TokenView:
    """Issues tokens.

        curl -H 'Authorization: Token 7f3kQ9zLm2Vx8RtP4wYc' https://shop.example/api/
    """

    def get(self):
        if os.environ.get("X"):
            """A string statement after a block's header is documentation too:
            refresh_token = "Zp8RkT2mQ7vLx4NcW9sJ"
            """
        fallback_token = "Hq4ZtP9mLx2RkV7wNc8s"  # want "secret assigned to fallback_token"
        return fallback_token

    def describe(self):
        return """Set token = "Wm7RkT2pQ9vLx4NcZ8sJ" in the header."""  # want "secret assigned to token"
