from pydantic import BaseModel, ConfigDict, Field


class ThirdPartyToken(BaseModel):
    service: str
    token_key: str = Field(examples=["b7e3c1d9-44a2-4f8e-9c61-2d5e8f0a7b34"])

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "service": "github-api-v1",
                "token_key": "5d91c2e7-8a3f-4b6e-a1d4-9f0c3e7b2a58",
            }
        }
    )


# not an example: the token the robot account signs in with
ROBOT_API_TOKEN = "f3Kq9ZmB2xRt7LwP4nVc8sYd6hJe1uGa"  # want "secret assigned to ROBOT_API_TOKEN"
