from .base import *  # noqa: F403
from .base import SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "django-insecure-dev-only-kennisplatform-jeugd"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
