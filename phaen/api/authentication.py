from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """``Authorization: Bearer <token>`` (tokens from ``phaen create_api_token``)."""

    keyword = "Bearer"
